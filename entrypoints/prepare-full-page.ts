/** Injected before a full-page screenshot: installs the page controller (lib/artifacts/page/full-page.ts). */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createFullPageController, type FullPageController } from '../lib/artifacts/page/full-page';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as { __atlosFullPage?: FullPageController };
  scope.__atlosFullPage?.restore(); // an earlier capture that never finished
  scope.__atlosFullPage = createFullPageController(document, window);
});

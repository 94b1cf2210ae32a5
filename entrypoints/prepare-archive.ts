/** Injected into every frame before saving MHTML: removes typed values and passwords (lib/artifacts/page/form-values.ts). */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { clearFormValues } from '../lib/artifacts/page/form-values';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as { __atlosFormValues?: ReturnType<typeof clearFormValues> };
  scope.__atlosFormValues?.restore();
  scope.__atlosFormValues = clearFormValues(document);
});

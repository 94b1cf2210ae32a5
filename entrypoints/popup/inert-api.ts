/**
 * A PopupApi for rendering the popup's opening state to HTML (render-shell.tsx, save-shell.tsx):
 * only what the App calls while rendering. Everything else is called from effects and handlers,
 * which never run there (`renderToString` runs none; save-shell unmounts before any can run).
 */
import type { PopupApi } from './api-types';

const whileRendering: Pick<PopupApi, 'chooserTarget' | 'optionsUrl'> = {
  chooserTarget: () => null,
  optionsUrl: () => 'options.html',
};

export const inertApi = whileRendering as PopupApi;

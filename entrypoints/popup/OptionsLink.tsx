import type { ComponentChildren } from 'preact';
import type { PopupApi } from './api-types';

/** A link to the extension's settings, opened as the options page (a tab) rather than inside the popup. */
export function OptionsLink({
  api,
  class: className,
  children,
}: {
  api: PopupApi;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <a
      class={className}
      href={api.optionsUrl()}
      onClick={(e) => {
        e.preventDefault();
        api.openOptions();
      }}
    >
      {children}
    </a>
  );
}

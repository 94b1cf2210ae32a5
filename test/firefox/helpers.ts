/**
 * Acting on extension pages in Firefox like a person: find controls by their accessible name
 * (label, legend, button text, role), type with the keyboard and click with the mouse (real
 * WebDriver BiDi input, so the click is a user gesture for `permissions.request`).
 *
 * Why not puppeteer's `::-p-aria()` / `::-p-text()`: on a moz-extension page reached by setting
 * `location.href` from an http page (fixtures.ts), puppeteer keeps the old document's sandbox
 * realm and those selectors time out; plain CSS selectors and `page.evaluate` work. So the name
 * lookup runs in the page, tags the element with `data-ff-ref`, and puppeteer acts on that CSS selector.
 */
import type { Page } from 'puppeteer-core';

export type Role = 'textbox' | 'combobox' | 'button' | 'checkbox' | 'status' | 'option' | 'link' | 'group';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until it returns something other than null/undefined/false, or throws after `timeout`. */
export async function poll<T>(
  read: () => Promise<T | null | undefined | false>,
  what: string,
  timeout = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      last = error; // e.g. the page is navigating
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(200);
  }
}

/**
 * CSS selector for the visible element with this role and accessible name (exact, or a regex
 * source with `regex: true`), inside the `within` group (a fieldset named by its legend) if given.
 */
export async function findByRole(
  page: Page,
  role: Role,
  name: string,
  options: { regex?: boolean; within?: string; timeout?: number } = {},
): Promise<string> {
  const ref = await poll(
    () =>
      page.evaluate(
        (role: string, name: string, regex: boolean, within: string | null) => {
          const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
          const matches = (value: string) => (regex ? new RegExp(name).test(value) : value === name);
          const accessibleName = (el: Element): string => {
            const labelledBy = el.getAttribute('aria-labelledby');
            if (labelledBy)
              return labelledBy
                .split(/\s+/)
                .map((id) => text(document.getElementById(id)))
                .join(' ');
            const label = el.getAttribute('aria-label');
            if (label) return label;
            if (el instanceof HTMLFieldSetElement) return text(el.querySelector('legend'));
            const labels = (el as HTMLInputElement).labels;
            if (labels && labels.length) return [...labels].map(text).join(' ');
            return text(el);
          };
          const selectors: Record<string, string> = {
            textbox:
              'input:not([type]):not([role]), input[type=text]:not([role]), input[type=url], input[type=password], input[type=search]:not([role]), textarea',
            combobox: '[role=combobox]',
            button: 'button, [role=button]',
            checkbox: 'input[type=checkbox]',
            status: '[role=status]',
            option: '[role=option]',
            link: 'a[href]',
            group: 'fieldset, [role=group]',
          };
          let scope: ParentNode = document;
          if (within) {
            const group = [...document.querySelectorAll('fieldset, [role=group]')].find(
              (g) => accessibleName(g) === within,
            );
            if (!group) return null;
            scope = group;
          }
          const visible = (el: Element) =>
            (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
          const found = [...scope.querySelectorAll(selectors[role]!)].find(
            (el) => visible(el) && (role === 'status' || matches(accessibleName(el))),
          );
          if (!found) return null;
          const w = window as unknown as { __ffRef?: number };
          if (!found.hasAttribute('data-ff-ref'))
            found.setAttribute('data-ff-ref', String((w.__ffRef = (w.__ffRef ?? 0) + 1)));
          return found.getAttribute('data-ff-ref');
        },
        role,
        name,
        options.regex ?? false,
        options.within ?? null,
      ),
    `${role} "${name}"`,
    options.timeout ?? 20_000,
  );
  return `[data-ff-ref="${ref}"]`;
}

/** Replaces a text field's content by typing, as a person would (select all, then type). */
export async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.click(selector);
  await page.evaluate((s: string) => (document.querySelector(s) as HTMLInputElement).select(), selector);
  await page.keyboard.press('Backspace');
  if (value) await page.keyboard.type(value);
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return page.evaluate(
    (s: string) => (document.querySelector(s)?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    selector,
  );
}

/** Waits until the element's text matches, and returns it. */
export async function waitForText(page: Page, selector: string, pattern: RegExp, timeout = 30_000): Promise<string> {
  let last = '';
  return poll(
    async () => {
      last = await textOf(page, selector);
      return pattern.test(last) ? last : null;
    },
    `${selector} to read ${pattern}`,
    timeout,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; it read: "${last}"`);
  });
}

/**
 * Connects a project through the options page: `Atlos URL`, `API token`, `Connect`, then `Connected`.
 * Then, unless `allSites` is false, accepts the all-sites offer with a real click on `Allow access to
 * all sites` (the fixtures' preference answers the prompt with "Allow"). Returns the connection status.
 */
export async function connectThroughOptions(
  options: Page,
  { url, token, allSites = true }: { url: string; token: string; allSites?: boolean },
): Promise<string> {
  const group = 'New connection';
  await fill(options, await findByRole(options, 'textbox', 'Atlos URL', { within: group }), url);
  await fill(options, await findByRole(options, 'textbox', 'API token', { within: group }), token);
  await options.click(await findByRole(options, 'button', 'Connect', { within: group }));
  const status = await findByRole(options, 'status', '', { within: group });
  const connected = await waitForText(options, status, /^Connected/);
  if (allSites) await acceptAllSitesOffer(options);
  return connected;
}

/** Clicks `Allow access to all sites` on the options page and waits until access is granted. */
export async function acceptAllSitesOffer(options: Page): Promise<void> {
  await options.click(await findByRole(options, 'button', 'Allow access to all sites'));
  await poll(
    () =>
      options.evaluate(
        () => (globalThis as any).browser.permissions.contains({ origins: ['<all_urls>'] }) as Promise<boolean>,
      ),
    'access to all sites',
  );
}

/**
 * THE STATE AFTER ACCEPTING the all-sites offer, for tests that do not connect (e.g. the artifact
 * hooks): the same `permissions.request({ origins: ['<all_urls>'] })` the offer makes, from a real
 * click on an extension page (a temporary button), answered "Allow" by the fixtures' preference.
 */
export async function grantAllSites(extensionPage: Page): Promise<void> {
  await extensionPage.evaluate(() => {
    const button = document.createElement('button');
    button.id = 'test-grant-all-sites';
    button.textContent = 'grant';
    button.style.cssText = 'position:fixed;top:0;left:0;z-index:99999';
    button.onclick = () => {
      void (globalThis as any).browser.permissions.request({ origins: ['<all_urls>'] }).finally(() => button.remove());
    };
    document.body.append(button);
  });
  await extensionPage.click('#test-grant-all-sites');
  await poll(
    () =>
      extensionPage.evaluate(
        () => (globalThis as any).browser.permissions.contains({ origins: ['<all_urls>'] }) as Promise<boolean>,
      ),
    'access to all sites',
  );
}

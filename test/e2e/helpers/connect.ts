/**
 * Connects a project through the options page, as a person would: fill `Atlos URL` and
 * `API token` in the `New connection` group, press `Connect`, wait for `Connected`.
 * The fixtures record the instance (or all sites) as granted, so Connect's permission request resolves
 * without a prompt; permissions.headed.spec.ts answers the real prompt.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export function newConnectionGroup(page: Page): Locator {
  return page.getByRole('group', { name: 'New connection' });
}

export async function fillConnectForm(page: Page, { url, token }: { url: string; token: string }): Promise<void> {
  const form = newConnectionGroup(page);
  await form.getByRole('textbox', { name: 'Atlos URL' }).fill(url);
  await form.getByLabel('API token', { exact: true }).fill(token);
  await form.getByRole('button', { name: 'Connect' }).click();
}

/** `page` is the options page (`openOptions()`). Resolves once the status says `Connected`. */
export async function connectProject(page: Page, { url, token }: { url: string; token: string }): Promise<void> {
  await fillConnectForm(page, { url, token });
  const form = newConnectionGroup(page);
  await expect(form.getByRole('status')).toContainText('Connected', { timeout: 20_000 });
  await expect(form.getByRole('alert')).toHaveCount(0);
}

// Used by `npm start` (test/sandbox/start.ts); kept apart so tests can import it without starting the sandbox.
import type { Page } from 'playwright-core';
import type { Standin } from '../standin/server.ts';

/**
 * Connects the sandbox browser to the stand-in through the options page, the way a person would
 * (README.md, "Connect to your Atlos project": `Atlos URL`, `API token`, `Connect`, then a status containing `Connected`).
 * Skips the form when the kept profile is already connected to this project on this stand-in.
 */
export async function connectSandbox(page: Page, standin: Standin): Promise<string> {
  const { name, code } = standin.projects.civ;
  const host = new URL(standin.url).host;
  await page.getByRole('textbox', { name: 'Atlos URL' }).waitFor();
  // The list of saved connections loads asynchronously after the form appears.
  const existing = page.getByRole('group', { name: `${name} (${code}) · ${host}` });
  if (
    await existing.waitFor({ timeout: 2_000 }).then(
      () => true,
      () => false,
    )
  ) {
    return `Already connected to ${code} on ${host} (the profile in .sandbox/profile keeps it).`;
  }
  await page.getByRole('textbox', { name: 'Atlos URL' }).fill(standin.url);
  await page.getByLabel('API token').fill(standin.tokens.civEdit);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 15_000 });
  return `Connected to project ${code} on ${standin.url} with the civEdit token.`;
}

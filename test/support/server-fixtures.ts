/**
 * Playwright fixtures shared by the Chromium (test/e2e) and Firefox (test/firefox) setups: a fresh
 * local Atlos stand-in per test and the static fixture-page server, each closed after the test.
 */
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { hostOrigin, PAGE_HOST } from './hosts.ts';

// The stand-in is imported lazily so the smoke tests run even without it.
type StandinModule = typeof import('../standin/server.ts');
export type StandinOptions = NonNullable<Parameters<StandinModule['startStandin']>[0]>;
export type Standin = Awaited<ReturnType<StandinModule['startStandin']>>;

export async function startStandin(options?: StandinOptions): Promise<Standin> {
  const module: StandinModule = await import('../standin/server.ts');
  return module.startStandin(options);
}

/** The `standin` fixture: configure with `test.use({ standinOptions: { incidents: 50, archiver: … } })`. */
export async function standinFixture(
  { standinOptions }: { standinOptions: StandinOptions },
  use: (standin: Standin) => Promise<void>,
) {
  const standin = await startStandin(standinOptions);
  try {
    await use(standin);
  } finally {
    await standin.close();
  }
}

/**
 * A `fixtureServer` fixture serving test/fixtures/pages/ (plus `options`' dynamic routes). Its `url` is
 * `http://news.site-a.test:PORT` (hosts.ts), so no grant for the stand-in's 127.0.0.1 covers the pages;
 * `ipUrl` keeps the 127.0.0.1 origin for the few requests made from Node.
 */
export function fixtureServerFixture(options?: Parameters<typeof startFixtureServer>[0]) {
  // Playwright reads a fixture's dependencies from its first parameter, so it must be a destructuring pattern.
  return async ({}, use: (server: FixtureServer) => Promise<void>) => {
    const server = await startFixtureServer(options);
    try {
      await use(Object.assign(server, { ipUrl: server.url, url: hostOrigin(PAGE_HOST, server.port) }));
    } finally {
      await server.close();
    }
  };
}

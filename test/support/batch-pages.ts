/**
 * Fixture pages of the batch tests (Chromium and Firefox): seven article tabs served by route, and
 * the static results page test/fixtures/pages/batch/results.html, whose selection holds 15 web
 * links: 3 name a page named before (fragment, trailing slash), so 12 distinct pages, plus one
 * `javascript:` link. The tests put one of them (/posts/11) in the incident beforehand: 11 remain.
 */
import type { FixtureServer } from '../fixtures/server.ts';

export const TAB_COUNT = 7;

/** Serves `/batch/tab-1.html` … `/batch/tab-7.html`; returns their URLs. */
export function serveBatchTabs(server: FixtureServer): string[] {
  return Array.from({ length: TAB_COUNT }, (_, i) => {
    const path = `/batch/tab-${i + 1}.html`;
    server.route(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report ${i + 1}</title></head>
<body style="margin:0;padding:24px;font:20px/1.5 sans-serif;background:hsl(${i * 50},70%,85%)">
<h1>Report ${i + 1}</h1><p>${'Witness statement. '.repeat(40)}</p></body></html>`);
    });
    return `${server.url}${path}`;
  });
}

export const resultsUrl = (server: FixtureServer) => `${server.url}/batch/results.html`;

/** What the results page's selection should become, in order: 12 distinct pages; the given one is already in the incident. */
export function expectedLinks(server: FixtureServer): { url: string; text: string }[] {
  const at = (path: string) => `${server.url}${path}`;
  return [
    { url: at('/posts/1'), text: 'Convoy on the northern road' },
    { url: at('/posts/2'), text: 'Market shelling, day two' },
    { url: at('/posts/3'), text: 'Hospital damage: comments' },
    { url: at('/posts/4/'), text: 'Bridge destroyed near the river' },
    { url: at('/posts/5'), text: 'Evacuation route closed' },
    { url: at('/posts/6'), text: 'Night strikes reported' },
    { url: at('/posts/7'), text: 'Aid trucks stopped' },
    { url: at('/posts/8?lang=en'), text: 'Eyewitness interview' },
    { url: at('/posts/9'), text: 'Satellite images of the depot' },
    { url: at('/posts/10'), text: 'Power station fire' },
    { url: at('/posts/11'), text: 'School used as shelter' },
    { url: at('/posts/12'), text: '' },
  ];
}

/** The link the tests file in the incident before the batch, as a colleague would. */
export const alreadyInIncident = (server: FixtureServer) => `${server.url}/posts/11`;

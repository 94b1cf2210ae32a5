import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { BOUNDS } from './bounds';
import { extractPageMetadata, normalisePublished } from './extract';

function load(file: string, url: string) {
  const html = readFileSync(resolve(process.cwd(), 'test/fixtures/pages/artifacts', file), 'utf8');
  const window = new HappyWindow({ url, innerWidth: 1280, innerHeight: 800 });
  window.document.write(html);
  return { window, document: window.document };
}

const asDom = (loaded: ReturnType<typeof load>) =>
  [loaded.document as unknown as Document, loaded.window as unknown as Window] as const;

describe('extractPageMetadata on a news article', () => {
  const url = 'https://news.example.org/world/2026/11/bridge-destroyed-kherson?utm=x';
  const { page, viewport, selection } = extractPageMetadata(...asDom(load('news-article.html', url)));

  it('reads the page facts', () => {
    expect(page.url).toBe(url);
    expect(page.title).toBe('Bridge destroyed near Kherson, satellite images show | Example News');
    expect(page.canonical_url).toBe('https://news.example.org/world/2026/11/bridge-destroyed-kherson');
    expect(page.description).toBe('Satellite images taken on 12 November show the collapsed span of the bridge.');
    expect(page.language).toBe('en-GB');
    expect(page.site_name).toBe('Example News');
    expect(page.published_at).toBe('2026-11-12T06:15:00.000Z');
  });

  it('takes the author from JSON-LD when no meta tag names one, joining several', () => {
    expect(page.author).toBe('Olena Kovalenko, Sam Reed');
  });

  it('keeps OpenGraph and Twitter tags as written, first value of a repeated property', () => {
    expect(page.opengraph).toEqual({
      'og:site_name': 'Example News',
      'og:title': 'Bridge destroyed near Kherson',
      'og:type': 'article',
      'og:url': 'https://news.example.org/world/2026/11/bridge-destroyed-kherson',
      'og:image': 'https://news.example.org/img/bridge.jpg',
      'article:published_time': '2026-11-12T08:15:00+02:00',
      'article:section': 'World',
      'twitter:card': 'summary_large_image',
      'twitter:site': '@examplenews',
    });
  });

  it('parses JSON-LD and skips invalid blocks', () => {
    expect(page.json_ld).toHaveLength(1);
    expect(page.json_ld[0]).toMatchObject({ '@type': 'NewsArticle', headline: 'Bridge destroyed near Kherson' });
  });

  it('reports viewport and no selection', () => {
    expect(viewport.width).toBe(1280);
    expect(viewport.height).toBe(800);
    expect(viewport.device_pixel_ratio).toBe(1);
    expect(selection).toBeNull();
  });
});

describe('extractPageMetadata on a social post', () => {
  const { page } = extractPageMetadata(
    ...asDom(load('social-post.html', 'https://social.example/field_reporter/status/123')),
  );

  it('falls back: language from content-language, author and date from a JSON-LD @graph', () => {
    expect(page.title).toBe('Post by @field_reporter');
    expect(page.language).toBe('uk');
    expect(page.description).toBe('Smoke rising over the port this morning. Video taken from the east bank.');
    expect(page.site_name).toBe('Social');
    expect(page.canonical_url).toBeNull();
    expect(page.author).toBe('Field Reporter');
    expect(page.published_at).toBe('2026-11-27T06:41:00.000Z');
    expect(page.opengraph['og:video']).toBe('https://video.social.example/v/123.mp4');
    expect(page.opengraph['twitter:creator']).toBe('@field_reporter');
  });
});

describe('extractPageMetadata on a hostile page', () => {
  const { page } = extractPageMetadata(...asDom(load('hostile-metadata.html', 'https://hostile.example/')));
  const serialized = JSON.stringify(page);

  it('bounds every string', () => {
    expect(page.title!.length).toBe(BOUNDS.title);
    expect(page.title!.endsWith('…')).toBe(true);
    expect(page.description!.length).toBe(BOUNDS.string);
    expect(page.language!.length).toBeLessThanOrEqual(100);
    expect(page.author).toBe('Normal Author');
  });

  it('keeps at most 100 meta entries and drops over-long property names', () => {
    expect(Object.keys(page.opengraph)).toHaveLength(BOUNDS.metaEntries);
    expect(Object.keys(page.opengraph).every((key) => key.length <= BOUNDS.metaKey)).toBe(true);
  });

  it('bounds JSON-LD: object count, total size, depth, string length', () => {
    expect(page.json_ld.length).toBeLessThanOrEqual(BOUNDS.jsonLdObjects);
    expect(JSON.stringify(page.json_ld).length).toBeLessThanOrEqual(BOUNDS.jsonLdTotalBytes);
    expect(page.json_ld.some((o) => (o as { '@type': string })['@type'] === 'Wide')).toBe(false); // alone over 100 kB
    let depth = 0;
    let node = (page.json_ld[0] as { nest: unknown }).nest as Record<string, unknown> | null;
    while (node && typeof node === 'object') {
      depth++;
      node = node.child as Record<string, unknown> | null;
    }
    expect(depth).toBeLessThan(BOUNDS.jsonLdDepth);
    const thing = page.json_ld.find((o) => (o as { name?: string }).name === 'object 0') as { description: string };
    expect(thing.description.length).toBe(BOUNDS.string);
    expect(serialized.length).toBeLessThan(150_000);
  });

  it('does not parse a JSON-LD script over the size limit', () => {
    const window = new HappyWindow({ url: 'https://hostile.example/' });
    const big = JSON.stringify({ '@type': 'Huge', pad: 'x'.repeat(BOUNDS.jsonLdScriptChars) });
    window.document.write(
      `<script type="application/ld+json">${big}</script><script type="application/ld+json">{"@type":"Small"}</script>`,
    );
    const { page: result } = extractPageMetadata(window.document as unknown as Document, window as unknown as Window);
    expect(result.json_ld).toEqual([{ '@type': 'Small' }]);
  });
});

describe('selection with context', () => {
  it('returns the selected text with up to 200 characters before and after', () => {
    const loaded = load('news-article.html', 'https://news.example.org/a');
    const [document, window] = asDom(loaded);
    const text = document.getElementById('lede')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 'Satellite images taken on '.length);
    range.setEnd(text, 'Satellite images taken on 12 November'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range as never);
    const { selection } = extractPageMetadata(document, window);
    expect(selection!.text).toBe('12 November');
    expect(
      selection!.prefix.endsWith('Bridge destroyed near Kherson, satellite images show Satellite images taken on '),
    ).toBe(true);
    expect(selection!.suffix.startsWith(' show the collapsed span')).toBe(true);
    expect(selection!.suffix.length).toBeLessThanOrEqual(BOUNDS.selectionContext);
    expect(selection!.prefix.length).toBeLessThanOrEqual(BOUNDS.selectionContext);
  });
});

describe('normalisePublished', () => {
  it('gives ISO when the value parses, else the raw value, else null', () => {
    expect(normalisePublished('2026-11-12')).toBe('2026-11-12T00:00:00.000Z');
    expect(normalisePublished('last Tuesday')).toBe('last Tuesday');
    expect(normalisePublished('3')).toBe('3');
    expect(normalisePublished('')).toBeNull();
    expect(normalisePublished(null)).toBeNull();
  });
});

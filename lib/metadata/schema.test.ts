import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { extractPageMetadata } from './extract';
import { buildCaptureMetadata, captureMetadataSchema, METADATA_SCHEMA } from './schema';

function metadataFor(html: string) {
  const window = new HappyWindow({ url: 'https://news.example.org/2026/11/12/bridge' });
  window.document.write(html);
  const { page, viewport } = extractPageMetadata(window.document as unknown as Document, window as unknown as Window);
  return buildCaptureMetadata({
    collected: {
      capturedAt: '2026-11-12T10:00:00.000Z',
      tool: { name: 'Atlos Capture', version: '0.1.0', browser: 'Chrome 156', user_agent: 'UA' },
      target: { kind: 'page', url: page.url, page_url: page.url },
      page,
      viewport,
      selection: null,
      artifacts: [],
      problems: [],
    },
    serverHashes: new Set(),
    archive: { requested: false, sourceMaterialId: null },
  });
}

describe('atlos-browser-capture/1 with the added page fields', () => {
  it('keeps author_url, dir, sources and article through validation, under the same schema name', () => {
    const paragraph =
      '<p>Satellite images taken on 12 November show the collapsed span of the bridge over the river. </p>';
    const metadata = metadataFor(
      `<html lang="uk" dir="rtl"><head><meta property="article:author" content="https://news.example.org/people/olena"></head>` +
        `<body><article><h1>Bridge</h1><p class="byline">By Olena Kovalenko</p>${paragraph.repeat(5)}</article></body></html>`,
    );
    const parsed = captureMetadataSchema.parse(JSON.parse(JSON.stringify(metadata)));
    expect(parsed.schema).toBe(METADATA_SCHEMA);
    expect(parsed.page).toMatchObject({
      author: 'Olena Kovalenko',
      author_url: 'https://news.example.org/people/olena',
      dir: 'rtl',
    });
    expect(parsed.page.sources).toMatchObject({
      author: 'readability',
      author_url: 'meta',
      dir: 'document',
      published_at: 'url',
    });
    expect(parsed.page.article!.text).toContain('Satellite images');
  });

  it('still accepts metadata written before these fields existed, and refuses an unknown source', () => {
    const older = JSON.parse(JSON.stringify(metadataFor('<title>x</title>')));
    for (const key of ['author_url', 'dir', 'sources', 'article']) delete older.page[key];
    expect(captureMetadataSchema.safeParse(older).success).toBe(true);
    older.page.sources = { author: 'guess' };
    expect(captureMetadataSchema.safeParse(older).success).toBe(false);
  });
});

/**
 * Walks an Atlos list (100 items a page, docs/atlos-api-behaviour.md §3) by following `next`. Cursors do not carry
 * the filters, so `fetchPage` must resend them with every cursor; they expire after 24 h and die
 * with the token. On a cursor error the walk restarts once from the first page, skipping items
 * already yielded, and then gives up with the cursor error.
 */
import { AtlosError, isAtlosError } from './errors.ts';

export interface Page<T> {
  results: T[];
  next: string | null;
  previous: string | null;
}

export type FetchPage<T> = (cursor: string | undefined) => Promise<Page<T>>;

export async function* paginate<T extends { id: string }>(fetchPage: FetchPage<T>): AsyncGenerator<T> {
  // Ids seen so far: used after a restart, and against duplicates Atlos itself can return
  // (`has_been_edited_by_id` is a plain join, docs/atlos-api-behaviour.md §5.2).
  const yielded = new Set<string>();
  let cursor: string | undefined;
  let restarted = false;
  for (;;) {
    let page: Page<T>;
    try {
      page = await fetchPage(cursor);
    } catch (error) {
      if (isAtlosError(error) && error.kind === 'cursor' && cursor !== undefined && !restarted) {
        restarted = true;
        cursor = undefined;
        continue;
      }
      throw error;
    }
    for (const item of page.results) {
      if (yielded.has(item.id)) continue;
      yielded.add(item.id);
      yield item;
    }
    if (!page.next) return;
    if (page.next === cursor) throw new AtlosError('unexpected', { detail: 'The list did not advance.' });
    cursor = page.next;
  }
}

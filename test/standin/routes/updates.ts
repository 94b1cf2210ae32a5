// GET /api/v2/updates and POST /api/v2/add_comment/:slug (docs/atlos-api-behaviour.md §2.9, §2.10).
import type { Update } from '../model.ts';
import { type CursorKey, paginate, verifyCursor } from '../cursor.ts';
import { BAD_CURSOR, denied, hasPermission, type RouteContext, type ApiResponse, success } from '../http.ts';
import { updateJson } from '../json.ts';
import { canComment, findIncident } from './common.ts';

const updateKey = (u: Update): CursorKey => [u.inserted_at, u.inserted_at, u.id];

export function listUpdates(ctx: RouteContext): ApiResponse {
  const { app, token, params } = ctx;
  let updates = app.store.updatesByProject.get(token.projectId ?? '') ?? [];
  if ('slug' in params) {
    const incident = findIncident(app, params.slug);
    if (!incident || incident.projectId !== token.projectId) return denied('media not found');
    updates = updates.filter((u) => u.media_id === incident.id);
  }
  if (!hasPermission(token, 'read')) return denied('api token not authorized to read updates');
  let after: CursorKey | null = null;
  if ('cursor' in params) {
    after = verifyCursor(params.cursor, token.value, app.clock.now());
    if (!after) return BAD_CURSOR;
  }
  const sorted = [...updates].sort((a, b) => b.inserted_at - a.inserted_at || (a.id < b.id ? 1 : -1));
  const page = paginate(sorted, updateKey, ['desc', 'desc', 'desc'], after, 100, token.value, app.clock.now());
  return { status: 200, body: { results: page.results.map(updateJson), next: page.next, previous: page.previous } };
}

const segmenter = new Intl.Segmenter();
export const graphemeLength = (text: string): number => [...segmenter.segment(text)].length;

export function addComment(ctx: RouteContext): ApiResponse {
  const { app, token, params } = ctx;
  const incident = findIncident(app, params.slug);
  if (!incident || incident.projectId !== token.projectId) return denied('incident not found');
  if (!canComment(app, token, incident)) return denied('api token not authorized to post comment');
  const message = params.message;
  if (message === undefined || message === null) return denied('message not provided');
  if (typeof message !== 'string') return denied({ explanation: 'is invalid' });
  if (message.trim() === '') return denied({ explanation: 'A comment is required to post' });
  if (graphemeLength(message) > 2500) return denied({ explanation: 'Updates cannot exceed 2500 characters.' });
  app.newUpdate(incident, { type: 'comment', explanation: message, api_token_id: token.id });
  return success();
}

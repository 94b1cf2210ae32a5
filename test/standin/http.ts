// Response values of route handlers and the crash signal that becomes an empty HTTP 500 (docs/atlos-api-behaviour.md §2.13).
import type { ApiToken } from './model.ts';
import type { Params } from './params.ts';
import type { UploadedFile } from './multipart.ts';
import type { App } from './app.ts';

export interface ApiResponse {
  status: number;
  /** JSON body; `undefined` means an empty body. */
  body?: unknown;
}

export interface RouteContext {
  app: App;
  token: ApiToken;
  params: Params;
  files: UploadedFile[];
}

export type RouteHandler = (ctx: RouteContext) => ApiResponse | Promise<ApiResponse>;

/** Thrown where Atlos raises inside an action: the client sees a 500 with an empty body. */
export class Crash extends Error {}

export function crash(reason: string): never {
  throw new Crash(reason);
}

export function success(result?: unknown): ApiResponse {
  return { status: 200, body: result === undefined ? { success: true } : { success: true, result } };
}

export function denied(error: unknown): ApiResponse {
  return { status: 401, body: { error } };
}

export const INVALID_TOKEN = 'invalid token or token not found';
export const BAD_CURSOR: ApiResponse = {
  status: 200,
  body: { error: 'unable to verify or parse pagination information' },
};

export function hasPermission(token: ApiToken, permission: 'read' | 'comment' | 'edit'): boolean {
  return token.isActive && token.permissions.includes(permission);
}

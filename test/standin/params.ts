// Plug-style parameter decoding: `a[]=1&a[]=2` lists, `a[b]=1` maps, later plain keys win (docs/atlos-api-behaviour.md §2.0, §5.1).

export type Params = Record<string, unknown>;

function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  for (const match of rest.matchAll(/\[([^\]]*)\]/g)) segments.push(match[1] ?? '');
  return segments;
}

function assign(target: Params, segments: string[], value: unknown): void {
  const [head, ...tail] = segments;
  if (head === undefined) return;
  if (tail.length === 0) {
    target[head] = value;
    return;
  }
  if (tail[0] === '' && tail.length === 1) {
    const current = target[head];
    if (Array.isArray(current)) current.push(value);
    else target[head] = [value];
    return;
  }
  let child = target[head];
  if (typeof child !== 'object' || child === null || Array.isArray(child)) {
    child = {};
    target[head] = child;
  }
  assign(
    child as Params,
    tail.filter((s, i) => !(s === '' && i < tail.length - 1)),
    value,
  );
}

/** Adds one decoded key/value pair to a params map with Plug's bracket rules. */
export function addParam(target: Params, key: string, value: unknown): void {
  assign(target, splitKey(key), value);
}

export function decodeForm(text: string): Params {
  const params: Params = {};
  if (text === '') return params;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    addParam(params, decode(rawKey), decode(rawValue));
  }
  return params;
}

export class BodyError extends Error {
  status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function isJsonType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

/** Parses a JSON body; a non-object top level lands under `_json` (Plug). Malformed → 400 before routing. */
export function decodeJsonBody(text: string): Params {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError(400, 'malformed JSON');
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Params;
  return { _json: value };
}

/** Query, then body, then path parameters; later sources override earlier ones. */
export function mergeParams(query: Params, body: Params, path: Params): Params {
  return { ...query, ...body, ...path };
}

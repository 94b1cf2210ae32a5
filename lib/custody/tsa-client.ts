/**
 * Asks an RFC 3161 TSA for a token over HTTP (RFC 3161 §3.4: POST `application/timestamp-query`,
 * answer `application/timestamp-reply`) and checks the reply before keeping it: granted, our
 * digest, our nonce. Every attempt has a time limit.
 */
import { equalBytes } from './bytes.ts';
import { buildTimestampRequest, imprintMatches, readTimestampReply } from './tsa-asn1.ts';

export const TSA_TIMEOUT_MS = 20_000;

export class TimestampError extends Error {
  override readonly name = 'TimestampError';
}

export async function requestTimestamp(
  url: string,
  digest: Uint8Array,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const request = buildTimestampRequest(digest);
  const timeout = AbortSignal.timeout(TSA_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: request.der.slice(),
      credentials: 'omit',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new TimestampError(
      `The time-stamping authority ${new URL(url).host} could not be reached (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!response.ok)
    throw new TimestampError(`The time-stamping authority ${new URL(url).host} answered HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let token;
  try {
    token = readTimestampReply(bytes);
  } catch (error) {
    throw new TimestampError(
      `The time-stamping authority's answer is not an RFC 3161 reply (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!token.granted)
    throw new TimestampError(
      `The time-stamping authority refused the request (status ${token.status} ${token.statusText})`,
    );
  if (!imprintMatches(token, digest) || !token.nonce || !equalBytes(token.nonce, request.nonce)) {
    throw new TimestampError('The time-stamping authority answered for another request');
  }
  return bytes;
}

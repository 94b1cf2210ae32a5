/**
 * What went wrong in a step, in words a person can act on, and whether waiting can fix it.
 * Network errors, timeouts and 5xx are retried with backoff; the rest stop the job until Retry.
 */
import { i18n } from '#i18n';
import { isAtlosError } from '../atlos/errors';
import type { JobStep } from './protocol';

export type FailureKind = 'hash_mismatch' | 'blob_missing' | 'upload_missing' | 'connection' | 'nothing_captured';

/** An engine-side failure (not an Atlos answer). */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export interface Failure {
  kind: string;
  message: string;
  retryable: boolean;
  /** The network could not be reached (shown as Queued). */
  network: boolean;
  /** The engine itself stopped (worker going away, job dismissed): not a failure of the job. */
  aborted: boolean;
}

export function describeFailure(error: unknown, step: JobStep, slug: string): Failure {
  const base = { network: false, aborted: false };
  if (error instanceof CaptureError)
    return { ...base, kind: error.kind, message: error.message, retryable: error.retryable };
  if (isAtlosError(error)) {
    const kind = error.kind;
    if (kind === 'aborted') return { ...base, kind, message: error.message, retryable: true, aborted: true };
    if (kind === 'network' || kind === 'timeout') {
      return { ...base, kind, message: i18n.t('capture_error_network'), retryable: true, network: true };
    }
    if (kind === 'server')
      return { ...base, kind, message: i18n.t('capture_error_server', [error.message]), retryable: true };
    if (kind === 'invalid_token')
      return { ...base, kind, message: i18n.t('capture_error_invalidToken'), retryable: false };
    if (kind === 'not_found') {
      const onSourceMaterial = step === 'upload' || step === 'metadata';
      const key = onSourceMaterial ? 'capture_error_sourceMaterialGone' : 'capture_error_incidentNotFound';
      return { ...base, kind, message: i18n.t(key, [slug]), retryable: false };
    }
    if (kind === 'permission')
      return { ...base, kind, message: i18n.t('capture_error_permission', [slug]), retryable: false };
    if (kind === 'validation')
      return { ...base, kind, message: i18n.t('capture_error_validation', [error.message]), retryable: false };
    // `unexpected` (an answer we cannot read, e.g. a captive portal) may pass: retried a few times.
    return { ...base, kind, message: error.message, retryable: error.retryable || kind === 'unexpected' };
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return { ...base, kind: 'aborted', message: error.message, retryable: true, aborted: true };
  }
  // Anything else (storage closing while the browser shuts down, a failed fetch of a blob…) is
  // retried a few times before the job stops (runner.ts, MAX_UNEXPECTED_ATTEMPTS).
  const message = error instanceof Error ? error.message : String(error);
  return { ...base, kind: 'unexpected', message, retryable: true };
}

/** An error after which the server certainly did not act (it answered with a refusal). */
export function isDefinitiveRefusal(error: unknown): boolean {
  return isAtlosError(error) && REFUSALS.has(error.kind);
}

// `unexpected` is not among them: an answer we could not read may follow an action.
const REFUSALS: ReadonlySet<string> = new Set(['invalid_token', 'not_found', 'permission', 'validation']);

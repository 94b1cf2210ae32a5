/**
 * Every step of a collection has a time limit: a page that never answers (HTML that never
 * finishes, an injection that never settles) must cost one artifact, never the capture.
 * The step itself cannot be cancelled from here (an `executeScript` promise has no abort), so
 * it is left to settle on its own; its late result is ignored.
 */
import { i18n } from '#i18n';

export class TimeLimitError extends Error {
  constructor(readonly limitMs: number) {
    super(i18n.t('artifacts_timedOut', [String(Math.max(1, Math.round(limitMs / 1000)))]));
    this.name = 'TimeLimitError';
  }
}

export function withTimeLimit<T>(step: Promise<T>, limitMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(limitMs)), limitMs);
  });
  step.catch(() => {}); // a step that fails after its time is up is not an unhandled rejection
  return Promise.race([step, expired]).finally(() => clearTimeout(timer));
}

/**
 * The problem line for a page whose Readability part was left out (article.ts), for the collector
 * to add to `problems` under `metadata`. Runs in the background, never in the injected script.
 */
import { i18n } from '#i18n';
import type { ArticleProblem } from './article';

export function articleProblemMessage(problem: ArticleProblem): string {
  if (problem.reason === 'failed') return i18n.t('metadata_problemArticleFailed', [problem.message]);
  return problem.chars > 0
    ? i18n.t('metadata_problemArticleTooMuchText', [problem.chars.toLocaleString()])
    : i18n.t('metadata_problemArticleTooManyElements', [problem.elements.toLocaleString()]);
}

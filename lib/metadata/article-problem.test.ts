import { describe, expect, it } from 'vitest';
import { articleProblemMessage } from './article-problem';

describe('articleProblemMessage', () => {
  it('names the reason and says the rest of the page details were kept', () => {
    expect(articleProblemMessage({ reason: 'too_large', elements: 25_000, chars: 0 })).toMatch(
      /too many elements \(25.000\)/,
    );
    expect(articleProblemMessage({ reason: 'too_large', elements: 10, chars: 2_500_000 })).toMatch(
      /too much text \(2.500.000 characters\)/,
    );
    expect(articleProblemMessage({ reason: 'failed', message: 'Error: boom' })).toMatch(
      /not extracted \(Error: boom\).*other page details were recorded/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { newJob, summarize } from './job';
import { outcomeOf, problemsOf, requestedKinds } from './outcome';
import { captureRequest, collected } from './testing/fixtures';

const options = {
  archive: false,
  viewportScreenshot: true,
  fullPageScreenshot: true,
  pageArchive: true,
  originalMedia: true,
};
const base = {
  options,
  targetKind: 'page' as const,
  notMadeMessage: 'not made',
  unverifiedMessage: (t: string) => `unverified ${t}`,
  finished: true,
};
const verified = (kind: 'viewport_screenshot' | 'full_page_screenshot' | 'page_archive') => ({
  kind,
  title: kind,
  sha256: 'aa',
  serverSha256: 'aa',
});

describe('capture outcome', () => {
  it('asks for original media only for media targets, and for nothing on a URL-only capture', () => {
    expect(requestedKinds(options, 'page')).toEqual(['viewport_screenshot', 'full_page_screenshot', 'page_archive']);
    expect(requestedKinds(options, 'image')).toContain('original_media');
    expect(requestedKinds({ ...options, urlOnly: true }, 'page')).toEqual([]);
  });

  it('is complete only when every requested artifact is in Atlos with a confirmed hash', () => {
    const all = [verified('viewport_screenshot'), verified('full_page_screenshot'), verified('page_archive')];
    expect(outcomeOf(problemsOf({ ...base, collectedProblems: [], artifacts: all }))).toBe('complete');
  });

  it('names a missing artifact with the reason the collector gave, and one with no reason as not made', () => {
    const problems = problemsOf({
      ...base,
      collectedProblems: [{ artifact: 'full_page_screenshot', message: 'the tab changed' }],
      artifacts: [verified('viewport_screenshot')],
    });
    expect(problems).toEqual([
      { artifact: 'full_page_screenshot', message: 'the tab changed' },
      { artifact: 'page_archive', message: 'not made' },
    ]);
    expect(outcomeOf(problems)).toBe('incomplete');
  });

  it('counts a finished file whose hash Atlos did not confirm as a problem', () => {
    const problems = problemsOf({
      ...base,
      options: { ...options, fullPageScreenshot: false, pageArchive: false },
      collectedProblems: [],
      artifacts: [{ kind: 'viewport_screenshot', title: 'V', sha256: 'aa', serverSha256: 'bb' }],
    });
    expect(problems).toEqual([{ artifact: 'viewport_screenshot', message: 'unverified V' }]);
  });

  it('summaries of done jobs carry the outcome and the problems; unsent files are counted until done', async () => {
    const request = captureRequest();
    const capture = await collected(request, ['viewport bytes']);
    capture.problems.push({
      artifact: 'full_page_screenshot',
      message: 'The full-page screenshot could not be taken: the tab changed.',
    });
    const job = newJob({ id: 'j', now: 0, request, namespace: 'ns', collected: capture });
    expect(summarize(job)).toMatchObject({ unsentFiles: 1, problems: [{ artifact: 'full_page_screenshot' }] });
    expect(summarize(job).outcome).toBeUndefined();
    const uploaded = job.artifacts.map((a) => ({ ...a, atlosArtifactId: 'x', serverSha256: a.sha256 }));
    const done = summarize({ ...job, artifacts: uploaded, state: 'done' });
    expect(done).toMatchObject({ outcome: 'incomplete', unsentFiles: 0 });
    const complete = summarize({
      ...job,
      artifacts: uploaded,
      state: 'done',
      collected: { ...job.collected, problems: [] },
      request: { ...request, options: { ...request.options, fullPageScreenshot: false } },
    });
    expect(complete).toMatchObject({ outcome: 'complete', problems: [] });
  });
});

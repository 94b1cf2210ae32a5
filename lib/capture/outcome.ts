/**
 * Whether a finished capture holds everything the click asked for. A job that ends without one of
 * the requested artifacts (not made, or made but not verified in Atlos) is "Captured with
 * problems", never plain "Captured": the problems name each missing artifact and why.
 */
import { i18n } from '#i18n';
import type { ArtifactKind, CaptureProblem } from '../domain/collected-capture';
import type { CaptureOptions, TargetKind } from '../domain/capture-request';
import type { CustodyArtifactKind } from '../custody/capture-step';

/** One thing asked for that is not in Atlos as captured, and why (a sentence a person can act on). */
export interface JobProblem {
  artifact: CaptureProblem['artifact'] | CustodyArtifactKind;
  message: string;
}

export type JobOutcome = 'complete' | 'incomplete';

/** The artifact kinds the click asked for (original media only exists for media targets). */
export function requestedKinds(options: CaptureOptions, targetKind: TargetKind): ArtifactKind[] {
  if (options.urlOnly) return [];
  const kinds: ArtifactKind[] = [];
  if (options.viewportScreenshot) kinds.push('viewport_screenshot');
  if (options.fullPageScreenshot) kinds.push('full_page_screenshot');
  if (options.pageArchive) kinds.push('page_archive');
  if (options.originalMedia && (targetKind === 'image' || targetKind === 'video' || targetKind === 'audio')) {
    kinds.push('original_media');
  }
  return kinds;
}

export interface OutcomeInput {
  options: CaptureOptions;
  targetKind: TargetKind;
  /** What the collector reported it could not make. */
  collectedProblems: readonly CaptureProblem[];
  artifacts: ReadonlyArray<{
    kind: ArtifactKind | CustodyArtifactKind;
    title: string;
    sha256: string;
    serverSha256?: string;
  }>;
  /** Why the signed manifest's trusted timestamp is missing, when it was asked for and gave up. */
  custodyProblem?: string;
  /** Says "it was not made" for a requested kind with neither a file nor a recorded reason. */
  notMadeMessage: string;
  /** Says "not verified" for a file whose hash Atlos did not confirm; `$1` is its title. */
  unverifiedMessage(title: string): string;
  /** Uploads are checked only once the job is finished (before that, none is verified yet). */
  finished: boolean;
}

/** Every problem of a capture, in the order of the collector, then unexplained gaps, then unverified files. */
export function problemsOf(input: OutcomeInput): JobProblem[] {
  const problems: JobProblem[] = input.collectedProblems.map(({ artifact, message }) => ({ artifact, message }));
  for (const kind of requestedKinds(input.options, input.targetKind)) {
    const made = input.artifacts.some((a) => a.kind === kind);
    const explained = problems.some((p) => p.artifact === kind);
    if (!made && !explained) problems.push({ artifact: kind, message: input.notMadeMessage });
  }
  if (input.custodyProblem) problems.push({ artifact: 'capture_timestamp', message: input.custodyProblem });
  for (const artifact of input.finished ? input.artifacts : []) {
    if (artifact.serverSha256 !== artifact.sha256) {
      problems.push({ artifact: artifact.kind, message: input.unverifiedMessage(artifact.title) });
    }
  }
  return problems;
}

export function outcomeOf(problems: readonly JobProblem[]): JobOutcome {
  return problems.length === 0 ? 'complete' : 'incomplete';
}

/** The name a person knows an artifact by, e.g. "Full-page screenshot". */
export function artifactLabel(artifact: JobProblem['artifact']): string {
  switch (artifact) {
    case 'viewport_screenshot':
      return i18n.t('capture_artifact_viewport');
    case 'full_page_screenshot':
      return i18n.t('capture_artifact_fullPage');
    case 'page_archive':
      return i18n.t('capture_artifact_archive');
    case 'original_media':
      return i18n.t('capture_artifact_media');
    case 'metadata':
      return i18n.t('capture_artifact_metadata');
    case 'capture_manifest':
      return i18n.t('capture_artifact_manifest');
    case 'capture_timestamp':
      return i18n.t('capture_artifact_timestamp');
  }
}

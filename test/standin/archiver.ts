// The archiver queue of docs/atlos-api-behaviour.md §10: one job at a time; `direct` jobs write back the snapshot they took at start.
import type { Artifact, Version } from './model.ts';
import { makePng } from './files.ts';
import type { App } from './app.ts';

export type ArchiverMode = 'auto' | 'manual' | 'never';

interface Job {
  versionId: string;
  started: boolean;
  snapshot: Version | null;
  timer: NodeJS.Timeout | null;
}

export class Archiver {
  private app: App;
  private queue: Job[] = [];
  private generated = 0;

  constructor(app: App) {
    this.app = app;
  }

  enqueue(version: Version): void {
    // Atlos's test environment enqueues nothing, so versions stay pending forever (§10.1).
    if (this.app.options.archiver === 'never') return;
    this.queue.push({ versionId: version.id, started: false, snapshot: null, timer: null });
    this.pump();
  }

  pending(): number {
    return this.queue.length;
  }

  /** Runs every queued or running job to completion now, in queue order. */
  finishAll(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0] as Job;
      if (!head.started) this.start(head, false);
      this.finish(head);
    }
  }

  clear(): void {
    for (const job of this.queue) if (job.timer) clearTimeout(job.timer);
    this.queue = [];
  }

  private pump(): void {
    const head = this.queue[0];
    if (head && !head.started) this.start(head, this.app.options.archiver === 'auto');
  }

  private start(job: Job, withTimer: boolean): void {
    job.started = true;
    const version = this.app.store.versions.get(job.versionId);
    // The direct path works on the copy it loaded when the job started (the race of §10.2).
    job.snapshot = version ? structuredClone(version) : null;
    if (!withTimer || !version) return;
    const duration =
      version.upload_type === 'direct'
        ? this.app.options.archiveDurationMs
        : Math.min(100, this.app.options.archiveDurationMs);
    job.timer = setTimeout(() => this.finish(job), duration);
  }

  private finish(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    this.queue = this.queue.filter((j) => j !== job);
    this.complete(job);
    this.pump();
  }

  private complete(job: Job): void {
    const store = this.app.store;
    const version = store.versions.get(job.versionId);
    if (!version || !job.snapshot) return;
    const now = this.app.clock.now();
    version.updated_at = now;
    if (version.status !== 'pending') {
      version.status = 'complete';
      return;
    }
    if (version.upload_type === 'direct') this.completeDirect(version, job.snapshot);
    else this.completeUserProvided(version);
    this.app.autoMetadataNow(store.incidentOfVersion(version));
  }

  private completeDirect(version: Version, snapshot: Version): void {
    const url = snapshot.source_url ?? '';
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      host = '';
    }
    // Deterministic failure knob: hosts under `.invalid` (RFC 2606) make the archive job fail.
    if (host === '' || host.endsWith('.invalid')) {
      version.status = 'error';
      return;
    }
    const authwalled = host.endsWith('instagram.com') || /^https?:\/\/t\.me\/c\//.test(url);
    const artifacts: Artifact[] = [this.screenshot('viewport', 64, 40), this.screenshot('fullpage', 64, 160)];
    version.artifacts = [...snapshot.artifacts, ...artifacts];
    version.metadata = {
      ...snapshot.metadata,
      auto_archive_successful: !authwalled,
      crawl_successful: !authwalled,
      page_info: authwalled ? null : { title: `Archived: ${host}`, text: `Text captured from ${url}` },
      content_info: null,
      is_likely_authwalled: authwalled,
    };
    version.status = 'complete';
  }

  private completeUserProvided(version: Version): void {
    for (const artifact of version.artifacts) {
      if (artifact.perceptual_hashes !== null) continue;
      if (artifact.mime_type.startsWith('image/')) {
        artifact.perceptual_hashes = { computed: [{ kind: 'phash', hash: artifact.file_hash_sha256.slice(0, 16) }] };
      } else if (artifact.mime_type.startsWith('video/')) {
        artifact.perceptual_hashes = { computed: [{ kind: 'tmkl1', hash: artifact.file_hash_sha256.slice(0, 32) }] };
      }
    }
    version.status = 'complete';
  }

  private screenshot(type: 'viewport' | 'fullpage', width: number, height: number): Artifact {
    this.generated += 1;
    const file = this.app.files.write(makePng(width, height, 100 + this.generated), '.png');
    const artifact: Artifact = {
      id: crypto.randomUUID(),
      file_hash_sha256: file.sha256,
      file_size: file.size,
      mime_type: 'image/png',
      perceptual_hashes: { computed: [{ kind: 'phash', hash: file.sha256.slice(0, 16) }] },
      type,
      title: null,
      file_location: file.storedName,
      uploading_token_id: null,
    };
    this.app.store.files.set(artifact.id, { path: file.path, mime: 'image/png' });
    return artifact;
  }
}

// The running stand-in's shared state: options, clock, seeded store, files, archiver, asynchronous side jobs.
import type { Incident, Update, Version } from './model.ts';
import { Archiver, type ArchiverMode } from './archiver.ts';
import { FileDir } from './files.ts';
import { type Fixtures, seed } from './seed.ts';
import { type Clock, createClock, runAutoMetadata, type Store } from './store.ts';

export interface AppOptions {
  incidents: number;
  archiver: ArchiverMode;
  archiveDurationMs: number;
  createLatencyMs: number;
  autoMetadataDelayMs: number;
}

export class App {
  options: AppOptions;
  clock: Clock = createClock();
  files = new FileDir();
  baseTime: number;
  baseUrl = '';
  store!: Store;
  fixtures!: Fixtures;
  archiver: Archiver;
  /** Incidents with a source-material creation in flight (the scoped_id race window). */
  creating = new Set<string>();
  private timers = new Set<NodeJS.Timeout>();

  constructor(options: AppOptions) {
    this.options = options;
    this.baseTime = Math.floor(Date.now() / 1000) * 1000;
    this.archiver = new Archiver(this);
    this.reseed();
  }

  reseed(): void {
    this.archiver.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.creating.clear();
    this.clock.reset();
    const { store, fixtures } = seed(this.options.incidents, this.baseTime, this.files);
    this.store = store;
    this.fixtures = fixtures;
  }

  /** Atlos refreshes an incident's auto_metadata in a background job; source URLs become searchable ~50 ms later. */
  scheduleAutoMetadata(incident: Incident): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const current = this.store.incidents.get(incident.id);
      if (current === incident) runAutoMetadata(this.store, incident);
    }, this.options.autoMetadataDelayMs);
    this.timers.add(timer);
  }

  autoMetadataNow(incident: Incident): void {
    runAutoMetadata(this.store, incident);
  }

  newUpdate(incident: Incident, fields: Partial<Update> & Pick<Update, 'type'>): Update {
    const update: Update = {
      id: crypto.randomUUID(),
      media_id: incident.id,
      projectId: incident.projectId,
      user: null,
      api_token_id: null,
      media_version_id: null,
      modified_attribute: null,
      explanation: null,
      attachments: [],
      old_value: null,
      new_value: null,
      hidden: false,
      inserted_at: this.clock.stamp(),
      ...fields,
    };
    this.store.addUpdate(update);
    return update;
  }

  newVersion(incident: Incident, sourceUrl: string | null, direct: boolean): Version {
    const now = this.clock.stamp();
    const version: Version = {
      id: crypto.randomUUID(),
      incident_id: incident.id,
      scoped_id: incident.versions.length + 1,
      source_url: sourceUrl,
      status: 'pending',
      upload_type: direct ? 'direct' : 'user_provided',
      visibility: 'visible',
      metadata: {},
      artifacts: [],
      inserted_at: now,
      updated_at: now,
    };
    this.store.addVersion(incident, version);
    return version;
  }

  close(): void {
    this.archiver.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.files.remove();
  }
}

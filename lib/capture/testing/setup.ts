/** One engine on a fresh IndexedDB, a fake Atlos and a fake clock; `restart()` simulates a killed worker. */
import { createCaptureEngine, type CaptureEngine } from '../engine';
import type { CaptureEngineDeps } from '../engine-types';
import type { CaptureJob } from '../job';
import { openJobsStore } from '../jobs-store';
import { createFakeAtlos } from './fake-atlos';
import { collected, fakeClock } from './fixtures';

let dbCounter = 0;

export async function setupEngine(overrides: Partial<CaptureEngineDeps> = {}) {
  const clock = fakeClock();
  const atlos = createFakeAtlos({ now: clock.now });
  atlos.addIncident('ABC123');
  atlos.addIncident('XYZ789');
  const store = await openJobsStore(`capture-test-${++dbCounter}-${Math.random()}`);
  const settled: CaptureJob[] = [];
  const make = (): CaptureEngine =>
    createCaptureEngine({
      store,
      getClient: async () => atlos.client,
      getCaptureDefaults: async () => ({ metadataNamespace: 'browser_capture' }),
      collect: (request) => collected(request),
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      onJobSettled: (job) => settled.push(job),
      ...overrides,
    });
  const ctx = {
    clock,
    atlos,
    store,
    settled,
    engine: make(),
    /** Drops the engine as a killed worker would and starts a new one on the same database. */
    restart() {
      ctx.engine.dispose();
      ctx.engine = make();
      return ctx.engine;
    },
    async job(id: string) {
      return (await store.get(id))!;
    },
  };
  return ctx;
}

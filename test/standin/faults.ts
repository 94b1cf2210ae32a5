// Fault injection for /api requests: targeted faults (`times` each) and seeded random faults.
import { createRng, type Rng } from './rng.ts';

export type FaultKind = 'http500' | 'html502' | 'reset' | 'stall' | 'lost_response';
export const FAULT_KINDS: FaultKind[] = ['http500', 'html502', 'reset', 'stall', 'lost_response'];

export interface FaultSpec {
  route?: string;
  kind: FaultKind;
  times?: number;
  stallMs?: number;
}

export interface RandomFaultConfig {
  rate: number;
  kinds: FaultKind[];
  seed: number;
  routes?: string[];
  /** Additive extension: how long random stalls hold (default 60 s like injected stalls). */
  stallMs?: number;
}

export interface ChosenFault {
  kind: FaultKind;
  stallMs: number;
}

const DEFAULT_STALL_MS = 60_000;

export class Faults {
  private injected: { route?: string; kind: FaultKind; remaining: number; stallMs: number }[] = [];
  private random: { config: RandomFaultConfig; rng: Rng } | null = null;
  private injectedCount = 0;
  private byKind: Record<string, number> = {};

  inject(spec: FaultSpec): void {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`);
    this.injected.push({
      route: spec.route,
      kind: spec.kind,
      remaining: spec.times ?? 1,
      stallMs: spec.stallMs ?? DEFAULT_STALL_MS,
    });
  }

  setRandom(config: RandomFaultConfig | null): void {
    this.random = config ? { config, rng: createRng(config.seed) } : null;
  }

  clear(): void {
    this.injected = [];
    this.random = null;
  }

  resetStats(): void {
    this.injectedCount = 0;
    this.byKind = {};
  }

  stats(): { injected: number; byKind: Record<string, number> } {
    return { injected: this.injectedCount, byKind: { ...this.byKind } };
  }

  /** The fault for this /api request, if any; `route` is the matched route name or null for unknown paths. */
  pick(route: string | null): ChosenFault | null {
    const index = this.injected.findIndex((f) => f.route === undefined || f.route === route);
    let chosen: ChosenFault | null = null;
    if (index >= 0) {
      const fault = this.injected[index] as (typeof this.injected)[number];
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.injected.splice(index, 1);
      chosen = { kind: fault.kind, stallMs: fault.stallMs };
    } else if (this.random) {
      const { config, rng } = this.random;
      const eligible = !config.routes || (route !== null && config.routes.includes(route));
      if (eligible && config.kinds.length > 0 && rng.next() < config.rate) {
        chosen = { kind: rng.pick(config.kinds), stallMs: config.stallMs ?? DEFAULT_STALL_MS };
      }
    }
    if (chosen) {
      this.injectedCount += 1;
      this.byKind[chosen.kind] = (this.byKind[chosen.kind] ?? 0) + 1;
    }
    return chosen;
  }
}

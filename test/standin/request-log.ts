// Every /api request with what a test needs to assert on: credentials sent, Accept header, status, fault.
import type { Params } from './params.ts';

export interface RequestRecord {
  at: number; // stand-in clock, ms since epoch
  method: string;
  path: string;
  query: Params;
  rawQuery: string;
  authorization: string | null;
  accept: string | null;
  contentType: string | null;
  /** HTTP status sent, or 0 when the connection was reset without a response. */
  status: number;
  /** Matched route such as 'POST /api/v2/source_material/upload/:id', or null. */
  route: string | null;
  fault?: string;
}

export class RequestLog {
  private records: RequestRecord[] = [];

  add(record: RequestRecord): RequestRecord {
    this.records.push(record);
    return record;
  }

  all(): RequestRecord[] {
    return structuredClone(this.records);
  }

  clear(): void {
    this.records = [];
  }
}

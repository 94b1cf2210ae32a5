/**
 * Creating an incident from the picker (POST /api/v2/incidents/new, docs/atlos-api-behaviour.md §7) when the
 * right one does not exist yet. Validation errors come back per field (`attr_description`,
 * `attr_sensitive`) so the form can show them next to the fields.
 */
import { isAtlosError } from '../atlos/errors';
import type { IncidentsDeps } from './deps';
import { summarizeIncident } from './summarize';
import type { IncidentOption } from './types';

export { NOT_SENSITIVE, SENSITIVITY_VALUES, toggleSensitivity } from './sensitivity';

export interface NewIncidentInput {
  connectionId: string;
  description: string;
  sensitive: string[];
}

export type CreateIncidentResult =
  { ok: true; incident: IncidentOption } | { ok: false; message: string; fieldErrors: Record<string, string> };

export async function createIncident(deps: IncidentsDeps, input: NewIncidentInput): Promise<CreateIncidentResult> {
  const connection = (await deps.listConnections()).find((c) => c.id === input.connectionId);
  if (!connection) return { ok: false, message: 'This Atlos connection no longer exists.', fieldErrors: {} };
  try {
    const client = await deps.getClient(connection.id);
    const created = await client.createIncident({ description: input.description, sensitive: input.sensitive });
    const summary = summarizeIncident(connection.id, connection.baseUrl, created);
    // The creation response shows a null status although Atlos stored its default (docs/atlos-api-behaviour.md §7.4).
    const incident = { ...summary, status: summary.status ?? 'To Do' };
    await deps.cache.put([incident]);
    return { ok: true, incident };
  } catch (error) {
    // Only values to correct go next to the fields; an archived project or a read-only instance also
    // answers with field errors, but those are a permission problem (errors.ts reads them as such).
    if (isAtlosError(error)) {
      return {
        ok: false,
        message: error.message,
        fieldErrors: error.kind === 'validation' ? (error.fieldErrors ?? {}) : {},
      };
    }
    return { ok: false, message: error instanceof Error ? error.message : String(error), fieldErrors: {} };
  }
}

// POST /api/v2/update/:slug/:attribute (docs/atlos-api-behaviour.md §2.11, §8).
import type { Incident } from '../model.ts';
import type { App } from '../app.ts';
import { crash, denied, type RouteContext, type ApiResponse, success } from '../http.ts';
import { isUuid } from '../rng.ts';
import { refreshSearchText } from '../store.ts';
import { canEditMedia, findIncident } from './common.ts';
import { graphemeLength } from './updates.ts';
import {
  CORE_ATTRIBUTES,
  DEPRECATED_ATTRIBUTES,
  checkCore,
  checkCustom,
  isStringArray,
  nestedCustomError,
} from '../validate.ts';

type Field =
  | 'attr_status'
  | 'attr_geolocation_resolution'
  | 'attr_sensitive'
  | 'attr_restrictions'
  | 'attr_tags'
  | 'attr_description'
  | 'attr_more_info'
  | 'attr_date'
  | 'attr_time'
  | 'attr_assignments';

function record(
  app: App,
  incident: Incident,
  ctx: RouteContext,
  attribute: string,
  key: string,
  oldValue: unknown,
  newValue: unknown,
): void {
  const message = ctx.params.message;
  app.newUpdate(incident, {
    type: 'update_attribute',
    api_token_id: ctx.token.id,
    modified_attribute: attribute,
    explanation: typeof message === 'string' && message !== '' ? message : null,
    old_value: { _combined: true, [key]: oldValue },
    new_value: { _combined: true, [key]: newValue },
  });
  incident.updated_at = app.clock.now();
  refreshSearchText(app.store, incident);
  app.scheduleAutoMetadata(incident);
}

const tooLong = (message: unknown): boolean => typeof message === 'string' && graphemeLength(message) > 2500;

export function updateAttribute(ctx: RouteContext): ApiResponse {
  const { app, token, params } = ctx;
  const value = params.value;
  if (value === undefined || value === null) return denied('value not provided');
  const incident = findIncident(app, params.slug);
  if (!incident || incident.projectId !== token.projectId) return denied('incident not found');
  if (!canEditMedia(app, token, incident)) return denied('api token not authorized to edit');
  const name = String(params.attribute);
  const project = app.store.projectOf(incident);

  if (DEPRECATED_ATTRIBUTES.includes(name)) crash('cannot cast deprecated attribute');
  const core = CORE_ATTRIBUTES[name];
  if (core) {
    const field = core.field as Field;
    if (core.kind === 'geolocation') {
      // The value goes to a field that is never read (§8.2): no change, but an Update when a location exists.
      if (!incident.attr_geolocation) return denied({ attr_geolocation: 'A change is required.' });
      if (tooLong(params.message)) return denied({ explanation: 'Explanations cannot exceed 2500 characters.' });
      record(app, incident, ctx, name, field, null, null);
      return success();
    }
    if (core.kind === 'assignments') {
      if (!isStringArray(value) || !value.every(isUuid)) crash('invalid assignments');
    }
    const checked = checkCore(core, value, false);
    if (!checked.ok) return denied({ [field]: checked.error });
    const oldValue = incident[field];
    if ((oldValue === null || oldValue === undefined) && checked.value === null)
      return denied({ [field]: 'A change is required.' });
    if (tooLong(params.message)) return denied({ explanation: 'Explanations cannot exceed 2500 characters.' });
    (incident as unknown as Record<string, unknown>)[field] = checked.value;
    record(app, incident, ctx, name, field, oldValue, checked.value);
    return success();
  }
  const attr = project.attributes.find((a) => a.enabled && a.id === name);
  if (!attr || !isUuid(name)) return denied('attribute not found');
  const message = checkCustom(attr, value);
  const oldValue = incident.custom[attr.id] ?? null;
  if (message) return denied(nestedCustomError(message, attr, value, project.id, oldValue === null));
  // The 2500-character limit is only caught on the Update record, whose errors are not rendered (§8.2).
  if (tooLong(params.message)) return denied({});
  incident.custom[attr.id] = structuredClone(value);
  record(app, incident, ctx, name, attr.id, oldValue, value);
  return success();
}

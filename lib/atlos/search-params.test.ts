import { describe, expect, it } from 'vitest';
import { incidentSearchParams, type IncidentSort } from './search-params.ts';

const UUID = '0b6f3c7e-1a2b-4c3d-8e9f-0123456789ab';

describe('incidentSearchParams (docs/atlos-api-behaviour.md §5)', () => {
  it('is empty without filters', () => {
    expect(incidentSearchParams().toString()).toBe('');
    expect(incidentSearchParams({ status: [], query: '  ' }).toString()).toBe('');
  });

  it('repeats key[] for every array value, never a bare key', () => {
    const params = incidentSearchParams({
      status: ['To Do', 'Cancelled'],
      tags: ['[Unset]'],
      sensitive: ['Graphic Violence'],
    });
    expect(params.getAll('attr_status[]')).toEqual(['To Do', 'Cancelled']);
    expect(params.getAll('attr_tags[]')).toEqual(['[Unset]']);
    expect(params.getAll('attr_sensitive[]')).toEqual(['Graphic Violence']);
    for (const key of ['attr_status', 'attr_tags', 'attr_sensitive']) expect(params.has(key)).toBe(false);
    expect(params.toString()).toBe(
      'attr_status%5B%5D=To+Do&attr_status%5B%5D=Cancelled&attr_tags%5B%5D=%5BUnset%5D&attr_sensitive%5B%5D=Graphic+Violence',
    );
  });

  it('maps every scalar parameter to its Atlos name', () => {
    const params = incidentSearchParams({
      query: ' https://example.org/post ',
      dateMin: '2024-01-01',
      dateMax: '2024-12-31',
      geolocation: { lat: 50.45, lon: 30.52 },
      radius: 25,
      noMediaVersions: false,
      onlySubscribedId: UUID,
      onlyAssignedId: UUID.toUpperCase(),
      hasBeenEditedById: UUID,
      deleted: true,
      sort: 'modified_desc',
    });
    expect(Object.fromEntries(params)).toEqual({
      query: 'https://example.org/post',
      attr_date_min: '2024-01-01',
      attr_date_max: '2024-12-31',
      attr_geolocation: '50.45,30.52',
      attr_geolocation_radius: '25',
      no_media_versions: 'false',
      only_subscribed_id: UUID,
      only_assigned_id: UUID,
      has_been_edited_by_id: UUID,
      deleted: 'true',
      sort: 'modified_desc',
    });
  });

  it('leaves out values Atlos would ignore or crash on', () => {
    const params = incidentSearchParams({
      onlyAssignedId: 'me',
      deleted: false,
      sort: 'newest' as IncidentSort,
      radius: 5,
      geolocation: { lat: Number.NaN, lon: 1 },
    });
    expect(params.toString()).toBe('');
  });
});

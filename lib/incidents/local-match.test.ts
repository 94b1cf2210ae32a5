import { describe, expect, it } from 'vitest';
import { matchIncidents, matchScore, mergeOptions } from './local-match';
import { option } from './testing/data';

const shelling = option('K7Q2ZP', 'Shelling of the central market in Kharkiv');
const drone = option('AB12CD', 'Drone strike near the river crossing');
const cafe = option('ZZ99YY', 'Café destroyed after airstrike', { status: 'Completed' });
const arabic = option('QW12ER', 'قصف سوق المدينة المركزي');

describe('matchIncidents', () => {
  it('finds by slug, by CODE-SLUG and by a slug prefix, ranking slug hits first', () => {
    expect(matchIncidents([drone, shelling], 'k7q2zp')).toEqual([shelling]);
    expect(matchIncidents([drone, shelling], 'CIV-K7Q2ZP')).toEqual([shelling]);
    expect(matchIncidents([drone, shelling], 'ab1')).toEqual([drone]);
    const slugLike = option('MARKET', 'unrelated');
    expect(matchIncidents([shelling, slugLike], 'market')[0]).toBe(slugLike);
  });

  it('needs every word of the query, in any order, ignoring case and accents', () => {
    expect(matchIncidents([shelling, drone, cafe], 'market kharkiv')).toEqual([shelling]);
    expect(matchIncidents([shelling, drone, cafe], 'kharkiv river')).toEqual([]);
    expect(matchIncidents([shelling, drone, cafe], 'cafe')).toEqual([cafe]);
    expect(matchIncidents([shelling, drone, cafe], 'completed')).toEqual([cafe]);
  });

  it('matches right-to-left text', () => {
    expect(matchIncidents([shelling, arabic], 'سوق')).toEqual([arabic]);
  });

  it('returns nothing for an empty query and drops duplicates', () => {
    expect(matchIncidents([shelling], '  ')).toEqual([]);
    expect(matchScore(shelling, '')).toBe(0);
    expect(matchIncidents([shelling, { ...shelling }], 'market')).toHaveLength(1);
  });

  it('keeps incidents of different connections with the same slug apart', () => {
    const other = { ...shelling, connectionId: 'c2' };
    expect(matchIncidents([shelling, other], 'K7Q2ZP')).toHaveLength(2);
  });

  it('limits the number of matches', () => {
    const many = Array.from({ length: 50 }, (_, i) => option(`S${String(i).padStart(5, '0')}`, 'market fire'));
    expect(matchIncidents(many, 'market', 7)).toHaveLength(7);
  });
});

describe('mergeOptions', () => {
  it('keeps the first list in order and appends only new incidents', () => {
    expect(mergeOptions([drone, shelling], [shelling, cafe]).map((o) => o.slug)).toEqual([
      'AB12CD',
      'K7Q2ZP',
      'ZZ99YY',
    ]);
  });
});

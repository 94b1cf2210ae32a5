import { describe, expect, it } from 'vitest';
import { uploadFileName } from './file-name.ts';
import { newIncidentBody } from './new-incident.ts';

describe('newIncidentBody (docs/atlos-api-behaviour.md §7)', () => {
  it('sends only the required fields when nothing else is set', () => {
    expect(newIncidentBody({ description: 'Long enough', sensitive: ['Not Sensitive'] })).toEqual({
      description: 'Long enough',
      sensitive: ['Not Sensitive'],
    });
  });
  it('maps every optional field to its Atlos attribute name', () => {
    expect(
      newIncidentBody({
        description: 'Long enough',
        sensitive: ['Graphic Violence'],
        status: 'In Progress',
        date: '2024-01-02',
        moreInfo: 'm',
        restrictions: ['Hidden'],
        tags: ['t'],
        geolocation: '1, 2',
        urls: ['https://e.org'],
        customAttributes: {
          '0B6F3C7E-1A2B-4C3D-8E9F-0123456789AB': 'Verified',
          '11111111-2222-4333-8444-555555555555': undefined,
        },
      }),
    ).toEqual({
      description: 'Long enough',
      sensitive: ['Graphic Violence'],
      status: 'In Progress',
      date: '2024-01-02',
      more_info: 'm',
      restrictions: ['Hidden'],
      tags: ['t'],
      geolocation: '1, 2',
      urls: ['https://e.org'],
      '0b6f3c7e-1a2b-4c3d-8e9f-0123456789ab': 'Verified',
    });
  });
  it('refuses custom keys that are not attribute UUIDs (Atlos: unknown attributes)', () => {
    expect(() =>
      newIncidentBody({
        description: 'Long enough',
        sensitive: ['Not Sensitive'],
        customAttributes: { Impact: ['x'] },
      }),
    ).toThrow(
      expect.objectContaining({ kind: 'validation', fieldErrors: { Impact: 'is not a custom attribute id (a UUID)' } }),
    );
  });
});

describe('uploadFileName: Atlos derives the MIME type from the extension (docs/atlos-api-behaviour.md §6.2)', () => {
  it.each([
    ['viewport', 'image/png', 'viewport.png'],
    ['photo', 'image/jpeg', 'photo.jpg'],
    ['page', 'multipart/related', 'page.mhtml'],
    ['page', 'text/html; charset=utf-8', 'page.html'],
    ['already.webm', 'video/mp4', 'already.webm'],
    ['', 'application/pdf', 'upload.pdf'],
    ['mystery', 'application/x-unknown', 'mystery'],
  ])('%j with %s → %s', (name, type, expected) => {
    expect(uploadFileName(name, type)).toBe(expected);
  });
});

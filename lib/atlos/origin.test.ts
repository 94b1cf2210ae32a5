import { describe, expect, it } from 'vitest';
import { checkAtlosOrigin } from './origin.ts';

describe('checkAtlosOrigin', () => {
  it.each([
    ['https://platform.atlos.org', 'https://platform.atlos.org'],
    ['https://platform.atlos.org/', 'https://platform.atlos.org'],
    ['  https://Gap.Atlos.org/incidents/ABC123  ', 'https://gap.atlos.org'],
    ['https://atlos.example.net:8443', 'https://atlos.example.net:8443'],
    ['http://localhost:4000', 'http://localhost:4000'],
    ['http://127.0.0.1:5123/', 'http://127.0.0.1:5123'],
    ['http://[::1]:4000', 'http://[::1]:4000'],
  ])('accepts %s as %s', (input, origin) => {
    expect(checkAtlosOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each(['http://platform.atlos.org', 'http://192.168.1.5:4000', 'http://localhost.evil.com', 'http://127.0.0.2'])(
    'refuses plain http to %s as insecure',
    (input) => {
      expect(checkAtlosOrigin(input)).toEqual({ ok: false, reason: 'insecure' });
    },
  );

  it.each([
    '',
    'platform.atlos.org',
    'not a url',
    'ftp://platform.atlos.org',
    'javascript:alert(1)',
    'https://user:pw@platform.atlos.org',
  ])('refuses %j as invalid', (input) => {
    expect(checkAtlosOrigin(input)).toEqual({ ok: false, reason: 'invalid' });
  });
});

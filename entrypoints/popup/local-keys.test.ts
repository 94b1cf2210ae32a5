import { describe, expect, it } from 'vitest';
import { connectionsItem } from '@/lib/connections/store';
import { connectionsStorageItem } from './local-keys';

describe('popup storage keys', () => {
  it('reads the connection list where the background stores it', () => {
    expect(connectionsStorageItem.key).toBe(connectionsItem.key);
    expect(connectionsStorageItem.options.fallback).toEqual(connectionsItem.fallback);
  });
});

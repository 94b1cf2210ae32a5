import { describe, expect, it } from 'vitest';
import { i18n } from '#i18n';

describe('i18n in tests', () => {
  it('reads messages from locales/en.yml', () => {
    expect(i18n.t('extName')).toBe('Atlos Capture');
  });
});

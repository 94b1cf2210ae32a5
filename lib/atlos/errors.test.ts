import { describe, expect, it } from 'vitest';
import { AtlosError, errorFromBody, flattenFieldErrors, isAtlosError, type AtlosErrorKind } from './errors.ts';

describe('errorFromBody: kind comes from the error value (docs/atlos-api-behaviour.md §2.0)', () => {
  it.each<[number, string, boolean, AtlosErrorKind]>([
    [401, 'invalid token or token not found', false, 'invalid_token'],
    [401, 'media version not found or unauthorized', false, 'not_found'],
    [401, 'incident not found or unauthorized', false, 'not_found'],
    [401, 'incident not found', false, 'not_found'],
    [401, 'media not found', true, 'not_found'],
    [401, 'attribute not found', false, 'not_found'],
    [401, 'unauthorized', false, 'permission'],
    [401, 'api token not authorized to post comment', false, 'permission'],
    [401, 'api token not authorized to edit', false, 'permission'],
    [401, 'api token not authorized to read updates', true, 'permission'],
    [401, 'value not provided', false, 'validation'],
    [401, 'message not provided', false, 'validation'],
    [401, 'valid file not provided', false, 'validation'],
    [401, 'unknown attributes: ["foo"]', false, 'validation'],
    [200, 'unable to verify or parse pagination information', true, 'cursor'],
    [200, 'something new', true, 'cursor'],
    [401, 'something new', false, 'unexpected'],
  ])('%i %j (list: %s) → %s', (status, message, isList, kind) => {
    const error = errorFromBody(status, message, isList);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.serverMessage).toBe(message);
  });

  it('turns object bodies into validation errors with field errors', () => {
    const error = errorFromBody(401, { attr_description: "can't be blank", attr_sensitive: "can't be blank" }, false);
    expect(error.kind).toBe('validation');
    expect(error.fieldErrors).toEqual({ attr_description: "can't be blank", attr_sensitive: "can't be blank" });
    expect(error.message).toContain("attr_description: can't be blank");
  });

  it('treats an empty error object as validation without fields', () => {
    const error = errorFromBody(401, {}, false);
    expect(error.kind).toBe('validation');
    expect(error.fieldErrors).toEqual({});
  });
});

describe('flattenFieldErrors (docs/atlos-api-behaviour.md §8.3)', () => {
  it('keys nested custom-attribute errors by the attribute id', () => {
    expect(
      flattenFieldErrors({
        project_attributes: [
          {
            value: 'Includes an invalid value. Valid values are: A, B',
            source: { value: 'Z', id: 'attr-1', project_id: 'p' },
          },
          { value: 'is invalid', source: { value: 3 } },
        ],
        attr_status: 'is invalid',
      }),
    ).toEqual({
      'project_attributes.attr-1': 'Includes an invalid value. Valid values are: A, B',
      'project_attributes.1': 'is invalid',
      attr_status: 'is invalid',
    });
  });
  it('keeps several nested fields apart', () => {
    expect(flattenFieldErrors({ assignments: [{ user_id: 'is invalid', other: 'x', source: {} }] })).toEqual({
      'assignments.0.user_id': 'is invalid',
      'assignments.0.other': 'x',
    });
  });
});

describe('AtlosError', () => {
  it.each<[AtlosErrorKind, boolean]>([
    ['network', true],
    ['timeout', true],
    ['server', true],
    ['invalid_token', false],
    ['not_found', false],
    ['permission', false],
    ['validation', false],
    ['cursor', false],
    ['unexpected', false],
    ['aborted', false],
    ['insecure_origin', false],
  ])('%s is retryable: %s, with an actionable English sentence', (kind, retryable) => {
    const error = new AtlosError(kind, { serverMessage: 'incident not found' });
    expect(error.retryable).toBe(retryable);
    expect(error.message).toMatch(/^[A-Z].{20,}\.$/);
    expect(isAtlosError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
  });
  it('isAtlosError rejects other errors', () => {
    expect(isAtlosError(new Error('x'))).toBe(false);
    expect(isAtlosError({ kind: 'network' })).toBe(false);
  });
  it('quotes the server message for not_found and permission', () => {
    expect(new AtlosError('not_found', { serverMessage: 'incident not found' }).message).toContain(
      '"incident not found"',
    );
    expect(new AtlosError('permission', { serverMessage: 'api token not authorized to edit' }).message).toContain(
      'api token not authorized to edit',
    );
  });
});

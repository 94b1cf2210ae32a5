/** Test-only helpers shared by the client's unit tests and its integration tests against the stand-in. */
import { isAtlosError, type AtlosError } from '../errors';

/** Resolves with the AtlosError the call failed with; fails the test if it succeeded or threw anything else. */
export async function failure(promise: Promise<unknown>): Promise<AtlosError> {
  try {
    await promise;
  } catch (error) {
    if (isAtlosError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an AtlosError');
}

// The StetError a promise rejects with; fails the test if it resolves or throws anything else.
import { expect } from 'vitest';
import { StetError } from '../../src/errors.js';

export async function failure(promise: Promise<unknown>): Promise<StetError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StetError);
  return error as StetError;
}

import { isAppError, type AppError } from '../../src/errors.js';

/** The AppError a promise rejects with; anything else (success, a plain Error) fails the test. */
export const expectAppError = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
};

/** The AppError a function throws; no throw, or anything else thrown, fails the test. */
export const expectAppErrorThrown = (run: () => unknown): AppError => {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
};

/**
 * The app's errors at the Zapier edge: how pure code's failures become the `z.errors` a user sees, and how no error
 * ever carries a signing secret.
 */
import type { ZObject } from 'zapier-platform-core';
import { InvalidInputError } from './inputs/invalid-input';

/**
 * zapier-platform-core appends "What happened" — the whole bundle minus authData — to the message of most errors
 * (all but z.errors.Error and ThrottledError). For a hook that bundle holds `subscribeData.secret`, so every error of
 * another type this app throws (HaltedError, ExpiredAuthError) goes through here: a signing secret must never reach one.
 */
export function withoutBundleContext<E extends Error>(error: E): E {
  (error as E & { doNotContextify?: boolean }).doNotContextify = true;
  return error;
}

/** Runs `read` and rethrows an `InvalidInputError` as the Zapier error a user sees on the step. */
export function readInput<T>(z: ZObject, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidInputError) throw new z.errors.Error(error.message, 'InvalidInput');
    throw error;
  }
}

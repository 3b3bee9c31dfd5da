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

const GUARDED = Symbol('withoutBundleContextOnFailure');

type AnyFunction = (...args: never[]) => unknown;

/** `run`, except that whatever it throws (or rejects with) is first marked so core does not append the bundle to it. */
export function withoutBundleContextOnFailure<F extends AnyFunction>(run: F): F {
  if (isWithoutBundleContextOnFailure(run)) return run;
  const mark = (error: unknown): never => {
    if (typeof error === 'object' && error !== null) withoutBundleContext(error as Error);
    throw error;
  };
  const guarded = function (this: unknown, ...args: Parameters<F>) {
    try {
      const result = run.apply(this, args);
      return result instanceof Promise ? result.catch(mark) : result;
    } catch (error) {
      return mark(error);
    }
  } as F;
  Object.defineProperty(guarded, GUARDED, { value: true });
  return guarded;
}

export function isWithoutBundleContextOnFailure(run: unknown): boolean {
  return typeof run === 'function' && (run as { [GUARDED]?: true })[GUARDED] === true;
}

/** A copy of `holder` whose functions (and those of its `inputFields`, e.g. dynamic fields) are guarded. */
function guardFunctionsOf<T>(holder: T): T {
  if (typeof holder !== 'object' || holder === null) return holder;
  const copy: Record<string, unknown> = { ...(holder as Record<string, unknown>) };
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value === 'function') copy[key] = withoutBundleContextOnFailure(value as AnyFunction);
  }
  if (Array.isArray(copy.inputFields)) {
    copy.inputFields = copy.inputFields.map((field: unknown) => (typeof field === 'function' ? withoutBundleContextOnFailure(field as AnyFunction) : field));
  }
  return copy as T;
}

function guardOperationsOf(group: unknown): unknown {
  if (typeof group !== 'object' || group === null) return group;
  return Object.fromEntries(
    Object.entries(group as Record<string, { operation?: unknown }>).map(([key, definition]) => [
      key,
      { ...definition, operation: guardFunctionsOf(definition.operation) },
    ]),
  );
}

/**
 * The app definition with every function Zapier calls (each operation's perform, performList, performSubscribe…,
 * the auth test and connection label) guarded by `withoutBundleContextOnFailure`: an error nobody planned for (a bug,
 * a RangeError deep in a library) then never carries the bundle, and so never a hook's `subscribeData.secret`.
 * Applied once, where src/index.ts assembles the app, so no operation has to remember it.
 */
export function withoutBundleContextEverywhere<App extends object>(app: App): App {
  const definition = app as App & Record<'authentication' | 'triggers' | 'searches' | 'creates', unknown>;
  return {
    ...definition,
    authentication: guardFunctionsOf(definition.authentication),
    triggers: guardOperationsOf(definition.triggers),
    searches: guardOperationsOf(definition.searches),
    creates: guardOperationsOf(definition.creates),
  };
}

/**
 * Reading values that may be unknown during preview. CrossGuard wraps props in a proxy that throws
 * `UnknownValueError` on an unknown value; the server would turn that into an advisory "can't run
 * policy" for the whole policy. These helpers let a policy decide per value instead, so an unknown
 * value makes a check not applicable and never yields a false violation.
 */
import { UnknownValueError } from "@pulumi/policy";

/** Marker for a value that cannot be known during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

/**
 * True for CrossGuard's unknown-value error. The class is also matched by name because tests and
 * the pack may load two copies of @pulumi/policy (root and policies/node_modules).
 */
export function isUnknownValueError(e: unknown): boolean {
  return (
    e instanceof UnknownValueError ||
    (e instanceof Error && e.constructor.name === "UnknownValueError")
  );
}

/**
 * A deep, plain copy of `get()`; UNKNOWN when any part of it is unknown during preview. JSON
 * round-tripping walks every nested property through the proxy, so a nested unknown is found.
 */
export function read<T>(get: () => T): T | Unknown {
  try {
    const value = get();
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
  } catch (e) {
    if (isUnknownValueError(e)) {
      return UNKNOWN;
    }
    throw e;
  }
}

export function isKnown<T>(value: T | Unknown): value is T {
  return value !== UNKNOWN;
}

/** A known string, UNKNOWN, or undefined when the value is absent or not a string. */
export function readString(get: () => unknown): string | undefined | Unknown {
  const v = read(get);
  return v === UNKNOWN || typeof v === "string" ? v : undefined;
}

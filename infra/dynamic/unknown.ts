/**
 * Pulumi's placeholder for an input not known yet (preview). The Node dynamic-provider host
 * passes it as the literal string below, in any field (pulumi/pulumi#6310): `check` must accept
 * it without validating, and `diff` must not read it as a change it cannot judge.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for Pulumi's unknown-value placeholder. */
export const isUnknown = (v: unknown): boolean => v === UNKNOWN;

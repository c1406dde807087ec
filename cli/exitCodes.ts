// Distinct exit codes for distinct outcomes, so scripts and CI can tell them apart.
export const EXIT = {
  /** The run was clean. */
  ok: 0,
  /** A rule was violated (an invariant or an expectation failed). */
  violation: 1,
  /** Bad input: scenario file, option, override. Nothing was written. */
  badInput: 2,
  /** A bug in marketsim itself. */
  internal: 3,
} as const;

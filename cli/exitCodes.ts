// Distinct exit codes for distinct outcomes, so scripts and CI can tell them apart (docs/exit-codes.md).
export const EXIT = {
  /** The run was clean. */
  ok: 0,
  /** A rule was violated (an invariant or an expectation failed). */
  violation: 1,
  /** Bad input: scenario file, option, override, an output path marketsim may not replace, a modified run. Nothing was written. */
  badInput: 2,
  /** A bug in marketsim itself (the only exit with a stack trace). */
  internal: 3,
  /** The system refused: disk full, file too large, read-only or forbidden folder, out of file handles. */
  environment: 4,
} as const;

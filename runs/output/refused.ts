// An output path marketsim refuses to replace, found only at the swap (something not ours appeared at the path
// while the run went): the CLI reports it as bad input, exit 2. Its own module so the CLI entry loads no writer.
export class OutputRefused extends Error {}

#!/usr/bin/env node
// Entry point: starts the CLI compiled into dist/ (`npm run build`, run by `npm ci` through `prepare`, and by
// `npm start` / `npm test`), so no TypeScript is compiled at start-up.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('marketsim: dist/ is missing: run `npm run build` (npm ci does it) first\n');
  process.exit(2);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));

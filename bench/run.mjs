#!/usr/bin/env node
// `npm run bench` entry: loads the TypeScript benchmarks through tsx (no build step), like cli/marketsim.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');

// Worker-thread entry of a shard when running from the TypeScript sources (tests): a worker does not inherit the tsx
// loader, so it registers tsx itself before loading the worker body (as runs/sweep/worker.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

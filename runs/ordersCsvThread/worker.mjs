// Worker-thread entry of the orders.csv thread when running from the TypeScript sources (tests): a worker does not
// inherit the tsx loader, so it registers tsx itself before loading the worker body (as runs/shards/worker.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

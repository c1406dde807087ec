// Worker-thread entry of the fuzz pool: a worker does not inherit the TypeScript loader of the thread that
// started it, so it registers tsx itself before loading the TypeScript body (as runs/sweep/worker.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

// Worker-thread entry of a sweep when the worker body cannot be bundled (sweepPool.ts): a worker does not
// inherit the tsx loader the CLI registered on the main thread, so it registers tsx itself before loading the
// TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

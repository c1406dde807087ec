// Body of the orders.csv thread: reads the run's spilled money facts and writes orders.csv to the descriptor it was
// handed, hashing what it writes; posts back the digest, or the error that stopped it.
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { spilledFacts } from '../factSpill.js';
import { writeAll } from '../output/durable.js';
import { namingTheFolder } from '../output/folder.js';
import { ledgerOrdersCsvChunks } from '../../reports/ordersCsv.js';
import { orderFacts } from '../../reports/runDigest.js';
import type { OrdersCsvJob, OrdersCsvReply } from './index.js';

const job = workerData as OrdersCsvJob;
let reply: OrdersCsvReply;
try {
  const sha256 = namingTheFolder(job.facts.named, () => {
    const hash = createHash('sha256');
    const pieces = ledgerOrdersCsvChunks(orderFacts(spilledFacts(job.facts)), new Map(job.productNames), job.platform, job.options, job.names);
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      hash.update(bytes);
      writeAll(job.fd, bytes);
    }
    return hash.digest('hex');
  });
  reply = { ok: true, sha256 };
} catch (error) {
  // What the run's own thread needs to report it as it would have there: a system error's code and path
  // (cli/environmentError.ts), a bug's stack.
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as NodeJS.ErrnoException;
  reply = {
    ok: false,
    error: String(e.message),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.path === 'string' ? { path: e.path } : {}),
    ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
  };
}
parentPort!.postMessage(reply);

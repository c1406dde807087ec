// Body of the orders.csv thread: reads the run's spilled money facts and writes orders.csv to the descriptor it was
// handed, hashing what it writes; posts back the digest (an error stops the thread and reaches the run's).
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { spilledFacts } from '../factSpill.js';
import { writeAll } from '../output/durable.js';
import { namingTheFolder } from '../output/folder.js';
import { ledgerOrdersCsvChunks } from '../../reports/ordersCsv.js';
import { orderFacts } from '../../reports/runDigest.js';
import type { OrdersCsvJob } from './index.js';

const job = workerData as OrdersCsvJob;
// An error is left to throw: node hands it to the run's thread (the Worker's 'error' event) with its message, stack
// and own properties, so a system error keeps the code and the output folder's path the CLI reports it by.
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
parentPort!.postMessage(sha256);

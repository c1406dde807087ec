// STL-5 across threads: each shard of a run split by buyer reaches the same product step in the same order, posts its
// own pending settlements to every other shard and blocks until it has theirs (Atomics.wait on a shared counter; a
// port read with receiveMessageOnPort, so the engine's synchronous step never yields to an event loop).
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { ShardJoin } from '../../sim/runContext.js';

/** Slots of the shared counters: one per shard (messages posted to it), then the abort flag the parent raises. */
export const signalBytes = (shards: number): number => 4 * (shards + 1);

interface PendingMessage {
  readonly productId: string;
  readonly pending: readonly string[];
}

/** Posted by a shard that has run to the end: a shard still waiting on it to join would wait forever. */
interface FinishedMessage {
  readonly finished: number;
}

/** How long one wait lasts before the abort flag is looked at again (a shard that died never posts). */
const WAIT_MS = 500;

export class ThreadJoin implements ShardJoin {
  private readonly signal: Int32Array;

  constructor(
    private readonly index: number,
    signal: SharedArrayBuffer,
    /** A port to each other shard, by shard index (none at this shard's own). */
    private readonly peers: readonly (MessagePort | undefined)[],
  ) {
    this.signal = new Int32Array(signal);
  }

  pendingSettlements(productId: string, local: readonly string[]): string[] {
    const message: PendingMessage = { productId, pending: local };
    this.peers.forEach((port, j) => {
      if (!port) return;
      port.postMessage(message);
      Atomics.add(this.signal, j, 1);
      Atomics.notify(this.signal, j);
    });
    const all = new Set(local);
    for (const port of this.peers) {
      if (!port) continue;
      const theirs = this.receive(port);
      if (theirs.productId !== productId) throw new Error(`shards joined STL-5 for ${productId} and ${theirs.productId}: they stepped apart`);
      for (const id of theirs.pending) all.add(id);
    }
    return [...all].sort();
  }

  /** This shard has run to the end: tells every other shard, so none waits for it at a join it will never reach. */
  finished(): void {
    const message: FinishedMessage = { finished: this.index };
    this.peers.forEach((port, j) => {
      if (!port) return;
      port.postMessage(message);
      Atomics.add(this.signal, j, 1);
      Atomics.notify(this.signal, j);
    });
  }

  private receive(port: MessagePort): PendingMessage {
    const aborted = this.peers.length;
    for (;;) {
      const seen = Atomics.load(this.signal, this.index);
      const got = receiveMessageOnPort(port) as { message: PendingMessage | FinishedMessage } | undefined;
      if (got && 'finished' in got.message) {
        throw new Error(`shard ${got.message.finished} ran to the end without reaching this STL-5 join: the shards stepped apart`);
      }
      if (got) return got.message as PendingMessage;
      if (Atomics.load(this.signal, aborted) !== 0) throw new Error('another shard of the run failed');
      Atomics.wait(this.signal, this.index, seen, WAIT_MS);
    }
  }
}

/** Raised by the parent when a shard fails: every shard waiting in a join gives up. */
export function abortJoins(signal: SharedArrayBuffer, shards: number): void {
  const view = new Int32Array(signal);
  Atomics.store(view, shards, 1);
  for (let i = 0; i < shards; i++) Atomics.notify(view, i);
}

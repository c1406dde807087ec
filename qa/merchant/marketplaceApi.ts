// The marketplace's own open API, as far as conformance mode needs it: the License authorisation-code activation a
// merchant calls (SUP-4: 激活授权码, POST). Served on a loopback port while the probes run; it records every
// activation so a probe can wait for the one it expects.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Activation = Readonly<Record<string, unknown>>;

export interface MarketplaceApi {
  /** Where a merchant activates codes: POST JSON `{ orderId, licenseCode, … }`. */
  readonly activationUrl: string;
  /** The first activation for the order, or undefined when none came within `timeoutMs`. */
  activation(orderId: string, timeoutMs: number): Promise<Activation | undefined>;
  stop(): Promise<void>;
}

export async function startMarketplaceApi(): Promise<MarketplaceApi> {
  const received: Activation[] = [];
  const waiting = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const ok = request.method === 'POST' && request.url === '/license/activate' && body !== null && typeof body === 'object';
      if (ok) {
        received.push(body as Activation);
        for (const wake of waiting) wake();
      }
      response.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ok ? { resultCode: '000000', resultMsg: 'activated' } : { resultCode: '000400', resultMsg: 'POST /license/activate with a JSON body' }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const find = (orderId: string) => received.find((a) => a.orderId === orderId);
  return {
    activationUrl: `${base}/license/activate`,
    activation: (orderId, timeoutMs) =>
      new Promise((resolve) => {
        const found = find(orderId);
        if (found) return resolve(found);
        const wake = () => {
          const now = find(orderId);
          if (!now) return;
          clearTimeout(timer);
          waiting.delete(wake);
          resolve(now);
        };
        const timer = setTimeout(() => {
          waiting.delete(wake);
          resolve(undefined);
        }, timeoutMs);
        waiting.add(wake);
      }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

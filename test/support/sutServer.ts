// A system under test served over the JSON protocol of docs/qa-protocol.md on plain node:http: what a team would
// put in front of its own system (in any language). Tests serve the reference or a planted-bug copy on a loopback
// port (port 0) and stop it at the end.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROTOCOL } from '../../qa/adapters.js';
import type { CaseSetup, StepInput, SystemUnderTest } from '../../qa/system.js';

export interface Served {
  readonly url: string;
  stop(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function serveSystem(system: SystemUnderTest, machines?: readonly string[]): Promise<Served> {
  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const key = `${request.method} ${request.url}`;
    if (key === 'GET /') return send(response, 200, { protocol: PROTOCOL, ...(machines ? { machines } : {}) });
    if (key === 'POST /reset') {
      await system.reset((await readJson(request)) as CaseSetup);
      return send(response, 200, { ok: true });
    }
    if (key === 'POST /events') return send(response, 200, await system.execute((await readJson(request)) as StepInput));
    if (key === 'GET /state') return send(response, 200, await system.observe());
    return send(response, 404, { ok: false, error: `no route ${key}` });
  };
  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => send(response, 500, { ok: false, error: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

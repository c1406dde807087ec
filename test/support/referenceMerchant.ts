// A small merchant system on plain node:http, speaking the merchant side of docs/qa-protocol.md: it keeps
// instances, tenants and departments, answers each callId once and repeats that answer for a repeated callId
// (INT-1). Tests start it on a loopback port (port 0) and stop it; BrokenMerchant overrides a few endpoints.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Body = Readonly<Record<string, unknown>>;

/** What an endpoint answers; `delayMs` holds the reply back, `hangUp` closes the connection without one. */
export interface MerchantReply {
  readonly status: number;
  readonly body: Body;
  readonly delayMs?: number;
  readonly hangUp?: boolean;
}

interface Instance {
  readonly instanceId: string;
  readonly orderId: string;
  validUntil: number | undefined;
  status: 'active' | 'frozen' | 'released';
  trial: boolean;
}

const ok = (fields: Body = {}): MerchantReply => ({ status: 200, body: { resultCode: '000000', resultMsg: 'success', ...fields } });
const notFound = (what: string): MerchantReply => ({ status: 404, body: { resultCode: '000404', resultMsg: `${what} not found` } });

export class ReferenceMerchant {
  protected readonly instances = new Map<string, Instance>();
  protected readonly departments = new Map<string, Body>();
  protected readonly tenants = new Map<string, Body>();
  /** callId → the reply it got: a repeated call is answered the same and changes nothing. */
  protected readonly answered = new Map<string, MerchantReply>();
  protected nextInstance = 1;
  private server: Server | undefined;

  /** Endpoints by name; a subclass overrides a method to plant a bug. */
  protected endpoint(name: string, body: Body): MerchantReply | undefined {
    switch (name) {
      case 'orderNotify':
        return this.orderNotify(body);
      case 'createInstance':
        return this.createInstance(body);
      case 'updateInstance':
        return this.updateInstance(body);
      case 'expireInstance':
        return this.expireInstance(body);
      case 'freezeInstance':
        return this.freezeInstance(body);
      case 'releaseInstance':
        return this.releaseInstance(body);
      case 'tenantSync':
        return this.tenantSync(body);
      case 'departmentSync':
        return this.departmentSync(body);
      default:
        return undefined;
    }
  }

  /** The idempotency wrapper: the first answer to a callId is the answer to every repeat. */
  protected handle(name: string, body: Body): MerchantReply {
    const key = `${name}|${String(body.callId)}`;
    const previous = this.answered.get(key);
    if (previous) return previous;
    const reply = this.endpoint(name, body) ?? { status: 404, body: { resultCode: '000404', resultMsg: `no endpoint ${name}` } };
    if (reply.status === 200) this.answered.set(key, reply);
    return reply;
  }

  protected orderNotify(_body: Body): MerchantReply {
    return ok();
  }

  protected createInstance(body: Body): MerchantReply {
    const instanceId = `inst-${this.nextInstance++}`;
    const validUntil = typeof body.validUntil === 'number' ? body.validUntil : undefined;
    this.instances.set(instanceId, { instanceId, orderId: String(body.orderId), validUntil, status: 'active', trial: body.trial === true });
    if (typeof body.activationUrl === 'string') this.activate(body.activationUrl, { orderId: body.orderId, instanceId, licenseCode: body.licenseCode });
    return ok({ instanceId, validUntil, status: 'active' });
  }

  /** SUP-4: after delivery the merchant activates the License code through the marketplace's API (not awaited). */
  protected activate(url: string, activation: Body): void {
    const body = JSON.stringify(activation);
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
  }

  protected updateInstance(body: Body): MerchantReply {
    const instance = this.instances.get(String(body.instanceId));
    if (!instance) return notFound('instance');
    if (typeof body.validUntil === 'number') instance.validUntil = body.validUntil;
    instance.trial = false;
    instance.status = 'active';
    return ok({ instanceId: instance.instanceId, validUntil: instance.validUntil, status: instance.status });
  }

  protected setStatus(body: Body, status: Instance['status']): MerchantReply {
    const instance = this.instances.get(String(body.instanceId));
    if (!instance) return notFound('instance');
    instance.status = status;
    return ok({ instanceId: instance.instanceId, status });
  }

  protected expireInstance(body: Body): MerchantReply {
    return this.setStatus(body, 'frozen');
  }

  protected freezeInstance(body: Body): MerchantReply {
    return this.setStatus(body, 'frozen');
  }

  protected releaseInstance(body: Body): MerchantReply {
    return this.setStatus(body, 'released');
  }

  /** Keyed record sync: `deleted` removes (already gone is fine), anything else replaces. */
  protected sync(records: Map<string, Body>, key: string, body: Body): MerchantReply {
    if (body.deleted === true) records.delete(key);
    else records.set(key, body);
    return ok();
  }

  protected tenantSync(body: Body): MerchantReply {
    return this.sync(this.tenants, String(body.tenantId), body);
  }

  protected departmentSync(body: Body): MerchantReply {
    return this.sync(this.departments, String(body.departmentId), body);
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: Body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Body;
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ resultCode: '000400', resultMsg: 'not JSON' }));
      return;
    }
    const reply = this.handle((request.url ?? '/').replace(/^\/+/, ''), body);
    if (reply.hangUp) {
      request.socket.destroy();
      return;
    }
    if (reply.delayMs) await new Promise((done) => setTimeout(done, reply.delayMs));
    if (!response.destroyed) response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  }

  /** Listens on 127.0.0.1, port 0 (a free port); returns the base URL. */
  async start(): Promise<string> {
    const server = createServer((request, response) => void this.serve(request, response));
    this.server = server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

// The conversations conformance mode has with a merchant, one per interface the sources document, each tagged
// with the rules it checks: new purchase (REN-6), update instance (REN-5: trial → paid, renewal, 退续费), expiry
// (REN-3: SaaS retried under one callId, License called once), instance status (REN-4), release (REN-2), org syncs
// (INT-2), License activation (SUP-4: the merchant calls the marketplace's activation API with the code it got).
// Every call is repeated as a retry would repeat it: a merchant's endpoints must be idempotent (INT-1).
import type { MerchantEndpoint } from '../../machines/contracts.js';
import { parseTime } from '../../machines/time.js';

/** One logical call: sent `attempts` times with the same callId; every reply must match `expect` and the first. */
export interface CallSpec {
  readonly endpoint: MerchantEndpoint;
  /** What the call is in words, e.g. "renewal". */
  readonly what: string;
  readonly rules: readonly string[];
  readonly body: Readonly<Record<string, unknown>>;
  /** Fields the reply must carry with these values (beyond `resultCode: "000000"`). */
  readonly expect?: Readonly<Record<string, unknown>>;
  /** Reply fields that must be present (any value), e.g. the instanceId a new purchase creates. */
  readonly present?: readonly string[];
  /** Times the marketplace sends it (a retry repeats the callId); default 2. */
  readonly attempts?: number;
}

export interface ProbeContext {
  /** Sends the call; the first reply's body, or undefined when it failed (the failure is already recorded). */
  call(spec: CallSpec): Promise<Readonly<Record<string, unknown>> | undefined>;
  /** The marketplace's License activation API (qa/merchant/marketplaceApi.ts) that the merchant must call. */
  readonly activationUrl: string;
  /** The merchant's activation of this order's code, or undefined when none came within the call timeout. */
  activation(orderId: string): Promise<Readonly<Record<string, unknown>> | undefined>;
  /** Records a finding about a call the merchant makes (or fails to make) to the marketplace. */
  report(finding: { endpoint: string; what: string; rules: readonly string[]; problem: 'missing call' | 'wrong call'; detail: string }): void;
}

export interface Probe {
  readonly id: string;
  readonly title: string;
  readonly rules: readonly string[];
  run(ctx: ProbeContext): Promise<void>;
}

const MERCHANT = 'qa-merchant';
const T0 = parseTime('2024-03-01T09:00')!;
const T1 = parseTime('2024-04-01T09:00')!;
const T2 = parseTime('2024-05-01T09:00')!;
const T3 = parseTime('2024-06-01T09:00')!;

const order = (orderId: string, extra: Record<string, unknown> = {}) => ({
  merchantId: MERCHANT,
  orderId,
  productId: 'qa-product',
  buyerId: 'qa-buyer',
  specId: 's1',
  ...extra,
});

/** A new instance for a probe that is about something else; its own checks are REN-6's. */
async function newInstance(ctx: ProbeContext, orderId: string, extra: Record<string, unknown>): Promise<string | undefined> {
  const reply = await ctx.call({
    endpoint: 'createInstance',
    what: `new purchase ${orderId}`,
    rules: ['REN-6', 'INT-1'],
    body: { callId: `${orderId}:createInstance`, ...order(orderId, { chargingMode: 'period', periodType: 'month', periods: 1, paidAt: T0, validUntil: T1, trial: false, ...extra }) },
    present: ['instanceId'],
  });
  return typeof reply?.instanceId === 'string' ? reply.instanceId : undefined;
}

export const PROBES: readonly Probe[] = [
  {
    id: 'new-purchase',
    title: 'new purchase: order notify, then create instance (REN-6)',
    rules: ['REN-6', 'INT-1'],
    async run(ctx) {
      await ctx.call({ endpoint: 'orderNotify', what: 'order notify', rules: ['REN-6', 'INT-1'], body: { callId: 'qa-o1:orderNotify', ...order('qa-o1') } });
      await newInstance(ctx, 'qa-o1', { deliveryType: 'saas' });
    },
  },
  {
    id: 'update-instance',
    title: 'update instance: trial → paid, renewal, refund of the renewal (REN-5)',
    rules: ['REN-5', 'INT-1'],
    async run(ctx) {
      const instanceId = await newInstance(ctx, 'qa-o2', { deliveryType: 'saas', trial: true });
      if (!instanceId) return;
      const update = (n: number, what: string, validUntil: number, extra: Record<string, unknown>) =>
        ctx.call({
          endpoint: 'updateInstance',
          what,
          rules: ['REN-5', 'INT-1'],
          body: { callId: `qa-o2:updateInstance:${n}`, ...order('qa-o2', { instanceId, validUntil, ...extra }) },
          expect: { instanceId, validUntil },
        });
      await update(0, 'trial → paid', T2, { trialToPaid: true });
      await update(1, 'renewal', T3, { renewalOrderId: 'qa-o2-r1', periods: 1 });
      await update(2, 'refund of the renewal (退续费)', T2, { refundOf: 'qa-o2-r1' });
    },
  },
  {
    id: 'expiry-saas',
    title: 'product expired (商品过期): SaaS instance frozen, retried under one callId (REN-3)',
    rules: ['REN-3', 'INT-1'],
    async run(ctx) {
      const instanceId = await newInstance(ctx, 'qa-o3', { deliveryType: 'saas' });
      if (!instanceId) return;
      await ctx.call({
        endpoint: 'expireInstance',
        what: 'product expired, with the marketplace retrying',
        rules: ['REN-3', 'INT-1'],
        body: { callId: `qa-o3:expireInstance:${T1}`, ...order('qa-o3', { instanceId, expiredAt: T1, license: false }) },
        expect: { instanceId, status: 'frozen' },
        attempts: 3,
      });
    },
  },
  {
    id: 'expiry-license',
    title: 'License expired (License过期): called once, must succeed the first time (REN-3)',
    rules: ['REN-3'],
    async run(ctx) {
      const instanceId = await newInstance(ctx, 'qa-o4', { deliveryType: 'license' });
      if (!instanceId) return;
      await ctx.call({
        endpoint: 'expireInstance',
        what: 'License expired',
        rules: ['REN-3'],
        body: { callId: `qa-o4:expireInstance:${T1}`, ...order('qa-o4', { instanceId, expiredAt: T1, license: true }) },
        expect: { instanceId, status: 'frozen' },
        attempts: 1,
      });
    },
  },
  {
    id: 'instance-status',
    title: 'instance status change (更新实例状态): frozen for a violation (REN-4)',
    rules: ['REN-4', 'INT-1'],
    async run(ctx) {
      const instanceId = await newInstance(ctx, 'qa-o5', { deliveryType: 'image' });
      if (!instanceId) return;
      await ctx.call({
        endpoint: 'freezeInstance',
        what: 'freeze for a violation',
        rules: ['REN-4', 'INT-1'],
        body: { callId: `qa-o5:freezeInstance:${T0}`, ...order('qa-o5', { instanceId, reason: 'violation' }) },
        expect: { instanceId, status: 'frozen' },
      });
    },
  },
  {
    id: 'release',
    title: 'release after the frozen period (REN-2)',
    rules: ['REN-2', 'INT-1'],
    async run(ctx) {
      const instanceId = await newInstance(ctx, 'qa-o6', { deliveryType: 'saas' });
      if (!instanceId) return;
      await ctx.call({
        endpoint: 'releaseInstance',
        what: 'release',
        rules: ['REN-2', 'INT-1'],
        body: { callId: 'qa-o6:releaseInstance', ...order('qa-o6', { instanceId }) },
        expect: { instanceId, status: 'released' },
      });
    },
  },
  {
    id: 'tenant-sync',
    title: 'org sync: tenant authorisation (INT-2)',
    rules: ['INT-2'],
    async run(ctx) {
      const tenant = { merchantId: MERCHANT, enterpriseId: 'qa-e1', tenantId: 'qa-t1' };
      await ctx.call({ endpoint: 'tenantSync', what: 'authorise tenant', rules: ['INT-2'], body: { callId: 'qa-e1.sync.1', ...tenant, apps: ['crm'] } });
      await ctx.call({ endpoint: 'tenantSync', what: 'revoke tenant', rules: ['INT-2'], body: { callId: 'qa-e1.sync.2', ...tenant, deleted: true } });
    },
  },
  {
    id: 'department-sync',
    title: 'org sync: incremental departments — create, rename, delete (INT-2)',
    rules: ['INT-2'],
    async run(ctx) {
      const department = { merchantId: MERCHANT, enterpriseId: 'qa-e1', departmentId: 'qa-d1' };
      await ctx.call({ endpoint: 'departmentSync', what: 'create department', rules: ['INT-2'], body: { callId: 'qa-e1.sync.3', ...department, name: 'Sales' } });
      await ctx.call({ endpoint: 'departmentSync', what: 'rename department', rules: ['INT-2'], body: { callId: 'qa-e1.sync.4', ...department, name: 'Sales East' } });
      await ctx.call({ endpoint: 'departmentSync', what: 'delete department', rules: ['INT-2'], body: { callId: 'qa-e1.sync.5', ...department, deleted: true } });
    },
  },
  {
    id: 'license-activation',
    title: 'License with an online authorisation code: the merchant activates the code through the marketplace API (SUP-4)',
    rules: ['SUP-4'],
    async run(ctx) {
      const licenseCode = 'QA-LIC-0007';
      const instanceId = await newInstance(ctx, 'qa-o7', { deliveryType: 'license', licenseMode: 'onlineCode', licenseCode, activationUrl: ctx.activationUrl });
      if (!instanceId) return;
      const activation = await ctx.activation('qa-o7');
      const what = `activate the authorisation code of qa-o7 at ${ctx.activationUrl}`;
      if (!activation) ctx.report({ endpoint: 'license/activate', what, rules: ['SUP-4'], problem: 'missing call', detail: 'the merchant never activated the code' });
      else if (activation.licenseCode !== licenseCode) {
        ctx.report({ endpoint: 'license/activate', what, rules: ['SUP-4'], problem: 'wrong call', detail: `licenseCode ${JSON.stringify(activation.licenseCode)}, expected "${licenseCode}"` });
      }
    },
  },
];

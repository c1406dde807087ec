// The reference merchant with one planted bug per rule, by overriding its endpoints (the rest stays correct):
// conformance mode must name each rule. `slowMs` must exceed the timeout the test gives conformance mode.
import { ReferenceMerchant, type Body, type MerchantReply } from './referenceMerchant.js';

export const BROKEN_RULES = {
  /** REN-6 / INT-1: a repeated create-instance call creates a second instance (the callId is not honoured). */
  'REN-6': 'not idempotent',
  /** REN-5: the refund of a renewal (退续费) leaves the renewed expiry in place. */
  'REN-5': 'wrong reply',
  /** REN-3: the expiry endpoint drops the connection. */
  'REN-3': 'no reply',
  /** REN-4: the instance-status endpoint answers after the marketplace stopped waiting. */
  'REN-4': 'too slow',
  /** INT-2: deleting an already deleted department answers 404, so the repeat of a delete fails. */
  'INT-2': 'not idempotent',
  /** SUP-4: the License code is activated with the instance id instead of the code it was given. */
  'SUP-4': 'wrong call',
} as const;

export class BrokenMerchant extends ReferenceMerchant {
  constructor(private readonly slowMs: number) {
    super();
  }

  protected override handle(name: string, body: Body): MerchantReply {
    // Bypasses the callId cache for create-instance and department sync only, so their repeats run again.
    if (name === 'createInstance') return this.createInstance(body);
    if (name === 'departmentSync') return this.departmentSync(body);
    return super.handle(name, body);
  }

  protected override updateInstance(body: Body): MerchantReply {
    if (body.refundOf !== undefined) {
      const instance = this.instances.get(String(body.instanceId));
      return { status: 200, body: { resultCode: '000000', instanceId: body.instanceId, validUntil: instance?.validUntil, status: 'active' } };
    }
    return super.updateInstance(body);
  }

  protected override activate(url: string, activation: Body): void {
    super.activate(url, { ...activation, licenseCode: activation.instanceId });
  }

  protected override expireInstance(_body: Body): MerchantReply {
    return { status: 200, body: {}, hangUp: true };
  }

  protected override freezeInstance(body: Body): MerchantReply {
    return { ...super.freezeInstance(body), delayMs: this.slowMs };
  }

  protected override departmentSync(body: Body): MerchantReply {
    const key = String(body.departmentId);
    if (body.deleted === true && !this.departments.has(key)) return { status: 404, body: { resultCode: '000404', resultMsg: 'department not found' } };
    return super.departmentSync(body);
  }
}

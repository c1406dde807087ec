// Exploration model of the supervision machine: one variant per flow a paid order can take (SUP-1..7, both
// SUP-4 flows, enablement cloud or not) and the commands to try from each state, valid and refused ones.
import type { SnapshotFrom } from 'xstate';
import type { DeliveryType, LicenseMode } from './domain.js';
import { defineModel, type MachineVariant } from './models.js';
import { PROFILES } from './rules.js';
import { openAppeals, supervisionMachine, type SupervisionEvent } from './supervisionMachine.js';

/** Fixed instants for generated commands (epoch ms); only the SUP-4 cut-over reads the order date. */
const BEFORE_CUT_OVER = Date.UTC(2024, 8, 13, 2, 0, 0); // 2024-09-13 10:00 UTC+8
const AFTER_CUT_OVER = Date.UTC(2024, 8, 15, 2, 0, 0); // 2024-09-15 10:00 UTC+8
const BUYER_PHONE = '13800000001';

function variant(
  name: string,
  deliveryType: DeliveryType,
  options: { licenseMode?: LicenseMode; orderedAt?: number; enablementCloud?: boolean } = {},
): MachineVariant<typeof supervisionMachine> {
  return {
    name,
    profile: 'koogallery',
    facts: { deliveryType, ...(options.licenseMode ? { licenseMode: options.licenseMode } : {}), enablementCloud: String(options.enablementCloud ?? false) },
    input: {
      params: { ...PROFILES.koogallery, supervisedDeliveryTypes: [...PROFILES.koogallery.supervisedDeliveryTypes, 'image'] },
      orderId: `o-${name}`,
      productId: 'p1',
      merchantId: 'm1',
      buyerId: 'b1',
      deliveryType,
      ...(options.licenseMode ? { licenseMode: options.licenseMode } : {}),
      enablementCloud: options.enablementCloud ?? false,
      buyerPhone: BUYER_PHONE,
      orderedAt: options.orderedAt ?? AFTER_CUT_OVER,
      period: { unit: 'month', count: 1 },
    },
  };
}

const at = AFTER_CUT_OVER;
type Cmd = SupervisionEvent;

/** The commands tried from every state; the machine refuses those its rules forbid there. */
const COMMANDS: readonly Cmd[] = [
  { type: 'openSupervision', at, by: 'system' },
  { type: 'submitRequirement', at, by: 'buyer', requirement: 'r' },
  { type: 'submitRequirement', at, by: 'seller' },
  { type: 'confirmRequirement', at, by: 'seller' },
  { type: 'rejectRequirement', at, by: 'seller', reason: 'unclear' },
  { type: 'deliver', at, by: 'seller' },
  { type: 'deliver', at, by: 'seller', openedAt: at, documents: ['acceptance.pdf'] },
  { type: 'deliver', at, by: 'buyer' },
  { type: 'ship', at, by: 'seller', recipientPhone: BUYER_PHONE },
  { type: 'ship', at, by: 'seller', recipientPhone: '13900000009' },
  { type: 'courierSignedOff', at, by: 'system' },
  { type: 'remindBuyer', at, by: 'seller' },
  { type: 'activateAuthCode', at, by: 'seller', code: 'C1' },
  { type: 'uploadDeliveryProof', at, by: 'seller', documents: ['delivery-proof.pdf'] },
  { type: 'acceptDelivery', at, by: 'buyer' },
  { type: 'acceptDelivery', at, by: 'seller' },
  { type: 'openAppeal', at, by: 'buyer', reason: 'late' },
  { type: 'openAppeal', at, by: 'seller', reason: 'unreachable buyer' },
  { type: 'openAppeal', at, by: 'operator', reason: 'audit' },
  { type: 'resolveAppeal', at, by: 'operator', outcome: 'ok' },
];

const TIMERS: ReadonlyArray<readonly [object, string]> = [
  [{ flow: { delivered: 'signedFor' } }, 'xstate.after.hardwareAutoAccept.supervision.flow.delivered.signedFor'],
  [{ flow: 'finishing' }, 'xstate.after.appOrchestrationCompletion.supervision.flow.finishing'],
];

export const supervisionModel = defineModel({
  name: 'supervision',
  machine: supervisionMachine,
  rules: ['SUP-1', 'SUP-2', 'SUP-3', 'SUP-4', 'SUP-5', 'SUP-6', 'SUP-7', 'SUP-8', 'SUP-9', 'SUP-10', 'SUP-11'],
  variants: [
    variant('manualService', 'manualService'),
    variant('saas', 'saas'),
    variant('dataFile', 'dataFile'),
    variant('licenseOffline', 'license', { licenseMode: 'offline' }),
    variant('licenseCodeOldFlow', 'license', { licenseMode: 'onlineCode', orderedAt: BEFORE_CUT_OVER }),
    variant('licenseCodeNewFlow', 'license', { licenseMode: 'onlineCode' }),
    variant('licenseCodeEnablementCloud', 'license', { licenseMode: 'onlineCode', enablementCloud: true }),
    variant('hardware', 'hardware'),
    variant('appOrchestration', 'appOrchestration'),
    variant('image', 'image'),
    variant('container-unsupervised', 'container'),
  ],
  events: (snapshot: SnapshotFrom<typeof supervisionMachine>) => {
    const timers = TIMERS.filter(([state]) => snapshot.matches(state as never)).map(([, type]) => ({ type, at }) as unknown as Cmd);
    return [...COMMANDS, ...timers];
  },
  // The rejection loop and the appeal count beyond two are unbounded in the machine: the abstraction
  // ignores rejections and caps open appeals, so the graph is finite.
  serialize: (snapshot: SnapshotFrom<typeof supervisionMachine>) =>
    JSON.stringify([snapshot.value, Math.min(openAppeals(snapshot.context).length, 2), snapshot.context.openedAt !== undefined]),
  maxDepth: 14,
});

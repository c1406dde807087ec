import { test, expect } from 'vitest';
import { resolveRules, paramMeta, rulesParamsSchema, PROFILES } from '../machines/rules.js';
import { z } from 'zod';
test('x', () => {
  console.log(resolveRules('koogallery', { hardwareAutoAcceptDelayMs: '5d', foo: 1 }));
  const r = resolveRules('koogallery', { hardwareAutoAcceptDelayMs: '5d' });
  console.log(r.ok && r.params.hardwareAutoAcceptDelayMs);
  console.log(JSON.stringify(resolveRules('koogallery', { hardwareAutoAcceptDelayMs: 'abc', logoSizePx: -1 })));
  console.log(paramMeta('autoRenewLeadMs'), paramMeta('hiddenPurchasableByUrl'));
  console.log(rulesParamsSchema.safeParse(PROFILES.tencent).success);
  console.log(JSON.stringify(z.toJSONSchema(rulesParamsSchema, { io: 'input' })).slice(0, 600));
});

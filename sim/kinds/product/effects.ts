// Effect handlers of the product kind: the periodic replay of saved interface test cases (INT-1) becomes a
// `replayInterfaceTests` command from the system at the same instant, prepared (and so replayed) like the others.
import type { TypedEffectHandler } from '../../module.js';

export const replayInterfaceTestsHandler = (): TypedEffectHandler<'replayInterfaceTests'> => (_effect, source, world) => {
  world.schedule(world.now, { target: source, event: { type: 'replayInterfaceTests', by: 'system' }, source: 'sim' });
};

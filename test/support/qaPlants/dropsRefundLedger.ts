// Module adapter for `marketsim check --adapter`: the reference system with the "dropsRefundLedger" bug (test/support/qaPlants.ts).
import { plantedSystem } from '../qaPlants.js';

const system = plantedSystem('dropsRefundLedger');
export const supports = system.supports!;
export const reset = system.reset;
export const execute = system.execute;
export const observe = system.observe;

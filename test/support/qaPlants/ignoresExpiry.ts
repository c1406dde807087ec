// Module adapter for `marketsim check --adapter`: the reference system with the "ignoresExpiry" bug (test/support/qaPlants.ts).
import { plantedSystem } from '../qaPlants.js';

const system = plantedSystem('ignoresExpiry');
export const supports = system.supports!;
export const reset = system.reset;
export const execute = system.execute;
export const observe = system.observe;

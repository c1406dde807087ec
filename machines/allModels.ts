// Every machine's exploration model, for the model-based suites and `marketsim tests`. One line per machine.
import type { MachineModel } from './models.js';
import { enterpriseModel } from './enterpriseMachine.model.js';
import { productModel } from './productMachine.model.js';
import { supervisionModel } from './supervisionMachine.model.js';
import { orderModel } from './orderMachine.model.js';

export const ALL_MODELS: readonly MachineModel[] = [
  productModel as unknown as MachineModel,
  enterpriseModel as unknown as MachineModel,
  supervisionModel as unknown as MachineModel,
  orderModel as unknown as MachineModel,
];

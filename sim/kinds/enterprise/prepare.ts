// Preparer for `createEnterprise`: the engine spawns `enterprise:<id>` with the run's rules, and an admin phone
// is drawn from the seed when the scenario gives none (ORG-3 verification codes go to it).
import type { EventPreparer } from '../../module.js';

export const prepareCreateEnterprise: EventPreparer = (command, _world, { params, drawsFor }) => {
  const adminPhone =
    typeof command.event.adminPhone === 'string'
      ? command.event.adminPhone
      : `1${String(drawsFor(`enterprise:${command.target.id}/adminPhone`).int(3_000_000_000, 9_999_999_999))}`;
  return {
    ...command,
    event: { ...command.event, adminPhone },
    create: { input: { params, id: command.target.id } },
  };
};

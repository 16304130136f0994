import { commandOperations } from '@ehc/commands';
import { PersonalData } from '@ehc/personal-data';
import type { ServiceDefinition } from '@ehc/host';
import { APPEAL_COMMANDS, MEDIATION_COMMANDS } from './api/commands';
import { TribunalModule } from './tribunal.module';
import { tribunalSettings, type TribunalSettings } from './config';
import { appealsDataEntities } from './infrastructure/read-models/appeals-data.entity';
import { tribunalMigrations } from './infrastructure/disagreements';

const partCommands = (tag: 'mediations' | 'appeals', definitions: typeof MEDIATION_COMMANDS, what: string) =>
  commandOperations((name) => `/${tag}/{id}/${name}`, { name: 'id', description: `the ${what} id` }, definitions, {
    tag,
    answer: `The ${what} after the command, with its deadlines`,
    refusals: {
      404: `No such ${what}`,
      409: 'The state does not allow it (e.g. a mediation already held, an appeal concluded, a step already done), or a stale expectedRevision',
      422: 'Breaks a rule on its own terms (e.g. a date in the future or before the letter, an order that does not fit the appeal)',
    },
  });

export const tribunalService: ServiceDefinition<TribunalSettings> = {
  name: 'tribunal',
  schema: 'tribunal',
  defaultPort: 3004,
  entities: [...PersonalData.entities, ...appealsDataEntities],
  migrations: [...PersonalData.migrations, ...tribunalMigrations],
  openApiPaths: { ...partCommands('mediations', MEDIATION_COMMANDS, 'mediation'), ...partCommands('appeals', APPEAL_COMMANDS, 'appeal') },
  configure: tribunalSettings,
  module: (runtime, settings) => TribunalModule.register(runtime, settings),
};

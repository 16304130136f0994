import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { addProjection, type ServiceRuntime } from '@ehc/host';
import type { TribunalSettings } from './config';
import { APPEALS_DATA_RUNNER, AppealWindowsController, TRIBUNAL_RECORDS, TRIBUNAL_SETTINGS } from './api/appeal-windows.controller';
import { MediationsController } from './api/mediations.controller';
import { AppealsController } from './api/appeals.controller';
import { TribunalRecords } from './api/tribunal-records';
import { DISAGREEMENTS, ExecuteDisagreementCommandHandler } from './application/disagreement-command';
import { disagreements } from './infrastructure/disagreements';
import { appealsDataProjection } from './infrastructure/read-models/appeals-data.projection';
import { appealableDecisionsConsumer } from './infrastructure/appealable-decisions.consumer';
import { orderComplianceConsumer } from './infrastructure/order-compliance.consumer';
import { tribunalPublication } from './infrastructure/publication';

const TRIBUNAL_RUNTIME = Symbol('TRIBUNAL_RUNTIME');

/** The tribunal service: every appealable decision tracked from its letter, through mediation and appeal, to compliance with the tribunal's orders. */
@Module({})
export class TribunalModule implements OnModuleInit {
  constructor(@Inject(TRIBUNAL_RUNTIME) private readonly runtime: ServiceRuntime) {}

  static register(runtime: ServiceRuntime, settings: TribunalSettings): DynamicModule {
    const appealsData = addProjection(runtime, appealsDataProjection(runtime.schema));
    return {
      module: TribunalModule,
      controllers: [AppealWindowsController, MediationsController, AppealsController],
      providers: [
        { provide: TRIBUNAL_RUNTIME, useValue: runtime },
        { provide: DISAGREEMENTS, useValue: disagreements(runtime) },
        { provide: APPEALS_DATA_RUNNER, useValue: appealsData },
        { provide: TRIBUNAL_SETTINGS, useValue: settings },
        { provide: TRIBUNAL_RECORDS, useFactory: (commands: CommandBus) => new TribunalRecords(commands, runtime, appealsData), inject: [CommandBus] },
        ExecuteDisagreementCommandHandler,
      ],
    };
  }

  /** What it publishes (for the services that must comply, and the performance meeting), and the appealable decisions and order steps it consumes, through Kafka or in-process. */
  onModuleInit() {
    this.runtime.bus.publish(this.runtime.store, this.runtime.checkpoints, tribunalPublication);
    this.runtime.bus.subscribe(this.runtime, appealableDecisionsConsumer(this.runtime));
    this.runtime.bus.subscribe(this.runtime, orderComplianceConsumer(this.runtime));
  }
}

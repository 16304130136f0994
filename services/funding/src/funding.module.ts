import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { addProjection, type ServiceRuntime } from '@ehc/host';
import { sideTablesOf } from '@ehc/commands';
import { PersonalData } from '@ehc/personal-data';
import { cadenceOf, type FundingSettings } from './config';
import { ExecuteFundingCommandHandler, FUNDING_STORE, type FundingStore } from './application/funding-command';
import { FundingRecords } from './api/funding-records';
import { FUNDING_RECORDS, FUNDING_RUNTIME, FUNDING_SETTINGS } from './api/tokens';
import { BandsController } from './api/bands.controller';
import { PlansController } from './api/plans.controller';
import { FinanceController } from './api/finance.controller';
import { plansProjection } from './infrastructure/read-models/plans.projection';
import { ledgerProjection } from './infrastructure/read-models/ledger.projection';
import { EyInclusionRatesController } from './api/ey-inclusion/rates.controller';
import { EyApplicationsController } from './api/ey-inclusion/applications.controller';
import { EotasPackagesController } from './api/eotas/packages.controller';
import { EOTAS_RECORDS, EY_INCLUSION_RECORDS } from './api/tokens';
import { eyApplicationsProjection } from './infrastructure/read-models/ey-applications.projection';
import { eotasPackagesProjection } from './infrastructure/read-models/eotas-packages.projection';
import { planChangesConsumer } from './infrastructure/plan-changes.consumer';
import { fundingPublication } from './infrastructure/publication';

/** The funding service: the money that follows each plan, the banding matrix, EY inclusion funding and EOTAS packages, published to finance. */
@Module({})
export class FundingModule implements OnModuleInit {
  constructor(@Inject(FUNDING_RUNTIME) private readonly runtime: ServiceRuntime, @Inject(FUNDING_SETTINGS) private readonly settings: FundingSettings) {}

  static register(runtime: ServiceRuntime, settings: FundingSettings): DynamicModule {
    const plans = addProjection(runtime, plansProjection(runtime.schema));
    addProjection(runtime, ledgerProjection(runtime.schema, runtime.store, cadenceOf(settings)));
    const eyApplications = addProjection(runtime, eyApplicationsProjection(runtime.schema));
    const eotasPackages = addProjection(runtime, eotasPackagesProjection(runtime.schema));
    const personal = new PersonalData(runtime.dataSource, runtime.schema);
    const store: FundingStore = {
      store: runtime.store,
      sideTables: sideTablesOf(runtime.pool),
      document: (stream, kind, content, documentId) => personal.documentWrite(stream, kind, content, documentId),
    };
    return {
      module: FundingModule,
      controllers: [PlansController, BandsController, FinanceController, EyInclusionRatesController, EyApplicationsController, EotasPackagesController],
      providers: [
        { provide: FUNDING_RUNTIME, useValue: runtime },
        { provide: FUNDING_SETTINGS, useValue: settings },
        { provide: FUNDING_STORE, useValue: store },
        { provide: FUNDING_RECORDS, useFactory: (commands: CommandBus) => new FundingRecords(commands, runtime, plans), inject: [CommandBus] },
        { provide: EY_INCLUSION_RECORDS, useFactory: (commands: CommandBus) => new FundingRecords(commands, runtime, eyApplications), inject: [CommandBus] },
        { provide: EOTAS_RECORDS, useFactory: (commands: CommandBus) => new FundingRecords(commands, runtime, eotasPackages), inject: [CommandBus] },
        ExecuteFundingCommandHandler,
      ],
    };
  }

  /** What it publishes (for finance), and the plan changes it consumes, through Kafka or in-process. */
  onModuleInit() {
    this.runtime.bus.publish(this.runtime.store, this.runtime.checkpoints, fundingPublication(cadenceOf(this.settings)));
    this.runtime.bus.subscribe(this.runtime, planChangesConsumer(this.runtime));
  }
}

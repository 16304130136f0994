import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { addProjection, type ServiceRuntime } from '@ehc/host';
import type { AnnualReviewSettings } from './config';
import { AnnualReviewsController, AR_CLOCK, AR_RUNTIME, AR_SETTINGS, PLAN_FILES_RUNNER, SETTINGS_DIRECTORY } from './api/annual-reviews.controller';
import { SettingsController } from './api/settings.controller';
import { ExecutePlanCommandHandler, PLAN_STORE } from './application/plan-command';
import { planFiles } from './infrastructure/plan-files';
import { finalPlansConsumer } from './infrastructure/final-plans.consumer';
import { tribunalOrdersConsumer } from './infrastructure/tribunal-orders.consumer';
import { annualReviewPublication } from './infrastructure/publication';
import { planFilesProjection } from './infrastructure/read-models/plan-files.projection';
import { SettingsDirectory } from './infrastructure/settings/settings-directory';
import { PLAN_FACTS, planFacts } from './infrastructure/plan-access';

/** The annual review service: every EHC plan reviewed on time, amended or ceased, phase transfers by their dates. */
@Module({})
export class AnnualReviewModule implements OnModuleInit {
  constructor(@Inject(AR_RUNTIME) private readonly runtime: ServiceRuntime, @Inject(SETTINGS_DIRECTORY) private readonly settings: SettingsDirectory, @Inject(AR_SETTINGS) private readonly config: AnnualReviewSettings) {}

  static register(runtime: ServiceRuntime, config: AnnualReviewSettings): DynamicModule {
    return {
      module: AnnualReviewModule,
      controllers: [AnnualReviewsController, SettingsController],
      providers: [
        { provide: AR_RUNTIME, useValue: runtime },
        { provide: AR_CLOCK, useValue: runtime.clock },
        { provide: PLAN_STORE, useValue: planFiles(runtime) },
        { provide: PLAN_FACTS, useValue: planFacts(runtime) },
        { provide: PLAN_FILES_RUNNER, useValue: addProjection(runtime, planFilesProjection(runtime.schema)) },
        { provide: SETTINGS_DIRECTORY, useValue: new SettingsDirectory(runtime.dataSource) },
        { provide: AR_SETTINGS, useValue: config },
        ExecutePlanCommandHandler,
      ],
    };
  }

  /**
   * What it publishes (for tribunal and funding), and what it reads: final plans from needs assessment
   * entering the review cycle, and the tribunal's orders on plans, through Kafka or in-process.
   */
  onModuleInit() {
    this.runtime.bus.publish(this.runtime.store, this.runtime.checkpoints, annualReviewPublication);
    this.runtime.bus.subscribe(this.runtime, finalPlansConsumer(this.runtime, this.settings, this.config.reviewAnchor));
    this.runtime.bus.subscribe(this.runtime, tribunalOrdersConsumer(this.runtime));
  }
}

import { Module, type DynamicModule, type OnModuleInit, Inject } from '@nestjs/common';
import { addProjection, type ServiceRuntime } from '@ehc/host';
import type { NeedsAssessmentSettings } from './config';
import { NeedsAssessmentsController, RUNTIME, CLOCK, CASE_FILES_RUNNER, SETTINGS } from './api/needs-assessments.controller';
import { RecordNeedsAssessmentRequestHandler } from './application/record-request';
import { PeopleController } from './api/people.controller';
import { ExecuteCaseCommandHandler } from './application/case-command';
import { CASE_FILES } from './application/ports';
import { caseFiles } from './infrastructure/case-files';
import { CASE_FACTS, caseFacts } from './infrastructure/case-access';
import { needsAssessmentPublication } from './infrastructure/publication';
import { assessmentRequestsProjection } from './infrastructure/assessment-requests.projection';
import { caseFilesProjection } from './infrastructure/read-models/case-files.projection';
import { tribunalOrdersConsumer } from './infrastructure/tribunal-orders.consumer';

@Module({})
export class NeedsAssessmentModule implements OnModuleInit {
  constructor(@Inject(RUNTIME) private readonly runtime: ServiceRuntime) {}

  static register(runtime: ServiceRuntime, settings: NeedsAssessmentSettings): DynamicModule {
    return {
      module: NeedsAssessmentModule,
      controllers: [NeedsAssessmentsController, PeopleController],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: CLOCK, useValue: runtime.clock },
        { provide: CASE_FILES, useValue: caseFiles(runtime) },
        { provide: CASE_FACTS, useValue: caseFacts(runtime) },
        { provide: CASE_FILES_RUNNER, useValue: addProjection(runtime, caseFilesProjection(runtime.schema)) },
        { provide: SETTINGS, useValue: settings },
        RecordNeedsAssessmentRequestHandler,
        ExecuteCaseCommandHandler,
      ],
    };
  }

  /** What this service publishes and what it reads (its own requests, the tribunal's orders), whichever bus carries them. */
  onModuleInit() {
    const { bus, store, checkpoints } = this.runtime;
    bus.publish(store, checkpoints, needsAssessmentPublication);
    bus.subscribe(this.runtime, assessmentRequestsProjection);
    bus.subscribe(this.runtime, tribunalOrdersConsumer(this.runtime));
  }
}

import { Module, type DynamicModule, type OnModuleInit, Inject } from '@nestjs/common';
import { systemClock } from '@ehc/domain-kernel';
import type { ServiceRuntime } from '@ehc/platform';
import { NeedsAssessmentsController, RUNTIME, CLOCK } from './api/needs-assessments.controller';
import { RecordNeedsAssessmentRequestHandler } from './application/record-request';
import { CASE_FILES } from './application/ports';
import { caseFiles } from './infrastructure/case-files';
import { needsAssessmentPublication } from './infrastructure/publication';
import { assessmentRequestsProjection } from './infrastructure/assessment-requests.projection';

@Module({})
export class NeedsAssessmentModule implements OnModuleInit {
  constructor(@Inject(RUNTIME) private readonly runtime: ServiceRuntime) {}

  static register(runtime: ServiceRuntime): DynamicModule {
    return {
      module: NeedsAssessmentModule,
      controllers: [NeedsAssessmentsController],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: CLOCK, useValue: systemClock },
        { provide: CASE_FILES, useValue: caseFiles(runtime) },
        RecordNeedsAssessmentRequestHandler,
      ],
    };
  }

  /** What this service publishes and what it reads, whichever bus carries them. */
  onModuleInit() {
    const { bus, store, checkpoints } = this.runtime;
    bus.publish(store, checkpoints, needsAssessmentPublication);
    bus.subscribe(this.runtime, assessmentRequestsProjection);
  }
}

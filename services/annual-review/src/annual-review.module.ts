import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceRuntime } from '@ehc/platform';

/** The annual-review service: its commands, projections and subscriptions arrive with their issues. */
@Module({})
export class AnnualReviewModule {
  static register(_runtime: ServiceRuntime): DynamicModule {
    return { module: AnnualReviewModule };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceRuntime } from '@ehc/host';

/** The funding service: its commands, projections and subscriptions arrive with their issues. */
@Module({})
export class FundingModule {
  static register(_runtime: ServiceRuntime): DynamicModule {
    return { module: FundingModule };
  }
}

import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import type { ServiceRuntime } from '@ehc/host';
import type { PerformanceSettings } from './config';
import { PerformanceController } from './api/performance.controller';
import { Sen2Controller } from './api/sen2.controller';
import { PlacePlanningController } from './api/place-planning.controller';
import { PERFORMANCE_READER, PERFORMANCE_RUNTIME, PERFORMANCE_SETTINGS } from './api/tokens';
import { PackReader } from './application/pack-reader';
import { factsConsumer } from './infrastructure/facts.consumer';

/**
 * The performance service: a read side. It keeps the facts the five services publish and computes
 * the pack, its restatement, SEN2 and place planning from them; it never reads another service's tables.
 */
@Module({})
export class PerformanceModule implements OnModuleInit {
  constructor(@Inject(PERFORMANCE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  static register(runtime: ServiceRuntime, settings: PerformanceSettings): DynamicModule {
    return {
      module: PerformanceModule,
      controllers: [PerformanceController, Sen2Controller, PlacePlanningController],
      providers: [
        { provide: PERFORMANCE_RUNTIME, useValue: runtime },
        { provide: PERFORMANCE_SETTINGS, useValue: settings },
        { provide: PERFORMANCE_READER, useValue: new PackReader(runtime.pool, runtime.schema, settings.pack, runtime.clock) },
      ],
    };
  }

  onModuleInit() {
    this.runtime.bus.subscribe(this.runtime, factsConsumer(this.runtime.schema));
  }
}

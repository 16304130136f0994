import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Module, type DynamicModule, type INestApplication, type Type, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CqrsModule } from '@nestjs/cqrs';
import { DocumentBuilder, SwaggerModule, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { correlation, JsonLogger } from './logger';
import { ProblemFilter } from './problem';
import type { ServiceRuntime } from './runtime';
import type { MessageBus } from './message-bus';

export const HEALTH_SOURCES = Symbol('HEALTH_SOURCES');

export interface HealthSources {
  runtimes: ServiceRuntime[];
  bus: MessageBus;
}

@ApiTags('health')
@Controller('health')
class HealthController {
  constructor(@Inject(HEALTH_SOURCES) private readonly sources: HealthSources) {}

  /** Liveness and readiness: the store and (in distributed mode) the broker answer. */
  @Get()
  @HttpCode(200)
  async health(@Res() res: Response) {
    const stores = await Promise.all(this.sources.runtimes.map(async (r) => {
      try {
        await r.store.readAll({ maxCount: 1 });
        await r.pool.query('SELECT 1');
        return [r.service, 'up'] as const;
      } catch {
        return [r.service, 'down'] as const;
      }
    }));
    const broker = await this.sources.bus.brokerHealthy();
    const ready = stores.every(([, s]) => s === 'up') && broker !== false;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ok' : 'unavailable',
      live: true,
      ready,
      checks: { stores: Object.fromEntries(stores), broker: broker === 'not-used' ? 'not-used' : broker ? 'up' : 'down' },
    });
  }
}

export interface HttpAppOptions {
  title: string;
  description: string;
  modules: (Type<unknown> | DynamicModule)[];
  health: HealthSources;
  logger: JsonLogger;
}

/**
 * One way to stand a service (or all five, embedded) up over HTTP: JSON logs with correlation ids,
 * RFC 9457 errors, OpenAPI at /docs, /health, graceful shutdown.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<INestApplication> {
  @Module({
    imports: [CqrsModule.forRoot(), ...options.modules],
    controllers: [HealthController],
    providers: [{ provide: HEALTH_SOURCES, useValue: options.health }],
  })
  class AppModule {}

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: options.logger, bufferLogs: false });
  // imports arrive as CSV bodies (plans, the settings register), large ones included
  app.useBodyParser('json', { limit: '200mb' });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain', 'application/csv'], limit: '200mb' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.header('x-correlation-id');
    const correlationId = header && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
    res.setHeader('x-correlation-id', correlationId);
    correlation.run({ correlationId }, next);
  });
  app.useGlobalFilters(new ProblemFilter());
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}

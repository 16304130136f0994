import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Module, type DynamicModule, type INestApplication, type Type, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CqrsModule } from '@nestjs/cqrs';
import { DocumentBuilder, SwaggerModule, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { bankHolidayCalendarStatus } from '@ehc/domain-kernel';
import { correlation, JsonLogger } from './logger';
import { ProblemFilter } from './problem';
import type { ServiceRuntime } from './runtime';
import type { MessageBus } from './message-bus';
import type { BankHolidayCalendar } from './calendar/bank-holiday-calendar';
import { BANK_HOLIDAY_CALENDAR, BankHolidaysController } from './calendar/bank-holidays.controller';

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
    // a warning asks for an administrator, it never makes the service unready
    const calendar = calendarCheck();
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ok' : 'unavailable',
      live: true,
      ready,
      checks: { stores: Object.fromEntries(stores), broker: broker === 'not-used' ? 'not-used' : broker ? 'up' : 'down', calendar },
      warnings: calendar.warning ? [calendar.warning] : [],
    });
  }
}

/**
 * How far the bank holidays are confirmed, and whether a working day was computed beyond that: a
 * proclamation for that year could still move a deadline already given to a family.
 */
export function calendarCheck(): { confirmedThrough: number; latestYearComputedBeyondConfirmed: number | null; warning: string | null } {
  const { confirmedThrough, latestYearComputedBeyondConfirmed: beyond } = bankHolidayCalendarStatus();
  const warning = beyond === null ? null
    : `Working days have been computed for ${beyond}, beyond ${confirmedThrough}, the last year whose bank holidays were confirmed: `
      + 'import the published list (POST /calendar/bank-holidays/import) so a new proclamation cannot move a deadline unseen.';
  return { confirmedThrough, latestYearComputedBeyondConfirmed: beyond, warning };
}

export interface HttpAppOptions {
  title: string;
  description: string;
  modules: (Type<unknown> | DynamicModule)[];
  health: HealthSources;
  logger: JsonLogger;
  /** The hub's bank-holiday calendar, served under /calendar/bank-holidays. */
  calendar?: BankHolidayCalendar;
}

/**
 * One way to stand a service (or all five, embedded) up over HTTP: JSON logs with correlation ids,
 * RFC 9457 errors, OpenAPI at /docs, /health, the bank-holiday calendar, graceful shutdown.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<INestApplication> {
  @Module({
    imports: [CqrsModule.forRoot(), ...options.modules],
    controllers: [HealthController, ...(options.calendar ? [BankHolidaysController] : [])],
    providers: [
      { provide: HEALTH_SOURCES, useValue: options.health },
      ...(options.calendar ? [{ provide: BANK_HOLIDAY_CALENDAR, useValue: options.calendar }] : []),
    ],
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

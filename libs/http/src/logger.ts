import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';

/** The correlation id of the request or message being handled, carried through async calls. */
export const correlation = new AsyncLocalStorage<{ correlationId: string }>();

/** One JSON object a line on stdout, with the correlation id of the work in hand. */
export class JsonLogger implements LoggerService {
  constructor(private readonly service: string, private readonly quiet = process.env.LOG_LEVEL === 'silent') {}

  log(message: unknown, ...rest: unknown[]) { this.write('info', message, rest); }
  error(message: unknown, ...rest: unknown[]) { this.write('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]) { this.write('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]) { if (process.env.LOG_LEVEL === 'debug') this.write('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]) { if (process.env.LOG_LEVEL === 'debug') this.write('verbose', message, rest); }

  private write(level: string, message: unknown, rest: unknown[]) {
    if (this.quiet && level !== 'error') return;
    // Nest passes the context (class name) last; an error's stack comes before it.
    const context = typeof rest[rest.length - 1] === 'string' ? rest[rest.length - 1] : undefined;
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      correlationId: correlation.getStore()?.correlationId,
    };
    if (message instanceof Error) {
      line.msg = message.message;
      line.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(line, message);
    } else {
      line.msg = String(message);
    }
    if (rest.length > 1 && typeof rest[0] === 'string' && level === 'error') line.stack = rest[0];
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}

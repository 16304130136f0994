import { Logger, type ArgumentsHost } from '@nestjs/common';
import { correlation } from './logger';
import { ProblemFilter } from './problem';

/** What the filter answers, for an error thrown while handling a request with this correlation id. */
function answerTo(error: unknown, correlationId = 'corr-18') {
  const sent: { status?: number; type?: string; body?: Record<string, unknown> } = {};
  const response = {
    status(code: number) { sent.status = code; return this; },
    type(type: string) { sent.type = type; return this; },
    json(body: Record<string, unknown>) { sent.body = body; return this; },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  correlation.run({ correlationId }, () => new ProblemFilter().catch(error, host));
  return sent;
}

describe('an error nobody foresaw (issue 18: a database message is never an answer)', () => {
  // what node-postgres and TypeORM throw: the server's words, the query, its parameters
  const databaseError = Object.assign(new Error('value "99999999999" is out of range for type integer'), {
    name: 'QueryFailedError', code: '22003', query: 'INSERT INTO "ar"."settings_directory" ...', parameters: ['99999999999'],
  });

  let logged: unknown[][];
  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => { logged.push(args); });
  });
  afterEach(() => jest.restoreAllMocks());

  it('is answered 500 with a generic problem and the correlation id, nothing of the error in it', () => {
    const sent = answerTo(databaseError);
    expect(sent).toEqual({
      status: 500, type: 'application/problem+json',
      body: { type: 'https://ehc-hub.example/problems/InternalError', title: 'Something went wrong on our side', status: 500, correlationId: 'corr-18' },
    });
    expect(JSON.stringify(sent.body)).not.toMatch(/out of range|settings_directory|INSERT|99999999999|22003/);
  });

  it('is logged whole, for the correlation id in the answer to find it', () => {
    answerTo(databaseError);
    expect(logged).toEqual([[databaseError]]);
  });
});

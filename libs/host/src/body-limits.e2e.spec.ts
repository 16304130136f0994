import request from 'supertest';
import { request as httpRequest } from 'node:http';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { fixedClock } from '@ehc/domain-kernel';
import { CALLERS, createTestSchema, testAccessTokens, type TestAccessTokens, type TestSchema } from '@ehc/testing';
import { Allow } from '@ehc/identity';
import { ConfigError } from '@ehc/config';
import { bodyLimitsFromEnv, DEFAULT_IMPORT_MAX_BYTES, ImportBody, JSON_BODY_LIMIT_BYTES } from './http-app';
import { startEmbedded, type RunningHost, type ServiceDefinition } from './service-host';

@Controller('things')
@Allow('caseworker')
class ThingsController {
  @Post('import')
  @HttpCode(200)
  @ImportBody()
  import(@Body() body: unknown) {
    return { received: typeof body === 'string' ? body.length : JSON.stringify(body).length };
  }

  @Post(':id/note')
  @HttpCode(200)
  note(@Body() body: unknown) {
    return { received: JSON.stringify(body ?? null).length };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const things = (schema: string): ServiceDefinition => ({ name: 'things', schema, defaultPort: 0, entities: [], module: () => ({ module: ThingsModule }) });

describe('request body limits', () => {
  describe('IMPORT_MAX_BYTES', () => {
    it('defaults to 50 MiB, and commands to 256 KiB', () => {
      expect(bodyLimitsFromEnv({})).toEqual({ jsonBytes: 256 * 1024, importBytes: 50 * 1024 * 1024 });
      expect([JSON_BODY_LIMIT_BYTES, DEFAULT_IMPORT_MAX_BYTES]).toEqual([262_144, 52_428_800]);
      expect(bodyLimitsFromEnv({ IMPORT_MAX_BYTES: '' }).importBytes).toBe(DEFAULT_IMPORT_MAX_BYTES);
    });

    it('takes a whole number of bytes', () => {
      expect(bodyLimitsFromEnv({ IMPORT_MAX_BYTES: '104857600' }).importBytes).toBe(104_857_600);
    });

    it.each(['50mb', '-1', '0', '1.5', ' 100', '2000000000'])('refuses %j, naming the variable', (value) => {
      expect(() => bodyLimitsFromEnv({ IMPORT_MAX_BYTES: value })).toThrow(ConfigError);
      expect(() => bodyLimitsFromEnv({ IMPORT_MAX_BYTES: value })).toThrow(/^IMPORT_MAX_BYTES must be a whole number of bytes/);
    });
  });

  describe('over HTTP', () => {
    let schema: TestSchema;
    let host: RunningHost;
    let tokens: TestAccessTokens;
    let hub: request.Agent;
    const api = () => hub;

    beforeAll(async () => {
      schema = await createTestSchema('body_limits');
      // from the host's environment, not the process's: what the host is started with is what it uses
      const clock = fixedClock('2026-03-02T10:00:00Z');
      tokens = await testAccessTokens(clock);
      host = await startEmbedded([things(schema.schema)], {
        DATABASE_URL: process.env.DATABASE_URL, PORT: '0', LOG_LEVEL: 'silent', IMPORT_MAX_BYTES: '1000',
      }, { clock, accessTokens: tokens.verifier });
      hub = await tokens.as(host.url, CALLERS.caseworker);
    });
    afterAll(async () => {
      await host?.stop();
      await schema?.drop();
    });

    it('takes a JSON body up to 256 KiB on an ordinary route, and answers a larger one 413 with the limit', async () => {
      const fits = { text: 'x'.repeat(JSON_BODY_LIMIT_BYTES - 20) };
      expect(Buffer.byteLength(JSON.stringify(fits))).toBe(JSON_BODY_LIMIT_BYTES - 9);
      await api().post('/things/1/note').send(fits).expect(200);
      const res = await api().post('/things/1/note').send({ text: 'x'.repeat(JSON_BODY_LIMIT_BYTES) }).expect(413);
      expect(res.body).toMatchObject({
        type: 'https://ehc-hub.example/problems/PayloadTooLarge', status: 413, limitBytes: JSON_BODY_LIMIT_BYTES,
        errors: [{ field: 'body', rule: 'PayloadTooLarge' }],
      });
      expect(res.body.correlationId).toEqual(res.headers['x-correlation-id']);
    });

    it('refuses a form body, of any size, with 415 naming the type it takes (a page on another site can post a form)', async () => {
      for (const text of ['x', 'x'.repeat(JSON_BODY_LIMIT_BYTES)]) {
        const res = await api().post('/things/1/note').type('form').send(`text=${text}`).expect(415);
        expect(res.body).toMatchObject({
          type: 'https://ehc-hub.example/problems/UnsupportedMediaType', accepted: ['application/json'],
          errors: [{ field: 'content-type', rule: 'UnsupportedMediaType' }],
        });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      await api().post('/things/1/note').set('content-type', 'multipart/form-data; boundary=x').send('--x\r\n\r\n--x--').expect(415);
      await api().post('/things/1/note').set('content-type', '').send('{"text":"no type"}').expect(415);
    });

    it('still takes a request with no body at all', async () => {
      expect((await api().post('/things/1/note').expect(200)).body).toEqual({ received: 4 });
      expect((await api().post('/things/1/note').type('form').set('content-length', '0').expect(200)).body).toEqual({ received: 4 });
    });

    it('takes an import route\'s CSV up to IMPORT_MAX_BYTES, read once at start', async () => {
      expect((await api().post('/things/import').set('content-type', 'text/csv').send('a'.repeat(1000)).expect(200)).body).toEqual({ received: 1000 });
      expect((await api().post('/things/import').set('content-type', 'text/csv').send('a'.repeat(1001)).expect(413)).body.limitBytes).toBe(1000);
      // the route's path as Express matches it: case and a trailing slash do not matter
      await api().post('/Things/Import/').set('content-type', 'text/csv').send('a'.repeat(1001)).expect(413);
    });

    it('takes CSV only on an import route, and no form there either', async () => {
      expect((await api().post('/things/1/note').set('content-type', 'text/csv').send('a,b\n').expect(415)).body.accepted).toEqual(['application/json']);
      expect((await api().post('/things/import').type('form').send('a=b').expect(415)).body.accepted).toEqual(['text/csv', 'text/plain', 'application/csv', 'application/json']);
    });

    it('answers a body that is too large even when its length is not given beforehand (chunked)', async () => {
      const authorization = `Bearer ${await tokens.token(CALLERS.caseworker)}`;
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${host.url}/things/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization } }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        // no content-length: the limit is counted as the body arrives
        for (let i = 0; i < 5; i++) req.write('a'.repeat(500));
        req.end();
      });
      expect(status).toBe(413);
      expect(JSON.parse(body)).toMatchObject({ limitBytes: 1000, detail: 'This endpoint takes a body of at most 1,000 bytes.' });
    });

    it('still answers malformed JSON as a 400 MalformedJson', async () => {
      const res = await api().post('/things/1/note').set('content-type', 'application/json').send('{"text": ').expect(400);
      expect(res.body).toMatchObject({ type: 'https://ehc-hub.example/problems/MalformedJson', errors: [{ field: 'body', rule: 'MalformedJson' }] });
    });

    it('answers a character set it cannot read with 415', async () => {
      const res = await api().post('/things/1/note').set('content-type', 'application/json; charset=klingon').send('{}').expect(415);
      expect(res.body.type).toBe('https://ehc-hub.example/problems/UnsupportedBodyEncoding');
    });
  });
});

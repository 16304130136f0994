import request from 'supertest';
import { createHash } from 'node:crypto';
import { Controller, Get, Header, Module } from '@nestjs/common';
import { fixedClock } from '@ehc/domain-kernel';
import { LETTER_STYLE, letterPage } from '@ehc/letters';
import { CALLERS, createTestSchema, testAccessTokens, type TestAccessTokens, type TestSchema } from '@ehc/testing';
import { Allow } from '@ehc/identity';
import { startEmbedded, type RunningHost, type ServiceDefinition } from './service-host';

const HOSTILE = '<script>alert(1)</script>';

@Controller('things')
@Allow('caseworker')
class ThingsController {
  @Get('letter')
  @Header('content-type', 'text/html; charset=utf-8')
  letter() {
    return letterPage({ authority: 'Anytown Council', reference: 'NA-2026-00001', title: 'A letter', sentOn: '2026-03-02', to: 'the family', paragraphs: ['Hello.'] });
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const things = (schema: string): ServiceDefinition => ({ name: 'things', schema, defaultPort: 0, entities: [], module: () => ({ module: ThingsModule }) });

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('security headers', () => {
  let schema: TestSchema;
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  const api = () => hub;

  beforeAll(async () => {
    schema = await createTestSchema('security_headers');
    const clock = fixedClock('2026-03-02T10:00:00Z');
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([things(schema.schema)], { DATABASE_URL: process.env.DATABASE_URL, PORT: '0', LOG_LEVEL: 'silent' }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, CALLERS.caseworker);
  });

  afterAll(async () => {
    await host?.stop();
    await schema?.drop();
  });

  it('lets nothing run, load or frame an API answer', async () => {
    const res = await api().get('/health').expect(200);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.has('script-src')).toBe(false);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows the letter page its own style by hash, and no inline style besides', async () => {
    const res = await api().get('/things/letter').expect(200);
    const style = /<style>([^<]*)<\/style>/.exec(res.text)![1];
    expect(style).toBe(LETTER_STYLE);
    const hash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
    expect(directives(res.headers['content-security-policy']).get('style-src')).toEqual([hash]);
  });

  it('sends no CORS headers: a page on another origin cannot read an answer', async () => {
    const read = await api().get('/health').set('Origin', 'https://evil.example').expect(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await api().options('/things/letter').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('gives the OpenAPI explorer its own scripts only', async () => {
    const res = await api().get('/docs').expect(200);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    const init = await api().get('/docs/swagger-ui-init.js').expect(200);
    expect(init.headers['content-type']).toMatch(/javascript/);
  });

  it('escapes what a family or caseworker typed in every part of a letter', () => {
    const page = letterPage({ authority: HOSTILE, reference: `"><img src=x onerror=alert(1)>`, title: HOSTILE, sentOn: '2026-03-02', to: 'the family', paragraphs: [] });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

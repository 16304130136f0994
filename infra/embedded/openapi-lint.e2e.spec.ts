import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { allServices } from './main';

const ROOT = join(__dirname, '..', '..');

interface LintProblem { ruleId: string; message: string; location: { pointer: string }[] }

/**
 * Each service's OpenAPI document is a product: Redocly's recommended rules, as
 * `npx @redocly/cli lint` runs them, find nothing in the document the hub serves (all five services).
 */
describe('the OpenAPI document passes Redocly lint (recommended rules)', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  beforeAll(async () => {
    const clock = fixedClock('2026-11-26T12:00:00Z');
    tokens = await testAccessTokens(clock);
    host = await startEmbedded(allServices, {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
  });
  afterAll(() => host?.stop());

  it('has no error and no warning', async () => {
    const document = await (await fetch(`${host.url}/docs/json`)).json();
    const file = join(mkdtempSync(join(tmpdir(), 'ehc-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/redocly'), ['lint', file, '--format=json', '--max-problems=1000'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })
      .catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const { problems } = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: LintProblem[] };
    expect(problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
  });
});

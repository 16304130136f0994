import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { systemClock } from '@ehc/domain-kernel';
import { CALLERS, testAccessTokens } from '@ehc/testing';
import { freePort } from './hub-process.spec-helpers';

const ROOT = join(__dirname, '..', '..', '..');
const GRACE_SECONDS = 3;

interface Answer { status: number; connection?: string }

function send(port: number, agent: Agent, method: string, path: string, authorization: string, body?: object): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: { authorization, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
      (res: IncomingMessage) => { res.resume(); res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection })); });
    req.on('error', reject);
    req.end(payload);
  });
}


/**
 * `SIGTERM` while clients keep connections alive and busy: the hub stops taking requests at once,
 * answers those in flight, and exits within its grace period, whatever the clients do. (Before,
 * one client polling /health held a stopping hub up for as long as it polled.)
 */

// every test starts hub processes, each compiling the hub's TypeScript as it starts: on a busy machine that is tens of seconds
jest.setTimeout(180_000);
describe('fault: SIGTERM under a keep-alive load', () => {
  let hub: ChildProcess | undefined;
  afterAll(() => { hub?.kill('SIGKILL'); });

  it('answers the request in flight, closes the busy keep-alive clients, and exits 0 within the grace period', async () => {
    const port = await freePort();
    // the hub in its own process trusts this provider as it would Keycloak, on its own (real) clock
    const tokens = await testAccessTokens(systemClock);
    const authorization = `Bearer ${await tokens.token(CALLERS.caseworker)}`;
    const prefix = `t${randomUUID().slice(0, 8)}_`;
    let log = '';
    hub = spawn(process.execPath, [join(ROOT, 'infra/embedded/start.js')], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), EHC_SCHEMA_PREFIX: prefix, SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS), OIDC_ISSUER_URL: tokens.issuer },
    });
    hub.stdout!.on('data', (d) => (log += d));
    hub.stderr!.on('data', (d) => (log += d));
    const exited = new Promise<number | null>((resolve) => hub!.once('exit', (code) => resolve(code)));
    for (let tries = 0; !log.includes('listening on'); tries++) {
      if (tries > 600) throw new Error(`the hub did not start within 60 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const acknowledged: Answer[] = [];
    let loading = true;
    const child = { givenName: 'Amara', familyName: `Sigterm${prefix}`, dateOfBirth: '2019-03-14' };
    const clients = Array.from({ length: 4 }, async (_, i) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      let answers = 0;
      while (loading) {
        try {
          const answer = i === 0
            ? await send(port, agent, 'GET', '/health', authorization)
            : await send(port, agent, 'POST', '/needs-assessments', authorization, { child, requestedBy: 'parent', receivedOn: '2026-01-05' });
          answers++;
          if (i !== 0 && answer.status === 201) acknowledged.push(answer);
        } catch {
          // refused or cut: the hub has stopped listening, as it should
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      agent.destroy();
      return answers;
    });
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));

    // a request in flight when the signal comes: its body arrives in two halves, the second after SIGTERM
    const body = JSON.stringify({ child: { ...child, givenName: 'InFlight' }, requestedBy: 'parent', receivedOn: '2026-01-05' });
    const inFlight = new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/needs-assessments', headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => { res.resume(); res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection })); });
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => req.end(body.slice(20)), 500);
    });
    await new Promise((r) => setTimeout(r, 100));

    const signalled = performance.now();
    hub.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), (GRACE_SECONDS + 5) * 1000).unref())]);
    const stoppedInMs = Math.round(performance.now() - signalled);
    loading = false;
    const answered = await Promise.all(clients);

    expect(code).toBe(0);
    expect(await inFlight).toMatchObject({ status: 201, connection: 'close' });
    expect(log).toMatch(/SIGTERM received/);
    expect(log).toMatch(/HTTP drained in \d+ ms/);

    // every request answered 201 is stored, once
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM "${prefix}needs_assessment".es_events WHERE type = 'NeedsAssessmentRequested'`);
      expect(rows[0].n).toBe(acknowledged.length + 1);
    } finally {
      await db.end();
    }
    console.log(`[fault: SIGTERM] ${answered.reduce((a, b) => a + b, 0)} requests answered on 4 keep-alive clients; stopped ${stoppedInMs} ms after SIGTERM `
      + `(grace ${GRACE_SECONDS} s); the request in flight was answered 201; ${acknowledged.length + 1} acknowledged requests, ${acknowledged.length + 1} stored`);
  });
});

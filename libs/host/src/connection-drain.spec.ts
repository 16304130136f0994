import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ConnectionDrain, shutdownGraceFromEnv } from './connection-drain';

interface Answer { status: number; connection: string | undefined; body: string }

function get(port: number, path: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A server whose /slow answers only when the test says so, and whose /hang never answers. */
async function startServer(drain: ConnectionDrain) {
  const app = express();
  app.use(drain.middleware);
  let releaseSlow!: () => void;
  const slowReleased = new Promise<void>((r) => (releaseSlow = r));
  let slowArrived!: () => void;
  const slowStarted = new Promise<void>((r) => (slowArrived = r));
  let hangArrived!: () => void;
  const hangStarted = new Promise<void>((r) => (hangArrived = r));
  app.get('/ping', (_req, res) => { res.send('pong'); });
  app.get('/slow', (_req, res) => { slowArrived(); void slowReleased.then(() => res.send('finished')); });
  app.get('/hang', () => { hangArrived(); });
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, releaseSlow, slowStarted, hangStarted };
}

describe('ConnectionDrain: a stopping server ends within its grace, whatever its clients do', () => {
  it('lets a request in flight finish, closes busy keep-alive clients, and does not wait out the grace when all is done', async () => {
    const drain = new ConnectionDrain();
    const { server, port, releaseSlow, slowStarted } = await startServer(drain);
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    // a client polling over one kept-alive connection, as a load balancer's health check does
    const polls: Answer[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        try { polls.push(await get(port, '/ping', agent)); } catch { polling = false; }
      }
    })();
    while (polls.length < 5) await new Promise((r) => setImmediate(r));
    const slow = get(port, '/slow', new Agent({ keepAlive: true }));
    await slowStarted;

    const drained = drain.drain(server, 60_000);
    const pollsBeforeDrain = polls.length;
    releaseSlow();
    const report = await drained;
    polling = false;
    await poller;

    expect(await slow).toMatchObject({ status: 200, body: 'finished', connection: 'close' });
    // the drain ended because every connection closed, not because a minute passed
    expect(report.cut).toBe(false);
    const duringDrain = polls.slice(pollsBeforeDrain);
    for (const answer of duringDrain) expect(answer.connection).toBe('close');
    expect(server.listening).toBe(false);
    agent.destroy();
  });

  it('cuts a request still running when the grace period ends', async () => {
    const drain = new ConnectionDrain();
    const { server, port, hangStarted } = await startServer(drain);
    const hung = get(port, '/hang', new Agent({ keepAlive: true })).then(() => 'answered', () => 'cut');
    await hangStarted;
    const report = await drain.drain(server, 200);
    expect(report.cut).toBe(true);
    expect(await hung).toBe('cut');
    expect(server.listening).toBe(false);
  });

  it('reads SHUTDOWN_GRACE_SECONDS, and refuses a value that is not a whole number of seconds', () => {
    expect(shutdownGraceFromEnv({})).toBe(10_000);
    expect(shutdownGraceFromEnv({ SHUTDOWN_GRACE_SECONDS: '3' })).toBe(3_000);
    expect(() => shutdownGraceFromEnv({ SHUTDOWN_GRACE_SECONDS: '2.5' })).toThrow(/SHUTDOWN_GRACE_SECONDS/);
    expect(() => shutdownGraceFromEnv({ SHUTDOWN_GRACE_SECONDS: '9999' })).toThrow(/from 0 to 600/);
  });
});

import { Pool } from 'pg';
import { isAlive } from '@ehc/tooling';
import {
  casesReadable, cleanUp, healthy, newSite, postmasterPid, recordRequests, requestsStored, startHealthyHub, waitUntil,
  type HubProcess, type HubSite,
} from './hub-process.spec-helpers';

/**
 * The embedded PostgreSQL killed with SIGKILL under load: the hub restarts it by itself (node is
 * not restarted), its pools reconnect and its subscriptions resume, and no acknowledged command
 * is lost. A real hub process on its own data folder and ports; loopback only.
 */

// every test starts hub processes, each compiling the hub's TypeScript as it starts: on a busy machine that is tens of seconds
jest.setTimeout(180_000);
describe('the embedded PostgreSQL killed with SIGKILL', () => {
  let site: HubSite;
  const hubs: HubProcess[] = [];
  beforeEach(async () => { site = await newSite(); });
  afterEach(async () => { await cleanUp(site, hubs.splice(0)); });

  it('is restarted by the hub, which recovers without a restart and loses no acknowledged command', async () => {
    const { hub } = await startHealthyHub(site);
    hubs.push(hub);
    const load = recordRequests(site);
    expect(await waitUntil(() => load.acknowledged.length >= 20, 60_000, 20)).toBe(true);

    const killed = postmasterPid(site)!;
    const killedAt = performance.now();
    process.kill(killed, 'SIGKILL');
    const ackedBefore = load.acknowledged.length;
    // health is ok again, and commands are acknowledged again, with the same node process
    let nodeExited = false;
    void hub.exited.then(() => { nodeExited = true; });
    const recovered = await waitUntil(async () => nodeExited || (postmasterPid(site) !== killed && (await healthy(site))), 45_000, 100);
    const recoveryMs = Math.round(performance.now() - killedAt);
    if (nodeExited) throw new Error(`the hub's node process died with its database:\n${hub.output().slice(-3000)}`);
    expect(recovered).toBe(true);
    const more = await waitUntil(() => load.acknowledged.length >= ackedBefore + 20, 30_000, 50);
    expect(more).toBe(true);
    await load.stop();
    expect(hub.child.exitCode).toBeNull();
    expect(isAlive(hub.child.pid!)).toBe(true);
    expect(hub.output()).toContain(`embedded PostgreSQL (pid ${killed}) exited unexpectedly: restarting it`);
    // the default, 60 s, on the cluster the hub restarted
    const pool = new Pool({ connectionString: site.databaseUrl, max: 1 });
    const setting = (await pool.query('SHOW idle_in_transaction_session_timeout').finally(() => pool.end())).rows[0].idle_in_transaction_session_timeout;
    expect(setting).toBe('1min');

    const acknowledged = [...load.acknowledged];
    const stored = await requestsStored(site, acknowledged);
    const once = [...stored.values()].filter((n) => n === 1).length;
    // the case files' projection was cut mid-batch: it must have resumed to answer for every case
    let readable = 0;
    await waitUntil(async () => (readable = await casesReadable(site, acknowledged)) === acknowledged.length, 30_000, 500);
    console.log(`[fault] postmaster kill -9 under load: acknowledged ${acknowledged.length} (${ackedBefore} before the kill), ` +
      `stored exactly once ${once}, readable ${readable}, not acknowledged ${load.failed()}; recovery to healthy ${recoveryMs} ms, node not restarted`);
    expect(once).toBe(acknowledged.length);
    expect(readable).toBe(acknowledged.length);
  }, 110_000);

  it('ends a session left idle inside a transaction after idle_in_transaction_session_timeout (EMBEDDED_PG_IDLE_IN_TRANSACTION_TIMEOUT)', async () => {
    const { hub } = await startHealthyHub(site, { env: { EMBEDDED_PG_IDLE_IN_TRANSACTION_TIMEOUT: '1' } });
    hubs.push(hub);
    const pool = new Pool({ connectionString: site.databaseUrl, max: 2 });
    pool.on('error', () => undefined);
    const client = await pool.connect();
    let lost: Error | undefined;
    client.on('error', (error) => { lost = error; });
    try {
      expect((await client.query('SHOW idle_in_transaction_session_timeout')).rows[0].idle_in_transaction_session_timeout).toBe('1s');
      const { rows: [{ pid }] } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // a client that opened a transaction and then hung: its session is ended by the server, locks released
      await client.query('BEGIN');
      const ended = await waitUntil(async () =>
        (await pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0, 20_000);
      expect(ended).toBe(true);
      await expect(client.query('SELECT 1')).rejects.toThrow();
      expect(lost?.message ?? '').toMatch(/idle-in-transaction timeout|terminat/);
    } finally {
      client.release(true);
      await pool.end();
    }
  });
});

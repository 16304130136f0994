import { createServer } from 'node:net';
import { isAlive } from '@ehc/tooling';
import {
  casesReadable, cleanUp, healthy, newSite, postmasterPid, recordRequests, requestsStored, startHealthyHub, startHub, waitUntil, watchdogPid,
  type HubProcess, type HubSite,
} from './hub-process.spec-helpers';

/**
 * The hub's node process killed with SIGKILL under load (no exit hook runs): its PostgreSQL does
 * not outlive it, the next `npm start` starts, and every command it had acknowledged is there once.
 * A real hub process each time, on its own data folder and ports; loopback only.
 */

// every test starts hub processes, each compiling the hub's TypeScript as it starts: on a busy machine that is tens of seconds
jest.setTimeout(180_000);
describe('the hub killed with SIGKILL', () => {
  let site: HubSite;
  const hubs: HubProcess[] = [];
  beforeEach(async () => { site = await newSite(); });
  afterEach(async () => { await cleanUp(site, hubs.splice(0)); });

  const killHubUnderLoad = async (alsoKillWatchdog: boolean) => {
    const first = await startHealthyHub(site);
    hubs.push(first.hub);
    const postmaster = postmasterPid(site)!;
    const watchdog = watchdogPid(site);
    expect(watchdog).toBeDefined();
    const load = recordRequests(site);
    expect(await waitUntil(() => load.acknowledged.length >= 30, 60_000, 20)).toBe(true);
    first.hub.child.kill('SIGKILL');
    if (alsoKillWatchdog) process.kill(watchdog!, 'SIGKILL');
    await first.hub.exited;
    await load.stop();
    return { first, postmaster, load };
  };

  it('leaves no PostgreSQL behind, starts again, and has every acknowledged request exactly once', async () => {
    const { postmaster, load } = await killHubUnderLoad(false);
    // the watchdog stops the postmaster once the hub is gone (it polls every 500 ms; fast shutdown)
    const orphanGone = await waitUntil(() => !isAlive(postmaster), 30_000);
    expect(orphanGone).toBe(true);

    const again = await startHealthyHub(site);
    hubs.push(again.hub);
    const acknowledged = [...load.acknowledged];
    const stored = await requestsStored(site, acknowledged);
    const once = [...stored.values()].filter((n) => n === 1).length;
    // the case files are a projection: it resumes from its checkpoint after the restart
    let readable = 0;
    await waitUntil(async () => (readable = await casesReadable(site, acknowledged)) === acknowledged.length, 30_000, 500);
    console.log(`[fault] hub kill -9 under load: acknowledged ${acknowledged.length}, stored exactly once ${once}, readable ${readable}, ` +
      `not acknowledged ${load.failed()}; orphan postmaster stopped by the watchdog; restart to healthy ${again.ms} ms`);
    expect(once).toBe(acknowledged.length);
    expect(readable).toBe(acknowledged.length);
  });

  it('stops a PostgreSQL an earlier run left behind (watchdog killed too) at the next start', async () => {
    const { postmaster, load } = await killHubUnderLoad(true);
    expect(isAlive(postmaster)).toBe(true);

    const again = await startHealthyHub(site);
    hubs.push(again.hub);
    expect(again.hub.output()).toContain(`stopping the embedded PostgreSQL (pid ${postmaster}`);
    expect(isAlive(postmaster)).toBe(false);
    const stored = await requestsStored(site, load.acknowledged);
    const once = [...stored.values()].filter((n) => n === 1).length;
    console.log(`[fault] hub and watchdog kill -9: orphan postmaster ${postmaster} stopped by the next start; ` +
      `acknowledged ${load.acknowledged.length}, stored exactly once ${once}; restart to healthy ${again.ms} ms`);
    expect(once).toBe(load.acknowledged.length);
  });

  it('refuses, in one line and with exit 69, a second hub on the same data, and a port another process holds', async () => {
    const first = await startHealthyHub(site);
    hubs.push(first.hub);

    const second = startHub(site);
    hubs.push(second);
    expect(await second.exited).toBe(69);
    expect(second.output()).toMatch(/cannot start: the embedded PostgreSQL in .* belongs to another running process .*EHC_DATA_DIR and EMBEDDED_PG_PORT/);
    expect(await healthy(site)).toBe(true);

    const elsewhere = await newSite();
    const holder = createServer().listen(elsewhere.pgPort, '127.0.0.1');
    await new Promise((r) => holder.once('listening', r));
    try {
      const third = startHub(elsewhere);
      hubs.push(third);
      expect(await third.exited).toBe(69);
      expect(third.output()).toContain(`cannot start: EMBEDDED_PG_PORT ${elsewhere.pgPort} is taken by another process: set EMBEDDED_PG_PORT to a free port`);
      expect(third.output()).not.toContain('Cannot read properties');
    } finally {
      holder.close();
      await cleanUp(elsewhere, []);
    }
  });
});

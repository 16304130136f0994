import { readFileSync } from 'node:fs';
import { isAlive } from '@ehc/tooling';
import { cleanUp, newSite, postmasterPid, startHealthyHub, waitUntil, type HubProcess, type HubSite } from './hub-process.spec-helpers';

/**
 * `npm start` with only npm killed (SIGKILL: npm can pass nothing on): node notices its launcher
 * is gone and stops as on SIGTERM, PostgreSQL with it, instead of running on with no one to stop it.
 */

// every test starts hub processes, each compiling the hub's TypeScript as it starts: on a busy machine that is tens of seconds
jest.setTimeout(180_000);
describe('npm start when npm alone is killed', () => {
  let site: HubSite;
  const hubs: HubProcess[] = [];
  beforeEach(async () => { site = await newSite(); });
  afterEach(async () => { await cleanUp(site, hubs.splice(0)); });

  it('stops the hub gracefully, and its PostgreSQL', async () => {
    const { hub } = await startHealthyHub(site, { viaNpm: true });
    hubs.push(hub);
    const postmaster = postmasterPid(site)!;
    // the hub's node process is the embedded cluster's recorded owner
    const node = (JSON.parse(readFileSync(`${site.pgDataDir}.owner`, 'utf8')) as { pid: number }).pid;
    hub.child.kill('SIGKILL');
    const killedAt = performance.now();
    const stopped = await waitUntil(() => !isAlive(node) && !isAlive(postmaster), 30_000);
    console.log(`[fault] npm kill -9: node stopped gracefully, and its PostgreSQL with it, ${Math.round(performance.now() - killedAt)} ms later`);
    expect(stopped).toBe(true);
    expect(hub.output()).toMatch(/npm, which started this process, has exited: finishing in-flight work \(up to \d+ ms\) and stopping/);
  });
});

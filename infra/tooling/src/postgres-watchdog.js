#!/usr/bin/env node
// The embedded PostgreSQL's watchdog: a tiny detached process (plain Node, nothing loaded) that
// outlives a hub killed with SIGKILL, which can run no exit hook. When the hub is gone it stops
// the hub's postmaster (fast shutdown, as pg_ctl stop -m fast) so that no orphan holds the port
// and the data. Started by watchdog.ts; the rules it applies are those of cluster-owner.ts and
// postmaster.ts, repeated here because this file must run without the TypeScript loader.
//
//   node postgres-watchdog.js <dataDir> <hubPid> <hubStartTime|-> <pollMs>
'use strict';
const { readFileSync, rmSync } = require('node:fs');

const [dataDir, hubPidText, hubStartTime, pollText] = process.argv.slice(2);
const hubPid = Number(hubPidText);
const pollMs = Number(pollText) || 500;

const read = (path) => { try { return readFileSync(path, 'utf8'); } catch { return undefined; } };
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const startTime = (pid) => {
  const stat = read(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};
const hubRunning = () => alive(hubPid) && (hubStartTime === '-' || startTime(hubPid) === hubStartTime);
const owner = () => { try { return JSON.parse(read(`${dataDir}.owner`) ?? ''); } catch { return undefined; } };

async function stopPostmaster() {
  // a newer hub owns the data now (it stops what it finds itself): leave its database alone
  const current = owner();
  if (current && current.pid !== hubPid) return;
  const pid = Number((read(`${dataDir}/postmaster.pid`) ?? '').split('\n')[0]);
  const cmd = read(`/proc/${pid}/cmdline`);
  if (pid > 0 && alive(pid) && (cmd === undefined || cmd.includes(dataDir))) {
    process.kill(pid, 'SIGINT');
    for (let waited = 0; alive(pid) && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGQUIT');
  }
  if (owner()?.pid === hubPid) rmSync(`${dataDir}.owner`, { force: true });
}

const timer = setInterval(() => {
  if (hubRunning()) return;
  clearInterval(timer);
  stopPostmaster().catch(() => undefined).finally(() => process.exit(0));
}, pollMs);

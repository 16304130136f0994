import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAlive, processStartTime } from './processes';

/** The process that runs an embedded cluster: pid and start time, so a reused pid is not mistaken for it. */
export interface ClusterOwner {
  pid: number;
  startTime?: string;
}

/** Beside the data directory, not in it: PostgreSQL's folder is PostgreSQL's. */
export const ownerFile = (dataDir: string) => `${dataDir}.owner`;

export function readOwner(dataDir: string): ClusterOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as ClusterOwner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

export function isRunning(owner: ClusterOwner): boolean {
  return isAlive(owner.pid) && (owner.startTime === undefined || processStartTime(owner.pid) === owner.startTime);
}

export const thisProcess = (): ClusterOwner => ({ pid: process.pid, startTime: processStartTime(process.pid) });

/**
 * Records this process as the cluster's owner. Returns the other owner instead if one is still
 * running: a second hub on the same data must not stop the first one's database.
 */
export function claimOwnership(dataDir: string): ClusterOwner | undefined {
  const previous = readOwner(dataDir);
  if (previous && previous.pid !== process.pid && isRunning(previous)) return previous;
  writeFileSync(ownerFile(dataDir), JSON.stringify(thisProcess()) + '\n');
  return undefined;
}

/** Forgets the ownership if it is still this process's. */
export function releaseOwnership(dataDir: string): void {
  if (readOwner(dataDir)?.pid === process.pid) rmSync(ownerFile(dataDir), { force: true });
}

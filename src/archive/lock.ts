// One writer at a time per archive: two stet processes (a cron capture and a manual one) must
// not interleave compare → write → commit on the same archive. proper-lockfile creates a lock
// directory atomically (mkdir), refreshes its mtime while held, and takes over a lock whose
// mtime has not moved for STALE_MS (left by a process that was killed).
//
// stet retries only while another process holds the lock: proper-lockfile's own retries would
// also retry a read-only or full file system for a minute before reporting it.

import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { StetError } from '../errors.js';

/** An empty directory inside the archive while a stet process writes to it (git ignores it). */
export const LOCK_NAME = '.stet.lock';
const STALE_MS = 15_000;
const UPDATE_MS = 5_000;
const HELD_ELSEWHERE = 'ELOCKED';
/** Waits between attempts grow from FIRST_WAIT_MS to MAX_WAIT_MS; about two minutes in all. */
const ATTEMPTS = 80;
const FIRST_WAIT_MS = 50;
const MAX_WAIT_MS = 2_000;
const WAIT_GROWTH = 1.3;

/** Runs `task` while holding the archive's lock. */
export async function withArchiveLock<T>(archiveDir: string, task: () => Promise<T>): Promise<T> {
  let compromised: Error | undefined;
  const release = await acquire(archiveDir, (error) => {
    compromised = error;
  });
  try {
    const result = await task();
    if (compromised !== undefined) {
      throw new StetError(
        'store.lock',
        archiveDir,
        `the archive lock was lost: ${compromised.message}`,
        {
          cause: compromised,
        },
      );
    }
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}

async function acquire(
  archiveDir: string,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  let wait = FIRST_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await lockfile.lock(archiveDir, {
        lockfilePath: join(archiveDir, LOCK_NAME),
        realpath: false,
        stale: STALE_MS,
        update: UPDATE_MS,
        retries: 0,
        onCompromised,
      });
    } catch (error) {
      const held = (error as NodeJS.ErrnoException).code === HELD_ELSEWHERE;
      if (!held || attempt >= ATTEMPTS) {
        const message = error instanceof Error ? error.message : String(error);
        const why = held ? 'another stet process still holds it' : message;
        throw new StetError('store.lock', archiveDir, `cannot lock the archive: ${why}`, {
          cause: error,
        });
      }
      await sleep(wait);
      wait = Math.min(MAX_WAIT_MS, wait * WAIT_GROWTH);
    }
  }
}

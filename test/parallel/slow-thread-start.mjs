// Preloaded into a stet process (node --import) by pool.test.ts. Every worker thread takes a
// while to start, as on a busy machine, and leaves a mark in $STET_THREAD_MARKS when it begins
// and when it has finished starting. A thread ended mid-start leaves only the first mark.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';

const marks = process.env.STET_THREAD_MARKS;
if (!isMainThread && marks !== undefined) {
  writeFileSync(join(marks, `${threadId}.started`), '');
  await new Promise((resolve) => setTimeout(resolve, 400));
  writeFileSync(join(marks, `${threadId}.loaded`), '');
}

// The two content cases that stress the parser and the cleaning rules by sheer size, each in
// its own process (and this file apart from content.test.ts, so vitest runs them alongside the
// rest). The limits only stop a hung run; they are not speed targets (a correct run of either
// takes seconds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_TIMEOUT_MS, stet } from './harness.js';
import { type HostileServer, startHostileServer } from './hostile-server.js';
import { HUGE_PARAGRAPH_BYTES, hugeParagraphPage } from './pages.js';

const NESTED_LIMIT_MS = 30_000;
const HEAVY_LIMIT_MS = 60_000;

describe('heavy content', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it(
    '100,000 nested <div>s: the article is extracted',
    async () => {
      const url = `${server.url}/content/nested`;
      const run = await stet(
        ['extract', '--format', 'text', '--timeout', String(PAGE_TIMEOUT_MS), url],
        {
          limitMs: NESTED_LIMIT_MS,
        },
      );
      expect(run.signal, 'killed: still running after the hang guard').toBeNull();
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Reference deep.');
    },
    NESTED_LIMIT_MS + 10_000,
  );

  it(
    'a 5 MB single paragraph is kept whole',
    async () => {
      const url = `${server.url}/content/huge-paragraph`;
      const run = await stet(
        ['extract', '--format', 'text', '--timeout', String(PAGE_TIMEOUT_MS), url],
        {
          limitMs: HEAVY_LIMIT_MS,
        },
      );
      expect(run.signal, 'killed: still running after the hang guard').toBeNull();
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(HUGE_PARAGRAPH_BYTES);
      expect(run.stdout.trimEnd().endsWith(hugeParagraphPage().last)).toBe(true);
    },
    HEAVY_LIMIT_MS + 10_000,
  );
});

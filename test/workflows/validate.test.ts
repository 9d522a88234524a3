// The workflow and action files against the GitHub Actions schemas (@action-validator/cli), and
// the promises the capture workflow makes that a schema cannot check.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../helpers/corpus.js';
import { makeTempDir, removeDir } from '../helpers/repo.js';
import { readWorkflow } from './github.js';

const VALIDATOR = join(PROJECT_ROOT, 'node_modules/.bin/action-validator');
const FILES = ['.github/workflows/capture.yml', '.github/workflows/ci.yml', 'action.yml'];

async function validate(path: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(VALIDATOR, [path]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

describe('GitHub Actions files', () => {
  it.each(FILES)('%s validates against the schema', async (file) => {
    const result = await validate(join(PROJECT_ROOT, file));
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('the validator does reject a broken workflow', async () => {
    const dir = await makeTempDir();
    try {
      const broken = join(dir, 'broken.yml');
      await writeFile(
        broken,
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: soon\n    steps:\n      - run: echo\n        uses: actions/checkout@v4\n',
      );
      const result = await validate(broken);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('timeout-minutes');
    } finally {
      await removeDir(dir);
    }
  });

  it('capture.yml: off-the-hour schedule, dispatch inputs, write permission, no cancelled captures', async () => {
    const workflow = await readWorkflow(join(PROJECT_ROOT, FILES[0] as string));
    const schedule = workflow.on.schedule as { cron: string }[];
    const minute = schedule[0]?.cron.split(' ')[0];
    expect(minute).toMatch(/^\d+$/);
    expect(Number(minute)).not.toBe(0);
    const dispatch = workflow.on.workflow_dispatch as { inputs: Record<string, unknown> };
    expect(Object.keys(dispatch.inputs)).toEqual(['sources', 'shards']);
    expect(workflow.permissions).toEqual({ contents: 'write' });
    expect(workflow.concurrency?.['cancel-in-progress']).toBe(false);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(job['timeout-minutes'], name).toBeGreaterThan(0);
    }
    const capture = workflow.jobs.capture;
    const setupNode = capture?.steps.find((step) => step.uses?.startsWith('actions/setup-node'));
    expect(setupNode?.with).toMatchObject({ cache: 'npm' });
    expect(capture?.steps.find((step) => step.id === 'install')?.run).toMatch(/^npm ci\b/);
    expect(capture?.steps.find((step) => step.id === 'capture')?.run).toContain('--push');
    expect(workflow.jobs.keepalive?.permissions).toEqual({ actions: 'write' });
  });

  it('no run: script interpolates expressions (values come in through env, safe from injection)', async () => {
    for (const file of FILES) {
      const document = parse(await readFile(join(PROJECT_ROOT, file), 'utf8')) as {
        jobs?: Record<string, { steps: { run?: string }[] }>;
        runs?: { steps: { run?: string }[] };
      };
      const steps = [
        ...Object.values(document.jobs ?? {}).flatMap((job) => job.steps),
        ...(document.runs?.steps ?? []),
      ];
      for (const step of steps) expect(step.run ?? '', file).not.toContain('${{');
    }
  });

  it('the copy-paste workflows in docs/capture.md validate too', async () => {
    const docs = await readFile(join(PROJECT_ROOT, 'docs/capture.md'), 'utf8');
    const workflows = [...docs.matchAll(/```yaml\n(# \.github\/workflows\/[\s\S]*?)```/g)].map(
      (match) => match[1] as string,
    );
    expect(workflows).toHaveLength(2);
    const dir = await makeTempDir();
    try {
      for (const [index, text] of workflows.entries()) {
        const file = join(dir, `docs-${index}.yml`);
        await writeFile(file, text);
        const result = await validate(file);
        expect(result.output, text).toBe('');
        expect(result.code).toBe(0);
        expect(text).toContain('uses: stet-archiver/stet@');
      }
    } finally {
      await removeDir(dir);
    }
  });
});

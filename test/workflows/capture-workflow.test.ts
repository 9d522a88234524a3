// The capture workflow's own `run:` steps, executed locally: temporary clones whose origin is
// a local bare repository, a local HTTP server as the web, the stet built from this checkout
// (`npm test` builds it first). GitHub's `uses:` steps (checkout, setup-node) and the install
// step are what a runner does before; everything stet does is run as written in the YAML.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type NewsSite, startNewsSite } from '../capture/site.js';
import { STET_BIN } from '../helpers/cli.js';
import { PROJECT_ROOT } from '../helpers/corpus.js';
import { git, makeTempDir, removeDir } from '../helpers/repo.js';
import { type JobRun, readWorkflow, runJob, type Workflow, type WorkflowStep } from './github.js';

const WORKFLOW = join(PROJECT_ROOT, '.github/workflows/capture.yml');
const ACTION = join(PROJECT_ROOT, 'action.yml');
const SOURCES = 'archive/sources.yml';
/** The install step (npm ci) is replaced by the build `npm test` made of this checkout. */
const SKIPPED_STEPS = ['install'];
/** The feed has 50 items; test/capture takes them all, these slower process runs fewer. */
const FEED_LIMIT = 20;
const SITEMAP_PAGES = 5;
const ALL_PAGES = FEED_LIMIT + SITEMAP_PAGES;

let workflow: Workflow;
let site: NewsSite;
let work: string;
let remote: string;

beforeAll(async () => {
  if (!existsSync(join(PROJECT_ROOT, 'dist/cli/main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  }
  workflow = await readWorkflow(WORKFLOW);
});

beforeEach(async () => {
  site = await startNewsSite();
  work = await makeTempDir('stet-workflow-');
  remote = join(work, 'remote.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', remote]);
  // The repository as its owner set it up: a sources file, committed and pushed.
  await publishSources(
    `# delay 0: the only host is the test server\ndelay: 0\nfeeds:\n  - url: ${site.url}/feed.xml\n    limit: ${FEED_LIMIT}\nsitemaps:\n  - ${site.url}/sitemap_index.xml\n`,
  );
});

afterEach(async () => {
  await site.server.close();
  await removeDir(work);
});

async function publishSources(text: string): Promise<void> {
  const seed = join(work, 'seed');
  execFileSync('git', ['clone', '--quiet', remote, seed], { stdio: 'ignore' });
  git(seed, 'config', 'user.name', 'Newsroom');
  git(seed, 'config', 'user.email', 'newsroom@example.invalid');
  await mkdir(join(seed, 'archive'), { recursive: true });
  await writeFile(join(seed, SOURCES), text);
  git(seed, 'add', SOURCES);
  git(seed, 'commit', '--quiet', '-m', 'sources');
  git(seed, 'push', '--quiet', 'origin', 'HEAD:main');
  await removeDir(seed);
}

/** What actions/checkout leaves: a clone of the repository on its default branch. */
function checkout(name: string): string {
  const dir = join(work, name);
  execFileSync('git', ['clone', '--quiet', remote, dir], { stdio: 'ignore' });
  return dir;
}

function runCaptureJob(name: string, shard: number, shards: number): Promise<JobRun> {
  return runJob(workflow, 'capture', {
    cwd: checkout(name),
    runnerDir: join(work, `runner-${name}`),
    expressions: {
      "inputs.sources || 'archive/sources.yml'": SOURCES,
      'matrix.shard': String(shard),
      'needs.plan.outputs.count': String(shards),
    },
    // The workflow runs the checkout's own stet (`node bin/stet.js`); here that is this one.
    overrides: { STET: `${process.execPath} ${STET_BIN}` },
    skip: SKIPPED_STEPS,
  });
}

function remoteFiles(): string[] {
  return git(remote, 'ls-tree', '-r', '--name-only', 'main').split('\n').filter(Boolean);
}

function remoteCommits(): number {
  return Number(git(remote, 'rev-list', '--count', 'main'));
}

function stepLog(run: JobRun): string {
  return run.steps.map((step) => `--- ${step.step.name}\n${step.output}`).join('\n');
}

describe('capture workflow, run locally', () => {
  it('captures a feed and a sitemap index, commits and pushes; a rerun makes no commit', async () => {
    expect(workflow.jobs.capture?.env?.STET).toBe('node bin/stet.js');
    const first = await runCaptureJob('runner', 1, 1);
    expect(
      first.steps.map((step) => step.code),
      stepLog(first),
    ).toEqual([0, 0, 0]);
    expect(first.outputs['exit-code']).toBe('0');
    expect(remoteCommits()).toBe(2);
    const archived = remoteFiles().filter((file) => file.endsWith('.md'));
    expect(archived).toHaveLength(ALL_PAGES);
    expect(remoteFiles()).toContain('archive/.stet/state.json');
    expect(first.summary).toContain('| status | url | path | HTTP | words | error |');
    expect(first.summary).toContain(`${ALL_PAGES} pages: ${ALL_PAGES} new`);

    const second = await runCaptureJob('rerun', 1, 1);
    expect(
      second.steps.map((step) => step.code),
      stepLog(second),
    ).toEqual([0, 0, 0]);
    expect(second.summary).toContain(`${ALL_PAGES} unchanged`);
    expect(remoteCommits()).toBe(2);
  });

  it('runs three shards at once against one remote: every capture lands, no push is lost', async () => {
    const runs = await Promise.all(
      [1, 2, 3].map((shard) => runCaptureJob(`shard-${shard}`, shard, 3)),
    );
    for (const run of runs) {
      expect(
        run.steps.map((step) => step.code),
        stepLog(run),
      ).toEqual([0, 0, 0]);
    }
    const archived = remoteFiles().filter((file) => file.endsWith('.md'));
    expect(archived).toHaveLength(ALL_PAGES);
    expect(remoteFiles().filter((file) => file.startsWith('archive/.stet/'))).toEqual([
      'archive/.stet/state-1-of-3.json',
      'archive/.stet/state-2-of-3.json',
      'archive/.stet/state-3-of-3.json',
    ]);
    // The sources commit plus one capture commit per shard.
    expect(remoteCommits()).toBe(4);
    const pages = site.requestsFor('/news/');
    expect(pages).toHaveLength(ALL_PAGES);
    expect(new Set(pages).size).toBe(ALL_PAGES);
  });

  it('refuses a sources file with errors before any request, and fails the job', async () => {
    await publishSources(`feeds:\n  - url: ${site.url}/feed.xml\n    limit: many\n`);
    const run = await runCaptureJob('bad', 1, 1);
    const capture = run.steps.find((step) => step.step.id === 'capture');
    expect(capture?.code).toBe(2);
    expect(capture?.output).toContain('sources.yml:3  feeds[0].limit must be a whole number');
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.summary).toContain('stet capture wrote no report');
    expect(site.server.requests).toEqual([]);
    expect(remoteCommits()).toBe(2);
  });

  it('plans the shard matrix from the dispatch input, and refuses a bad count', async () => {
    const plan = (count: string) =>
      runJob(workflow, 'plan', {
        cwd: work,
        runnerDir: join(work, `plan-${count}`),
        expressions: { 'inputs.shards || 1': count },
      });
    const three = await plan('3');
    expect(three.outputs).toEqual({ count: '3', matrix: '[1,2,3]' });
    expect((await plan('1')).outputs).toEqual({ count: '1', matrix: '[1]' });
    expect((await plan('0')).steps[0]?.code).toBe(1);
    expect((await plan('x')).steps[0]?.code).toBe(1);
  });

  it('the composite action (action.yml) captures and pushes from another repository', async () => {
    const action = (await readWorkflow(ACTION)) as unknown as { runs: { steps: WorkflowStep[] } };
    const asJob: Workflow = { on: {}, jobs: { action: { steps: action.runs.steps } } };
    const run = await runJob(asJob, 'action', {
      cwd: checkout('user-repo'),
      runnerDir: join(work, 'runner-action'),
      expressions: {
        'github.action_path': PROJECT_ROOT,
        'inputs.sources': SOURCES,
        'inputs.archive': 'archive',
        'inputs.shard': '1/1',
        'inputs.push': 'true',
      },
      skip: SKIPPED_STEPS,
    });
    expect(
      run.steps.map((step) => step.code),
      stepLog(run),
    ).toEqual([0, 0, 0]);
    expect(run.outputs['exit-code']).toBe('0');
    expect(run.outputs.report).toMatch(/stet-capture-report\.json$/);
    expect(remoteFiles().filter((file) => file.endsWith('.md'))).toHaveLength(ALL_PAGES);
    expect(run.summary).toContain(`${ALL_PAGES} new`);
  });
});

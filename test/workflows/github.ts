// Running a GitHub Actions job's `run:` steps locally, the way a runner does: each script in a
// file executed by `bash --noprofile --norc -eo pipefail` (the `shell: bash` of the workflows),
// with the workflow's, job's and step's env, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files and
// RUNNER_TEMP. Expressions (`${{ … }}`) are allowed only in env values, and each one must be
// given a value by the test, so a renamed input or output fails here instead of on GitHub.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface WorkflowStep {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly env?: Record<string, string | number>;
  readonly shell?: string;
  readonly with?: Record<string, unknown>;
}

export interface WorkflowJob {
  readonly env?: Record<string, string | number>;
  readonly steps: readonly WorkflowStep[];
  readonly 'timeout-minutes'?: number;
  readonly permissions?: Record<string, string>;
  readonly [key: string]: unknown;
}

export interface Workflow {
  readonly on: Record<string, unknown>;
  readonly env?: Record<string, string | number>;
  readonly permissions?: Record<string, string>;
  readonly concurrency?: { group: string; 'cancel-in-progress': boolean };
  readonly defaults?: { run?: { shell?: string } };
  readonly jobs: Record<string, WorkflowJob>;
}

export async function readWorkflow(path: string): Promise<Workflow> {
  return parse(await readFile(path, 'utf8')) as Workflow;
}

/** Replaces every `${{ expr }}` in `value` with expressions[expr]; an unknown one throws. */
export function evaluate(value: string | number, expressions: Record<string, string>): string {
  return String(value).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_whole, expression: string) => {
    const result = expressions[expression];
    if (result === undefined) throw new Error(`the test gives no value for \${{ ${expression} }}`);
    return result;
  });
}

export interface StepRun {
  readonly step: WorkflowStep;
  readonly code: number;
  readonly output: string;
}

export interface JobRun {
  readonly steps: readonly StepRun[];
  /** Key/value pairs the steps wrote to GITHUB_OUTPUT. */
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

export interface JobRunOptions {
  readonly cwd: string;
  /** A directory for RUNNER_TEMP and the GITHUB_* files. */
  readonly runnerDir: string;
  readonly expressions: Record<string, string>;
  /** Environment that replaces what the workflow sets (e.g. the stet command under test). */
  readonly overrides?: Record<string, string>;
  /** Step ids not run (e.g. the dependency install, done once for the whole test suite). */
  readonly skip?: readonly string[];
}

/** Runs the job's `run:` steps in order; `uses:` steps are the runner's business and skipped. */
export async function runJob(
  workflow: Workflow,
  jobName: string,
  options: JobRunOptions,
): Promise<JobRun> {
  const job = workflow.jobs[jobName];
  if (job === undefined) throw new Error(`no job ${jobName}`);
  const temp = join(options.runnerDir, 'temp');
  await mkdir(temp, { recursive: true });
  const outputFile = join(options.runnerDir, 'output');
  const summaryFile = join(options.runnerDir, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.cwd,
    RUNNER_TEMP: temp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...evaluated(workflow.env, options.expressions),
    ...evaluated(job.env, options.expressions),
  };
  const runs: StepRun[] = [];
  let failed = false;
  for (const [index, step] of job.steps.entries()) {
    if (step.run === undefined || options.skip?.includes(step.id ?? '')) continue;
    if (failed && step.if !== 'always()') continue;
    const env = { ...baseEnv, ...evaluated(step.env, options.expressions), ...options.overrides };
    const script = join(temp, `step-${index}.sh`);
    await writeFile(script, step.run);
    const result = await bash(script, options.cwd, env);
    runs.push({ step, ...result });
    if (result.code !== 0) failed = true;
  }
  return {
    steps: runs,
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
  };
}

function evaluated(
  env: Record<string, string | number> | undefined,
  expressions: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([name, value]) => [name, evaluate(value, expressions)]),
  );
}

function bash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, output: Buffer.concat(output).toString('utf8') }),
    );
  });
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const separator = line.indexOf('=');
    if (separator > 0) outputs[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return outputs;
}

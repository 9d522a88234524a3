import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, stet } from '../helpers/cli.js';
import { REFERENCE_PAGE } from '../helpers/reference-page.js';
import {
  commitCount,
  git,
  lastCommitFiles,
  makeTempDir,
  makeTempRepo,
  removeDir,
} from '../helpers/repo.js';
import { startServer, type TestServer } from '../helpers/server.js';

function articlePage(title: string, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="author" content="Ada Writer"><meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>${title}</h1>${body}</article><footer>Copyright 2024 Example News</footer></body></html>`;
}

const PARAGRAPHS = [
  'The river rose eleven feet overnight, forcing the evacuation of three villages along its lower reaches and closing the only bridge to the coast.',
  'Engineers from the regional water authority said the embankments had held, but that a second crest expected on Thursday could test them further.',
  'Residents were housed in two schools and a sports hall; the council said food, blankets and medical staff were in place by early afternoon.',
  'Forecasters expect the rain to ease by the weekend, though the authority warned that rivers respond slowly and levels may stay high for days.',
];

describe('stet archive', () => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    server = await startServer({
      '/news/flood': { body: articlePage('Floods close bridge', PARAGRAPHS) },
    });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('archives the bundled page into a new git archive, then reports it unchanged', async () => {
    const archive = join(dir, 'archive');
    const first = await runCli(['archive', REFERENCE_PAGE, '--archive', archive]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^new {2}\S+\.md\n$/);
    const path = first.stdout.split(/\s+/)[1] ?? '';
    expect(existsSync(path)).toBe(true);
    expect(existsSync(join(archive, '.git'))).toBe(true);
    expect(commitCount(archive)).toBe(1);
    expect(git(archive, 'log', '-1', '--format=%s')).toBe(
      'archive: Video: Government Forces Crushed ISIS-held Pocket in Southern Syria (https://www.globalresearch.ca/video-government-forces-crushed-isis-held-pocket-in-southern-syria/5660583)',
    );
    expect(lastCommitFiles(archive)).toHaveLength(1);
    expect(path.startsWith(join(archive, 'www.globalresearch.ca'))).toBe(true);

    const second = await runCli(['archive', REFERENCE_PAGE, '--archive', archive]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^unchanged {2}\S+\.md\n$/);
    expect(commitCount(archive)).toBe(1);
  });

  it('archives a URL, commits one file per real change, and none for an unchanged recapture', async () => {
    const repo = await makeTempRepo();
    try {
      const url = `${server.url}/news/flood`;
      const first = await runCli(['archive', url, '--archive', repo]);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^new {2}/);
      expect(commitCount(repo)).toBe(1);

      const again = await runCli(['archive', url, '--archive', repo]);
      expect(again.stdout).toMatch(/^unchanged {2}/);
      expect(commitCount(repo)).toBe(1);

      server.route('/news/flood', {
        body: articlePage('Floods close bridge', [
          ...PARAGRAPHS.slice(0, 3),
          'The bridge reopened on Friday morning after inspectors found no damage to its piers, the council said.',
        ]),
      });
      const changed = await runCli(['archive', url, '--archive', repo]);
      expect(changed.code).toBe(0);
      expect(changed.stdout).toMatch(/^updated {2}/);
      expect(commitCount(repo)).toBe(2);
      expect(lastCommitFiles(repo)).toHaveLength(1);
      const file = join(repo, lastCommitFiles(repo)[0] ?? '');
      expect(readFileSync(file, 'utf8')).toContain('The bridge reopened on Friday morning');
    } finally {
      server.route('/news/flood', { body: articlePage('Floods close bridge', PARAGRAPHS) });
      await removeDir(repo);
    }
  });

  it('commits only the file it wrote, leaving what the user staged alone', async () => {
    const repo = await makeTempRepo();
    try {
      writeFileSync(join(repo, 'notes.txt'), 'my own work\n');
      git(repo, 'add', 'notes.txt');
      const run = await runCli(['archive', `${server.url}/news/flood`, '--archive', repo]);
      expect(run.code).toBe(0);
      expect(lastCommitFiles(repo)).not.toContain('notes.txt');
      expect(git(repo, 'diff', '--cached', '--name-only')).toBe('notes.txt');
    } finally {
      await removeDir(repo);
    }
  });

  it('reports a failing input in one line, exits 1, and still archives the others', async () => {
    const archive = join(dir, 'archive');
    const missing = `${server.url}/news/missing`;
    const run = await runCli([
      'archive',
      missing,
      `${server.url}/news/flood`,
      '--archive',
      archive,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`failed  ${missing}  fetch.http: HTTP 404 Not Found\n`);
    expect(run.stdout).toMatch(/^new {2}/);
    expect(commitCount(archive)).toBe(1);
    expect(git(archive, 'status', '--porcelain')).toBe('');
  });

  it('prints a JSON array of results with --json', async () => {
    const archive = join(dir, 'archive');
    const missing = `${server.url}/gone`;
    const run = await runCli([
      'archive',
      `${server.url}/news/flood`,
      missing,
      '--archive',
      archive,
      '--json',
    ]);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Array<Record<string, string>>;
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ input: `${server.url}/news/flood`, status: 'new' });
    expect(results[0]?.path).toMatch(/\.md$/);
    expect(results[0]?.url).toBe(`${server.url}/news/flood`);
    expect(results[1]).toMatchObject({ input: missing, status: 'failed' });
    expect(results[1]?.error).toMatch(/^fetch\.http: HTTP 404/);
  });

  it('writes without committing under --no-commit', async () => {
    const repo = await makeTempRepo();
    try {
      const run = await runCli([
        'archive',
        `${server.url}/news/flood`,
        '--archive',
        repo,
        '--no-commit',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^new {2}/);
      expect(commitCount(repo)).toBe(0);
      expect(git(repo, 'status', '--porcelain')).toMatch(/^\?\? /);
    } finally {
      await removeDir(repo);
    }
  });

  it('archives stdin under the URL given with --url', async () => {
    const archive = join(dir, 'archive');
    const run = await runCli(
      ['archive', '-', '--url', 'https://news.example.org/2024/03/floods', '--archive', archive],
      { stdin: articlePage('Floods close bridge', PARAGRAPHS) },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^new {2}\S*news\.example\.org\S*\.md\n$/);
  });

  it('runs as a real process: prints new, then unchanged, with exit code 0', async () => {
    const archive = join(dir, 'demo');
    const first = await stet(['archive', REFERENCE_PAGE, '--archive', archive]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^new {2}/);
    const second = await stet(['archive', REFERENCE_PAGE, '--archive', archive]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^unchanged {2}/);
  });

  it('exits 2 on bad usage and names the problem', async () => {
    const run = await stet(['archive', REFERENCE_PAGE, '--no-such-option']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--no-such-option'");
  });
});

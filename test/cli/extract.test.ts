import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeWithCorpus, readabilityPages, zytePages } from '../helpers/corpus.js';
import { REFERENCE_PAGE } from '../helpers/reference-page.js';
import { makeTempDir, removeDir } from '../helpers/repo.js';

/** The archived file without its capture time, which differs between runs. */
function withoutCaptured(markdown: string): string {
  return markdown.replace(/^captured: .*\n/m, '');
}

describe('stet extract', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('prints, as md, exactly the file that archive writes', async () => {
    const archive = join(dir, 'archive');
    const archived = await runCli(['archive', REFERENCE_PAGE, '--archive', archive, '--no-commit']);
    expect(archived.code).toBe(0);
    const path = archived.stdout.split(/\s+/)[1] ?? '';
    const extracted = await runCli(['extract', REFERENCE_PAGE]);
    expect(extracted.code).toBe(0);
    expect(withoutCaptured(extracted.stdout)).toBe(withoutCaptured(readFileSync(path, 'utf8')));
    expect(extracted.stdout.startsWith('---\ntitle: ')).toBe(true);
  });

  it('prints the documented JSON and plain text', async () => {
    const json = await runCli(['extract', REFERENCE_PAGE, '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      metadata: Record<string, unknown>;
      markdown: string;
      text: string;
    };
    expect(Object.keys(parsed)).toEqual(['metadata', 'markdown', 'text']);
    expect(parsed.metadata.title).toBe(
      'Video: Government Forces Crushed ISIS-held Pocket in Southern Syria',
    );
    expect(parsed.metadata.captured).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(parsed.markdown).toContain('**Kassem Musleh**');
    expect(parsed.text).toContain('Kassem Musleh, commander of the PMU');
    expect(parsed.text).toMatch(/\n\n/);

    const text = await runCli(['extract', REFERENCE_PAGE, '--format', 'text']);
    expect(text.stdout.trimEnd()).toBe(parsed.text.trimEnd());
  });

  it('writes one file per input with --out-dir, named after the input', async () => {
    const gz = join(dir, 'page.html.gz');
    const { gzipSync } = await import('node:zlib');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(gz, gzipSync(readFileSync(REFERENCE_PAGE)));
    copyFileSync(REFERENCE_PAGE, join(dir, 'other.htm'));
    const out = join(dir, 'out');
    const run = await runCli([
      'extract',
      gz,
      join(dir, 'other.htm'),
      '--format',
      'json',
      '--out-dir',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['other.json', 'page.json']);
  });

  it('lists what each cleaning rule removed with --debug', async () => {
    const run = await runCli(['extract', REFERENCE_PAGE, '--debug']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^removed \[[a-z-]+\] .*Note to readers/m);
    expect(run.stderr).toMatch(/^metadata \* author = "South Front"/m);
  });

  it('names a missing file and the cause in one line and exits 1', async () => {
    const missing = join(dir, 'nope.html');
    const run = await runCli(['extract', missing, REFERENCE_PAGE, '--out-dir', join(dir, 'out')]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^failed {2}${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} {2}input\\.read: `),
    );
  });
});

describeWithCorpus('stet extract over every corpus page', () => {
  it('extracts all zyte and readability pages in one batch, none empty', async () => {
    const dir = await makeTempDir();
    try {
      const zyte = zytePages();
      const readability = readabilityPages();
      // Readability's page folders all hold source.html.gz: copy to distinct names.
      const readabilityInputs = readability.map((page) => {
        const target = join(dir, `readability-${page.name}.html.gz`);
        copyFileSync(page.path, target);
        return target;
      });
      const inputs = [...zyte.map((page) => page.path), ...readabilityInputs];
      const out = join(dir, 'out');
      const run = await runCli(['extract', ...inputs, '--format', 'json', '--out-dir', out]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const files = readdirSync(out);
      expect(files).toHaveLength(zyte.length + readability.length);
      const empty = files.filter((file) => {
        const { text } = JSON.parse(readFileSync(join(out, file), 'utf8')) as { text: string };
        return text.trim() === '';
      });
      expect(empty).toEqual([]);
    } finally {
      await removeDir(dir);
    }
  }, 600_000);
});

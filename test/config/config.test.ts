import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { failure } from '../helpers/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stet-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('is empty when there is no stet.config.json in the cwd', async () => {
    expect(await loadConfig(undefined, dir)).toEqual({ sites: [] });
  });

  it('reads stet.config.json from the cwd', async () => {
    const site = {
      hosts: ['example.com'],
      name: 'Example',
      author: '.byline a',
      labels: { Section: 'theme' },
    };
    writeFileSync(join(dir, 'stet.config.json'), JSON.stringify({ sites: [site] }));
    expect(await loadConfig(undefined, dir)).toEqual({ sites: [site] });
  });

  it('reads --config relative to the cwd and fails when that file is missing', async () => {
    writeFileSync(join(dir, 'other.json'), '{"sites": []}');
    expect(await loadConfig('other.json', dir)).toEqual({ sites: [] });
    const error = await failure(loadConfig('missing.json', dir));
    expect(error.code).toBe('config.invalid');
    expect(error.subject).toBe(join(dir, 'missing.json'));
    expect(error.message).toMatch(/file not found/);
  });

  it.each([
    ['{"sites": [', /not valid JSON/],
    ['[]', /must be a JSON object/],
    ['{"site": []}', /^site: unknown key/],
    ['{"sites": {}}', /^sites: must be a list/],
    [
      '{"sites": [{"hosts": ["example.com"], "date": "time["}]}',
      /^sites\[0\]\.date: is not a valid CSS selector/,
    ],
    [
      '{"sites": [{"hosts": ["a.com"]}, {"hosts": []}]}',
      /^sites\[1\]\.hosts: must be a non-empty list/,
    ],
  ])('rejects %s with one line naming the file and the key', async (text, message) => {
    const file = join(dir, 'stet.config.json');
    writeFileSync(file, text);
    const error = await failure(loadConfig(undefined, dir));
    expect(error.code).toBe('config.invalid');
    expect(error.subject).toBe(file);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });
});

// The user's config file: `stet.config.json` in the working directory, or the file named by
// `--config`. Today it adds site profiles; every problem is one StetError 'config.invalid'
// that names the file and the bad key.
//
//   { "sites": [ { "hosts": ["example.com"], "name": "Example News",
//                  "author": ".byline a", "labels": { "Section": "theme" } } ] }
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { StetError } from './errors.js';
import { ProfileError, validateProfile } from './sites/profile.js';
import type { SiteProfile } from './types.js';

export const CONFIG_FILE_NAME = 'stet.config.json';
const KNOWN_KEYS = new Set(['$schema', 'sites']);

export interface StetConfig {
  /** User site profiles, consulted before the bundled ones. */
  readonly sites: SiteProfile[];
}

/**
 * Reads and validates the config. With `path`, the file must exist; without it,
 * `stet.config.json` in `cwd` is read when present, and its absence means no settings.
 */
export async function loadConfig(path?: string, cwd: string = process.cwd()): Promise<StetConfig> {
  const file = resolve(cwd, path ?? CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (path === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT')
      return { sites: [] };
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new StetError('config.invalid', file, `cannot read config: ${reason}`, { cause: error });
  }
  return parseConfig(text, file);
}

/** Validates config text; `file` names it in errors. */
export function parseConfig(text: string, file: string): StetConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StetError('config.invalid', file, `not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new StetError(
      'config.invalid',
      file,
      'the config must be a JSON object like {"sites": [...]}',
    );
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new StetError('config.invalid', file, `${key}: unknown key (expected "sites")`);
    }
  }
  const sites = record.sites ?? [];
  if (!Array.isArray(sites)) {
    throw new StetError('config.invalid', file, 'sites: must be a list of site profiles');
  }
  try {
    return { sites: sites.map((site, index) => validateProfile(site, `sites[${index}]`)) };
  } catch (error) {
    if (error instanceof ProfileError) {
      throw new StetError('config.invalid', file, error.message, { cause: error });
    }
    throw error;
  }
}

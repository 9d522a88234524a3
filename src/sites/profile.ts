// Checking a site profile read from JSON (a bundled file or a user's config) against the
// SiteProfile shape, with a one-line message that names the bad key.
import { JSDOM } from 'jsdom';
import type { MetadataField, SiteProfile } from '../types.js';

const SELECTOR_KEYS = ['body', 'title', 'author', 'date', 'region', 'theme', 'tags'] as const;
const KNOWN_KEYS = new Set<string>(['hosts', 'name', 'remove', 'labels', ...SELECTOR_KEYS]);
const LABEL_FIELDS = new Set<MetadataField>([
  'title',
  'author',
  'date',
  'modified',
  'region',
  'theme',
  'tags',
  'site',
  'language',
  'description',
  'original_source',
  'license',
]);
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** A problem in a profile, with the key path that has it (e.g. `sites[0].labels.Region`). */
export class ProfileError extends Error {
  readonly key: string;
  constructor(key: string, message: string) {
    super(`${key}: ${message}`);
    this.key = key;
  }
}

/** A document to test selectors against: querySelector throws on invalid syntax. */
let probe: Document | undefined;
function probeDocument(): Document {
  probe ??= new JSDOM('<!doctype html><p></p>').window.document;
  return probe;
}

/** `value` as a SiteProfile; throws ProfileError naming the first bad key under `path`. */
export function validateProfile(value: unknown, path: string): SiteProfile {
  if (!isRecord(value)) throw new ProfileError(path, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new ProfileError(
        `${path}.${key}`,
        `unknown key (expected one of: ${[...KNOWN_KEYS].join(', ')})`,
      );
    }
  }
  const hosts = value.hosts;
  if (!Array.isArray(hosts) || hosts.length === 0) {
    throw new ProfileError(`${path}.hosts`, 'must be a non-empty list of host names');
  }
  for (const [index, host] of hosts.entries()) {
    if (typeof host !== 'string' || !HOST.test(host)) {
      throw new ProfileError(
        `${path}.hosts[${index}]`,
        `must be a lower-case host name like "example.com", got ${JSON.stringify(host)}`,
      );
    }
  }

  if (value.name !== undefined && (typeof value.name !== 'string' || value.name.trim() === '')) {
    throw new ProfileError(`${path}.name`, 'must be a non-empty string');
  }
  for (const key of SELECTOR_KEYS) {
    if (value[key] !== undefined) checkSelector(value[key], `${path}.${key}`);
  }
  if (value.remove !== undefined) {
    if (!Array.isArray(value.remove))
      throw new ProfileError(`${path}.remove`, 'must be a list of CSS selectors');
    for (const [index, selector] of value.remove.entries()) {
      checkSelector(selector, `${path}.remove[${index}]`);
    }
  }
  if (value.labels !== undefined) {
    if (!isRecord(value.labels))
      throw new ProfileError(`${path}.labels`, 'must be an object of "Label": "field"');
    for (const [label, field] of Object.entries(value.labels)) {
      if (label.trim() === '')
        throw new ProfileError(`${path}.labels`, 'a label must not be empty');
      if (typeof field !== 'string' || !LABEL_FIELDS.has(field as MetadataField)) {
        throw new ProfileError(
          `${path}.labels.${label}`,
          `must name a front-matter field (${[...LABEL_FIELDS].join(', ')}), got ${JSON.stringify(field)}`,
        );
      }
    }
  }
  return value as unknown as SiteProfile;
}

function checkSelector(selector: unknown, key: string): void {
  if (typeof selector !== 'string' || selector.trim() === '') {
    throw new ProfileError(key, 'must be a CSS selector string');
  }
  try {
    probeDocument().querySelector(selector);
  } catch {
    throw new ProfileError(key, `is not a valid CSS selector: ${JSON.stringify(selector)}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

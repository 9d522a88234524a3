// The bundled site profiles, one JSON file per host in this folder, and the lookup of the
// profile for a page's URL. The files are imported (not read from disk) so that tsc copies
// them into dist/ and the built CLI finds them; add a new file to BUNDLED_FILES below.
import type { SiteProfile } from '../types.js';
import globalResearch from './globalresearch.ca.json' with { type: 'json' };
import { validateProfile } from './profile.js';

const BUNDLED_FILES: Readonly<Record<string, unknown>> = {
  'globalresearch.ca.json': globalResearch,
};

/** The bundled profiles, checked once when the module loads (a bad file fails every test). */
export const BUNDLED_PROFILES: readonly SiteProfile[] = Object.entries(BUNDLED_FILES).map(
  ([file, data]) => validateProfile(data, `src/sites/${file}`),
);

/**
 * The profile for `url`'s host: the user's profiles (`extra`, from the config file) first,
 * then the bundled ones. A profile's host matches itself and its subdomains.
 */
export function findProfile(
  url: string | undefined,
  extra: readonly SiteProfile[] = [],
): SiteProfile | undefined {
  const host = hostOf(url);
  if (host === undefined) return undefined;
  return [...extra, ...BUNDLED_PROFILES].find((profile) =>
    profile.hosts.some((name) => host === name || host.endsWith(`.${name}`)),
  );
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:'
      ? hostname.toLowerCase().replace(/\.$/, '')
      : undefined;
  } catch {
    return undefined;
  }
}

// Where an article lives in the archive: one file per normalised URL, so that every revision of
// an article is one file's git history.
//
// Layout (relative POSIX paths under the archive directory):
//   https://Example.com/2019/11/18/some-story/?utm_source=x#top
//     → example.com/2019_11_18_some-story_.md
//   file:///home/me/saved/page.html → local/page.html__<hash>.md
//
// The path is flattened: the URL's path segments are joined with "_", so the host directory
// holds every article of the site side by side and no URL can create nested directories.
// A "clean" slug is the URL path itself: non-empty segments made only of [a-z0-9.-] (not
// starting or ending with "." or "-", no "--"), joined with "_", with a final "_" for a
// trailing slash. Such a slug
// can be read back into the path, so two clean slugs never collide. Anything else (a query
// string, upper case, "_", percent-escapes, non-ASCII, an over-long path) makes the slug
// lossy, and a lossy slug ends with "__" and a short hash of the whole normalised URL. A clean
// slug never contains "__", so hashed and clean names cannot collide either.
//
// Normalisation (normaliseUrl): host lower-cased and IDN → punycode (WHATWG URL does both),
// default port, fragment and credentials dropped, tracking parameters dropped, the remaining
// query parameters sorted, and http treated as https: a site that moved to https keeps its
// articles' history in the same files.
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StetError } from '../errors.js';

/** Query parameters that only track the visitor and never select content. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'wt_mc',
  'cmpid',
]);
/** Prefixes of tracking parameter families (utm_source, utm_medium, …). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'hsa_'];

/** Directory for articles whose identity is a local file (file: URL). */
export const LOCAL_DIR = 'local';
/** Slug of a site's root page ("/"). A literal "/index" path is therefore lossy. */
const ROOT_SLUG = 'index';
const SEGMENT_JOINER = '_';
const HASH_SEPARATOR = '__';
const HASH_LENGTH = 10;
/** Longest readable part of a file name; longer slugs are cut and hashed (names stay < 255 bytes). */
const MAX_SLUG_LENGTH = 100;
const MAX_HOST_LENGTH = 100;
const EXTENSION = '.md';

const CLEAN_NAME = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;
const UNSAFE_RUN = /[^a-z0-9.-]+/g;
const COMBINING_MARKS = /\p{M}+/gu;
const EDGE_PUNCTUATION = /^[.-]+|[.-]+$/g;
const DASH_RUN = /-{2,}/g;

/**
 * The normalised form of an article identity (an http(s) or file: URL, or an absolute local
 * path): the string that decides which archive file the article lives in.
 */
export function normaliseUrl(identity: string): string {
  const url = parseIdentity(identity);
  url.hash = '';
  if (url.protocol === 'file:') return url.href;
  url.protocol = 'https:';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  const query = new URLSearchParams(kept);
  query.sort();
  url.search = query.toString();
  return url.href;
}

/** The archive file of an article: a relative POSIX path `<host>/<slug>.md` (or `local/…`). */
export function archivePath(identity: string): string {
  const normalised = normaliseUrl(identity);
  const url = new URL(normalised);
  if (url.protocol === 'file:') return `${LOCAL_DIR}/${localSlug(url, normalised)}${EXTENSION}`;
  return `${hostDirectory(url)}/${pathSlug(url, normalised)}${EXTENSION}`;
}

function parseIdentity(identity: string): URL {
  const text = identity.trim();
  let url: URL;
  try {
    url = isAbsolute(text) && !URL.canParse(text) ? pathToFileURL(text) : new URL(text);
  } catch (error) {
    throw new StetError('store.path', identity, 'not an absolute URL or path', { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'file:') {
    throw new StetError('store.path', identity, `unsupported URL scheme ${url.protocol}`);
  }
  return url;
}

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** The host's directory: the host name itself, or a readable form plus a hash of host and port. */
function hostDirectory(url: URL): string {
  const host = url.hostname;
  const clean =
    CLEAN_NAME.test(host) &&
    host !== LOCAL_DIR &&
    url.port === '' &&
    host.length <= MAX_HOST_LENGTH;
  if (clean) return host;
  const readable = [sanitise(host), url.port].filter(Boolean).join('-').slice(0, MAX_HOST_LENGTH);
  return `${readable}${HASH_SEPARATOR}${shortHash(url.host)}`;
}

function pathSlug(url: URL, normalised: string): string {
  if (url.pathname === '/' && url.search === '') return ROOT_SLUG;
  const trailingSlash = url.pathname.endsWith('/');
  const segments = url.pathname.split('/').slice(1, trailingSlash ? -1 : undefined);
  const names = segments.map(sanitiseSegment);
  const slug =
    names.join(SEGMENT_JOINER) + (trailingSlash && names.length > 0 ? SEGMENT_JOINER : '');
  const lossless =
    url.search === '' &&
    segments.every((segment, index) => segment !== '' && names[index] === segment) &&
    slug !== ROOT_SLUG &&
    slug.length <= MAX_SLUG_LENGTH;
  if (lossless) return slug;
  const query = sanitise(decodeSegment(url.search.slice(1)));
  return withHash([slug, query].filter(Boolean).join('-'), normalised);
}

/** A local file is named by its base name; its directory says nothing about the article. */
function localSlug(url: URL, normalised: string): string {
  const baseName = url.pathname.split('/').pop() ?? '';
  return withHash(sanitiseSegment(baseName), normalised);
}

function withHash(readable: string, normalised: string): string {
  const cut = readable.slice(0, MAX_SLUG_LENGTH).replace(EDGE_PUNCTUATION, '');
  return `${cut}${HASH_SEPARATOR}${shortHash(normalised)}`;
}

function sanitiseSegment(segment: string): string {
  return sanitise(decodeSegment(segment));
}

/** Percent-decoded text, or the raw text when it is not valid percent-encoding. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Lower case, accents dropped, every run of other characters → "-"; never "." or ".." alone. */
function sanitise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(UNSAFE_RUN, '-')
    .replace(DASH_RUN, '-')
    .replace(EDGE_PUNCTUATION, '');
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

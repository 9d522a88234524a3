// The stage order, in one place. Every input goes through these steps:
//
//   1. load       bytes from a URL, a file or stdin               (I/O: src/fetch)
//   2. decode     text, by BOM / HTTP charset / <meta> / UTF-8     (src/decode)
//   3. parse      jsdom document, scripts and styles dropped first (src/parse)
//   4. profile    the site profile for the page's host, if any     (src/sites)
//   5. metadata   candidates from the untouched page               (src/metadata/collect)
//   6. extract    Readability's article, with fallbacks            (src/extract)
//   7. clean      generic boilerplate rules, then the profile's    (src/clean)
//   8. resolve    one value per front-matter field, by trust order (src/metadata/resolve)
//   9. markdown   Markdown body and plain text                     (src/markdown)
//
// Storing the result (src/archive/store) is the caller's step: `extract` prints it,
// `archive` and `capture` commit it.
import { pathToFileURL } from 'node:url';
import { cleanArticle } from './clean/clean.js';
import { decodePage } from './decode/decode.js';
import { extractArticle } from './extract/extract.js';
import { type LoadOptions, loadInput } from './fetch/input.js';
import { toMarkdown, toPlainText } from './markdown/markdown.js';
import { collectMetadata } from './metadata/collect.js';
import { resolveMetadata } from './metadata/resolve.js';
import { DEFAULT_DOCUMENT_PATH, isJsdomInternalFailure } from './parse/document-factory.js';
import { parsePage } from './parse/parse.js';
import { findProfile } from './sites/registry.js';
import type {
  ArticleMetadata,
  CleanedArticle,
  Extraction,
  FetchedPage,
  ParsedPage,
  SiteProfile,
} from './types.js';

export interface ExtractOptions {
  /** The page's original URL, for a file or stdin input (overrides the canonical URL). */
  readonly url?: string;
  /** false = bare Readability: no cleaning rules, no site profile removals. */
  readonly clean?: boolean;
  /** User site profiles from the config file, consulted before the bundled ones. */
  readonly profiles?: readonly SiteProfile[];
  /** Cleaning rule ids to switch off. */
  readonly disabledRules?: ReadonlySet<string>;
}

export async function extractInput(
  input: string,
  options: ExtractOptions & Pick<LoadOptions, 'fetch' | 'stdin'> = {},
): Promise<Extraction> {
  const fetched = await loadInput(input, {
    ...(options.url !== undefined && { url: options.url }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
    ...(options.stdin !== undefined && { stdin: options.stdin }),
  });
  return extractPage(fetched, options);
}

/**
 * Steps 2–9 for one page. Synchronous and free of I/O, so worker threads can run it. A page
 * that meets a jsdom internal failure on the shared window is run again on a plain JSDOM.
 */
export function extractPage(fetched: FetchedPage, options: ExtractOptions = {}): Extraction {
  const decoded = decodePage(fetched);
  try {
    return extractParsed(parsePage(decoded), fetched, options);
  } catch (error) {
    if (DEFAULT_DOCUMENT_PATH !== 'shared-window' || !isJsdomInternalFailure(error)) throw error;
    return extractParsed(parsePage(decoded, 'plain-jsdom'), fetched, options);
  }
}

function extractParsed(
  parsed: ParsedPage,
  fetched: FetchedPage,
  options: ExtractOptions,
): Extraction {
  try {
    const profile = findProfile(parsed.url, options.profiles);
    const candidates = collectMetadata(parsed, profile);
    const article = extractArticle(parsed, profile);
    const cleaned: CleanedArticle =
      options.clean === false
        ? { root: article.root, removals: [] }
        : cleanArticle(article, {
            ...(profile !== undefined && { profile }),
            ...(options.disabledRules !== undefined && { disabled: options.disabledRules }),
          });
    const resolved = resolveMetadata(candidates, article, parsed);
    const metadata = withSourceUrl(resolved.metadata, fetched, options.url);
    return {
      input: fetched.input,
      method: article.method,
      removals: cleaned.removals,
      candidates: resolved.candidates,
      document: {
        metadata: { ...metadata, captured: captureTime(fetched.fetchedAt) },
        markdown: toMarkdown(cleaned.root),
        text: toPlainText(cleaned.root),
      },
    };
  } finally {
    parsed.close();
  }
}

/**
 * The article's identity in the archive: its canonical URL, else the URL it was fetched from
 * (or the --url given), else the local file's path as a file: URL. Null for stdin without a URL.
 */
export function articleIdentity(extraction: Extraction): string | null {
  const { url, source_url } = extraction.document.metadata;
  if (url !== undefined) return url;
  if (source_url !== undefined) return source_url;
  if (extraction.input === '-') return null;
  return pathToFileURL(extraction.input).href;
}

/**
 * `url` is the canonical article URL (from the page or --url); `source_url` is where the bytes
 * came from, recorded only when it differs.
 */
function withSourceUrl(
  metadata: ArticleMetadata,
  fetched: FetchedPage,
  givenUrl: string | undefined,
): ArticleMetadata {
  const url = withoutFragment(givenUrl ?? metadata.url ?? fetched.url);
  const fetchedFrom = withoutFragment(fetched.url);
  const { source_url: _ignored, ...rest } = metadata;
  return {
    ...rest,
    ...(url !== undefined && { url }),
    ...(fetchedFrom !== undefined && fetchedFrom !== url && { source_url: fetchedFrom }),
  };
}

/** A fragment names a place in the page, not another article: `…/story#comments` is `…/story`. */
function withoutFragment(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** ISO 8601 UTC to the second: the capture time that stamps a revision. */
function captureTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The typed values that flow between pipeline stages (see src/pipeline.ts for the order).
// Every stage takes one of these and returns the next; only fetch and store touch the outside world.

/** A redirect response that a fetch followed on the way to the final page. */
export interface RedirectHop {
  readonly url: string;
  readonly status: number;
  /** Response headers, lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Raw bytes of a page, from the network or from a local file / stdin. */
export interface FetchedPage {
  /** What the user typed: a URL, a file path or "-". Used in every error and report line. */
  readonly input: string;
  /** The page's URL after redirects; for a local file, the --url given or undefined. */
  readonly url: string | undefined;
  /** The URL requested before redirects, when fetched over HTTP. */
  readonly requestedUrl: string | undefined;
  /** HTTP status (200 for local inputs; 304 when a conditional GET found no change). */
  readonly status: number;
  /** Response headers, lower-cased names. Empty for local inputs. */
  readonly headers: Readonly<Record<string, string>>;
  /** The redirects followed before the final response, in order. Empty for local inputs. */
  readonly redirects: readonly RedirectHop[];
  readonly body: Uint8Array;
  readonly fetchedAt: Date;
  /** The browser that rendered the page (`--render`), e.g. "chromium 131"; absent when fetched statically. */
  readonly renderedWith?: string;
}

export type EncodingSource = 'bom' | 'header' | 'meta' | 'utf8' | 'fallback';

/** The page as text, with how its encoding was chosen. */
export interface DecodedPage {
  readonly input: string;
  readonly url: string | undefined;
  readonly html: string;
  readonly encoding: string;
  readonly encodingSource: EncodingSource;
  readonly fetchedAt: Date;
}

/** A live jsdom document. The owner must call close() when done, so memory stays flat. */
export interface ParsedPage {
  readonly input: string;
  /** Base URL used to absolutise links: the page URL, else its canonical URL, else a file: URL. */
  readonly url: string | undefined;
  readonly document: Document;
  readonly fetchedAt: Date;
  /**
   * A new document parsed again from the same (pruned) HTML: the page as it was, for passes
   * that need it after `document` has been changed. Released by close() too.
   */
  parseAgain(): Document;
  close(): void;
}

/** What Readability (or a fallback) chose as the article, still a DOM subtree. */
export interface ExtractedArticle {
  /** Root element of the article body, owned by the page's document. */
  readonly root: Element;
  /** Which extractor produced it: "readability", or the name of a fallback. */
  readonly method: string;
  readonly title: string | undefined;
  readonly byline: string | undefined;
  readonly excerpt: string | undefined;
  readonly siteName: string | undefined;
  readonly lang: string | undefined;
  readonly publishedTime: string | undefined;
}

/** One element (or text) a cleaning rule removed, for --debug. */
export interface Removal {
  readonly ruleId: string;
  readonly reason: string;
  /** The first characters of the removed text, whitespace collapsed. */
  readonly snippet: string;
}

export interface CleanedArticle {
  readonly root: Element;
  readonly removals: readonly Removal[];
}

/** The front-matter fields, in the order they are written. Absent values are omitted. */
export interface ArticleMetadata {
  readonly title?: string;
  readonly author?: string | readonly string[];
  readonly date?: string;
  readonly modified?: string;
  readonly region?: string | readonly string[];
  readonly theme?: string | readonly string[];
  readonly tags?: readonly string[];
  readonly site?: string;
  readonly url?: string;
  readonly source_url?: string;
  readonly language?: string;
  readonly description?: string;
  readonly original_source?: string;
  readonly license?: string;
}

export type MetadataField = keyof ArticleMetadata;

/** One candidate value for a metadata field, and where it came from (shown by --debug). */
export interface MetadataCandidate {
  readonly field: MetadataField;
  readonly value: string;
  /** e.g. "json-ld", "og", "meta:author", "byline", "taxonomy:Region", "url-date", "site-profile". */
  readonly source: string;
}

export interface MetadataResult {
  readonly metadata: ArticleMetadata;
  /** Every candidate seen, for --debug; the winner of each field is metadata[field]. */
  readonly candidates: readonly MetadataCandidate[];
}

/** The captured article: front-matter plus Markdown body. */
export interface ArticleDocument {
  readonly metadata: ArticleMetadata & { readonly captured: string };
  /** Markdown body, ending with a single newline. */
  readonly markdown: string;
  /** Plain text of the body, paragraphs separated by blank lines. */
  readonly text: string;
}

/** Result of the full extraction pipeline for one input (no git involved). */
export interface Extraction {
  readonly input: string;
  readonly document: ArticleDocument;
  readonly removals: readonly Removal[];
  readonly candidates: readonly MetadataCandidate[];
  readonly method: string;
}

/**
 * A site profile: data, one JSON file per host under src/sites/ (or from a user's config).
 * Selectors are CSS selectors evaluated on the original page; labels are the visible
 * taxonomy labels ("Region:") that name a field.
 */
export interface SiteProfile {
  /** Host names this profile applies to (a host matches if equal or a subdomain). */
  readonly hosts: readonly string[];
  readonly name?: string;
  readonly body?: string;
  readonly title?: string;
  readonly author?: string;
  readonly date?: string;
  readonly region?: string;
  readonly theme?: string;
  readonly tags?: string;
  /** Extra selectors whose elements are removed from the body. */
  readonly remove?: readonly string[];
  /** Visible labels mapped to fields, e.g. {"Region": "region", "In-depth Report": "tags"}. */
  readonly labels?: Readonly<Record<string, MetadataField>>;
}

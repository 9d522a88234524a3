// Bytes → text. The encoding is chosen in this order (the HTML spec's, minus its 1024-byte
// limit on the <meta> prescan, which real pages ignore: a third of the zyte corpus declares its
// charset after long inline scripts):
//   1. a byte-order mark;
//   2. the charset parameter of the HTTP Content-Type header;
//   3. <meta charset> or <meta http-equiv="content-type" content="...charset=..."> in <head>
//      (unless the bytes are valid UTF-8 beyond ASCII: a re-encoded saved page, see below);
//   4. UTF-8, when the bytes are valid UTF-8;
//   5. windows-1252 (what browsers assume for legacy Western pages).
// Labels are normalised the WHATWG way by TextDecoder (Node ships full ICU: gbk, shift_jis,
// windows-1251, iso-8859-2, utf-16le/be...); an unknown label falls through to the next step.
import type { DecodedPage, EncodingSource, FetchedPage } from '../types.js';

const FALLBACK_ENCODING = 'windows-1252';
/** The <head> prescan looks no further than this; past it, a declaration is not a head's. */
const MAX_PRESCAN_BYTES = 512 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const UTF16LE_BOM = [0xff, 0xfe] as const;
const UTF16BE_BOM = [0xfe, 0xff] as const;

const NON_ASCII = /[\u0080-\uffff]/;
const C1_CONTROLS = /[\x80-\x9f]/g;
/** windows-1252 bytes 0x80–0x9F (WHATWG index); the five unassigned bytes map to themselves. */
const WINDOWS_1252_C1 = [
  '\u20ac',
  '\x81',
  '\u201a',
  '\u0192',
  '\u201e',
  '\u2026',
  '\u2020',
  '\u2021',
  '\u02c6',
  '\u2030',
  '\u0160',
  '\u2039',
  '\u0152',
  '\x8d',
  '\u017d',
  '\x8f',
  '\x90',
  '\u2018',
  '\u2019',
  '\u201c',
  '\u201d',
  '\u2022',
  '\u2013',
  '\u2014',
  '\u02dc',
  '\u2122',
  '\u0161',
  '\u203a',
  '\u0153',
  '\x9d',
  '\u017e',
  '\u0178',
];
const HEADER_CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i;
const CONTENT_CHARSET = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i;
/**
 * The tokens the <head> prescan cares about. Comments and raw-text elements are matched whole
 * so that a `<meta>` written inside them (a commented-out tag, a document.write string) is
 * skipped; `</head>` or `<body` ends the scan.
 */
const PRESCAN_TOKENS =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|title|textarea|template)\b[^>]*>[\s\S]*?<\/\1\s*>|<meta\b([^>]*)>|<\/head\s*>|<body\b/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

interface EncodingChoice {
  readonly encoding: string;
  readonly source: EncodingSource;
}

export function decodePage(page: FetchedPage): DecodedPage {
  const { encoding, source, html } = decodeBytes(page.body, page.headers['content-type']);
  return {
    input: page.input,
    url: page.url,
    html,
    encoding,
    encodingSource: source,
    fetchedAt: page.fetchedAt,
  };
}

/** Decodes `bytes` as a browser would, given the HTTP Content-Type header if there was one. */
export function decodeBytes(
  bytes: Uint8Array,
  contentType: string | undefined,
): EncodingChoice & { readonly html: string } {
  const declared =
    encodingFromBom(bytes) ?? encodingFromHeader(contentType) ?? encodingFromMeta(bytes);
  if (declared?.source === 'meta' && declared.encoding !== 'utf-8') {
    // A saved page re-encoded as UTF-8 often keeps its old <meta charset> (the readability
    // corpus's qq.com page says gb2312 in UTF-8 bytes). Legacy-encoded text with any non-ASCII
    // in it is practically never valid UTF-8, so valid UTF-8 beyond ASCII outranks the <meta>.
    const utf8 = strictUtf8(bytes);
    if (utf8 !== undefined && NON_ASCII.test(utf8)) {
      return { encoding: 'utf-8', source: 'utf8', html: utf8 };
    }
  }
  if (declared !== undefined) {
    // A non-fatal decoder replaces invalid sequences with U+FFFD, as browsers do; it also
    // strips a BOM that matches the encoding.
    return { ...declared, html: decodeAs(bytes, declared.encoding) };
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return { encoding: 'utf-8', source: 'utf8', html: utf8 };
  return {
    encoding: FALLBACK_ENCODING,
    source: 'fallback',
    html: decodeAs(bytes, FALLBACK_ENCODING),
  };
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * Node 20's TextDecoder decodes windows-1252 as ISO-8859-1, turning 0x80–0x9F (curly quotes,
 * dashes, €) into C1 control characters. Decode as Latin-1, then map that range by the WHATWG
 * windows-1252 index.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1_CONTROLS, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80] ?? char);
}

/** The bytes as UTF-8 text, or undefined if they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function encodingFromBom(bytes: Uint8Array): EncodingChoice | undefined {
  if (startsWith(bytes, UTF8_BOM)) return { encoding: 'utf-8', source: 'bom' };
  if (startsWith(bytes, UTF16LE_BOM)) return { encoding: 'utf-16le', source: 'bom' };
  if (startsWith(bytes, UTF16BE_BOM)) return { encoding: 'utf-16be', source: 'bom' };
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

// When the header and a <meta> disagree, the header wins: that is the HTML spec's order and
// what browsers do, even though a wrong server default (ISO-8859-1 for a UTF-8 page) is the more
// common mistake. A page garbled that way is garbled in a browser too.
function encodingFromHeader(contentType: string | undefined): EncodingChoice | undefined {
  const label =
    contentType === undefined ? undefined : firstGroup(HEADER_CHARSET.exec(contentType));
  const encoding = label === undefined ? undefined : normaliseLabel(label);
  return encoding === undefined ? undefined : { encoding, source: 'header' };
}

/** The first <meta> in <head> whose charset label is one TextDecoder knows. */
function encodingFromMeta(bytes: Uint8Array): EncodingChoice | undefined {
  // latin1 maps each byte to one char, so ASCII markup is readable whatever the real encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    'latin1',
    0,
    Math.min(bytes.byteLength, MAX_PRESCAN_BYTES),
  );
  PRESCAN_TOKENS.lastIndex = 0;
  for (let match = PRESCAN_TOKENS.exec(head); match !== null; match = PRESCAN_TOKENS.exec(head)) {
    const token = match[0];
    if (/^<\/head|^<body/i.test(token)) return undefined;
    const metaAttributes = match[2];
    if (metaAttributes === undefined) continue;
    const label = charsetOfMeta(metaAttributes);
    const encoding = label === undefined ? undefined : normaliseLabel(label);
    if (encoding !== undefined) return { encoding: metaEncoding(encoding), source: 'meta' };
  }
  return undefined;
}

function charsetOfMeta(attributeText: string): string | undefined {
  const attributes = new Map<string, string>();
  for (const match of attributeText.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  const charset = attributes.get('charset');
  if (charset !== undefined) return charset;
  if (attributes.get('http-equiv')?.toLowerCase() !== 'content-type') return undefined;
  const content = attributes.get('content');
  return content === undefined ? undefined : firstGroup(CONTENT_CHARSET.exec(content));
}

/**
 * A <meta> is itself ASCII, so a page that can declare UTF-16 in one is not UTF-16: the spec
 * reads such pages as UTF-8. x-user-defined likewise becomes windows-1252.
 */
function metaEncoding(encoding: string): string {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'utf-8';
  return encoding;
}

/** WHATWG label → canonical encoding name ("latin1" → "windows-1252"), or undefined. */
export function normaliseLabel(label: string): string | undefined {
  const trimmed = label.trim();
  if (trimmed === '') return undefined;
  if (trimmed.toLowerCase() === 'x-user-defined') return FALLBACK_ENCODING;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return undefined;
  }
}

function firstGroup(match: RegExpExecArray | null): string | undefined {
  if (match === null) return undefined;
  return match[1] ?? match[2] ?? match[3];
}

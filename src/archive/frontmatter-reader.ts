// A fast reader for the front-matter stet itself writes. The yaml library needs about 0.2–0.5 ms
// per front-matter; `stet list` over 10,000 articles and `stet log` over hundreds of revisions
// must finish well under a second, so the common shapes that serializeDocument produces — one
// `key: scalar` per line, lists as `  - item` lines, plain, double-quoted (JSON-compatible
// escapes) and single-quoted scalars — are read here directly. Anything else (a YAML escape
// JSON lacks, a number, a flow collection, a hand-edited file) falls back to parseDocument, so
// the result is always what parseDocument would return; a property test checks that.
import { parseDocument } from '../document/frontmatter.js';

export interface ArchivedDocument {
  readonly metadata: Record<string, unknown>;
  readonly markdown: string;
}

const FENCE = '---';
const OPENING = `${FENCE}\n`;
const DOCUMENT_END = '...';
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
const LIST_ITEM = /^ {2}- (.*)$/;
const EMPTY_LIST = '[]';
/** Plain scalars the YAML 1.2 core schema reads as null, booleans or numbers, not strings. */
const NON_STRING_PLAIN = [
  /^(?:~|null|Null|NULL)$/,
  /^(?:true|True|TRUE|false|False|FALSE)$/,
  /^[-+]?[0-9]+$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
];
/** Characters that cannot start a plain scalar (YAML indicators), or that need the full parser. */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const PLAIN_END = /[\s:]$/;
const PLAIN_INSIDE = /:[ \t]|[ \t]#/;
/** JSON's escapes, a subset of YAML's double-quoted ones (which also have \a, \e, \x…, \N…). */
const JSON_ESCAPES = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;
const NO_VALUE = Symbol('no value');

/** Front-matter and body of an archived file, as parseDocument returns them. */
export function readArchivedDocument(text: string): ArchivedDocument {
  const split = splitFrontMatter(text);
  if (split !== undefined) {
    const metadata = readFrontMatterFast(split.yaml);
    if (metadata !== undefined) return { metadata, markdown: split.markdown };
  }
  try {
    return parseDocument(text);
  } catch {
    // A hand-edited file whose front-matter no longer parses is all body, not an error.
    return { metadata: {}, markdown: text };
  }
}

/**
 * The YAML between the fences and the body after them, split exactly as parseDocument does
 * (the first later line that is `---` or `...` closes; one blank line after it is dropped).
 */
function splitFrontMatter(text: string): { yaml: string; markdown: string } | undefined {
  if (!text.startsWith(OPENING)) return undefined;
  let offset = OPENING.length;
  for (;;) {
    const newline = text.indexOf('\n', offset);
    const line = newline === -1 ? text.slice(offset) : text.slice(offset, newline);
    if (line === FENCE || line === DOCUMENT_END) {
      const yaml = offset === OPENING.length ? '' : text.slice(OPENING.length, offset - 1);
      const body = newline === -1 ? '' : text.slice(newline + 1);
      return { yaml, markdown: body.startsWith('\n') ? body.slice(1) : body };
    }
    if (newline === -1) return undefined;
    offset = newline + 1;
  }
}

/** Reads the simple shapes; undefined as soon as anything needs the full YAML parser. */
export function readFrontMatterFast(yaml: string): Record<string, unknown> | undefined {
  const metadata: Record<string, unknown> = {};
  if (yaml === '') return metadata;
  const lines = yaml.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const key = KEY_LINE.exec(lines[i] ?? '');
    if (key === null) return undefined;
    const [, name = '', value] = key;
    if (Object.hasOwn(metadata, name)) return undefined;
    if (value === undefined) {
      const items: string[] = [];
      for (
        let item = LIST_ITEM.exec(lines[i + 1] ?? '');
        item !== null;
        item = LIST_ITEM.exec(lines[i + 1] ?? '')
      ) {
        const scalar = readScalar(item[1] ?? '');
        if (scalar === NO_VALUE) return undefined;
        items.push(scalar);
        i++;
      }
      if (items.length === 0) return undefined;
      metadata[name] = items;
    } else if (value === EMPTY_LIST) {
      metadata[name] = [];
    } else {
      const scalar = readScalar(value);
      if (scalar === NO_VALUE) return undefined;
      metadata[name] = scalar;
    }
  }
  return metadata;
}

function readScalar(text: string): string | typeof NO_VALUE {
  if (text.startsWith('"')) return readDoubleQuoted(text);
  if (text.startsWith("'")) return readSingleQuoted(text);
  if (text === '' || PLAIN_START.test(text) || PLAIN_END.test(text) || PLAIN_INSIDE.test(text)) {
    return NO_VALUE;
  }
  return NON_STRING_PLAIN.some((pattern) => pattern.test(text)) ? NO_VALUE : text;
}

function readDoubleQuoted(text: string): string | typeof NO_VALUE {
  if (text.length < 2 || !text.endsWith('"')) return NO_VALUE;
  const inner = text.slice(1, -1);
  // Every backslash must start a JSON escape, and no unescaped quote may end the scalar early.
  const unescaped = inner.replace(JSON_ESCAPES, '');
  if (unescaped.includes('\\') || unescaped.includes('"')) return NO_VALUE;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : NO_VALUE;
  } catch {
    return NO_VALUE;
  }
}

function readSingleQuoted(text: string): string | typeof NO_VALUE {
  if (text.length < 2 || !text.endsWith("'")) return NO_VALUE;
  const inner = text.slice(1, -1);
  if (inner.replace(/''/g, '').includes("'")) return NO_VALUE;
  return inner.replace(/''/g, "'");
}

// Drop what no reader sees before jsdom builds its tree: <script> (except JSON-LD, which
// metadata reads), <style>, HTML comments and <svg> subtrees; and flatten container nesting
// deeper than browsers build it (see MAX_CONTAINER_DEPTH). The tree is smaller, jsdom parses
// no CSS (one zyte page's SCSS in a <style> makes jsdom throw), and nothing here changes what
// Readability or a reader sees. <noscript> is kept: with scripting off its content is real
// markup, often the only copy of an article's images.
//
// One linear scan that follows the HTML tokenizer where it matters: comments (`<!-->`,
// `--!>`), attribute values (a quoted `<script` inside an attribute is not a tag), the
// raw-text and RCDATA elements (nothing inside <title> or <textarea> is markup) and the
// script-data escape states (`<!-- document.write("<script></script>") -->` inside a script
// does not end it). Wherever the input leaves any doubt — an unterminated element, an <svg>
// whose end the tree builder would place differently — the markup is left as it is for jsdom.

const MARKUP = /<(?:(!--)|(\/?)([a-zA-Z][^\s/>]*))/g;
/** The same tokens, with its own position, for the nested scan inside an <svg>. */
const SVG_MARKUP = new RegExp(MARKUP.source, 'g');
const COMMENT_END = /--!?>/g;
const SCRIPT_DATA_TOKENS = /<!--|-->|<(\/?)script(?=[\s/>])/gi;
const JSON_LD_TYPE =
  /(?:^|\s)type\s*=\s*(?:"\s*application\/ld\+json\s*"|'\s*application\/ld\+json\s*'|application\/ld\+json(?=[\s/>]|$))/i;

/** Elements whose content the tokenizer reads as text up to their end tag. */
const TEXT_ONLY_ELEMENTS = new Set(['title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes']);
/**
 * Start tags that make the tree builder leave <svg> (the HTML spec's "breakout" list). Meeting
 * one inside an <svg> means its end is not where `</svg>` is, so that <svg> is left alone.
 */
const SVG_BREAKOUT_TAGS = new Set([
  'b',
  'big',
  'blockquote',
  'body',
  'br',
  'center',
  'code',
  'dd',
  'div',
  'dl',
  'dt',
  'em',
  'embed',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'hr',
  'i',
  'img',
  'li',
  'listing',
  'menu',
  'meta',
  'nobr',
  'ol',
  'p',
  'pre',
  'ruby',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tt',
  'u',
  'ul',
  'var',
]);
const SVG_BREAKOUT_END_TAGS = new Set(['br', 'p']);

/**
 * Containers whose end tags the tree builder never implies, so counting start and end tags
 * tracks their nesting. Past MAX_CONTAINER_DEPTH their tags are dropped and their content kept,
 * as Blink's parser does at the same depth (it inserts deeper elements as siblings): a page of
 * 100,000 nested <div>s otherwise makes jsdom's tree building quadratic and overflows the stack.
 */
const NESTING_CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'aside',
  'main',
  'header',
  'footer',
  'nav',
  'blockquote',
  'span',
  'font',
  'center',
]);
const MAX_CONTAINER_DEPTH = 512;

/** Where the tokenizer is inside script data (HTML spec 13.2.5.4 and following). */
type ScriptState = 'data' | 'escaped' | 'double-escaped';

const endTagPatterns = new Map<string, RegExp>();

/** The page's HTML without scripts (JSON-LD kept), styles, comments and SVG. */
export function pruneHtml(html: string): string {
  const kept: string[] = [];
  let copiedUpTo = 0;
  const drop = (from: number, to: number): void => {
    kept.push(html.slice(copiedUpTo, from));
    copiedUpTo = to;
  };

  let containerDepth = 0;
  MARKUP.lastIndex = 0;
  for (let match = MARKUP.exec(html); match !== null; match = MARKUP.exec(html)) {
    const start = match.index;
    const afterName = start + match[0].length;
    if (match[1] !== undefined) {
      const end = commentEnd(html, start);
      if (end < 0) break;
      drop(start, end);
      MARKUP.lastIndex = end;
      continue;
    }
    const tagEnd = endOfTag(html, afterName);
    if (tagEnd < 0) break;
    MARKUP.lastIndex = tagEnd;
    const name = (match[3] ?? '').toLowerCase();
    if (match[2] === '/') {
      if (NESTING_CONTAINERS.has(name) && containerDepth > 0) {
        if (containerDepth > MAX_CONTAINER_DEPTH) drop(start, tagEnd);
        containerDepth--;
      }
      continue;
    }

    if (NESTING_CONTAINERS.has(name)) {
      containerDepth++;
      if (containerDepth > MAX_CONTAINER_DEPTH) drop(start, tagEnd);
    } else if (name === 'script') {
      const end = scriptEnd(html, tagEnd);
      if (end < 0) break;
      if (!JSON_LD_TYPE.test(html.slice(afterName, tagEnd))) drop(start, end);
      MARKUP.lastIndex = end;
    } else if (name === 'style' || TEXT_ONLY_ELEMENTS.has(name)) {
      const end = textElementEnd(html, tagEnd, name);
      if (end < 0) break;
      if (name === 'style') drop(start, end);
      MARKUP.lastIndex = end;
    } else if (name === 'plaintext') {
      break;
    } else if (name === 'svg') {
      const end = isSelfClosing(html, tagEnd) ? tagEnd : svgEnd(html, tagEnd);
      if (end < 0) continue;
      drop(start, end);
      MARKUP.lastIndex = end;
    }
  }
  if (copiedUpTo === 0) return html;
  kept.push(html.slice(copiedUpTo));
  return kept.join('');
}

/** Index just after the comment starting at `start` (`<!--`), or -1 if it never ends. */
function commentEnd(html: string, start: number): number {
  const bodyStart = start + 4;
  // `<!-->` and `<!--->` are complete (empty) comments.
  if (html.startsWith('>', bodyStart)) return bodyStart + 1;
  if (html.startsWith('->', bodyStart)) return bodyStart + 2;
  COMMENT_END.lastIndex = bodyStart;
  const end = COMMENT_END.exec(html);
  return end === null ? -1 : end.index + end[0].length;
}

/**
 * Index just after the `>` closing the tag whose name ends at `from`, or -1. A `>` inside a
 * quoted attribute value does not close the tag; an unquoted value ends at whitespace or `>`.
 */
function endOfTag(html: string, from: number): number {
  const length = html.length;
  let index = from;
  while (index < length) {
    const char = html.charCodeAt(index);
    if (char === 0x3e /* > */) return index + 1;
    if (char !== 0x3d /* = */) {
      index++;
      continue;
    }
    index++;
    while (index < length && isHtmlSpace(html.charCodeAt(index))) index++;
    const quote = html.charCodeAt(index);
    if (quote === 0x22 /* " */ || quote === 0x27 /* ' */) {
      const close = html.indexOf(quote === 0x22 ? '"' : "'", index + 1);
      if (close < 0) return -1;
      index = close + 1;
    } else {
      while (
        index < length &&
        !isHtmlSpace(html.charCodeAt(index)) &&
        html.charCodeAt(index) !== 0x3e
      ) {
        index++;
      }
    }
  }
  return -1;
}

function isHtmlSpace(char: number): boolean {
  return char === 0x20 || char === 0x0a || char === 0x09 || char === 0x0c || char === 0x0d;
}

function isSelfClosing(html: string, tagEnd: number): boolean {
  return html.charCodeAt(tagEnd - 2) === 0x2f /* / */;
}

/** Index just after the `</script>` that ends script data starting at `from`, or -1. */
function scriptEnd(html: string, from: number): number {
  let state: ScriptState = 'data';
  SCRIPT_DATA_TOKENS.lastIndex = from;
  for (
    let token = SCRIPT_DATA_TOKENS.exec(html);
    token !== null;
    token = SCRIPT_DATA_TOKENS.exec(html)
  ) {
    const text = token[0];
    if (text === '<!--') {
      if (state === 'data') state = 'escaped';
      // The dashes of `<!--` also count towards a following `-->` (so `<!-->` closes).
      SCRIPT_DATA_TOKENS.lastIndex = token.index + 2;
    } else if (text === '-->') {
      state = 'data';
    } else if (token[1] === '/') {
      if (state === 'double-escaped') {
        state = 'escaped';
      } else {
        return endOfTag(html, token.index + '</script'.length);
      }
    } else if (state === 'escaped') {
      state = 'double-escaped';
    }
  }
  return -1;
}

/** Index just after the end tag of a raw-text or RCDATA element named `name`, or -1. */
function textElementEnd(html: string, from: number, name: string): number {
  let pattern = endTagPatterns.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
    endTagPatterns.set(name, pattern);
  }
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  return match === null ? -1 : endOfTag(html, match.index + match[0].length);
}

/**
 * Index just after the `</svg>` that closes the <svg> whose start tag ends at `from`, or -1
 * when the tree builder would not end it there: a breakout tag, an end tag that matches no
 * open SVG element, or the end of the input.
 */
function svgEnd(html: string, from: number): number {
  const open: string[] = ['svg'];
  const tokens = SVG_MARKUP;
  tokens.lastIndex = from;
  for (let match = tokens.exec(html); match !== null; match = tokens.exec(html)) {
    if (match[1] !== undefined) {
      const end = commentEnd(html, match.index);
      if (end < 0) return -1;
      tokens.lastIndex = end;
      continue;
    }
    const tagEnd = endOfTag(html, match.index + match[0].length);
    if (tagEnd < 0) return -1;
    tokens.lastIndex = tagEnd;
    const name = (match[3] ?? '').toLowerCase();
    if (match[2] !== '/') {
      if (SVG_BREAKOUT_TAGS.has(name)) return -1;
      if (!isSelfClosing(html, tagEnd)) open.push(name);
      continue;
    }
    const depth = open.lastIndexOf(name);
    if (depth < 0 || SVG_BREAKOUT_END_TAGS.has(name)) return -1;
    open.length = depth;
    if (depth === 0) return tagEnd;
  }
  return -1;
}

// The page bodies the hostile server serves: a plain article generator, the encoded pages,
// and the awkward content cases. Each case exports the text a test expects to find (or not
// find) in stet's output, so the server and the assertions cannot drift apart.

/** Enough prose for Readability's 500-character threshold, several times over. */
const ARTICLE_SENTENCES = [
  'The harbour authority confirmed on Tuesday that the northern breakwater will be rebuilt before the winter storms arrive.',
  'Engineers surveyed the damage over three weeks, measuring every block that the spring tides had shifted out of line.',
  'Fishermen who moor inside the wall said the delay had already cost them two seasons of safe anchorage, and they welcomed the news.',
  'The council will pay for the work from its maritime reserve, which was set aside a decade ago for exactly this kind of repair.',
  'Residents may comment on the plans at the library until the end of the month, when the final design goes to tender.',
];

export interface ArticleOptions {
  readonly title: string;
  readonly author?: string;
  /** Words that make this article's text unique (e.g. its path), repeated in each paragraph. */
  readonly marker?: string;
  readonly lang?: string;
  /** Extra markup inside <head> (meta charset, og:title, …). */
  readonly head?: string;
  /** Paragraph texts; the default is the harbour story. */
  readonly paragraphs?: readonly string[];
  /** Extra markup inside the <article>, after the paragraphs. */
  readonly articleExtra?: string;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function defaultParagraphs(marker = ''): string[] {
  const suffix = marker === '' ? '' : ` Reference ${marker}.`;
  return ARTICLE_SENTENCES.map((sentence, i) => {
    const rest = ARTICLE_SENTENCES.slice(i + 1).concat(ARTICLE_SENTENCES.slice(0, i));
    return `${sentence} ${rest.join(' ')}${suffix}`;
  });
}

/** A realistic article page: header and navigation, the article, a footer. */
export function articleHtml(options: ArticleOptions): string {
  const paragraphs = options.paragraphs ?? defaultParagraphs(options.marker);
  const author =
    options.author === undefined
      ? ''
      : `<meta name="author" content="${escapeHtml(options.author)}">`;
  const byline =
    options.author === undefined ? '' : `<p class="byline">By ${escapeHtml(options.author)}</p>`;
  return `<!DOCTYPE html>
<html lang="${options.lang ?? 'en'}">
<head>
${options.head ?? '<meta charset="utf-8">'}
<title>${escapeHtml(options.title)}</title>
${author}
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>${escapeHtml(options.title)}</h1>
${byline}
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
${options.articleExtra ?? ''}
</article>
</main>
<footer><p>Copyright 2026 The Harbour Gazette. All rights reserved.</p></footer>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Encodings. Node can decode legacy encodings but not encode them, so the encoder below inverts
// TextDecoder over the one- and two-byte space: no dependency, and the bytes are what a real
// server in that encoding would send.

export type LegacyEncoding = 'windows-1251' | 'shift_jis' | 'gbk' | 'windows-1252';

const encoderTables = new Map<LegacyEncoding, Map<string, number[]>>();

function encoderTable(encoding: LegacyEncoding): Map<string, number[]> {
  const cached = encoderTables.get(encoding);
  if (cached !== undefined) return cached;
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number[]>();
  for (let byte = 0; byte < 0x100; byte++) {
    const char = decoder.decode(Uint8Array.of(byte));
    if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [byte]);
  }
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char))
        table.set(char, [lead, trail]);
    }
  }
  encoderTables.set(encoding, table);
  return table;
}

export function encodeLegacy(text: string, encoding: LegacyEncoding): Uint8Array {
  const table = encoderTable(encoding);
  const bytes: number[] = [];
  for (const char of text) {
    const code = table.get(char);
    if (code === undefined) throw new Error(`${encoding} cannot encode ${JSON.stringify(char)}`);
    bytes.push(...code);
  }
  return Uint8Array.from(bytes);
}

export function encodeUtf16(text: string, byteOrder: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (byteOrder === 'le') return le;
  return le.swap16();
}

/** A page in a given language; `sample` is a sentence the output must contain intact. */
export interface EncodedCase {
  readonly name: string;
  readonly contentType: string;
  readonly body: Uint8Array;
  readonly sample: string;
  /** The WHATWG encoding a correct decoder picks for these bytes. */
  readonly encoding: string;
  readonly why: string;
}

const RUSSIAN = [
  'Городской совет утвердил новый бюджет на следующий год, и жители обсуждают его на собраниях.',
  'Ремонт набережной начнётся весной, а новые трамваи выйдут на линию уже в сентябре.',
  'Библиотека продлит часы работы, чтобы студенты могли готовиться к экзаменам по вечерам.',
];
const JAPANESE = [
  '東京都は新しい公園の建設計画を発表しました、完成は三年後の予定です。',
  '公園には図書館と運動場が作られ、地域の住民は無料で利用できます。',
  '計画について意見がある人は、来月の説明会に参加することができます。',
];
const CHINESE = [
  '北京市政府今天宣布了新的城市交通规划，地铁线路将在五年内增加一倍。',
  '新的公共汽车站将建在学校和医院附近，方便市民出行。',
  '市民可以在下个月之前通过网站提交意见和建议。',
];
const LATIN1 = [
  'Le conseil municipal a approuvé le budget; les élèves ont célébré la fête à l’école — non, à la façade.',
  'Der Bürgermeister öffnete die Brücke über den Fluß, und die Kinder aßen Würstchen.',
  'El niño español comió piñas en la mañana, según el señor Muñoz.',
];

function repeatToLength(sentences: readonly string[], count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    sentences
      .slice(i % sentences.length)
      .concat(sentences.slice(0, i % sentences.length))
      .join(' '),
  );
}

function languagePage(
  lang: string,
  title: string,
  sentences: readonly string[],
  head: string,
): string {
  return articleHtml({ title, lang, head, paragraphs: repeatToLength(sentences, 6) });
}

/** A head comment longer than 1024 bytes, so a <meta charset> after it is outside the prescan. */
const LONG_HEAD_COMMENT = `<!-- ${'layout build 2026 '.repeat(80)} -->`;

export function encodedCases(): EncodedCase[] {
  // ISO-8859-1 has no right single quote; the Latin-1 page keeps to Latin-1 letters.
  const latin1 = LATIN1.map((s) => s.replace('’', "'").replace(' — ', ' - '));
  const utf16Html = articleHtml({
    title: 'Harbour report in UTF-16',
    head: '<meta charset="utf-8">',
  });
  return [
    {
      name: 'windows-1251 declared only in <meta>',
      contentType: 'text/html',
      body: encodeLegacy(
        languagePage('ru', 'Новый бюджет', RUSSIAN, '<meta charset="windows-1251">'),
        'windows-1251',
      ),
      sample: RUSSIAN[1] as string,
      encoding: 'windows-1251',
      why: 'no charset in the header: the <meta> decides',
    },
    {
      name: 'Shift_JIS declared only in <meta http-equiv>',
      contentType: 'text/html',
      body: encodeLegacy(
        languagePage(
          'ja',
          '新しい公園',
          JAPANESE,
          '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
        ),
        'shift_jis',
      ),
      sample: JAPANESE[1] as string,
      encoding: 'shift_jis',
      why: 'http-equiv form of the declaration',
    },
    {
      name: 'GBK declared in <meta> after the first 1024 bytes',
      contentType: 'text/html',
      body: encodeLegacy(
        languagePage('zh', '城市交通规划', CHINESE, `${LONG_HEAD_COMMENT}\n<meta charset="gbk">`),
        'gbk',
      ),
      sample: CHINESE[1] as string,
      encoding: 'gbk',
      why: 'the declaration is anywhere in <head>, not only in the first 1024 bytes',
    },
    {
      name: 'ISO-8859-1 declared only in <meta>',
      contentType: 'text/html',
      body: encodeLegacy(
        languagePage('fr', 'Le budget', latin1, '<meta charset="iso-8859-1">'),
        'windows-1252',
      ),
      sample: latin1[1] as string,
      encoding: 'windows-1252',
      why: 'Latin-1 letters (ö, ß, ñ) are single bytes that are invalid UTF-8',
    },
    {
      name: '<meta charset> contradicting the header',
      contentType: 'text/html; charset=windows-1251',
      body: encodeLegacy(
        languagePage('ru', 'Новый бюджет', RUSSIAN, '<meta charset="utf-8">'),
        'windows-1251',
      ),
      sample: RUSSIAN[2] as string,
      encoding: 'windows-1251',
      why: 'the HTTP header outranks the <meta>',
    },
    {
      name: 'no declaration, windows-1252 bytes',
      contentType: 'text/html',
      body: encodeLegacy(
        languagePage('fr', 'Le budget', latin1, '<meta name="generator" content="old cms">'),
        'windows-1252',
      ),
      sample: latin1[0] as string,
      encoding: 'windows-1252',
      why: 'bytes that are not valid UTF-8 fall back to windows-1252',
    },
    {
      name: 'UTF-16LE with BOM (and a lying <meta charset="utf-8">)',
      contentType: 'text/html',
      body: encodeUtf16(utf16Html, 'le'),
      sample: ARTICLE_SENTENCES[2] as string,
      encoding: 'utf-16le',
      why: 'the BOM outranks everything',
    },
    {
      name: 'UTF-16BE with BOM',
      contentType: 'text/html',
      body: encodeUtf16(utf16Html, 'be'),
      sample: ARTICLE_SENTENCES[3] as string,
      encoding: 'utf-16be',
      why: 'the BOM gives the byte order',
    },
  ];
}

/** Valid UTF-8 article with broken sequences inside a paragraph: the rest must survive. */
export function invalidUtf8Page(): { body: Uint8Array; sample: string } {
  const html = articleHtml({ title: 'Broken bytes', head: '<meta charset="utf-8">' });
  const marker = 'Engineers surveyed';
  const at = html.indexOf(marker);
  const broken = Uint8Array.of(0xc3, 0x28, 0xff, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x20);
  const body = Buffer.concat([
    Buffer.from(html.slice(0, at), 'utf8'),
    broken,
    Buffer.from(html.slice(at), 'utf8'),
  ]);
  return { body, sample: ARTICLE_SENTENCES[4] as string };
}

// ---------------------------------------------------------------------------------------------
// Content cases.

/** Body text without a <body> tag: the parser must imply it. */
export function noBodyPage(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>No body tag</title></head>
<h1>No body tag</h1>
${defaultParagraphs('nobody')
  .map((p) => `<p>${p}</p>`)
  .join('\n')}
</html>`;
}

/** Only a <head>: there is no article at all. */
export function headOnlyPage(): string {
  return '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Only a head</title></head></html>';
}

export type StubKind = 'consent' | 'paywall' | 'login' | 'error-200';

/** Short pages a site serves instead of the article. */
export function stubPage(kind: StubKind): string {
  const bodies: Record<StubKind, { title: string; body: string }> = {
    consent: {
      title: 'Before you continue',
      body: '<h1>We value your privacy</h1><p>We and our 842 partners use cookies to store and access information on your device. Click Accept all to consent, or Manage options to choose.</p><button>Accept all</button><button>Manage options</button>',
    },
    paywall: {
      title: 'Harbour breakwater to be rebuilt',
      body: '<h1>Harbour breakwater to be rebuilt</h1><p>The harbour authority confirmed on Tuesday that the northern breakwater will be rebuilt.</p><div class="paywall"><p>This article is for subscribers only. Subscribe now for unlimited access, or log in if you already have an account.</p></div>',
    },
    login: {
      title: 'Sign in',
      body: '<h1>Sign in to continue</h1><form><label>Email <input name="email"></label><label>Password <input type="password" name="password"></label><button>Sign in</button></form><p>Forgot your password? Create an account.</p>',
    },
    'error-200': {
      title: '404 Not Found',
      body: '<h1>Page not found</h1><p>Sorry, the page you are looking for does not exist or has been moved. Error 404.</p><p><a href="/">Return to the home page</a></p>',
    },
  };
  const { title, body } = bodies[kind];
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

export const NESTED_DIV_DEPTH = 100_000;

/** The article at the bottom of 100,000 nested <div>s. */
export function nestedDivPage(): string {
  const paragraphs = defaultParagraphs('deep')
    .map((p) => `<p>${p}</p>`)
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Deep nesting</title></head><body>${'<div>'.repeat(NESTED_DIV_DEPTH)}${paragraphs}${'</div>'.repeat(NESTED_DIV_DEPTH)}</body></html>`;
}

export const HUGE_PARAGRAPH_BYTES = 5 * 1024 * 1024;

/** One 5 MB paragraph of words (no tag inside), with a unique last sentence. */
export function hugeParagraphPage(): { html: string; last: string } {
  const sentence = `${ARTICLE_SENTENCES[0]} `;
  const last = 'The very last sentence of the enormous paragraph ends here.';
  const text = sentence.repeat(Math.ceil(HUGE_PARAGRAPH_BYTES / sentence.length)) + last;
  return {
    html: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>One long paragraph</title></head><body><article><h1>One long paragraph</h1><p>${text}</p></article></body></html>`,
    last,
  };
}

/** A gallery: images with alt text and nothing else. */
export function onlyImagesPage(): string {
  const images = Array.from(
    { length: 12 },
    (_, i) =>
      `<figure><img src="/gallery/photo-${i + 1}.jpg" alt="Harbour photo ${i + 1}"></figure>`,
  ).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Gallery</title></head><body><main>${images}</main></body></html>`;
}

/** Title and author full of YAML and Markdown specials. */
export const SPECIAL_TITLE = `--- Breaking: "quoted" & 'single' #1 {braces} [brackets] *stars* _under_ > | %`;
export const SPECIAL_AUTHOR = `O'Brien: "Ed" --- #2 {x: y}`;
/** Paragraph openings that would change meaning if they reached Markdown unescaped. */
export const MARKDOWN_LOOKALIKES = [
  '# not a heading, just a hash sign at the start of a sentence in the article',
  '--- not a rule, three dashes the writer typed to start this sentence',
  '1. not a list, a number and a full stop that open this sentence',
  '> not a quote, an angle bracket that opens this sentence',
  '*not emphasis*, two asterisks the writer typed around these words',
];

export function specialsPage(): string {
  const paragraphs = [...MARKDOWN_LOOKALIKES, ...defaultParagraphs('specials')].map((p) =>
    escapeHtml(p),
  );
  return articleHtml({
    title: SPECIAL_TITLE,
    author: SPECIAL_AUTHOR,
    head: `<meta charset="utf-8"><meta property="og:title" content="${escapeHtml(SPECIAL_TITLE)}">`,
    paragraphs,
  });
}

/**
 * Active content inside the article. Every payload carries "xss" so a single search of the
 * output finds any that survived; the beacons point at the hostile server, which records any
 * request for them (a script that ran, or a subresource that was loaded).
 */
export const BEACON_PREFIX = '/beacon';
export const ACTIVE_CONTENT_TEXT = 'The visible link text survives';

export function activeContentPage(): string {
  const payloads = `
<script>fetch('${BEACON_PREFIX}/script'); document.title = 'xss-script';</script>
<style>.xss-style { background: url('${BEACON_PREFIX}/style-url'); }</style>
<link rel="stylesheet" href="${BEACON_PREFIX}/stylesheet.css">
<iframe src="${BEACON_PREFIX}/iframe"></iframe>
<p onclick="alert('xss-onclick')" onmouseover="alert('xss-onmouseover')">A paragraph with handlers. ${ACTIVE_CONTENT_TEXT} here: <a href="javascript:alert('xss-javascript')">${ACTIVE_CONTENT_TEXT} one</a>, <a href=" JaVaScRiPt:alert('xss-javascript-mixed')">${ACTIVE_CONTENT_TEXT} two</a>, <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLWRhdGEnKTwvc2NyaXB0Pg==">${ACTIVE_CONTENT_TEXT} three</a>, <a href="vbscript:msgbox('xss-vbscript')">${ACTIVE_CONTENT_TEXT} four</a>.</p>
<img src="${BEACON_PREFIX}/img.png" onerror="alert('xss-onerror')" alt="harbour at dusk">
<img data-src="javascript:alert('xss-lazy-image')" alt="lazy image">
<p>A tutorial would show the tag as text: &lt;script&gt;document.write('shown-as-text')&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; are quoted, not run.</p>
<svg><script>alert('xss-svg-script')</script><a href="javascript:alert('xss-svg-link')"><text>svg</text></a></svg>
<object data="${BEACON_PREFIX}/object.swf"></object>
<embed src="${BEACON_PREFIX}/embed.swf">
<form action="javascript:alert('xss-form')"><button formaction="javascript:alert('xss-formaction')">Go</button></form>
<noscript><p title="</noscript><img src=x onerror=alert('xss-noscript')>"></p></noscript>
<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-mxss')></style></mglyph></table></mtext></math>
<video src="${BEACON_PREFIX}/video.mp4" poster="${BEACON_PREFIX}/poster.jpg"></video>
<p><a href="https://example.org/safe">a safe link</a> stays a link.</p>`;
  return articleHtml({
    title: 'Harbour breakwater with active content',
    head: `<meta charset="utf-8"><script src="${BEACON_PREFIX}/head-script.js"></script><meta http-equiv="refresh" content="0;url=javascript:alert('xss-refresh')">`,
    articleExtra: payloads,
  });
}

/** Markers of payloads that must never reach the Markdown in any form (case-insensitive). */
export const FORBIDDEN_MARKERS = ['xss', 'javascript:', 'vbscript:', 'onclick', 'onmouseover'];

/**
 * Markdown constructs a renderer would turn into active content: a raw HTML tag that runs or
 * embeds something (an escaped `\\<script>` is text, and fine), or a link target with a
 * code-running or inline-data scheme.
 */
export const ACTIVE_MARKDOWN: readonly RegExp[] = [
  /(?<!\\)<(?:script|style|iframe|object|embed|svg|math|form|img|video|audio)\b/i,
  /(?<!!)\[[^\]]*\]\(\s*<?\s*(?:javascript|vbscript|data):/i,
  /!\[[^\]]*\]\(\s*<?\s*(?:javascript|vbscript):/i,
];

/** Markup that prints a <tr> outside any table (MathML foreign content), inside an article. */
export function mathTablePage(): string {
  return articleHtml({
    title: 'Equations in the harbour report',
    articleExtra:
      '<p>The load formula: <math><tr><td>F = m a</td></tr></math> as the engineers wrote it.</p>',
  });
}

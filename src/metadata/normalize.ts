// Turning raw candidate strings into front-matter values: author names, ISO 8601 dates,
// titles without the site-name suffix, language tags, absolute URLs. Every function returns
// undefined for a value that is not acceptable, so the resolver can fall through to the next
// candidate.

/** Words that are a byline's framing, not a name. */
const BYLINE_PREFIX =
  /^(?:(?:written|posted|published|reported|story|text|words|photos?|video|report|compiled|edited|interview)\s+by|by|von|par|por|door|di|av|przez|autor(?:in)?|author|authors|byline|from|posted|writer)\s*[:\-–—]?\s+/i;

/** Values that are never a person or organisation in the author field. */
const NOT_AN_AUTHOR =
  /^(?:by|staff|admin|administrator|editor|editors|editorial|editorial staff|editorial team|staff writer|staff reporter|contributor|guest|guest author|anonymous|unknown|author|authors|webmaster|news desk|newsdesk|redaktion|the editors|team|null|undefined|none|n\/a|-|home|share|follow|more|facebook|twitter|email|print|comments?|read more|subscribe|advertisement|getty images|ap photo|reuters photo|afp photo|updated|published|posted|last)$/i;
/** Job titles: a value naming a role ("AP National Security Writer") is not a name. */
const ROLE_WORD =
  /\b(?:(?:staff|writer|editor|correspondent|reporter|columnist|producer|photographer|desk|team)s?|contributor)\b/i;
/** Credentials after a name ("Rachael Link, MS, RD"). */
const CREDENTIAL =
  /^(?:ph\.?d|m\.?d|ma|ms|msc|bsc|ba|bs|rd|ld|apd|mph|rn|mba|llm|cpa|dds|do|np|pa-c|jr|sr|ii|iii)\.?$/i;
/** An account name rather than a person's ("jdadmin", "kei_eno", "gto"). */
const ACCOUNT_NAME = /^(?:[\p{Ll}\d_.-]+|\S*_\S*|\S*admin\S*)$/u;

const URL_LIKE =
  /(?:^[a-z][a-z0-9+.-]*:\/\/|^www\.|^\/|\.(?:com|org|net|co\.uk|io|gov|edu|de|fr|ru|ca)(?:\/|$))/i;
const EMAIL = /\S+@\S+\.\S+/;
const DIGITS_RUN = /\d{2,}/;
/** Separators between several names in one byline (";" joins names from metadata). */
const NAME_SEPARATOR = /\s*(?:,|\||&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\boch\b|\bog\b|\s·\s)\s*/i;
const NAME_JOINER = /\s*;\s*/;
/** Tails after a name: "| Updated 10:30", " - Staff Writer", "Published on …", a dateline. */
const BYLINE_TAIL =
  /\s*(?:\||•|·|\s[-–—]\s|\bupdated\b|\bpublished\b|\bposted\b|\blast modified\b|\bon\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\bfor\s+(?:the\s+)?[A-Z][\w.]*\s*$|\bin\s+[A-Z][a-z]+\s*$|\bat\s+\d|\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}).*$/i;
/** "(avec Damien Leloup et Morgane Tual)": more authors, written in parentheses. */
const CO_AUTHORS = /\s*\((?:avec|with|mit|con|com|and|et)\s+([^)]*)\)/gi;
/** A trailing parenthesis is a handle or a URL ("Bradley M. Kuhn (http://…)"). */
const TRAILING_PARENTHESIS = /\s*\([^)]*\)?\s*$/;
const CREDENTIALS_AFTER_COMMA =
  /,\s*(?:ph\.?d|m\.?d|ma|ms|msc|bsc|ba|bs|rd|ld|apd|mph|rn|mba|llm|cpa|dds|np|pa-c)\b\.?/gi;
const MAX_NAME_LENGTH = 60;
const MAX_NAME_WORDS = 7;
/** A separator splits names only when every part has at least this many words. */
const MIN_WORDS_TO_SPLIT = 2;

/**
 * Splits a byline into author names, dropping framing ("By", "Posted by"), tails (dates,
 * roles after a dash), credentials and anything that is not a name. Returns the names in
 * order. A comma or "and" splits only names of two words or more, so "Mac & i" and
 * "Jong, Michiel de" stay whole.
 */
export function authorNames(raw: string, siteName?: string): string[] {
  const names: string[] = [];
  for (const chunk of separateGluedMonth(collapse(raw)).split(NAME_JOINER)) {
    let text = chunk;
    for (let previous = ''; previous !== text; ) {
      previous = text;
      text = text.replace(BYLINE_PREFIX, '').trim();
    }
    text = text
      .replace(CO_AUTHORS, ', $1')
      .replace(BYLINE_TAIL, '')
      .replace(CREDENTIALS_AFTER_COMMA, '')
      .replace(TRAILING_PARENTHESIS, '')
      .trim();
    const parts = text
      .split(NAME_SEPARATOR)
      .map(cleanName)
      .filter((part) => part !== '');
    const split =
      parts.length > 1 && parts.every((part) => part.split(' ').length >= MIN_WORDS_TO_SPLIT);
    for (const name of split ? parts : [cleanName(text)]) {
      if (isAuthorName(name, siteName)) names.push(name);
    }
  }
  return names;
}

function cleanName(part: string): string {
  return part
    .replace(BYLINE_PREFIX, '')
    .replace(/^[\s"'“”‘’(@]+|[\s"'“”‘’,:;]+$/g, '')
    .trim();
}

/** True when `name` may stand in the author field. */
export function isAuthorName(name: string, siteName?: string): boolean {
  if (name.length < 2 || name.length > MAX_NAME_LENGTH) return false;
  if (name.split(/\s+/).length > MAX_NAME_WORDS) return false;
  if (!/\p{L}/u.test(name)) return false;
  if (URL_LIKE.test(name) || EMAIL.test(name) || DIGITS_RUN.test(name)) return false;
  if (NOT_AN_AUTHOR.test(name) || ROLE_WORD.test(name) || CREDENTIAL.test(name)) return false;
  if (ACCOUNT_NAME.test(name) || name.includes('/')) return false;
  if (parseDate(name) !== undefined) return false;
  if (siteName !== undefined && sameText(name, siteName)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------
// Dates

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$/;
// biome-ignore format: a table reads better a month per line
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, janvier: 1, januar: 1, enero: 1, gennaio: 1, janeiro: 1,
  feb: 2, february: 2, fevrier: 2, février: 2, februar: 2, febrero: 2, febbraio: 2, fevereiro: 2,
  mar: 3, march: 3, mars: 3, märz: 3, marz: 3, marzo: 3, março: 3,
  apr: 4, april: 4, avril: 4, abril: 4, aprile: 4,
  may: 5, mai: 5, mayo: 5, maggio: 5, maio: 5,
  jun: 6, june: 6, juin: 6, juni: 6, junio: 6, giugno: 6, junho: 6,
  jul: 7, july: 7, juillet: 7, juli: 7, julio: 7, luglio: 7, julho: 7,
  aug: 8, august: 8, août: 8, aout: 8, agosto: 8,
  sep: 9, sept: 9, september: 9, septembre: 9, septiembre: 9, settembre: 9, setembro: 9,
  oct: 10, october: 10, octobre: 10, oktober: 10, octubre: 10, ottobre: 10, outubro: 10,
  nov: 11, november: 11, novembre: 11, noviembre: 11, novembro: 11,
  dec: 12, december: 12, décembre: 12, decembre: 12, dezember: 12, diciembre: 12, dicembre: 12, dezembro: 12,
};
const MONTH_NAME = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const TIME_OF_DAY = String.raw`(?:,?\s*(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?`;
const OFFSET = String.raw`(?:\s*(?:GMT|UTC|Z)?\s*([+-]\d{2}:?\d{2})|\s*(GMT|UTC|Z)\b)?`;
const GLUED_MONTH = new RegExp(
  String.raw`(\p{Ll})(?=(?:${Object.keys(MONTHS)
    .map((month) => month[0]?.toUpperCase() + month.slice(1))
    .join('|')})\.?\s+\d)`,
  'gu',
);
/** "November 20, 2018", "Nov. 20th 2018 10:30 am" */
const MONTH_DAY_YEAR = new RegExp(
  String.raw`(?<![\p{L}\d])${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME_OF_DAY}${OFFSET}`,
  'iu',
);
/** "20 November 2018", "20. November 2018", "20 de noviembre de 2018" */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?${MONTH_NAME},?\s+(?:de\s+)?(\d{4})${TIME_OF_DAY}${OFFSET}`,
  'iu',
);
/** "2018年11月20日" */
const CJK_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
/** "2018-11-20", "2018/11/20", "2018.11.20" inside text */
const NUMERIC_YMD = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
/** "20.11.2018" (day first, as written in most of Europe) */
const NUMERIC_DMY_DOTTED = /(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/;
/** "11/20/2018" (month first, the US convention) */
const NUMERIC_MDY_SLASHED = /(?<!\d)(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/;
/** A date taken from a URL path: /2018/11/20/ or /2018-11-20/ */
const URL_DATE =
  /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|\.html?|$)/;
const EARLIEST_YEAR = 1990;

/**
 * An ISO 8601 date: `2018-11-20`, or `2018-11-20T10:30:00+01:00` when the value carries a
 * time and an offset (a time without an offset is reduced to its date: we cannot place it).
 * Accepts ISO strings, RFC 2822, compact `20181120`, and dates written in text.
 */
export function parseDate(raw: string): string | undefined {
  const text = collapse(raw);
  if (text === '') return undefined;
  const iso = ISO_DATE_TIME.exec(text) ?? COMPACT_DATE.exec(text);
  if (iso !== null) {
    const [, y, m, d, hh, mm, ss, zone] = iso;
    return formatDate(
      Number(y),
      Number(m),
      Number(d),
      hh === undefined
        ? undefined
        : {
            hours: Number(hh),
            minutes: Number(mm),
            seconds: Number(ss ?? 0),
            offset: zone,
          },
    );
  }
  if (/^\d{10}(?:\d{3})?$/.test(text)) return fromEpoch(Number(text));
  return dateInText(text);
}

/** The first date written in a piece of text ("Global Research, November 20, 2018"). */
export function dateInText(text: string): string | undefined {
  // Adjacent elements often run together in text ("By Carrie ArnoldNovember 15, 2019"):
  // a capitalised month right after a lower-case letter starts a date too.
  const spaced = separateGluedMonth(text);
  const named = MONTH_DAY_YEAR.exec(spaced);
  const dayFirst = DAY_MONTH_YEAR.exec(spaced);
  // Whichever is written first in the text.
  const first = [named, dayFirst]
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => a.index - b.index)[0];
  if (first !== undefined) {
    const monthFirst = first === named;
    const [, a, b, year, hh, mm, ss, meridiem, offset, zoneName] = first;
    const month = MONTHS[(monthFirst ? a : b)?.toLowerCase() ?? ''];
    const day = Number(monthFirst ? b : a);
    if (month === undefined) return undefined;
    const time =
      hh !== undefined && (offset !== undefined || zoneName !== undefined)
        ? {
            hours: to24Hour(Number(hh), meridiem),
            minutes: Number(mm),
            seconds: Number(ss ?? 0),
            offset: offset ?? 'Z',
          }
        : undefined;
    return formatDate(Number(year), month, day, time);
  }
  const cjk = CJK_DATE.exec(text);
  if (cjk !== null) return formatDate(Number(cjk[1]), Number(cjk[2]), Number(cjk[3]));
  const ymd = NUMERIC_YMD.exec(text);
  if (ymd !== null) return formatDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const dmy = NUMERIC_DMY_DOTTED.exec(text);
  if (dmy !== null) return formatDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  const mdy = NUMERIC_MDY_SLASHED.exec(text);
  if (mdy !== null) return formatDate(Number(mdy[3]), Number(mdy[1]), Number(mdy[2]));
  return rfc2822(text);
}

/** "ArnoldNovember 15" → "Arnold November 15": a capitalised month glued to a word. */
export function separateGluedMonth(text: string): string {
  return text.replace(GLUED_MONTH, '$1 ');
}

/** A date in a URL's path (/2018/11/20/), as `YYYY-MM-DD`. */
export function dateInUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = URL_DATE.exec(path);
  return match === null
    ? undefined
    : formatDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The calendar day of an ISO value (its first ten characters). */
export function dayOf(isoDate: string): string {
  return isoDate.slice(0, 10);
}

/** False for dates after `now` (allowing a day for time zones) or before 1990. */
export function isPlausibleDate(isoDate: string, now: Date): boolean {
  const year = Number(isoDate.slice(0, 4));
  if (year < EARLIEST_YEAR) return false;
  const instant = Date.parse(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  return Number.isFinite(instant) && instant <= now.getTime() + 24 * 3600 * 1000;
}

interface TimeOfDay {
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly offset: string | undefined;
}

function formatDate(
  year: number,
  month: number,
  day: number,
  time?: TimeOfDay,
): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 9999)
    return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (time === undefined || time.offset === undefined) return date;
  if (time.hours > 23 || time.minutes > 59 || time.seconds > 59) return date;
  const offset = /^z$/i.test(time.offset) ? 'Z' : normalizeOffset(time.offset);
  if (offset === undefined) return date;
  return `${date}T${pad(time.hours)}:${pad(time.minutes)}:${pad(time.seconds)}${offset}`;
}

function normalizeOffset(offset: string): string | undefined {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (match === null) return undefined;
  return match[2] === '00' && match[3] === '00' ? 'Z' : `${match[1]}${match[2]}:${match[3]}`;
}

function rfc2822(text: string): string | undefined {
  // "Tue, 20 Nov 2018 10:30:00 GMT" is covered by DAY_MONTH_YEAR; this catches the rest that
  // Date.parse understands unambiguously (it must name a month).
  if (!new RegExp(MONTH_NAME, 'i').test(text)) return undefined;
  const instant = Date.parse(text);
  return Number.isFinite(instant) ? fromEpoch(instant) : undefined;
}

function fromEpoch(value: number): string | undefined {
  const millis = value < 1e12 ? value * 1000 : value;
  const date = new Date(millis);
  if (!Number.isFinite(date.getTime())) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function to24Hour(hours: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hours;
  const pm = /^p/i.test(meridiem);
  if (hours === 12) return pm ? 12 : 0;
  return pm ? hours + 12 : hours;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------
// Titles, languages, URLs, text

/** Separators between a headline and the site name in <title>: " | ", " - ", " – ", " :: ". */
const TITLE_SEPARATOR = /\s+(?:[|\-–—·•»:~/\\]|::)\s+/;

/**
 * The headline without a site-name suffix or prefix ("Headline - Global Research"). Only a
 * part that names the site (or a short trailing part when the site is unknown) is dropped.
 */
export function stripSiteName(title: string, siteName: string | undefined): string {
  const text = collapse(title);
  const parts = text.split(TITLE_SEPARATOR);
  if (parts.length < 2) return text;
  const last = parts[parts.length - 1] ?? '';
  const first = parts[0] ?? '';
  if (siteName !== undefined) {
    if (looselySame(last, siteName))
      return text.slice(0, text.lastIndexOf(last)).replace(TRAILING_SEPARATOR, '');
    if (looselySame(first, siteName))
      return text.slice(first.length).replace(LEADING_SEPARATOR, '');
  }
  return text;
}

const TRAILING_SEPARATOR = /\s+(?:[|\-–—·•»:~/\\]|::)\s*$/;
const LEADING_SEPARATOR = /^\s*(?:[|\-–—·•»:~/\\]|::)\s+/;

/** "en_US" → "en-US"; "EN" → "en". Undefined for anything that is not a language tag. */
export function normalizeLanguage(raw: string): string | undefined {
  // content-language may list several ("en, fr"): the first is the page's.
  const text = (raw.split(/[,;]/)[0] ?? '').trim().replace(/_/g, '-');
  const match = /^([a-z]{2,3})(?:-([a-z0-9]{2,8}))*$/i.exec(text);
  if (match === null) return undefined;
  const [language, ...rest] = text.split('-');
  return [
    language?.toLowerCase(),
    ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part)),
  ].join('-');
}

/** An absolute http(s) URL, resolved against `base`; undefined otherwise. */
export function absoluteHttpUrl(raw: string, base: string | undefined): string | undefined {
  try {
    const url = new URL(raw.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** True for a URL that points at a site's home page rather than an article. */
export function isHomePage(url: string): boolean {
  try {
    const { pathname, search } = new URL(url);
    return /^\/?(?:index\.(?:html?|php))?$/i.test(pathname) && search === '';
  } catch {
    return false;
  }
}

/** Whitespace collapsed to single spaces, trimmed. */
export function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Equal ignoring case, whitespace and punctuation. */
export function sameText(a: string, b: string): boolean {
  return comparable(a) === comparable(b) && comparable(a) !== '';
}

/** One site-name form contains the other ("Guardian" ~ "The Guardian", "globalresearch.ca"). */
function looselySame(part: string, siteName: string): boolean {
  const a = comparable(part);
  const b = comparable(siteName);
  if (a === '' || b === '') return false;
  return (
    a === b || a.replace(/^the/, '') === b.replace(/^the/, '') || a.includes(b) || b.includes(a)
  );
}

export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

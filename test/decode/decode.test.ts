// decodePage: the BOM → header → <meta> → UTF-8 → windows-1252 order, on synthetic bytes in
// each legacy encoding and on the real GBK page of the readability corpus.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodePage, normaliseLabel } from '../../src/decode/decode.js';
import type { FetchedPage } from '../../src/types.js';
import { CORPUS_DIR, describeWithCorpus, readGzip } from '../helpers/corpus.js';

const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? ascii(part) : part)));

/** "Привет" in windows-1251, "日本語" in Shift_JIS, "中文" in GBK, "Łódź" in ISO-8859-2. */
const PRIVET_1251 = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2];
const NIHONGO_SJIS = [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea];
const ZHONGWEN_GBK = [0xd6, 0xd0, 0xce, 0xc4];
const LODZ_8859_2 = [0xa3, 0xf3, 0x64, 0xbc];
/** “café” in windows-1252: curly quotes at 0x93/0x94, which ISO-8859-1 would make controls. */
const CAFE_1252 = [0x93, 0x63, 0x61, 0x66, 0xe9, 0x94];

function page(body: Uint8Array, contentType?: string): FetchedPage {
  return {
    input: 'test.html',
    url: undefined,
    requestedUrl: undefined,
    status: 200,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    redirects: [],
    body,
    fetchedAt: new Date('2026-01-01T00:00:00Z'),
  };
}

describe('decodePage', () => {
  it('keeps input, url and fetchedAt, and reports the encoding and its source', () => {
    const decoded = decodePage(page(bytes('<p>hi</p>')));
    expect(decoded).toMatchObject({
      input: 'test.html',
      url: undefined,
      html: '<p>hi</p>',
      encoding: 'utf-8',
      encodingSource: 'utf8',
    });
    expect(decoded.fetchedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('decodeBytes: byte-order marks', () => {
  it('UTF-8 BOM wins over a contradicting header and is stripped', () => {
    const result = decodeBytes(
      bytes([0xef, 0xbb, 0xbf], '<p>', [0xc3, 0xa9], '</p>'),
      'text/html; charset=windows-1252',
    );
    expect(result).toMatchObject({ encoding: 'utf-8', source: 'bom', html: '<p>é</p>' });
  });

  it('UTF-16LE with BOM', () => {
    const body = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<p>Ωmega 日本</p>', 'utf16le'),
    ]);
    expect(decodeBytes(body, undefined)).toMatchObject({
      encoding: 'utf-16le',
      source: 'bom',
      html: '<p>Ωmega 日本</p>',
    });
  });

  it('UTF-16BE with BOM', () => {
    const littleEndian = Buffer.from('<p>Ωmega</p>', 'utf16le');
    const body = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(littleEndian).swap16()]);
    expect(decodeBytes(body, undefined)).toMatchObject({
      encoding: 'utf-16be',
      source: 'bom',
      html: '<p>Ωmega</p>',
    });
  });
});

describe('decodeBytes: HTTP header', () => {
  it('uses the charset parameter, quoted or not, with WHATWG label normalisation', () => {
    expect(decodeBytes(bytes(PRIVET_1251), 'text/html; charset=windows-1251').html).toBe('Привет');
    expect(decodeBytes(bytes(PRIVET_1251), 'text/html;charset="cp1251"').encoding).toBe(
      'windows-1251',
    );
    expect(decodeBytes(bytes(CAFE_1252), 'text/html; charset=ISO-8859-1')).toMatchObject({
      encoding: 'windows-1252',
      source: 'header',
      html: '“café”',
    });
  });

  it('wins over a contradicting <meta>', () => {
    const body = bytes('<head><meta charset="utf-8"></head><p>', PRIVET_1251, '</p>');
    expect(decodeBytes(body, 'text/html; charset=windows-1251')).toMatchObject({
      encoding: 'windows-1251',
      source: 'header',
    });
  });

  it('falls through to <meta> when the header label is unknown', () => {
    const body = bytes('<meta charset="shift_jis"><p>', NIHONGO_SJIS, '</p>');
    expect(decodeBytes(body, 'text/html; charset=no-such-charset')).toMatchObject({
      encoding: 'shift_jis',
      source: 'meta',
      html: '<meta charset="shift_jis"><p>日本語</p>',
    });
  });
});

describe('decodeBytes: <meta> in <head>', () => {
  it('reads windows-1251 declared only in <meta charset>', () => {
    const body = bytes('<html><head><meta charset=windows-1251></head><body>', PRIVET_1251);
    expect(decodeBytes(body, 'text/html')).toMatchObject({
      encoding: 'windows-1251',
      source: 'meta',
    });
    expect(decodeBytes(body, 'text/html').html).toContain('Привет');
  });

  it('reads Shift_JIS from <meta http-equiv=content-type>', () => {
    const body = bytes(
      '<head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=Shift_JIS"></head>',
      NIHONGO_SJIS,
    );
    expect(decodeBytes(body, undefined)).toMatchObject({ encoding: 'shift_jis', source: 'meta' });
    expect(decodeBytes(body, undefined).html).toContain('日本語');
  });

  it('reads GBK and ISO-8859-2 declarations', () => {
    expect(decodeBytes(bytes('<meta charset="gb2312">', ZHONGWEN_GBK), undefined).html).toContain(
      '中文',
    );
    expect(
      decodeBytes(bytes("<meta charset='iso-8859-2'>", LODZ_8859_2), undefined).html,
    ).toContain('Łódź');
  });

  it('finds a declaration far past the first 1024 bytes of <head>', () => {
    const longScript = `<script>${'var x = 1;\n'.repeat(2000)}</script>`;
    const body = bytes(
      `<html><head>${longScript}<meta charset="windows-1251"></head>`,
      PRIVET_1251,
    );
    expect(decodeBytes(body, undefined)).toMatchObject({
      encoding: 'windows-1251',
      source: 'meta',
    });
  });

  it('ignores declarations in comments, in scripts and after the head', () => {
    const inComment = bytes('<head><!-- <meta charset="koi8-r"> --></head>', CAFE_1252);
    expect(decodeBytes(inComment, undefined).source).toBe('fallback');
    const inScript = bytes('<head><script>w("<meta charset=koi8-r>")</script></head>', CAFE_1252);
    expect(decodeBytes(inScript, undefined).source).toBe('fallback');
    const inBody = bytes('<head></head><body><meta charset="koi8-r">', CAFE_1252);
    expect(decodeBytes(inBody, undefined).source).toBe('fallback');
  });

  it('prefers valid non-ASCII UTF-8 over a <meta> naming a legacy encoding', () => {
    const body = Buffer.from('<meta charset="windows-1251"><p>Привет</p>');
    expect(decodeBytes(body, undefined)).toMatchObject({ encoding: 'utf-8', source: 'utf8' });
    const asciiOnly = bytes('<meta charset="windows-1251"><p>hello</p>');
    expect(decodeBytes(asciiOnly, undefined)).toMatchObject({
      encoding: 'windows-1251',
      source: 'meta',
    });
  });

  it('skips a <meta> with an unknown label and takes the next one', () => {
    const body = bytes('<meta charset="bogus"><meta charset="windows-1251">', PRIVET_1251);
    expect(decodeBytes(body, undefined).encoding).toBe('windows-1251');
  });

  it('reads a <meta> that claims UTF-16 as UTF-8, as the HTML spec says', () => {
    const body = bytes('<meta charset="utf-16"><p>', [0xc3, 0xa9], '</p>');
    expect(decodeBytes(body, undefined)).toMatchObject({
      encoding: 'utf-8',
      html: '<meta charset="utf-16"><p>é</p>',
    });
  });
});

describe('decodeBytes: no declaration', () => {
  it('uses UTF-8 when the bytes are valid UTF-8', () => {
    expect(decodeBytes(Buffer.from('<p>naïve — 日本</p>'), undefined)).toMatchObject({
      encoding: 'utf-8',
      source: 'utf8',
      html: '<p>naïve — 日本</p>',
    });
  });

  it('falls back to windows-1252 for invalid UTF-8', () => {
    expect(decodeBytes(bytes('<p>', CAFE_1252, '</p>'), undefined)).toMatchObject({
      encoding: 'windows-1252',
      source: 'fallback',
      html: '<p>“café”</p>',
    });
  });

  it('maps every byte 0x80–0x9F by the windows-1252 index, not as C1 controls', () => {
    const html = decodeBytes(bytes(Array.from({ length: 32 }, (_, i) => 0x80 + i)), undefined).html;
    expect(html).toBe('€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ');
  });

  it('decodes an empty body to an empty string', () => {
    expect(decodeBytes(new Uint8Array(0), undefined).html).toBe('');
  });
});

describe('normaliseLabel', () => {
  it('maps WHATWG labels to encoding names and rejects unknown ones', () => {
    expect(normaliseLabel(' Latin1 ')).toBe('windows-1252');
    expect(normaliseLabel('x-sjis')).toBe('shift_jis');
    expect(normaliseLabel('x-user-defined')).toBe('windows-1252');
    expect(normaliseLabel('no-such-charset')).toBeUndefined();
    expect(normaliseLabel('')).toBeUndefined();
  });
});

describeWithCorpus('decodeBytes on real pages', () => {
  it('reads the qq.com page, UTF-8 bytes under a stale gb2312 <meta>, as UTF-8', () => {
    const result = decodeBytes(
      readGzip(join(CORPUS_DIR, 'readability/pages/qq/source.html.gz')),
      undefined,
    );
    expect(result).toMatchObject({ encoding: 'utf-8', source: 'utf8' });
    expect(result.html).toContain('调研广告代码');
    expect(result.html).not.toContain('\ufffd');
  });

  it('reads a BOM-prefixed page and strips the BOM', () => {
    const result = decodeBytes(
      readGzip(join(CORPUS_DIR, 'readability/pages/la-nacion/source.html.gz')),
      undefined,
    );
    expect(result).toMatchObject({ encoding: 'utf-8', source: 'bom' });
    expect(result.html.charCodeAt(0)).not.toBe(0xfeff);
  });
});

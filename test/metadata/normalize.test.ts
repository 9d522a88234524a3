import { describe, expect, it } from 'vitest';
import {
  authorNames,
  dateInUrl,
  isHomePage,
  isPlausibleDate,
  normalizeLanguage,
  parseDate,
  stripSiteName,
} from '../../src/metadata/normalize.js';

describe('authorNames', () => {
  it.each([
    ['By South Front', ['South Front']],
    ['by Jane Roe and John Doe', ['Jane Roe', 'John Doe']],
    ['Written by: Jane Roe, John Doe & Ann Lee', ['Jane Roe', 'John Doe', 'Ann Lee']],
    ['By Jane Roe | Updated 10:30 AM EST, November 20, 2018', ['Jane Roe']],
    ['By Jane Roe - November 20, 2018', ['Jane Roe']],
    ['Jane Roe; John Doe', ['Jane Roe', 'John Doe']],
    ['Von Max Mustermann', ['Max Mustermann']],
    ['Written by Rachael Link, MS, RD', ['Rachael Link']],
    ['James Akinaka • 8h', ['James Akinaka']],
    [
      'Martin Untersinger (avec Damien Leloup et Morgane Tual)',
      ['Martin Untersinger', 'Damien Leloup', 'Morgane Tual'],
    ],
    ['Bradley M. Kuhn (http://ebb.org/bkuhn/)', ['Bradley M. Kuhn']],
    ['Bruno (Henrique Zecchin) Rodrigues', ['Bruno (Henrique Zecchin) Rodrigues']],
    ['Mac & i', ['Mac & i']],
    ['Kooman, F.; Jong, Michiel de', ['Kooman, F.', 'Jong, Michiel de']],
    ['By GILLIAN MOHNEY March 11, 2015 3:46 PM', ['GILLIAN MOHNEY']],
    ['By Carrie ArnoldNovember 15, 2019', ['Carrie Arnold']],
    ['By Ann McDonald', ['Ann McDonald']],
    ['Contributors to Wikimedia projects', ['Contributors to Wikimedia projects']],
  ])('%s → %j', (raw, names) => {
    expect(authorNames(raw)).toEqual(names);
  });

  it.each([
    'https://www.facebook.com/janeroe',
    'www.example.com',
    'jane@example.com',
    'November 20, 2018',
    '2018-11-20',
    'By',
    'Staff',
    'admin',
    'Editorial Staff',
    'Staff Reports',
    'Science X staff',
    'AP National Security Writer',
    'jdadmin',
    'kei_eno',
    'Benoit Tessier/Reuters',
    '',
  ])('rejects %j', (raw) => {
    expect(authorNames(raw)).toEqual([]);
  });

  it('rejects the site name alone, unless no site name is given', () => {
    expect(authorNames('Global Research', 'Global Research')).toEqual([]);
    expect(authorNames('Global Research')).toEqual(['Global Research']);
  });
});

describe('parseDate', () => {
  it.each([
    ['2018-11-20', '2018-11-20'],
    ['2018-11-20T10:30:00+01:00', '2018-11-20T10:30:00+01:00'],
    ['2018-11-20T10:30:00.123Z', '2018-11-20T10:30:00Z'],
    ['2018-11-20T10:30:00+0000', '2018-11-20T10:30:00Z'],
    ['2018-11-20T10:30:00', '2018-11-20'],
    ['2018-11-20 10:30', '2018-11-20'],
    ['20181120', '2018-11-20'],
    ['Global Research, November 20, 2018', '2018-11-20'],
    ['Nov. 20th, 2018', '2018-11-20'],
    ['20 November 2018', '2018-11-20'],
    ['Tue, 20 Nov 2018 10:30:00 GMT', '2018-11-20T10:30:00Z'],
    ['20. November 2018', '2018-11-20'],
    ['20 de noviembre de 2018', '2018-11-20'],
    ['2018年11月20日', '2018-11-20'],
    ['Posted 20.11.2018', '2018-11-20'],
    ['11/20/2018', '2018-11-20'],
    ['By Carrie ArnoldNovember 15, 2019', '2019-11-15'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDate(raw)).toBe(iso);
  });

  it.each(['', 'yesterday', 'February 30, 2018', '2018-13-01', 'by Jane Roe'])(
    'rejects %j',
    (raw) => {
      expect(parseDate(raw)).toBeUndefined();
    },
  );
});

describe('dates', () => {
  it('finds a date in a URL path', () => {
    expect(dateInUrl('https://example.com/2018/11/20/slug')).toBe('2018-11-20');
    expect(dateInUrl('https://example.com/news/2018-11-20-slug')).toBe('2018-11-20');
    expect(dateInUrl('https://example.com/article/12345')).toBeUndefined();
  });

  it('rejects future dates and dates before 1990', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(isPlausibleDate('2018-11-20', now)).toBe(true);
    expect(isPlausibleDate('2026-06-01', now)).toBe(false);
    expect(isPlausibleDate('1989-12-31', now)).toBe(false);
  });
});

describe('stripSiteName', () => {
  it('drops a site-name suffix or prefix, keeping separators inside the headline', () => {
    expect(stripSiteName('Video: Pocket in Syria - Global Research', 'Global Research')).toBe(
      'Video: Pocket in Syria',
    );
    expect(stripSiteName('The Guardian | Whales - a story', 'Guardian')).toBe('Whales - a story');
    expect(stripSiteName('Whales - a story', 'The Guardian')).toBe('Whales - a story');
  });
});

describe('normalizeLanguage, isHomePage', () => {
  it('normalises language tags', () => {
    expect(normalizeLanguage('en_US')).toBe('en-US');
    expect(normalizeLanguage('DE')).toBe('de');
    expect(normalizeLanguage('not a language')).toBeUndefined();
  });

  it('recognises a home page URL', () => {
    expect(isHomePage('https://example.com/')).toBe(true);
    expect(isHomePage('https://example.com/index.html')).toBe(true);
    expect(isHomePage('https://example.com/2018/story')).toBe(false);
  });
});

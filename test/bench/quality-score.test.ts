// The benchmark scorer on inputs small enough to count by hand.
import { describe, expect, it } from 'vitest';
import {
  countShingles,
  scorePage,
  shingles,
  summarize,
  tokenize,
} from '../../bench/quality-score.js';

describe('quality scorer', () => {
  it('tokenizes \\w+ runs in any script, underscores included', () => {
    expect(tokenize("L'été, 2019: snake_case — Привет!")).toEqual([
      'L',
      'été',
      '2019',
      'snake_case',
      'Привет',
    ]);
  });

  it('counts 4-token shingles as a multiset', () => {
    expect([...shingles('a b c d a b c d').values()]).toEqual([2, 1, 1, 1]);
    expect(shingles('a b c').size).toBe(0);
  });

  it('counts shared, predicted-only and truth-only shingles', () => {
    // truth: abcd bcde cdef; predicted: abcd bcdx
    expect(countShingles('a b c d e f', 'a b c d x')).toEqual({ tp: 1, fp: 1, fn: 2 });
  });

  it('scores a perfect page 1 and an empty prediction out of the precision mean', () => {
    expect(scorePage('a b c d e', 'a b c d e')).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    const empty = scorePage('a b c d e', '');
    expect(empty.precision).toBeUndefined();
    expect(empty.recall).toBe(0);
  });

  it('takes F1 of the mean precision and mean recall', () => {
    const pages = [
      scorePage('a b c d e f', 'a b c d x'),
      scorePage('a b c d e', 'a b c d e'),
      scorePage('a b c d e', ''),
    ];
    const summary = summarize(pages);
    // precision: (1/2 + 1) / 2 pages that predicted; recall: (1/3 + 1 + 0) / 3
    expect(summary.precision).toBeCloseTo(0.75, 10);
    expect(summary.recall).toBeCloseTo(4 / 9, 10);
    expect(summary.f1).toBeCloseTo((2 * 0.75 * (4 / 9)) / (0.75 + 4 / 9), 10);
  });
});

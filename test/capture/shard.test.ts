import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../../src/capture/shard.js';

const PINNED_SHARDS = [1, 1, 1, 1, 5];

describe('shards', () => {
  const urls = Array.from({ length: 300 }, (_, index) => `https://example.org/news/${index}`);

  it('parses K/N and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '3', 'a/b', '1/300']) {
      expect(() => parseShard(bad)).toThrowError(/expected K\/N/);
    }
  });

  it('puts every URL in exactly one shard, and shares them roughly evenly', () => {
    const shards = [1, 2, 3].map((index) =>
      urls.filter((url) => inShard(url, { index, count: 3 })),
    );
    expect(shards.flat().sort()).toEqual([...urls].sort());
    for (const shard of shards) expect(shard.length).toBeGreaterThan(60);
  });

  it('is stable: a fixed URL always lands in the same shard', () => {
    expect(shardOf('https://example.org/news/1', 3)).toBe(shardOf('https://example.org/news/1', 3));
    // sha256("https://example.org/a") starts with 0xb5b10dd0; these values pin the hash down, so a
    // change of hash function (which would move every page to another shard) fails here.
    expect([1, 2, 3, 4, 5].map((count) => shardOf('https://example.org/a', count))).toEqual(
      PINNED_SHARDS,
    );
  });
});

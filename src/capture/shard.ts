// `--shard K/N`: N runners split the pages between them. A page belongs to shard
// (hash(url) mod N) + 1, with a hash that never changes between runs or machines, so each
// runner always writes the same disjoint set of archive files and their pushes never conflict.
import { createHash } from 'node:crypto';
import { StetError } from '../errors.js';

export interface Shard {
  /** 1-based index of this shard. */
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Shard = { index: 1, count: 1 };
const MAX_SHARDS = 256;

/** Parses "K/N" with 1 ≤ K ≤ N ≤ 256. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new StetError(
      'config.invalid',
      '--shard',
      `expected K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, got "${text}"`,
    );
  }
  return { index, count };
}

/** The shard (1-based) that owns `url` among `count` shards. */
export function shardOf(url: string, count: number): number {
  const digest = createHash('sha256').update(url).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(url: string, shard: Shard): boolean {
  return shard.count === 1 || shardOf(url, shard.count) === shard.index;
}

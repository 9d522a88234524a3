import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/capture/channel.js';

async function drain<T>(channel: Channel<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of channel) items.push(item);
  return items;
}

describe('Channel', () => {
  it('delivers items in order to a consumer that waits, and ends when closed', async () => {
    const channel = new Channel<number>(2);
    const consumed = drain(channel);
    for (const item of [1, 2, 3, 4, 5]) await channel.push(item);
    channel.close();
    expect(await consumed).toEqual([1, 2, 3, 4, 5]);
  });

  it('makes a producer wait while the channel is full', async () => {
    const channel = new Channel<string>(1);
    await channel.push('a');
    let secondPushed = false;
    const second = channel.push('b').then(() => {
      secondPushed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondPushed).toBe(false);
    const consumed = drain(channel);
    await second;
    expect(secondPushed).toBe(true);
    channel.close();
    expect(await consumed).toEqual(['a', 'b']);
  });

  it('keeps the order of producers that waited for room', async () => {
    const channel = new Channel<number>(1);
    const pushes = [1, 2, 3, 4].map((item) => channel.push(item));
    const consumed = drain(channel);
    await Promise.all(pushes);
    channel.close();
    expect(await consumed).toEqual([1, 2, 3, 4]);
  });
});

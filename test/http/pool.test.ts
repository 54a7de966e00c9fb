import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../src/http/pool.js';

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` tasks in flight and returns results in order', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 40 }, (_, index) => index);
    const results = await mapWithConcurrency(items, 8, async (item) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, item % 3));
      running--;
      return item * 2;
    });
    expect(results).toEqual(items.map((item) => item * 2));
    expect(peak).toBe(8);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const run = mapWithConcurrency([1, 2, 3, 4, 5], 1, async (item) => {
      started.push(item);
      if (item === 2) throw new Error('boom at 2');
      return item;
    });
    await expect(run).rejects.toThrow('boom at 2');
    expect(started).toEqual([1, 2]);
  });

  it('handles an empty list', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});

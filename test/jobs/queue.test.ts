import { describe, expect, it } from 'vitest';
import { BullMqQueue } from '../../src/jobs/bullmq.js';
import { createQueue } from '../../src/jobs/queue.js';
import { InProcessQueue } from '../../src/jobs/in-process.js';

const logger = { info: () => {}, warn: () => {}, error: () => {} };

describe('createQueue', () => {
  it('keeps jobs in process without REDIS_URL', async () => {
    const queue = createQueue({ concurrency: 3, logger });
    expect(queue).toBeInstanceOf(InProcessQueue);
    await queue.close();
  });

  it('treats an empty REDIS_URL as unset', async () => {
    const queue = createQueue({ redisUrl: '', concurrency: 1, logger });
    expect(queue).toBeInstanceOf(InProcessQueue);
    await queue.close();
  });

  it('uses BullMQ when REDIS_URL is set (no connection is needed to build it)', async () => {
    // Port 1 refuses connections; building and closing the queue must still work without hanging.
    const queue = createQueue({ redisUrl: 'redis://127.0.0.1:1', concurrency: 2, installationConcurrency: 2, logger });
    expect(queue).toBeInstanceOf(BullMqQueue);
    await queue.close();
  });

  it('passes the bounds through, refusing nonsense', () => {
    expect(() => createQueue({ concurrency: 0, logger })).toThrow(/concurrency must be a positive integer/);
  });
});

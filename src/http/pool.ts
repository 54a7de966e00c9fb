/**
 * Bounded concurrency for IO: many requests to make, only a few in flight at once, so a large audit
 * neither floods a server nor waits for requests one by one.
 */

/**
 * mapWithConcurrency calls `task` on every item with at most `limit` calls running at once and returns
 * the results in item order. The first failure rejects the whole call; no new task starts after it.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}

// Bounded parallelism for blob transfers: a few at a time keeps the link busy without opening a connection per
// layer.

/** Runs `work` on every item, at most `limit` at a time; the first failure fails the whole. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Blobs moved at once by a copy or a push. */
export const blobTransfers = 4;

// Bounded parallelism for blob transfers: a few at a time keeps the link busy without opening a connection per
// layer.

/**
 * Runs `work` on every item, at most `limit` at a time. The first failure stops the rest: no further item starts,
 * and `signal` tells the items in flight to give up (a streamed copy drops its transfer). Returns once every
 * worker has stopped, so nothing goes on uploading after the caller has failed; throws the first failure.
 */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const stop = new AbortController();
  let failure: { readonly error: unknown } | undefined;
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop.signal.aborted) {
      const item = items[next++] as T;
      try {
        await work(item, stop.signal);
      } catch (error) {
        failure ??= { error };
        stop.abort(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/** Blobs moved at once by a copy or a push. */
export const blobTransfers = 4;

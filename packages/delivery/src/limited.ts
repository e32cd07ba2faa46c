// At most so many calls of a function at once: the controllers of a fleet are asked together, but not all at once.

/** `fn` with at most `limit` calls running at once; the others queue in order. */
export function limited<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  limit: number,
): (...args: A) => Promise<R> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (...args: A) => {
    if (running >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await fn(...args);
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}

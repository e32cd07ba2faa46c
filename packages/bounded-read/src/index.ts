// Reading a server's answer with limits: a server may send a body a byte at a time, or hundreds of megabytes, and
// neither may hold a job longer than the time it was given or fill its memory. Every client of a server that the
// pipeline does not control (Argo CD, the Kubernetes API, GitHub's attestations) reads bodies through this.

/** What a body may cost: at most `maxBytes`, and done by `deadline` (ms since the epoch). */
export interface ReadLimits {
  readonly maxBytes: number;
  readonly deadline: number;
}

/** A body not read whole: too large, or not done in time (the message says which). */
export class BodyLimitError extends Error {}

/** The default cap on an API answer: far above any object gitops reads, far below what hurts a runner. */
export const defaultMaxBytes = 32 * 1024 * 1024;

/**
 * The body as text, read from `stream` until it ends, refused once it passes `maxBytes` or `deadline`. `stop` is
 * called on a refusal so the caller can close the connection (the stream may never end by itself).
 */
export async function readBounded(
  stream: AsyncIterable<Uint8Array>,
  limits: ReadLimits,
  stop: () => void = () => undefined,
): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        stop();
        reject(new BodyLimitError('did not finish its answer in time'));
      },
      Math.max(0, limits.deadline - Date.now()),
    );
  });
  late.catch(() => undefined);
  const read = (async () => {
    for await (const chunk of stream) {
      size += chunk.byteLength;
      if (size > limits.maxBytes) {
        stop();
        throw new BodyLimitError(`answered with more than ${Math.round(limits.maxBytes / 1048576)} MiB`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  })();
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
    read.catch(() => undefined);
  }
}

/** JSON text parsed, or undefined when it is not JSON: the caller says so in its own words. */
export function parseJson(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** A string, or undefined for anything else (null, a number, an object) a server put where a string belongs. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A plain object (not null, not an array), or undefined: what a server says is checked before it is read. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

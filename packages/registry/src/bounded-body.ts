// A registry's answer read with a cap: a registry (or whatever answers in its place) may send a "manifest" of
// gigabytes, and a runner's memory is not the place to find out. The distribution spec has registries take
// manifests of at least 4 MiB and refuse larger ones; nothing gitops reads whole from a registry is bigger.
import { RegistryError } from './errors';

/** The most a manifest, or any small blob read whole, may weigh. */
export const maxWholeBytes = 4 * 1024 * 1024;

/** The body's bytes, refused (and the connection dropped) once it passes `maxBytes`. */
export async function boundedBody(response: Response, what: string, maxBytes = maxWholeBytes): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () =>
    new RegistryError(`${what} is larger than ${Math.round(maxBytes / 1048576)} MiB; refused without reading it all`);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

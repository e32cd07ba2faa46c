// An upload session's URL, from the POST that opens it or the answer that moves it on, and what a lost answer is.
import type { RegistryClient } from './client';
import { RegistryError } from './errors';

/** The token scope of a push to `repository`. */
export const pushScope = (repository: string) => `repository:${repository}:pull,push`;

/** True for a request that got no answer (refused, reset, timed out): the registry may or may not have acted. */
export function dropped(error: unknown): boolean {
  return error instanceof RegistryError && error.status === undefined && error.unanswered;
}

/** Opens an upload session; its URL is where the bytes go. */
export async function openUpload(client: RegistryClient, repository: string): Promise<URL> {
  const session = await client.request({
    method: 'POST',
    path: `/v2/${repository}/blobs/uploads/`,
    scope: pushScope(repository),
    headers: { 'content-length': '0' },
  });
  await session.body?.cancel();
  return uploadUrl(client, session);
}

export function uploadUrl(client: RegistryClient, response: Response, fallback?: URL): URL {
  const location = response.headers.get('location');
  if (location) return new URL(location, client.baseUrl);
  if (fallback) return fallback;
  throw new RegistryError(`${client.registry} opened an upload without a Location`);
}

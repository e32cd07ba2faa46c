// The tags a repository holds, as the distribution API lists them: GET /v2/<name>/tags/list, paged by its Link
// header. Each page is read with a cap; a next page is followed only within the same repository's list.
import { boundedBody } from './bounded-body';
import type { RegistryClient } from './client';

/** Pages of 1,000 tags read at most: a repository with more is rare, and its oldest tags are not the highest. */
const maxPages = 50;

export async function listTags(client: RegistryClient, repository: string): Promise<string[]> {
  const tags: string[] = [];
  const own = `/v2/${repository}/tags/list?`;
  let path: string | undefined = `${own}n=1000`;
  for (let page = 0; page < maxPages && path; page++) {
    const response = await client.request({
      method: 'GET',
      path,
      scope: `repository:${repository}:pull`,
      accept: [404],
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return tags; // no such repository yet: it holds no tags
    }
    const text = new TextDecoder().decode(await boundedBody(response, `the tag list of ${repository}`));
    const listed = tagsOf(text);
    if (Array.isArray(listed)) for (const tag of listed) if (typeof tag === 'string') tags.push(tag);
    const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(response.headers.get('link') ?? '')?.[1];
    path = next?.startsWith(own) ? next : undefined;
  }
  return tags;
}

/** The `tags` of a tag list's JSON; none where the answer is not one. */
function tagsOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { tags?: unknown } | null)?.tags;
  } catch {
    return undefined;
  }
}

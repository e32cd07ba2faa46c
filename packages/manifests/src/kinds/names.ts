// Does a written image name belong to the app?
import { parseName, sameName } from '../image-value';
import type { AppMatcher } from '../place';

/** True when `text` (a reference or a bare name) names one of the app's images. */
export function matchesName(text: string, matcher: AppMatcher): boolean {
  const name = parseName(text);
  if (matcher.any) return name !== undefined;
  return name !== undefined && matcher.names.some((candidate) => sameName(candidate, name));
}

/**
 * A cheap look at the raw text before parsing: could this file hold the app's image? Every kind found by
 * searching says "image" somewhere (`image:`, `images:`, `$imagepolicy`, `gitops:image`).
 */
export function mayMention(text: string, matcher: AppMatcher): boolean {
  if (!text.includes('image')) return false;
  if (matcher.any || text.includes('$imagepolicy') || text.includes('gitops:image')) return true;
  return matcher.names.some((name) => text.includes(name.repository.slice(name.repository.lastIndexOf('/') + 1)));
}

// Text from Git, a pull request or a server, made safe for the pages: every value is escaped where it lands, and
// only plain http(s) addresses become links (a `javascript:` or `data:` address stays text).

/** Text inside an element or a double-quoted attribute. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The address when it is plain http(s) with nothing that could end the attribute; undefined otherwise. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 2048) return undefined;
  return /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~%/?#=&+:@!$,;*()-]*)?$/.test(url) ? url : undefined;
}

/** A link to `url` when it is safe, else the text alone. */
export function link(text: string, url: string | undefined): string {
  const href = safeUrl(url);
  return href ? `<a href="${esc(href)}">${esc(text)}</a>` : esc(text);
}

/** A time span in words a cell has room for: 45m, 5h, 3d, 7w. */
export function span(fromIso: string | undefined, toIso: string): string | undefined {
  const from = Date.parse(fromIso ?? '');
  const to = Date.parse(toIso);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return undefined;
  const minutes = Math.max(0, Math.floor((to - from) / 60_000));
  if (minutes < 120) return `${minutes}m`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)}h`;
  const days = Math.floor(minutes / 1440);
  return days < 70 ? `${days}d` : `${Math.floor(days / 7)}w`;
}

/** A duration in seconds, in words: 42s, 12m, 3.5h, 2.1d. */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  if (seconds < 90) return `${Math.round(seconds)}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86_400).toFixed(1)}d`;
}

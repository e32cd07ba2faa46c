// The frame of every page: a Content-Security-Policy that allows only the site's own style sheet and script (no
// request leaves the site), the navigation, and the note of when and from what the site was built.
import { esc } from './html';

/** The pages of the navigation, by file. */
export const pages = [
  { file: 'index.html', title: 'Matrix' },
  { file: 'lanes.html', title: 'Lanes' },
  { file: 'history.html', title: 'History' },
  { file: 'metrics.html', title: 'Metrics' },
] as const;

const policy =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

export interface PageRequest {
  /** The site's title (the repository). */
  readonly site: string;
  readonly title: string;
  /** The navigation entry this page is, if any. */
  readonly current: string | undefined;
  /** How many folders below the site's root the page is (app pages: 1). */
  readonly depth: number;
  readonly generatedAt: string;
  readonly body: string;
}

export function page(request: PageRequest): string {
  const up = '../'.repeat(request.depth);
  const nav = pages
    .map(
      (entry) =>
        `<a href="${up}${entry.file}"${entry.file === request.current ? ' aria-current="page"' : ''}>${entry.title}</a>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}"><meta name="referrer" content="no-referrer">
<title>${esc(request.title)} · ${esc(request.site)}</title><link rel="stylesheet" href="${up}site.css">
<script src="${up}site.js" defer></script></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><h1>${esc(request.site)}</h1><nav aria-label="Pages">${nav}</nav></header>
<main id="main"><h2>${esc(request.title)}</h2>
${request.body}
</main><footer>Built from the config repository at <time datetime="${esc(request.generatedAt)}">${esc(request.generatedAt)}</time>. Ages are measured to that time.</footer>
</body></html>
`;
}

// Text from Git, a pull request or a server shown in Markdown or HTML: job summaries, pull request bodies and
// comments, Mermaid charts; and plainly in a terminal (printable, textTable). Every such value goes through one of
// these, chosen by where it lands, so that no trailer, name, subject, file name or controller message can become
// markup, a link, a mention, an image or a broken table. Each keeps the text readable: what it escapes renders as
// the character itself.

/** Control characters, line breaks among them, as their JSON escapes: one value stays one line, and visible. */
export function printable(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being escaped
  return value.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/**
 * Inline Markdown text (a sentence, a list item, a table cell): every mark that Markdown or GitHub reads inside a
 * line (emphasis, code, links and images, HTML tags and entities, table pipes, mentions, issue references,
 * strikethrough, math) is backslash-escaped, as are autolinks (`https://…`, `www.…`) and what starts a block at the
 * start of the value, so the value renders as the text it is.
 */
export function markdownText(value: string): string {
  return (
    printable(value)
      .replace(/[\\`*_[\]<>&|#~$]/g, (character) => `\\${character}`)
      // A mention starts after anything but a letter or digit: `acme/web@f00d` mentions nobody.
      .replace(/(^|[^A-Za-z0-9_])@/g, '$1\\@')
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(
        /^(\s*)([-+=>]|\d+[.)])/,
        (_, space: string, mark: string) => `${space}${mark.replace(/[-+=>.)]$/, '\\$&')}`,
      )
  );
}

/**
 * A Markdown link to `url` when it is a plain address (`scheme://host/path`, nothing in it that can end the link or
 * start markup, and no `javascript:` or `data:`, which have no `//`); otherwise the text alone, without the address.
 */
export function markdownLink(text: string, url: string | undefined): string {
  return url && /^[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~%/?#=&+-]*)?$/.test(url)
    ? `[${markdownText(text)}](${url})`
    : markdownText(text);
}

/** A code span in Markdown that holds `value` whatever backticks it has; pipes escaped, as GitHub's tables need. */
export function inlineCode(value: string): string {
  const text = printable(value).replaceAll('|', '\\|');
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block that `text` cannot close: the fence is longer than any run of backticks in it. */
export function codeBlock(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

/** Text inside HTML (a `<summary>`, an attribute value). */
export function htmlText(value: string): string {
  return printable(value).replace(
    /[&<>"'`]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c] as string,
  );
}

/**
 * Text inside a quoted Mermaid label or title: Mermaid's own entity codes (`#quot;`) for what would end the
 * string, the label or the fenced block around the chart.
 */
export function mermaidText(value: string): string {
  return printable(value).replace(
    /[#"`<>]/g,
    (c) => ({ '#': '#35;', '"': '#quot;', '`': '#96;', '<': '#lt;', '>': '#gt;' })[c] as string,
  );
}

function longestRun(text: string, character: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === character ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Rows in columns as wide as their widest cell, for a terminal; the last column is not padded. */
export function textTable(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}

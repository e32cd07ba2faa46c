import { describe, expect, test } from 'vitest';
import { codeBlock, htmlText, inlineCode, markdownLink, markdownText, mermaidText, printable } from '../src/index';

describe('markdownText', () => {
  test('tags, images, links, mentions and table pipes render as text', () => {
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(markdownText('![x](https://evil.example/p.png)')).toBe('!\\[x\\](https\\://evil.example/p.png)');
    expect(markdownText('@octocat | **bold** #12 ~~x~~')).toBe('\\@octocat \\| \\*\\*bold\\*\\* \\#12 \\~\\~x\\~\\~');
    expect(markdownText('see www.evil.example')).toBe('see www\\.evil.example');
    expect(markdownText('&lt;b&gt;')).toBe('\\&lt;b\\&gt;');
    expect(markdownText('- item')).toBe('\\- item');
    expect(markdownText('1. item')).toBe('1\\. item');
  });
  test('a line break or another control character stays visible on one line', () => {
    expect(markdownText('a\n# heading\r\u001b[31m')).toBe('a\\\\n\\# heading\\\\r\\\\u001b\\[31m');
    expect(printable('a\nb\u0000')).toBe('a\\nb\\u0000');
  });
  test('plain names are left as they are', () => {
    expect(markdownText('web 1.4.2 in prod')).toBe('web 1.4.2 in prod');
    expect(markdownText('acme/web@f00d, mail ops@acme.example')).toBe('acme/web@f00d, mail ops@acme.example');
    expect(markdownText('app app-0: ghcr.io/acme/app-0 is in none')).toBe('app app-0: ghcr.io/acme/app-0 is in none');
  });
});

describe('code', () => {
  test('a code span is longer than any run of backticks in it', () => {
    expect(inlineCode('ghcr.io/acme/web:1.0')).toBe('`ghcr.io/acme/web:1.0`');
    expect(inlineCode('a``b')).toBe('```a``b```');
    expect(inlineCode('`x')).toBe('`` `x ``');
    expect(inlineCode('a|b')).toBe('`a\\|b`');
  });
  test('a code block cannot be closed by what it holds', () => {
    expect(codeBlock('x\n```\n<script>', 'diff')).toBe('````diff\nx\n```\n<script>\n````');
    expect(codeBlock('plain\n')).toBe('```\nplain\n```');
  });
});

describe('HTML and Mermaid', () => {
  test('HTML special characters become entities', () => {
    expect(htmlText('</summary><script>"\'&')).toBe('&lt;/summary&gt;&lt;script&gt;&quot;&#39;&amp;');
  });
  test('a Mermaid label cannot end its string or the fenced block', () => {
    expect(mermaidText('prod" ]\n```')).toBe('prod#quot; ]\\n#96;#96;#96;');
    expect(mermaidText('a#b;')).toBe('a#35;b;');
  });
});

describe('links', () => {
  test('only a plain address is linked; anything else is the text alone', () => {
    expect(markdownLink('run', 'https://github.com/acme/web/actions/runs/1')).toBe(
      '[run](https://github.com/acme/web/actions/runs/1)',
    );
    expect(markdownLink('run', 'javascript:alert(1)')).toBe('run');
    expect(markdownLink('run', 'https://x.example/a) ![i](https://evil')).toBe('run');
    expect(markdownLink('run', undefined)).toBe('run');
  });
});

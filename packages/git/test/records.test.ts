import { describe, expect, it } from 'vitest';
import { recordStream, records } from '../src/records';

// What `git log --format=%H%n%s%n%(trailers:unfold=true,only=true)%x00` prints: records end with NUL, git puts a
// line break before each record after the first.
const output = [
  'a1\nfirst: with a colon\nGitops-App: web\nGitops-Image: ghcr.io/acme/web:1.0\n\0',
  '\nb2\nsubject with é and 😀\nGitops-App: api\n\0',
  '\nc3\nno trailers\n\0',
].join('');

describe('records', () => {
  it('reads fields as lines and trailers after them, keys as written', () => {
    expect(records(output, 2)).toEqual([
      {
        fields: ['a1', 'first: with a colon'],
        trailers: [
          ['Gitops-App', 'web'],
          ['Gitops-Image', 'ghcr.io/acme/web:1.0'],
        ],
      },
      { fields: ['b2', 'subject with é and 😀'], trailers: [['Gitops-App', 'api']] },
      { fields: ['c3', 'no trailers'], trailers: [] },
    ]);
  });

  it('leaves out empty records and lines without a colon', () => {
    expect(records('\n\0\n\0x\ny\nnot a trailer\nKey:  spaced value \n\0', 2)).toEqual([
      { fields: ['x', 'y'], trailers: [['Key', 'spaced value']] },
    ]);
  });
});

describe('recordStream', () => {
  const whole = records(output, 2);
  const bytes = Buffer.from(output, 'utf8');

  it('gives the same records however the output is cut, even inside a character', () => {
    for (let size = 1; size <= bytes.length; size++) {
      const found: unknown[] = [];
      const stream = recordStream(2, (record) => found.push(record));
      for (let at = 0; at < bytes.length; at += size) stream.push(bytes.subarray(at, at + size));
      stream.end();
      expect(found, `chunks of ${size} bytes`).toEqual(whole);
    }
  });

  it('hands on each record as soon as its NUL arrives', () => {
    const found: unknown[] = [];
    const stream = recordStream(2, (record) => found.push(record));
    stream.push(Buffer.from('a1\nfirst\n'));
    expect(found).toHaveLength(0);
    stream.push(Buffer.from('\0\nb2'));
    expect(found).toHaveLength(1);
  });

  it('reads a last record that git did not end', () => {
    const found: unknown[] = [];
    const stream = recordStream(1, (record) => found.push(record));
    stream.push(Buffer.from('a1\nKey: v'));
    stream.end();
    expect(found).toEqual([{ fields: ['a1'], trailers: [['Key', 'v']] }]);
  });
});

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TransferProgress } from '../src/progress';

const mebibyte = 1024 * 1024;

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('transfer progress', () => {
  test('a line every 10 s while it runs, on each large blob, and a last one when done', () => {
    const lines: [string, boolean | undefined][] = [];
    const progress = new TransferProgress((line, done) => lines.push([line, done]), {
      blobs: 5,
      bytes: 200 * mebibyte,
    });
    progress.add(1024);
    progress.blobDone(1024); // the config: small, no line
    vi.advanceTimersByTime(10_000);
    progress.add(50 * mebibyte);
    progress.blobDone(50 * mebibyte);
    vi.advanceTimersByTime(10_000);
    progress.stop(true);
    vi.advanceTimersByTime(30_000);
    expect(lines).toEqual([
      ['1/5 blobs, 0.0 of 200.0 MiB sent, 0.0 MiB/s', false],
      ['2/5 blobs, 50.0 of 200.0 MiB sent, 5.0 MiB/s', false],
      ['2/5 blobs, 50.0 of 200.0 MiB sent, 2.5 MiB/s', false],
      ['2/5 blobs, 50.0 of 200.0 MiB sent, 2.5 MiB/s', true],
    ]);
  });

  test('a failed transfer stops without a last line; stopping twice says nothing more', () => {
    const lines: string[] = [];
    const progress = new TransferProgress((line) => lines.push(line), { blobs: 2, bytes: 10 });
    progress.stop(false);
    progress.stop(true);
    vi.advanceTimersByTime(60_000);
    expect(lines).toEqual([]);
  });
});

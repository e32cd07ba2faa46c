import { describe, expect, test } from 'vitest';
import { terminalLogger } from '../src/index';

/** A stream that records what is written, as a terminal (isTTY) or a pipe. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: { isTTY, columns: 40, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream,
  };
}

describe('progress on the terminal', () => {
  test('on a terminal, one line is redrawn in place, cut to the width, and cleared before anything else', () => {
    const out = stream(true);
    const logger = terminalLogger({ stream: out.stream });
    logger.progress?.('1/4 blobs, 50.0 of 200.0 MiB sent, 10.0 MiB/s and more words than fit');
    logger.progress?.('2/4 blobs, 100.0 of 200.0 MiB sent, 10.0 MiB/s');
    logger.info('a line of its own');
    logger.progress?.('4/4 blobs, 200.0 of 200.0 MiB sent, 10.0 MiB/s', true);
    expect(out.written.join('')).toBe(
      '1/4 blobs, 50.0 of 200.0 MiB sent, 10.0' +
        '\r\u001b[2K2/4 blobs, 100.0 of 200.0 MiB sent, 10.' +
        '\r\u001b[2Ka line of its own\n' +
        '4/4 blobs, 200.0 of 200.0 MiB sent, 10.0 MiB/s\n',
    );
  });

  test('elsewhere (a pipe, a CI log), each progress line is a plain line', () => {
    const out = stream(false);
    const logger = terminalLogger({ stream: out.stream });
    logger.progress?.('1/2 blobs');
    logger.progress?.('2/2 blobs', true);
    logger.warning('careful');
    expect(out.written).toEqual(['1/2 blobs\n', '2/2 blobs\n', 'warning: careful\n']);
  });
});

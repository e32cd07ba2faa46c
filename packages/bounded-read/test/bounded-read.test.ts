import { describe, expect, test } from 'vitest';
import { asObject, BodyLimitError, parseJson, readBounded } from '../src/index';

async function* chunks(parts: readonly string[], pauseMs = 0) {
  for (const part of parts) {
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    yield Buffer.from(part);
  }
}

describe('readBounded', () => {
  test('reads a body whole within its limits', async () => {
    expect(await readBounded(chunks(['{"a":', '1}']), { maxBytes: 100, deadline: Date.now() + 60_000 })).toBe(
      '{"a":1}',
    );
  });
  test('refuses a body larger than the limit, and stops the connection', async () => {
    let stopped = false;
    const reading = readBounded(
      chunks(['x'.repeat(60), 'x'.repeat(60)]),
      { maxBytes: 100, deadline: Date.now() + 60_000 },
      () => {
        stopped = true;
      },
    );
    await expect(reading).rejects.toBeInstanceOf(BodyLimitError);
    expect(stopped).toBe(true);
  });
  test('refuses a body that is not done by the deadline, however steadily it drips', async () => {
    const drip = chunks(
      Array.from({ length: 1000 }, () => 'x'),
      20,
    );
    await expect(readBounded(drip, { maxBytes: 1e6, deadline: Date.now() + 100 })).rejects.toThrow(
      'did not finish its answer in time',
    );
  });
});

describe('parsing', () => {
  test('what is not JSON, or not an object, is said so instead of thrown', () => {
    expect(parseJson('<html>')).toBeUndefined();
    expect(parseJson('null')).toEqual({ value: null });
    expect(asObject(null)).toBeUndefined();
    expect(asObject([1])).toBeUndefined();
    expect(asObject({ a: 1 })).toEqual({ a: 1 });
  });
});

import { describe, expect, test } from 'vitest';
import { applyTextEdits } from '../src/text-edit';

describe('applyTextEdits', () => {
  test('overlapping removals are one removal; at the end of a file without a final newline it stays so', () => {
    const text = 'a\nb\nc';
    // Remove line b (with its line break) and the last line c (with the line break before it).
    expect(
      applyTextEdits(text, [
        { start: 2, end: 4, text: '' },
        { start: 3, end: 5, text: '' },
      ]),
    ).toBe('a');
    expect(
      applyTextEdits('a\r\nb\r\nc', [
        { start: 3, end: 6, text: '' },
        { start: 4, end: 7, text: '' },
      ]),
    ).toBe('a');
  });

  test('an insertion overlapping another edit is a planner bug', () => {
    expect(() =>
      applyTextEdits('abc', [
        { start: 0, end: 2, text: 'x' },
        { start: 1, end: 1, text: 'y' },
      ]),
    ).toThrow(/overlapping edits at offset 1/);
  });
});

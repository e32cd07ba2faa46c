// Byte-range edits: the only way the engine changes a file, so every other byte stays as it was.

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Applies edits. Removals may overlap one another (removing two neighbouring lines at the end of a file without
 * a final newline takes the line break before the last one, which the removal of the line above also covers):
 * what either removes is removed. Any other overlap is a bug in the planner, so it throws.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = mergeRemovals(
    text,
    [...edits].sort((a, b) => a.start - b.start || a.end - b.end),
  );
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * Sorted edits with every run of overlapping removals made one removal. A merged run that reaches the end of a
 * file without a final newline takes the line break before it too, so the file still ends without one.
 */
function mergeRemovals(text: string, sorted: readonly TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    const last = merged.at(-1);
    const removals = last !== undefined && last.text === '' && edit.text === '' && last.end > last.start;
    if (removals && edit.start < last.end && edit.end > edit.start) {
      let start = last.start;
      const end = Math.max(last.end, edit.end);
      if (end === text.length && !text.endsWith('\n')) {
        if (text.slice(start - 2, start) === '\r\n') start -= 2;
        else if (text[start - 1] === '\n') start -= 1;
      }
      merged[merged.length - 1] = { start, end, text: '' };
    } else {
      merged.push(edit);
    }
  }
  return merged;
}

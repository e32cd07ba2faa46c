// Reads what git prints with a format of NUL-ended records: a record's fields are lines (a subject, %s, and an
// unfolded trailer are one line each, whatever control characters they hold), and its trailers come last, one a
// line. git refuses a NUL in a commit message, so no record boundary can be forged.

/** One record: its first `count` lines, then its trailers as `[key as written, value]`. */
export interface GitRecord {
  readonly fields: string[];
  readonly trailers: [string, string][];
}

/** The records of a whole output; git puts a line break between records (for-each-ref after each). */
export function records(output: string, count: number): GitRecord[] {
  const found: GitRecord[] = [];
  for (const text of output.split('\0')) {
    const record = parseRecord(text, count);
    if (record) found.push(record);
  }
  return found;
}

/**
 * Takes git's output a chunk at a time and hands on each record as soon as it is whole, so that a long history is
 * parsed while git still writes it. A chunk may end anywhere: a NUL is one byte that no UTF-8 sequence holds, so
 * the bytes before the last NUL of what came so far always decode whole.
 */
export function recordStream(count: number, onRecord: (record: GitRecord) => void) {
  // The bytes since the last NUL, kept as they came: joined once when their record ends, so that a long record
  // over many chunks is not copied again at each one.
  let rest: Buffer[] = [];
  const take = (text: string) => {
    const record = parseRecord(text, count);
    if (record) onRecord(record);
  };
  return {
    push(chunk: Buffer): void {
      const last = chunk.lastIndexOf(0);
      if (last === -1) {
        rest.push(chunk);
        return;
      }
      const whole = Buffer.concat([...rest, chunk.subarray(0, last)]);
      rest = [chunk.subarray(last + 1)];
      for (const text of whole.toString('utf8').split('\0')) take(text);
    },
    /** What came after the last NUL (nothing, when git ended every record). */
    end(): void {
      const tail = Buffer.concat(rest);
      rest = [];
      if (tail.length) take(tail.toString('utf8'));
    },
  };
}

const blank = /^\s*$/;

/** One record's text: its fields, then `Key: value` lines as git prints them (unfolded); undefined when empty. */
function parseRecord(text: string, count: number): GitRecord | undefined {
  if (blank.test(text)) return undefined;
  let at = text.charCodeAt(0) === 10 ? 1 : 0;
  const fields: string[] = [];
  for (let field = 0; field < count && at <= text.length; field++) {
    const end = lineEnd(text, at);
    fields.push(text.slice(at, end));
    at = end + 1;
  }
  const trailers: [string, string][] = [];
  while (at < text.length) {
    const end = lineEnd(text, at);
    const colon = text.indexOf(':', at);
    if (colon !== -1 && colon < end) trailers.push([text.slice(at, colon).trim(), text.slice(colon + 1, end).trim()]);
    at = end + 1;
  }
  return { fields, trailers };
}

const lineEnd = (text: string, from: number) => {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
};

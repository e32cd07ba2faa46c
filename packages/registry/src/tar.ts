// Reads tar archives (ustar, with pax and GNU long names): enough for `docker save` output. The archive is walked
// header by header through `readAt`, so a file on disk is indexed without being read whole. Sizes of 8 GiB and more
// do not fit the header's 11 octal digits: writers then put them in base-256 (GNU, and Go's archive/tar, which
// `docker save` uses) or in a pax `size=` record, and both are read.

export interface TarEntry {
  /** Where the entry's data starts in the archive, and how long it is. */
  readonly offset: number;
  readonly size: number;
}

/** What a pax extended header says about the entry after it. */
interface PaxRecords {
  path?: string;
  size?: number;
}

const text = (bytes: Uint8Array, start: number, length: number) =>
  Buffer.from(bytes.subarray(start, start + length))
    .toString('utf8')
    .replace(/\0.*$/s, '');

/** A numeric header field: octal digits, or base-256 when its first byte has the high bit set. */
export function headerNumber(header: Uint8Array, start: number, length: number): number {
  const first = header[start] ?? 0;
  if (first & 0x80) {
    let value = BigInt(first & 0x7f);
    for (let index = start + 1; index < start + length; index++) value = (value << 8n) | BigInt(header[index] ?? 0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('a tar entry is larger than this reader can address');
    return Number(value);
  }
  const digits = text(header, start, length).trim();
  return digits ? Number.parseInt(digits, 8) : 0;
}

/** The `path` and `size` records of a pax extended header (`<length> <key>=<value>\n` each). */
function paxRecords(bytes: Uint8Array): PaxRecords {
  const records: PaxRecords = {};
  const body = Buffer.from(bytes).toString('utf8');
  for (const [, key, value] of body.matchAll(/(?:^|\n)\d+ ([^=\n]+)=([^\n]*)(?=\n)/g)) {
    if (key === 'path') records.path = value;
    else if (key === 'size' && /^\d+$/.test(value ?? '')) records.size = Number(value);
  }
  return records;
}

/** Every regular file of the archive by name (without a leading `./`), with where its data is. */
export function indexTar(readAt: (offset: number, length: number) => Uint8Array, total: number): Map<string, TarEntry> {
  const entries = new Map<string, TarEntry>();
  let offset = 0;
  let longName: string | undefined;
  let pax: PaxRecords = {};
  while (offset + 512 <= total) {
    const header = readAt(offset, 512);
    if (header.every((byte) => byte === 0)) break;
    const type = String.fromCharCode(header[156] ?? 0);
    const own = headerNumber(header, 124, 12);
    // A pax `size=` is about the entry after its header, never about another extended header.
    const size = type === 'x' || type === 'g' || type === 'L' ? own : (pax.size ?? own);
    const prefix = text(header, 345, 155);
    const name = longName ?? pax.path ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    if (type === 'L') longName = text(readAt(offset + 512, size), 0, size);
    else if (type === 'x') pax = paxRecords(readAt(offset + 512, size));
    else {
      pax = {};
      if (type === '0' || type === '\0') entries.set(name.replace(/^\.\//, ''), { offset: offset + 512, size });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

// Reads tar archives (ustar, with pax and GNU long names): enough for `docker save` output. The archive is walked
// header by header through `readAt`, so a file on disk is indexed without being read whole.

export interface TarEntry {
  /** Where the entry's data starts in the archive, and how long it is. */
  readonly offset: number;
  readonly size: number;
}

/** Every regular file of the archive by name (without a leading `./`), with where its data is. */
export function indexTar(readAt: (offset: number, length: number) => Uint8Array, total: number): Map<string, TarEntry> {
  const entries = new Map<string, TarEntry>();
  const text = (bytes: Uint8Array, start: number, length: number) =>
    Buffer.from(bytes.subarray(start, start + length))
      .toString('utf8')
      .replace(/\0.*$/s, '');
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + 512 <= total) {
    const header = readAt(offset, 512);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = text(header, 345, 155);
    const name = longName ?? paxPath ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    if (type === 'L') longName = text(readAt(offset + 512, size), 0, size);
    else if (type === 'x') {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(readAt(offset + 512, size)).toString('utf8'))?.[1];
    } else {
      paxPath = undefined;
      if (type === '0' || type === '\0') entries.set(name.replace(/^\.\//, ''), { offset: offset + 512, size });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

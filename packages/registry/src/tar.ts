// Reads a tar archive (ustar, with pax and GNU long names) into memory: enough for `docker save` output.
export function readTar(archive: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const text = (start: number, length: number) =>
    Buffer.from(archive.subarray(start, start + length))
      .toString('utf8')
      .replace(/\0.*$/s, '');
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = text(offset + 345, 155);
    const name = longName ?? paxPath ?? (prefix ? `${prefix}/${text(offset, 100)}` : text(offset, 100));
    const data = archive.subarray(offset + 512, offset + 512 + size);
    longName = undefined;
    if (type === 'L') longName = Buffer.from(data).toString('utf8').replace(/\0.*$/s, '');
    else if (type === 'x') paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(data).toString('utf8'))?.[1];
    else {
      paxPath = undefined;
      if (type === '0' || type === '\0') files.set(name.replace(/^\.\//, ''), data);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

// The tar reader on archives too large to write in a test: a virtual archive answers `readAt` with headers at
// their offsets and zeros elsewhere, so entries of 8 GiB and more are indexed without any such file.
import { describe, expect, test } from 'vitest';
import { indexTar } from '../src/tar';

const block = 512;
const eightGiB = 8 * 1024 ** 3;

/** A ustar header: name, type and the 12-byte size field as given. */
function header(name: string, type: string, size: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(block);
  bytes.set(Buffer.from(name), 0);
  bytes.set(size, 124);
  bytes[156] = type.charCodeAt(0);
  bytes.set(Buffer.from('ustar\u000000'), 257);
  return bytes;
}

const octal = (size: number) => new Uint8Array(Buffer.from(`${size.toString(8).padStart(11, '0')}\0`));

/** GNU's base-256: the high bit of the first byte set, the number big-endian in the rest. */
function base256(size: number): Uint8Array {
  const bytes = new Uint8Array(12);
  let value = BigInt(size);
  for (let index = 11; index > 0; index--) {
    bytes[index] = Number(value & 0xffn);
    value >>= 8n;
  }
  bytes[0] = 0x80;
  return bytes;
}

/** A pax record, `<length> key=value\n`, its length counting itself. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let length = rest.length + 1;
  while (`${length}${rest}`.length !== length) length++;
  return `${length}${rest}`;
}

/** An archive of blocks placed at offsets; everything else reads as zeros. */
function virtualArchive(placed: Map<number, Uint8Array>, total: number) {
  const readAt = (offset: number, length: number) => {
    const out = new Uint8Array(length);
    for (const [at, bytes] of placed) {
      if (at + bytes.length <= offset || at >= offset + length) continue;
      const from = Math.max(at, offset);
      const to = Math.min(at + bytes.length, offset + length);
      out.set(bytes.subarray(from - at, to - at), from - offset);
    }
    return out;
  };
  return indexTar(readAt, total);
}

const padded = (size: number) => Math.ceil(size / block) * block;

describe('tar entries of 8 GiB and more', () => {
  test('a base-256 size (GNU, Go archive/tar) is read, and the entry after it is found where it is', () => {
    const next = block + padded(eightGiB + 5);
    const placed = new Map([
      [0, header('blobs/sha256/big', '0', base256(eightGiB + 5))],
      [next, header('manifest.json', '0', octal(3))],
    ]);
    const entries = virtualArchive(placed, next + 4 * block);
    expect(entries.get('blobs/sha256/big')).toEqual({ offset: block, size: eightGiB + 5 });
    expect(entries.get('manifest.json')).toEqual({ offset: next + block, size: 3 });
  });

  test('a pax size= record gives the next entry its size; a later entry goes by its own header', () => {
    const records = Buffer.from(paxRecord('size', String(eightGiB)) + paxRecord('path', 'blobs/sha256/huge'));
    const pax = header('PaxHeaders/huge', 'x', octal(records.length));
    const file = header('huge', '0', octal(0o77777777777));
    const fileAt = block + padded(records.length);
    const next = fileAt + block + padded(eightGiB);
    const placed = new Map([
      [0, pax],
      [block, new Uint8Array(records)],
      [fileAt, file],
      [next, header('index.json', '0', octal(7))],
    ]);
    const entries = virtualArchive(placed, next + 4 * block);
    expect(entries.get('blobs/sha256/huge')).toEqual({ offset: fileAt + block, size: eightGiB });
    expect(entries.get('index.json')).toEqual({ offset: next + block, size: 7 });
  });
});

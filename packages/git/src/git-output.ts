// Reading what git prints for the checkout's batch commands: `cat-file --batch` and `ls-tree -z`.

/**
 * The text of each object `git cat-file --batch` printed, in the order asked (`count` of them); undefined for one
 * that is missing or not a blob. Sizes are in bytes: the text (UTF-8, as config files are) is measured as bytes.
 */
export function parseBlobBatch(printed: string, count: number): (string | undefined)[] {
  const output = Buffer.from(printed, 'utf8');
  const texts: (string | undefined)[] = [];
  let offset = 0;
  for (let index = 0; index < count; index++) {
    const end = output.indexOf(10, offset);
    if (end < 0) break;
    const header = output.subarray(offset, end).toString('utf8');
    offset = end + 1;
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
    if (size === undefined) {
      texts.push(undefined);
      continue;
    }
    texts.push(output.subarray(offset, offset + Number(size)).toString('utf8'));
    offset += Number(size) + 1;
  }
  return texts;
}

/** The mode of each blob `git ls-tree -z` listed, by path. */
export function parseTreeModes(printed: string): Map<string, string> {
  const modes = new Map<string, string>();
  for (const entry of printed.split('\0')) {
    const match = /^(\d+) blob [0-9a-f]+\t(.*)$/s.exec(entry);
    if (match?.[1] && match[2] !== undefined) modes.set(match[2], match[1]);
  }
  return modes;
}

// Long transfers show that they are alive: a copy or push logs the blobs and bytes done with the rate, at least
// every 10 s while it runs, and when a blob of some weight (a twentieth of the image or more, and 1 MiB or more)
// is done, so a large layer's end is seen at once and a hundred small ones do not flood the log.

/**
 * Where progress lines go: a logger's `progress` (a line redrawn in place on a terminal) or its `info`. `done`: the
 * last line, which stays.
 */
export type ProgressReport = (line: string, done?: boolean) => void;

const mebibyte = 1024 * 1024;
const megabytes = (bytes: number) => (bytes / mebibyte).toFixed(1);

export class TransferProgress {
  private blobs = 0;
  private bytes = 0;
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly report: ProgressReport,
    private readonly totals: { readonly blobs: number; readonly bytes: number },
    intervalMs = 10_000,
  ) {
    this.timer = setInterval(() => this.tell(), intervalMs);
    // A copy that ends does not wait for the next tick.
    this.timer.unref();
  }

  /** Bytes sent (or found at the destination already). */
  add(bytes: number): void {
    this.bytes += bytes;
  }

  /** A blob is done: uploaded, mounted or already there. */
  blobDone(size: number): void {
    this.blobs++;
    if (size >= mebibyte && size * 20 >= this.totals.bytes) this.tell();
  }

  /** No more lines; `done`: the transfer finished, and its last line says so. Later calls do nothing. */
  stop(done: boolean): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    if (done) this.tell(true);
  }

  private tell(done = false): void {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    this.report(
      `${this.blobs}/${this.totals.blobs} blobs, ${megabytes(this.bytes)} of ${megabytes(this.totals.bytes)} MiB sent, ${megabytes(this.bytes / seconds)} MiB/s`,
      done,
    );
  }
}

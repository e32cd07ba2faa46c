// The queue of pending changes on one branch, as one pipeline takes part in it. After a rejected push our change
// is published as pending. From then on the pipeline of the oldest trusted pending change carries every trusted
// pending change along with its own (carry.ts); the others only look (one ls-remote) until theirs has landed.
// When the branch stands still for `stallMs` under the one we wait on, or a wait passes `longestWaitMs`, this
// pipeline lands everything itself from then on. docs/commits.md shows why no change is lost or applied twice.
import { type ChangeRecord, changeSubject } from '@gitops/audit';
import type { GitopsConfig } from '@gitops/config';
import type { Identity } from '@gitops/git';
import type { Logger } from '@gitops/log';
import { olderFirst, type PendingChange, pendingMessage } from './pending';
import type { PendingRemote } from './pending-remote';

/** How long the branch may stand still while the oldest pending change's pipeline should be landing them all. */
export const stallMs = 10_000;
/** How long a pipeline waits on another at most before it lands the pending changes itself. */
export const longestWaitMs = 30_000;

/** What to do at an attempt after the first. */
export type QueueStep =
  /** Another pipeline is landing ours (or others are still publishing): look again later. */
  | { readonly kind: 'wait'; readonly waiters?: number | undefined }
  /** Another pipeline landed ours, in `commit`. */
  | { readonly kind: 'carried'; readonly commit: string }
  /** Land ours, carrying `carry`; the pending refs `settled` (landed, expired, ours) go with the push. */
  | { readonly kind: 'land'; readonly carry: readonly PendingChange[]; readonly settled: readonly string[] };

export interface QueueOptions {
  readonly remote: PendingRemote;
  /** Our change's id, and the ref it is published under. */
  readonly id: string;
  readonly ref: string;
  /** Who publishes it (the committer). */
  readonly author: Identity;
  /** Until when ours may be carried (ms since the epoch): a little before this pipeline gives up. */
  readonly until: number;
  readonly logger: Logger;
  readonly now?: (() => number) | undefined;
}

interface Wait {
  readonly leader: PendingChange;
  tip: string;
  since: number;
  readonly began: number;
}

export class PendingQueue {
  readonly #options: QueueOptions;
  readonly #now: () => number;
  /** Whether ours may be published and others carried; off for good once the server or the config says no. */
  #cooperating = true;
  /** Ours, once published. */
  #published: PendingChange | undefined;
  /** The pipeline we wait on, and how long the branch has stood still under it. */
  #waitingOn: Wait | undefined;
  /** False once a wait ran out: from then on this pipeline lands everything itself. */
  #waits = true;
  /** While leading: how many we saw to carry at the last look, and how many looks we took. */
  #gathered = { seen: 0, looks: 0 };
  /** How many changes were pending at the last look: each waiting pipeline looks, so many look less often. */
  #pendingNow = 0;

  constructor(options: QueueOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get published(): boolean {
    return this.#published !== undefined;
  }

  /** The step of an attempt after the first; `config` reads gitops.yaml as the fetched tip has it. */
  async next(config: () => Promise<GitopsConfig>): Promise<QueueStep> {
    if (await this.#keepWaiting()) return { kind: 'wait', waiters: this.#pendingNow };
    this.#waitingOn = undefined;
    const { remote, id } = this.#options;
    if (!this.#cooperating) {
      await remote.refresh();
      return { kind: 'land', carry: [], settled: [] };
    }
    const fetched = await remote.fetch();
    const carriedIn = fetched.landed.get(id);
    if (carriedIn) return { kind: 'carried', commit: carriedIn };
    const { open, settled } = this.#sortOut(fetched.pending, fetched.landed);
    const atTip = await config();
    const leader = this.#published && (await this.#oldestTrusted(atTip, open, this.#published));
    if (this.#waits && leader && leader.id !== id) return this.#waitOn(leader, fetched.tip, open.length + 1);
    // We land them: every one is checked, since we carry what passes.
    const carry = await remote.trusted(atTip, open);
    // We lead. Others rejected with us may still be publishing: while their number grows, look once more before
    // landing (twice at most), so that one push carries them all instead of one round each.
    if (leader?.id === id && carry.length > this.#gathered.seen && this.#gathered.looks < 2) {
      this.#gathered = { seen: carry.length, looks: this.#gathered.looks + 1 };
      return { kind: 'wait' };
    }
    return { kind: 'land', carry, settled };
  }

  /** After a rejected push: publishes ours (once), unless pending changes cannot be checked here. */
  async rejected(config: GitopsConfig, record: ChangeRecord): Promise<void> {
    if (!this.#cooperating || this.#published) return;
    const { remote, logger, id, ref } = this.#options;
    const why = remote.unusable(config);
    if (why) {
      logger.info(`Landing with the retry loop alone, without pending changes: ${why} (docs/commits.md)`);
      this.#cooperating = false;
      return;
    }
    // Whole seconds, as git keeps dates: ours ranks here as the others will see it.
    const date = new Date(Math.floor(this.#now() / 1000) * 1000).toISOString();
    const author = { ...this.#options.author, date };
    const ours = { ...record, change: id };
    const result = await remote.publish({ message: pendingMessage(ours, new Date(this.#options.until)), author, ref });
    if (result.published) {
      const since = { ...author, date: result.date };
      this.#published = { ref, sha: '', id, record: ours, author: since, until: this.#options.until };
      return;
    }
    this.#cooperating = false;
    logger.info(`The server does not take pending changes (${result.reason}); landing without other pipelines' help`);
  }

  /** Ours landed: its pending ref went with the push. */
  landed(): void {
    this.#published = undefined;
  }

  /** Removes ours when this pipeline lands nothing or gives up. */
  async withdraw(): Promise<void> {
    if (this.#published) await this.#options.remote.withdraw(this.#published.ref);
    this.#published = undefined;
  }

  /** Fetches what the server holds now: the branch and, while cooperating, the pending refs. */
  async refresh(): Promise<void> {
    if (this.#cooperating) await this.#options.remote.fetch();
    else await this.#options.remote.refresh();
  }

  /** The others still open, and the refs that may go: ours, those landed and those expired. */
  #sortOut(pending: readonly PendingChange[], landed: ReadonlyMap<string, string>) {
    const now = this.#now();
    const settled = this.#published ? [this.#published.ref] : [];
    const open: PendingChange[] = [];
    for (const change of pending) {
      if (change.id === this.#options.id) continue;
      if (landed.has(change.id) || change.until <= now) settled.push(change.ref);
      else open.push(change);
    }
    return { open, settled };
  }

  /**
   * The oldest of `sorted` (oldest first) the remote trusts, or `own` when it is older than all of those. Checking
   * costs a signature check or an API call per change, so only as many are checked as it takes to find the leader.
   */
  async #oldestTrusted(config: GitopsConfig, sorted: readonly PendingChange[], own: PendingChange) {
    for (const candidate of sorted) {
      if (olderFirst(own, candidate) <= 0) return own;
      const [accepted] = await this.#options.remote.trusted(config, [candidate]);
      if (accepted) return accepted;
    }
    return own;
  }

  #waitOn(leader: PendingChange, tip: string, waiters: number): QueueStep {
    this.#options.logger.info(
      `Waiting while the pipeline of ${changeSubject(leader.record)} lands the pending changes, this one among them`,
    );
    const now = this.#now();
    this.#waitingOn = { leader, tip, since: now, began: now };
    return { kind: 'wait', waiters };
  }

  /** Whether to go on waiting: ours and the leader's pending, and the branch moving or not still for long. */
  async #keepWaiting(): Promise<boolean> {
    const waiting = this.#waitingOn;
    if (!waiting || !this.#published) return false;
    const { tip, refs } = await this.#options.remote.look();
    this.#pendingNow = refs.size;
    if (!refs.has(this.#published.ref) || !refs.has(waiting.leader.ref)) return false;
    const now = this.#now();
    if (tip !== waiting.tip) Object.assign(waiting, { tip, since: now });
    if (now - waiting.since < stallMs && now - waiting.began < longestWaitMs) return true;
    const seconds = Math.round((now - waiting.began) / 1000);
    this.#options.logger.info(
      `The pipeline of ${changeSubject(waiting.leader.record)} has not landed the pending changes in ${seconds} s; landing them from here`,
    );
    this.#waits = false;
    return false;
  }
}

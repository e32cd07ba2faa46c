// The pending-change queue against a remote kept in memory: what each pipeline decides when pushes race, when the
// one it waits on stalls or dies, and when someone who is not a pipeline writes a pending ref. The same protocol
// runs on real git in test/deploy-carry.itg.test.ts and test/pending-trust.itg.test.ts.
import { type ChangeRecord, parseChangeRecord } from '@gitops/audit';
import type { GitopsConfig } from '@gitops/config';
import { RecordingLogger } from '@gitops/log';
import { describe, expect, test } from 'vitest';
import { type PendingChange, pendingMessage } from '../src/landing/pending';
import { longestWaitMs, PendingQueue, type QueueStep, stallMs } from '../src/landing/pending-queue';
import type { PendingRemote } from '../src/landing/pending-remote';

const config = {} as GitopsConfig;
const prefix = 'refs/gitops/pending/main/';

/** The server: the branch's tip, the pending refs, and which change each landed commit carries. */
class FakeServer {
  tip = 'c0';
  readonly pending = new Map<string, PendingChange>();
  readonly landed = new Map<string, string>();
  now = Date.parse('2026-12-06T12:00:00Z');
  looks = 0;

  /** Lands these changes in one commit and removes their pending refs, as an atomic push does. */
  land(ids: readonly string[]): string {
    this.tip = `c${Number(this.tip.slice(1)) + 1}`;
    for (const id of ids) {
      this.landed.set(id, this.tip);
      this.pending.delete(`${prefix}${id}`);
    }
    return this.tip;
  }

  /** A pipeline's view: it trusts the changes whose ids `trusts` accepts; `refuses` makes publishing fail. */
  remote(options: { trusts?: (id: string) => boolean; refuses?: string; unusable?: string } = {}): PendingRemote {
    const trusts = options.trusts ?? (() => true);
    return {
      look: async () => {
        this.looks++;
        return { tip: this.tip, refs: new Set(this.pending.keys()) };
      },
      refresh: async () => undefined,
      fetch: async () => ({
        tip: this.tip,
        pending: [...this.pending.values()].sort((a, b) => Date.parse(a.author.date) - Date.parse(b.author.date)),
        landed: new Map(this.landed),
      }),
      publish: async ({ message, author, ref }) => {
        if (options.refuses) return { published: false, reason: options.refuses };
        this.pending.set(ref, pendingOf(message, author, ref));
        return { published: true, date: author.date };
      },
      withdraw: async (ref) => {
        this.pending.delete(ref);
      },
      trusted: async (_config, pending) => pending.filter((change) => trusts(change.id)),
      unusable: () => options.unusable,
    };
  }
}

/** The pending change a published message stands for, read back from its trailers as a pipeline reads it. */
function pendingOf(message: string, author: PendingChange['author'], ref: string): PendingChange {
  const trailers = message
    .split('\n')
    .filter((line) => /^[\w-]+: /.test(line))
    .map((line) => line.split(/: (.*)/s).slice(0, 2) as [string, string]);
  const record = parseChangeRecord(trailers) as ChangeRecord;
  const until = Date.parse(trailers.find(([key]) => key === 'Gitops-Pending-Until')?.[1] ?? '');
  return { ref, sha: ref, id: record.change as string, record, author, until };
}

const record = (app: string): ChangeRecord => ({
  action: 'deploy',
  environment: 'dev',
  apps: [{ app, image: `registry.example/${app}:1.0.0` }],
});

function pipeline(server: FakeServer, id: string, remote = server.remote()) {
  const logger = new RecordingLogger();
  const queue = new PendingQueue({
    remote,
    id,
    ref: `${prefix}${id}`,
    author: { name: 'gitops', email: 'gitops@localhost' },
    until: server.now + 270_000,
    logger,
    now: () => server.now,
  });
  const next = () => queue.next(async () => config);
  return { queue, logger, next, id };
}

/** Two pipelines whose pushes were rejected, the leader's change published a second before the waiter's. */
async function rejectedTogether() {
  const server = new FakeServer();
  const leader = pipeline(server, 'aaaa');
  const waiter = pipeline(server, 'bbbb');
  await leader.queue.rejected(config, record('web'));
  server.now += 1_000;
  await waiter.queue.rejected(config, record('api'));
  return { server, leader, waiter };
}

const carriedIds = (step: QueueStep) => (step.kind === 'land' ? step.carry.map((change) => change.id) : undefined);

describe('PendingQueue', () => {
  test('two pipelines rejected together: the older carries the younger, which finds its change landed', async () => {
    const server = new FakeServer();
    const older = pipeline(server, 'aaaa');
    const younger = pipeline(server, 'bbbb');
    await older.queue.rejected(config, record('web'));
    server.now += 1_000;
    await younger.queue.rejected(config, record('api'));
    expect(server.pending.size).toBe(2);

    // The younger waits on the older, and only looks while it does.
    expect(await younger.next()).toEqual({ kind: 'wait', waiters: 2 });
    expect(younger.logger.messages('info')[0]).toMatch(/^Waiting while the pipeline of deploy\(dev\): web/);
    expect(await younger.next()).toEqual({ kind: 'wait', waiters: 2 });
    expect(server.looks).toBe(1);

    // The older leads: it looks once more for others still publishing, then lands them all with its own.
    expect(await older.next()).toEqual({ kind: 'wait' });
    const step = await older.next();
    expect(carriedIds(step)).toEqual(['bbbb']);
    expect(step.kind === 'land' && step.settled).toEqual([`${prefix}aaaa`]);
    const commit = server.land(['aaaa', 'bbbb']);
    older.queue.landed();

    // The younger's pending ref went with that push: it stops waiting and finds the commit that landed it.
    expect(await younger.next()).toEqual({ kind: 'carried', commit });
  });

  test('a leader whose branch stands still is waited on no longer: the waiter lands both', async () => {
    const { server, waiter } = await rejectedTogether();
    expect((await waiter.next()).kind).toBe('wait');
    server.now += stallMs - 1;
    expect((await waiter.next()).kind).toBe('wait');
    server.now += 1;
    const step = await waiter.next();
    expect(carriedIds(step)).toEqual(['aaaa']);
    expect(waiter.logger.messages('info').at(-1)).toMatch(/has not landed the pending changes in 10 s; landing them/);
    // It never waits again, even on a leader that comes back.
    expect(carriedIds(await waiter.next())).toEqual(['aaaa']);
  });

  test('a branch that keeps moving under a leader is waited on for longestWaitMs at most', async () => {
    const { server, waiter } = await rejectedTogether();
    expect((await waiter.next()).kind).toBe('wait');
    let looks = 0;
    for (; looks < 100; looks++) {
      server.land([]); // someone else's commits keep landing
      server.now += stallMs / 2;
      if ((await waiter.next()).kind !== 'wait') break;
    }
    expect(looks).toBe(Math.ceil(longestWaitMs / (stallMs / 2)) - 1);
  });

  test('a leader that dies (withdraws or expires) is waited on no longer', async () => {
    for (const death of ['withdraws', 'expires'] as const) {
      const { server, leader, waiter } = await rejectedTogether();
      expect((await waiter.next()).kind).toBe('wait');
      if (death === 'withdraws') await leader.queue.withdraw();
      else server.now += 270_000;
      // Withdrawn, its ref is gone at the next look; expired, it is still there but past its time: not carried,
      // and its ref goes with our push.
      const step = await waiter.next();
      expect(step.kind).toBe('land');
      expect(carriedIds(step)).toEqual([]);
      expect(step.kind === 'land' && step.settled).toEqual(
        death === 'withdraws' ? [`${prefix}bbbb`] : [`${prefix}bbbb`, `${prefix}aaaa`],
      );
    }
  });

  test('a forged pending change is neither waited on nor carried', async () => {
    const server = new FakeServer();
    const trusts = (id: string) => id !== 'f0f0';
    const forger = pipeline(server, 'f0f0');
    await forger.queue.rejected(config, { ...record('web'), apps: [{ app: 'web', image: 'evil.example/web:1' }] });
    server.now += 1_000;
    const honest = pipeline(server, 'bbbb', server.remote({ trusts }));
    await honest.queue.rejected(config, record('api'));
    // The forged one is older, yet ours leads, and lands alone.
    expect(await honest.next()).toEqual({ kind: 'land', carry: [], settled: [`${prefix}bbbb`] });
    expect(server.pending.has(`${prefix}f0f0`)).toBe(true);
  });

  test('no pending change where none can be checked, or where the server refuses it', async () => {
    for (const remoteOptions of [{ unusable: 'commits are not signed' }, { refuses: 'refs are protected' }]) {
      const server = new FakeServer();
      const alone = pipeline(server, 'aaaa', server.remote(remoteOptions));
      await alone.queue.rejected(config, record('web'));
      expect(alone.queue.published).toBe(false);
      expect(server.pending.size).toBe(0);
      expect(alone.logger.messages('info')[0]).toMatch(/retry loop alone|does not take pending changes/);
      // From then on each attempt fetches the branch and lands alone, even when others publish.
      await pipeline(server, 'bbbb').queue.rejected(config, record('api'));
      expect(await alone.next()).toEqual({ kind: 'land', carry: [], settled: [] });
      await alone.queue.rejected(config, record('web'));
      expect(alone.logger.messages('info')).toHaveLength(1);
    }
  });

  test('the message it publishes reads back as the change, with until when it may be carried', async () => {
    const server = new FakeServer();
    const one = pipeline(server, 'abcd');
    await one.queue.rejected(config, record('web'));
    const [published] = [...server.pending.values()];
    expect(published?.record).toMatchObject({ ...record('web'), change: 'abcd' });
    expect(published?.until).toBe(server.now + 270_000);
    expect(pendingMessage({ ...record('web'), change: 'abcd' }, new Date(server.now))).toContain('Gitops-Change: abcd');
    await one.queue.withdraw();
    expect(server.pending.size).toBe(0);
  });
});

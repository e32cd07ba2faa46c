// Freeze windows: read from gitops.yaml, checked with file:line, and in force on the wall clock of their zone.
import { describe, expect, test } from 'vitest';
import { activeFreeze } from '../src/freeze';
import { ConfigError, findEnvironment, parseConfig } from '../src/index';
import { makeRepository } from './repository';

const root = makeRepository();

function prod(freeze: string) {
  const text = `environments:\n  dev:\n    path: envs/dev\n  prod:\n    path: envs/prod\n    freeze:\n${freeze}`;
  return findEnvironment(parseConfig(text, { root, file: 'gitops.yaml' }), 'prod');
}

function problems(freeze: string): string[] {
  try {
    prod(freeze);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('freeze windows', () => {
  test('dates run from the first day 00:00 to the end of the last, in the zone given', () => {
    const { freeze } = prod('      - {from: 2026-12-20, to: 2027-01-04, reason: "year end", zone: Europe/Berlin}\n');
    expect(activeFreeze(freeze, new Date('2026-12-19T22:59:00Z'))).toBeUndefined();
    const inside = activeFreeze(freeze, new Date('2026-12-19T23:00:00Z'));
    expect(inside).toMatchObject({ untilText: '2027-01-05 00:00 Europe/Berlin', window: { reason: 'year end' } });
    expect(inside?.until.toISOString()).toBe('2027-01-04T23:00:00.000Z');
    expect(activeFreeze(freeze, new Date('2027-01-04T23:00:00Z'))).toBeUndefined();
  });

  test('a weekly window wraps the weekend and follows daylight saving time', () => {
    const { freeze } = prod('      - {weekly: "fri 16:00 - mon 08:00", zone: Europe/Berlin}\n');
    // Friday 2026-03-27 15:59 in Berlin (CET, UTC+1): open. Summer time starts on Sunday the 29th.
    expect(activeFreeze(freeze, new Date('2026-03-27T14:59:00Z'))).toBeUndefined();
    const friday = activeFreeze(freeze, new Date('2026-03-27T15:00:00Z'));
    // Monday 08:00 in Berlin is CEST (UTC+2) by then.
    expect(friday?.until.toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(friday?.untilText).toBe('2026-03-30 08:00 Europe/Berlin');
    expect(activeFreeze(freeze, new Date('2026-03-30T05:59:00Z'))).toBeDefined();
    expect(activeFreeze(freeze, new Date('2026-03-30T06:00:00Z'))).toBeUndefined();
    // A window within one day, in UTC by default.
    const lunch = prod('      - {weekly: "wed 12:00 - wed 13:30"}\n').freeze;
    expect(activeFreeze(lunch, new Date('2026-12-09T12:30:00Z'))?.untilText).toBe('2026-12-09 13:30 UTC');
    expect(activeFreeze(lunch, new Date('2026-12-10T12:30:00Z'))).toBeUndefined();
  });

  test('each bad window is one line that names file:line, the key and what is wrong', () => {
    expect(problems('      - {weekly: "fri 16:00 - mon 08:00", zone: Mars/Olympus}\n')).toEqual([
      'gitops.yaml:7:49: environments.prod.freeze[0].zone: unknown time zone "Mars/Olympus"; use an IANA name such as Europe/Berlin',
    ]);
    expect(problems('      - {weekly: "friday afternoon"}\n')[0]).toMatch(
      /^gitops\.yaml:7:\d+: environments\.prod\.freeze\[0\]\.weekly: "friday afternoon" is not a weekly window: write it as "fri 16:00 - mon 08:00"/,
    );
    expect(problems('      - {from: 2027-01-04, to: 2026-12-20}\n')[0]).toMatch(
      /environments\.prod\.freeze\[0\]\.to: the window ends \(2026-12-20\) before it starts \(2027-01-04\)$/,
    );
    expect(problems('      - {from: 2026-02-30, to: 2026-03-02}\n')[0]).toMatch(
      /freeze\[0\]\.from: "2026-02-30" is not a date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM$/,
    );
    expect(problems('      - {reason: "no dates"}\n')[0]).toMatch(
      /a freeze window needs from and to \(dates\), or weekly$/,
    );
    expect(problems('      - {weekly: "fri 16:00 - mon 08:00", from: 2026-12-20, to: 2026-12-21}\n')[0]).toMatch(
      /is either dates \(from, to\) or weekly, not both$/,
    );
  });
});

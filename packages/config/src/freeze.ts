// Freeze windows (gitops.yaml `freeze:` of an environment): spans of dates, or weekly spans of a time zone, in
// which deploy and promote refuse to change the environment. Rollback is never refused: it is the remedy. Times
// are the wall clock of the window's zone (IANA, default UTC), as the team that wrote it reads a calendar, so a
// Friday-afternoon window follows daylight saving time.

/** One freeze window, read and checked. */
export type FreezeWindow = { readonly zone: string; readonly reason: string | undefined } & (
  | { readonly kind: 'dates'; readonly from: LocalTime; readonly to: LocalTime; readonly toEndOfDay: boolean }
  | { readonly kind: 'weekly'; readonly text: string; readonly start: number; readonly end: number }
);

/** A wall-clock time: year, month (1–12), day, hour, minute. */
type LocalTime = readonly [number, number, number, number, number];

/** A window in force now, and when it ends. */
export interface ActiveFreeze {
  readonly window: FreezeWindow;
  readonly until: Date;
  /** `2027-01-05 00:00 Europe/Berlin`: the end as the window's zone reads it. */
  readonly untilText: string;
}

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const minutesPerWeek = 7 * 24 * 60;

/** A window from gitops.yaml's entry, or the problem with it and the key it is at. */
export function readFreezeWindow(raw: Record<string, unknown>): FreezeWindow | { problem: string; key: string } {
  const zone = typeof raw.zone === 'string' ? raw.zone : 'UTC';
  if (!validZone(zone))
    return { problem: `unknown time zone "${zone}"; use an IANA name such as Europe/Berlin`, key: 'zone' };
  const reason = typeof raw.reason === 'string' ? raw.reason : undefined;
  const dated = raw.from !== undefined || raw.to !== undefined;
  if (typeof raw.weekly === 'string' && dated)
    return { problem: 'a window is either dates (from, to) or weekly, not both', key: 'weekly' };
  if (!dated && typeof raw.weekly !== 'string')
    return { problem: 'a freeze window needs from and to (dates), or weekly', key: 'from' };
  if (typeof raw.weekly === 'string') {
    const span = weeklySpan(raw.weekly);
    return 'problem' in span ? { ...span, key: 'weekly' } : { kind: 'weekly', text: raw.weekly, ...span, zone, reason };
  }
  const from = localTime(raw.from);
  const to = localTime(raw.to);
  if (!from)
    return { problem: `"${String(raw.from)}" is not a date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM`, key: 'from' };
  if (!to) return { problem: `"${String(raw.to)}" is not a date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM`, key: 'to' };
  const window: FreezeWindow = { kind: 'dates', from: from.time, to: to.time, toEndOfDay: to.dateOnly, zone, reason };
  const { start, end } = datesSpan(window);
  if (end <= start)
    return { problem: `the window ends (${String(raw.to)}) before it starts (${String(raw.from)})`, key: 'to' };
  return window;
}

/** The first of `windows` in force at `now`, with its end; undefined when none is. */
export function activeFreeze(windows: readonly FreezeWindow[], now: Date): ActiveFreeze | undefined {
  const at = now.getTime();
  for (const window of windows) {
    const until = window.kind === 'dates' ? datesUntil(window, at) : weeklyUntil(window, at);
    if (until !== undefined) return { window, until: new Date(until), untilText: wallText(until, window.zone) };
  }
  return undefined;
}

function datesSpan(window: Extract<FreezeWindow, { kind: 'dates' }>): { start: number; end: number } {
  const start = zonedToUtc(window.from, window.zone);
  const [y, m, d, h, min] = window.to;
  const end = zonedToUtc(window.toEndOfDay ? [y, m, d + 1, 0, 0] : [y, m, d, h, min], window.zone);
  return { start, end };
}

function datesUntil(window: Extract<FreezeWindow, { kind: 'dates' }>, at: number): number | undefined {
  const { start, end } = datesSpan(window);
  return at >= start && at < end ? end : undefined;
}

function weeklyUntil(window: Extract<FreezeWindow, { kind: 'weekly' }>, at: number): number | undefined {
  const wall = wallClock(at, window.zone);
  const minute = wall.weekday * 1440 + wall.hour * 60 + wall.minute;
  const { start, end } = window;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return undefined;
  const ahead = (end - minute + minutesPerWeek) % minutesPerWeek;
  const dayOffset = Math.floor((minute + ahead) / 1440) - Math.floor(minute / 1440);
  return zonedToUtc([wall.year, wall.month, wall.day + dayOffset, Math.floor(end / 60) % 24, end % 60], window.zone);
}

/** `fri 16:00 - mon 08:00` as minutes of the week (Monday 00:00 is 0), or the problem with it. */
function weeklySpan(text: string): { start: number; end: number } | { problem: string } {
  const match = /^\s*([a-z]+)\s+(\d{1,2}):(\d{2})\s*-\s*([a-z]+)\s+(\d{1,2}):(\d{2})\s*$/i.exec(text);
  const problem = `"${text}" is not a weekly window: write it as "fri 16:00 - mon 08:00" (days mon to sun, 24-hour times)`;
  if (!match) return { problem };
  const start = weekMinute(match[1], match[2], match[3]);
  const end = weekMinute(match[4], match[5], match[6]);
  if (start === undefined || end === undefined) return { problem };
  if (start === end) return { problem: `"${text}" starts when it ends: a weekly window needs some time` };
  return { start, end };
}

function weekMinute(day = '', hour = '', minute = ''): number | undefined {
  const index = days.indexOf(day.slice(0, 3).toLowerCase());
  const h = Number(hour);
  const m = Number(minute);
  if (index < 0 || h > 23 || m > 59) return undefined;
  return index * 1440 + h * 60 + m;
}

/** `2026-12-20` or `2026-12-20T16:00` (a YAML timestamp read as a Date too). */
function localTime(value: unknown): { time: LocalTime; dateOnly: boolean } | undefined {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [y, mo, d, h, mi] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  return { time: [y, mo, d, h, mi], dateOnly: match[4] === undefined };
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 0 Monday … 6 Sunday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

function wallClock(at: number, zone: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: days.indexOf(part('weekday').toLowerCase()),
    hour: Number(part('hour')) % 24,
    minute: Number(part('minute')),
  };
}

/** The instant a wall-clock time of `zone` names (the later one of a repeated hour, the next of a skipped one). */
function zonedToUtc([y, mo, d, h, mi]: LocalTime, zone: string): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offset = (at: number) => {
    const wall = wallClock(at, zone);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - Math.floor(at / 60_000) * 60_000;
  };
  const first = asUtc - offset(asUtc);
  return asUtc - offset(first);
}

function wallText(at: number, zone: string): string {
  const wall = wallClock(at, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${wall.year}-${two(wall.month)}-${two(wall.day)} ${two(wall.hour)}:${two(wall.minute)} ${zone}`;
}

/** An environment's `freeze:` list, each window checked; `problem` gets the index path and what is wrong. */
export function freezeWindows(
  raw: unknown,
  problem: (where: (string | number)[], text: string) => void,
): FreezeWindow[] {
  if (!Array.isArray(raw)) return [];
  const windows: FreezeWindow[] = [];
  raw.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null) return; // the schema says so
    const window = readFreezeWindow(entry as Record<string, unknown>);
    if ('problem' in window) problem([index, window.key], window.problem);
    else windows.push(window);
  });
  return windows;
}

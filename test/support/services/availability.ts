// Whether a service the tests need is here. Locally a missing one skips its tests with a reason;
// in CI (CI=true) it fails them: a green CI must never mean "nothing was tested".
import { spawnSync } from 'node:child_process';

export interface Availability {
  available: boolean;
  reason: string;
}

export function requireService(name: string, check: () => Availability): Availability {
  const result = check();
  if (!result.available && process.env.CI === 'true') {
    throw new Error(`${name} is required in CI but is not available: ${result.reason}`);
  }
  if (!result.available) process.stderr.write(`skipping tests that need ${name}: ${result.reason}\n`);
  return result;
}

export function commandAvailable(command: string, args: string[] = ['--version']): Availability {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 15_000 });
  if (result.error) return { available: false, reason: `${command}: ${result.error.message}` };
  if (result.status !== 0)
    return {
      available: false,
      reason: `${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.trim()}`,
    };
  return { available: true, reason: '' };
}

/** A Docker engine answers (not only the client binary). */
export function dockerEngine(): Availability {
  const result = commandAvailable('docker', ['version', '--format', '{{.Server.Version}}']);
  return result.available ? result : { available: false, reason: `no Docker engine answers: ${result.reason}` };
}

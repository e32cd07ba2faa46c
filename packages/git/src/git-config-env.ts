// Settings handed to git through the environment (GIT_CONFIG_COUNT, GIT_CONFIG_KEY_n, GIT_CONFIG_VALUE_n), added
// after the ones already there rather than over them.

/**
 * `env` with `entries` added as GIT_CONFIG_KEY_n/VALUE_n after the settings already there: those of `env`, else
 * those the process carries. A runner's or user's own settings given this way (a `url.<base>.insteadOf`, a proxy)
 * stay in force beside ours instead of being overwritten at index 0.
 */
export function withGitConfig(
  env: Record<string, string>,
  entries: readonly (readonly [string, string])[],
  inherited: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const given = env.GIT_CONFIG_COUNT ?? inherited.GIT_CONFIG_COUNT ?? '0';
  // A count that is not a small number is git's error to report; ours start after nothing then.
  const count = /^\d{1,4}$/.test(given) ? Number(given) : 0;
  const added: Record<string, string> = { GIT_CONFIG_COUNT: String(count + entries.length) };
  for (const [index, [key, value]] of entries.entries()) {
    added[`GIT_CONFIG_KEY_${count + index}`] = key;
    added[`GIT_CONFIG_VALUE_${count + index}`] = value;
  }
  return { ...env, ...added };
}

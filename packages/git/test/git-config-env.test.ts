import { describe, expect, test } from 'vitest';
import { withGitConfig } from '../src/git-config-env';

describe('settings handed to git through GIT_CONFIG_*', () => {
  test('come after those the process already carries, which stay in force', () => {
    const inherited = {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'url.git://127.0.0.1:9418/.insteadOf',
      GIT_CONFIG_VALUE_0: 'git@github.com:',
    };
    expect(withGitConfig({}, [['maintenance.auto', 'false']], inherited)).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_1: 'maintenance.auto',
      GIT_CONFIG_VALUE_1: 'false',
    });
  });

  test('come after those of the environment being built, and start at 0 without any', () => {
    const header = withGitConfig({}, [['http.https://host/.extraheader', 'AUTHORIZATION: basic x']], {});
    expect(header).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://host/.extraheader',
      GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic x',
    });
    expect(withGitConfig(header, [['maintenance.auto', 'false']], { GIT_CONFIG_COUNT: '7' })).toMatchObject({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_1: 'maintenance.auto',
    });
  });

  test('a count that is not a number is left for git to refuse', () => {
    expect(withGitConfig({}, [['a.b', 'c']], { GIT_CONFIG_COUNT: 'x' })).toMatchObject({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'a.b',
    });
  });
});

// The change inputs read from the engine's spec, as the runner gives them (INPUT_* variables).
import { changeOptionSpecs } from '@gitops/delivery';
import { afterEach, describe, expect, test } from 'vitest';
import { changeInputs } from '../src/change-inputs';

const variable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** The inputs as action.yml's defaults would give them, with `given` on top. */
function withInputs(given: Record<string, string>) {
  for (const spec of changeOptionSpecs) process.env[variable(spec.name)] = '';
  process.env[variable('config')] = 'gitops.yaml';
  process.env[variable('committer')] = 'gitops <gitops@localhost>';
  process.env[variable('auto-merge')] = 'false';
  process.env[variable('dry-run')] = 'false';
  process.env[variable('allow-rejected')] = 'false';
  process.env[variable('push-attempts')] = '30';
  process.env[variable('push-timeout')] = '300';
  process.env[variable('git-timeout')] = '60';
  for (const [name, value] of Object.entries(given)) process.env[variable(name)] = value;
}

describe('change inputs', () => {
  afterEach(() => {
    for (const spec of changeOptionSpecs) delete process.env[variable(spec.name)];
  });

  test('every input of the spec, read by its kind; an empty optional one is left to the engine', () => {
    withInputs({
      via: 'pull-request',
      'pull-request-labels': 'deploy\nurgent, gitops',
      'push-attempts': '5',
      'auto-merge': 'true',
    });
    expect(changeInputs()).toEqual({
      branch: undefined,
      config: 'gitops.yaml',
      via: 'pull-request',
      committer: 'gitops <gitops@localhost>',
      labels: ['deploy', 'urgent', 'gitops'],
      autoMerge: true,
      pushAttempts: 5,
      pushTimeoutSeconds: 300,
      gitTimeoutSeconds: 60,
      commitSigning: undefined,
      overrideFreeze: undefined,
      allowRejected: false,
      dryRun: false,
    });
  });

  test('a bad value names the input, in the same words as the CLI uses for its flag', () => {
    withInputs({ 'push-timeout': 'soon' });
    expect(() => changeInputs()).toThrowError('input push-timeout must be a whole number from 1 to 3600, not "soon"');
    withInputs({ 'commit-signing': 'gpg' });
    expect(() => changeInputs()).toThrowError('input commit-signing must be one of none, github, ssh, not "gpg"');
    // What action.yml gives a default is required: emptied, it is a mistake. What it leaves empty is optional.
    withInputs({ committer: ' ' });
    expect(() => changeInputs()).toThrowError('input committer is required');
    withInputs({ branch: '' });
    expect(changeInputs().branch).toBeUndefined();
  });
});

// `gitops config check`: load gitops.yaml and show what it resolves to, or every problem in it.
import { ConfigError, type GitopsConfig, imageFor, loadConfig, resolveTargets } from '@gitops/config';
import { formatImageRef } from '@gitops/image-ref';
import { textTable as table } from '@gitops/markup';
import { type Command, exitCodes } from '../command';
import { reportProblems } from '../report';

export const configCheck: Command = {
  path: ['config', 'check'],
  summary: 'check gitops.yaml and print the environments and apps it resolves to',
  help: `Usage: gitops config check [--config FILE] [--json]

Loads gitops.yaml (or, without one, the envs/ or environments/ folders), checks it and prints the
environments in promotion order and where each app's image is written in each environment.

Options:
  --config FILE   gitops.yaml to read (default: ./gitops.yaml; its folder is the repository root)
  --json          print the result as JSON
  -h, --help      show this help

Exit codes: 0 valid, 1 invalid configuration (every problem is listed), 2 usage error.`,
  options: { config: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, output) {
    const json = values.json === true;
    let config: GitopsConfig;
    try {
      config = loadConfig(typeof values.config === 'string' ? { config: values.config } : {});
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (json) {
        output.out(JSON.stringify({ valid: false, problems: error.problems }, null, 2));
      } else {
        reportProblems(
          output,
          error.problems.map((problem) => ({
            location: problem.location,
            message: `${problem.key ? `${problem.key}: ` : ''}${problem.message}`,
          })),
          'gitops.yaml',
        );
      }
      return exitCodes.failed;
    }
    output.out(json ? JSON.stringify({ valid: true, ...describeConfig(config) }, null, 2) : renderConfig(config));
    return exitCodes.ok;
  },
};

export function describeConfig(config: GitopsConfig) {
  return {
    file: config.file ?? null,
    source: config.file === undefined ? 'convention' : 'file',
    environments: config.environments.map((environment) => ({
      name: environment.name,
      path: environment.path,
      promoteFrom: environment.promoteFrom ?? null,
      via: environment.via,
      requireDigest: environment.requireDigest,
    })),
    apps: config.apps.map((app) => ({
      name: app.name,
      image: formatImageRef(app.image),
      imagePolicy: app.imagePolicy ?? null,
      environments: Object.fromEntries(
        config.environments.map((environment) => [
          environment.name,
          {
            image: formatImageRef(imageFor(app, environment.name)),
            targets: resolveTargets(app, environment.name).map(({ file, path, write }) => ({
              file,
              path: path ?? null,
              write,
            })),
          },
        ]),
      ),
    })),
    policies: config.policies,
  };
}

function renderConfig(config: GitopsConfig): string {
  const lines: string[] = [];
  const source = config.file ?? `${config.root} (no gitops.yaml: environments found by convention)`;
  lines.push(
    `${source}: valid, ${count(config.environments.length, 'environment')}, ${count(config.apps.length, 'app')}`,
  );
  lines.push('', 'Environments, in promotion order:');
  lines.push(
    table([
      ['NAME', 'PATH', 'PROMOTE-FROM', 'VIA', 'REQUIRE-DIGEST'],
      ...config.environments.map((e) => [e.name, e.path, e.promoteFrom ?? '-', e.via, e.requireDigest ? 'yes' : 'no']),
    ]),
  );
  if (config.apps.length === 0) {
    lines.push('', 'Apps: none declared; deploy finds each app by its image in the manifests.');
  }
  for (const app of config.apps) {
    lines.push(
      '',
      `App ${app.name}: ${formatImageRef(app.image)}${app.imagePolicy ? ` (Flux policy ${app.imagePolicy})` : ''}`,
    );
    const rows: string[][] = [['ENVIRONMENT', 'IMAGE', 'TARGET']];
    for (const environment of config.environments) {
      const image = formatImageRef(imageFor(app, environment.name));
      const targets = resolveTargets(app, environment.name);
      if (targets.length === 0)
        rows.push([environment.name, image, `any file under ${environment.path} that uses the image`]);
      targets.forEach((target, index) => {
        const where = target.path ? `${target.file} at ${target.path} (${target.write})` : target.file;
        rows.push(index === 0 ? [environment.name, image, where] : ['', '', where]);
      });
    }
    lines.push(table(rows));
  }
  return lines.join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

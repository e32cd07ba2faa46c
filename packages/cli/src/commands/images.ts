// `gitops images`: the image every app runs in every environment, and where it is written.
import { loadConfig } from '@gitops/config';
import { formatImageRef } from '@gitops/image-ref';
import { formatLocation } from '@gitops/log';
import { readEnvironmentImages } from '@gitops/manifests';
import { textTable as table } from '@gitops/markup';
import { type Command, exitCodes } from '../command';
import { reportProblems } from '../report';

export const images: Command = {
  path: ['images'],
  summary: 'show the image of each app in each environment, with file:line',
  help: `Usage: gitops images [--config FILE] [--env ENVIRONMENT] [--app APP] [--json]

Reads every app's image from its targets in gitops.yaml (or, without targets, from every YAML file of the
environment's folder) and prints it per environment with the file:line of each place it is written.

Options:
  --config FILE        gitops.yaml to read (default: ./gitops.yaml)
  --env ENVIRONMENT    only this environment
  --app APP            only this app
  --json               print JSON: [{environment, app, image, sites: [{file, line, column, kind, part, value}], problems}]
  -h, --help           show this help

Exit codes: 0 read, 1 some image could not be read (places that disagree, invalid YAML), 2 usage error.`,
  options: { config: { type: 'string' }, env: { type: 'string' }, app: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, output) {
    const config = loadConfig(typeof values.config === 'string' ? { config: values.config } : {});
    const filter = {
      ...(typeof values.env === 'string' ? { environment: values.env } : {}),
      ...(typeof values.app === 'string' ? { app: values.app } : {}),
    };
    const found = readEnvironmentImages(config, filter);
    const problems = found.flatMap((entry) => entry.problems);
    if (values.json) {
      const rows = found.map((entry) => ({
        environment: entry.environment,
        app: entry.app,
        image: entry.image ? formatImageRef(entry.image) : null,
        sites: entry.sites.map((site) => ({ ...site.location, kind: site.kind, part: site.part, value: site.value })),
        problems: entry.problems,
      }));
      output.out(JSON.stringify(rows, null, 2));
    } else {
      const rows = found.map((entry) => [
        entry.environment,
        entry.app,
        entry.image ? formatImageRef(entry.image) : entry.problems.length ? '(places disagree)' : '(not found)',
        entry.sites.map((site) => formatLocation(site.location)).join(', '),
      ]);
      output.out(table([['ENVIRONMENT', 'APP', 'IMAGE', 'WHERE'], ...rows], ''));
    }
    if (problems.length) {
      reportProblems(output, problems, 'gitops');
      return exitCodes.failed;
    }
    return exitCodes.ok;
  },
};

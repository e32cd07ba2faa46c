// A config repository at the scale of a large organisation: `apps` apps in `environments` environments, as
// kustomize overlays. One shared base (a Deployment per app), one overlay per environment whose `images:` list
// pins every app by tag and digest; environments promoted one from the next. Made with one git fast-import.
import { execFileSync } from 'node:child_process';
import { digestOf } from './config-repo.mjs';

export const environmentName = (e) => `env-${String(e).padStart(2, '0')}`;

export function generateScaleRepo(bare, { apps = 300, environments = 20 } = {}) {
  const names = Array.from({ length: apps }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
  const envs = Array.from({ length: environments }, (_, e) => environmentName(e));
  let gitops = 'environments:\n';
  envs.forEach((env, e) => {
    gitops += `  ${env}:\n    path: envs/${env}\n    require-digest: false\n`;
    if (e > 0) gitops += `    promote-from: ${envs[e - 1]}\n`;
  });
  gitops += 'apps:\n';
  for (const app of names)
    gitops += `  ${app}:\n    image: ghcr.io/acme/${app}\n    targets:\n      - file: envs/{env}/kustomization.yaml\n`;
  const entries = [['gitops.yaml', gitops]];
  entries.push(['base/kustomization.yaml', `resources:\n${names.map((app) => `  - ${app}.yaml\n`).join('')}`]);
  for (const app of names) {
    entries.push([
      `base/${app}.yaml`,
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels:
    app.kubernetes.io/name: ${app}
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}
    spec:
      containers:
        - name: ${app}
          image: ghcr.io/acme/${app}:0.0.0
          resources:
            requests: { cpu: 10m, memory: 32Mi }
            limits: { memory: 64Mi }
`,
    ]);
  }
  envs.forEach((env, e) => {
    const images = names
      .map(
        (app, a) =>
          `  - name: ghcr.io/acme/${app}\n    newTag: "1.${e}.0"\n    digest: ${digestOf(e * 1000 + a + 1)}\n`,
      )
      .join('');
    entries.push([
      `envs/${env}/kustomization.yaml`,
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${env}\nresources:\n  - ../../base\nimages:\n${images}`,
    ]);
  });
  const blob = (text) => `data ${Buffer.byteLength(text)}\n${text}`;
  const lines = ['commit refs/heads/main', 'committer Bench <bench@invalid> 1700000000 +0000', blob('Initial config')];
  for (const [file, text] of entries) lines.push(`M 100644 inline ${file}`, blob(text));
  execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', bare]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: bare, input: `${lines.join('\n')}\n`, maxBuffer: 1 << 30 });
  execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: bare });
  return { apps: names, environments: envs, files: entries.length };
}

// The registry logins a generated workflow needs, the way each cloud recommends: OIDC where the cloud has it (no
// static password that expires within hours), the job's token for ghcr.io, a variable and a secret elsewhere. Every
// variable and secret name is a valid GitHub identifier (a letter first; never GITHUB_). Third-party actions are
// pinned by commit, the release in a comment.

/** A registry host, classified by its cloud. */
type Registry =
  | { readonly cloud: 'ghcr'; readonly host: string }
  | { readonly cloud: 'ecr'; readonly host: string; readonly account: string; readonly region: string }
  | { readonly cloud: 'gcp'; readonly host: string }
  | { readonly cloud: 'azure'; readonly host: string; readonly name: string }
  | { readonly cloud: 'other'; readonly host: string };

const pins = {
  dockerLogin: 'docker/login-action@74a5d142397b4f367a81961eba4e8cd7edddf772 # v3.4.0',
  awsCredentials: 'aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2',
  ecrLogin: 'aws-actions/amazon-ecr-login@062b18b96a7aff071d4dc91bc00c4c1a7945b076 # v2.0.1',
  gcpAuth: 'google-github-actions/auth@6fc4af4b145ae7821d527454aa9bd537d1f2dc5f # v2.1.7',
  azureLogin: 'azure/login@a65d910e8af852a8061c627c456678983e180302 # v2.2.0',
};

/** What a registry host is: ECR (`<account>.dkr.ecr.<region>.amazonaws.com`), Artifact Registry or GCR, ACR, … */
export function classifyRegistry(host: string): Registry {
  const lower = host.toLowerCase();
  if (lower === 'ghcr.io') return { cloud: 'ghcr', host };
  const ecr = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(lower);
  if (ecr) return { cloud: 'ecr', host, account: ecr[1] as string, region: ecr[2] as string };
  if (/^[a-z0-9-]+-docker\.pkg\.dev$/.test(lower) || /^(?:[a-z]+\.)?gcr\.io$/.test(lower))
    return { cloud: 'gcp', host };
  const acr = /^([a-z0-9]+)\.azurecr\.(?:io|cn|us)$/.exec(lower);
  if (acr) return { cloud: 'azure', host, name: acr[1] as string };
  return { cloud: 'other', host };
}

/** Whether the logins need the job's OIDC token (id-token: write). */
export function needsOidc(hosts: readonly string[]): boolean {
  return hosts.some((host) => ['ecr', 'gcp', 'azure'].includes(classifyRegistry(host).cloud));
}

/** The steps that log in to every registry in `hosts`, each cloud's sign-in once. */
export function registryLoginSteps(hosts: readonly string[]): string {
  const registries = hosts.map(classifyRegistry);
  const steps: string[] = [];
  const ecr = registries.filter((registry) => registry.cloud === 'ecr');
  for (const region of [...new Set(ecr.map((registry) => registry.region))]) steps.push(ecrLogin(ecr, region));
  if (registries.some((registry) => registry.cloud === 'gcp')) steps.push(gcpAuth());
  if (registries.some((registry) => registry.cloud === 'azure')) steps.push(azureAuth());
  for (const registry of registries) steps.push(login(registry));
  return steps.join('');
}

function ecrLogin(registries: readonly Extract<Registry, { cloud: 'ecr' }>[], region: string): string {
  const accounts = [...new Set(registries.filter((r) => r.region === region).map((r) => r.account))];
  return `      # ECR: an IAM role that trusts this repository's OIDC tokens (vars.AWS_ROLE_ARN), no access keys.
      - uses: ${pins.awsCredentials}
        with:
          role-to-assume: \${{ vars.AWS_ROLE_ARN }}
          aws-region: ${region}
      - uses: ${pins.ecrLogin}
        with:
          registries: ${accounts.join(',')}
`;
}

function gcpAuth(): string {
  return `      # Artifact Registry: workload identity federation (vars.GCP_WORKLOAD_IDENTITY_PROVIDER, vars.GCP_SERVICE_ACCOUNT).
      - uses: ${pins.gcpAuth}
        id: gcp-auth
        with:
          workload_identity_provider: \${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}
          service_account: \${{ vars.GCP_SERVICE_ACCOUNT }}
          token_format: access_token
`;
}

function azureAuth(): string {
  return `      # ACR: a federated credential of an Entra ID application (vars.AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_SUBSCRIPTION_ID).
      - uses: ${pins.azureLogin}
        with:
          client-id: \${{ vars.AZURE_CLIENT_ID }}
          tenant-id: \${{ vars.AZURE_TENANT_ID }}
          subscription-id: \${{ vars.AZURE_SUBSCRIPTION_ID }}
`;
}

/** The login to one registry, after its cloud's sign-in (amazon-ecr-login has logged in to ECR already). */
function login(registry: Registry): string {
  switch (registry.cloud) {
    case 'ecr':
      return '';
    case 'azure':
      return `      - run: az acr login --name ${registry.name}\n`;
    case 'gcp':
      return dockerLogin(registry.host, 'oauth2accesstoken', `\${{ steps.gcp-auth.outputs.access_token }}`);
    case 'ghcr':
      return dockerLogin(registry.host, `\${{ github.actor }}`, `\${{ secrets.GITHUB_TOKEN }}`);
    case 'other': {
      const key = `REGISTRY_${registry.host.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
      return dockerLogin(registry.host, `\${{ vars.${key}_USERNAME }}`, `\${{ secrets.${key}_PASSWORD }}`);
    }
  }
}

function dockerLogin(host: string, username: string, password: string): string {
  return `      - uses: ${pins.dockerLogin}
        with:
          registry: ${host}
          username: ${username}
          password: ${password}
`;
}

import { afterEach, describe, expect, test, vi } from 'vitest';
import { secretInput } from '../src/inputs';

const kubeconfig = `apiVersion: v1
clusters:
- name: prod
  cluster:
    server: https://k8s.acme.example:6443
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
users:
- name: gitops
  user:
    token: kube-token-0123456789abcdef
    client-key-data: "a2V5LWRhdGEtMDEyMzQ1Njc4OQ=="
`;

describe('secret inputs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.INPUT_KUBECONFIG;
  });

  test("a kubeconfig's credentials are masked on their own; its addresses stay readable", () => {
    process.env.INPUT_KUBECONFIG = kubeconfig;
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    expect(secretInput('kubeconfig')).toBe(kubeconfig.trim());
    const masks = written
      .join('')
      .match(/^::add-mask::(.*)$/gm)
      ?.map((line) => line.slice('::add-mask::'.length));
    expect(masks).toContain('kube-token-0123456789abcdef');
    expect(masks).toContain('a2V5LWRhdGEtMDEyMzQ1Njc4OQ==');
    expect(masks).toContain('token: kube-token-0123456789abcdef');
    expect(masks).not.toContain('https://k8s.acme.example:6443');
    expect(masks).not.toContain('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t');
    // Only what holds a credential: "apiVersion: v1" would otherwise vanish from every log line that has it.
    expect(masks).not.toContain('apiVersion: v1');
    expect(masks).not.toContain('- name: gitops');
  });

  test('a kubeconfig given as JSON has its token fields masked on their own', () => {
    const json = JSON.stringify({
      apiVersion: 'v1',
      clusters: [{ name: 'prod', cluster: { server: 'https://k8s.acme.example:6443' } }],
      users: [{ name: 'gitops', user: { token: 'json-token-0123456789', 'client-key-data': 'a2V5LWpzb24tZGF0YQ==' } }],
    });
    process.env.INPUT_KUBECONFIG = json;
    const masks = captureMasks(() => secretInput('kubeconfig'));
    expect(masks).toContain('json-token-0123456789');
    expect(masks).toContain('a2V5LWpzb24tZGF0YQ==');
    expect(masks).not.toContain('https://k8s.acme.example:6443');
  });

  test('a private key or a plain token is masked line by line', () => {
    process.env.INPUT_KUBECONFIG =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const masks = captureMasks(() => secretInput('kubeconfig'));
    expect(masks).toContain('b3BlbnNzaC1rZXktdjEAAAAA');
    expect(masks).toContain('-----BEGIN OPENSSH PRIVATE KEY-----');
  });
});

function captureMasks(run: () => unknown): string[] {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return (written.join('').match(/^::add-mask::(.*)$/gm) ?? []).map((line) => line.slice('::add-mask::'.length));
}

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
  });
});

// Where a registry's API is: https, except on loopback or for registries the user calls insecure.
export interface EndpointOptions {
  /** Hosts (host or host:port) that are spoken to over plain HTTP. */
  readonly insecureRegistries?: readonly string[];
}

const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

export function registryBaseUrl(registry: string, options: EndpointOptions = {}): string {
  const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
  const plain = loopback.test(host) || (options.insecureRegistries ?? []).includes(host);
  return `${plain ? 'http' : 'https'}://${host}`;
}

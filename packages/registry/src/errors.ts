// A registry said no, or said something we cannot trust: the message names the registry and what failed.
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

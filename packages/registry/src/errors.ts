// A registry said no, or said something we cannot trust: the message names the registry and what failed.
import { UserError, type UserErrorOptions } from '@gitops/errors';
export class RegistryError extends UserError {
  constructor(
    message: string,
    readonly status?: number,
    options: UserErrorOptions = {},
  ) {
    super(message, options);
    this.name = 'RegistryError';
  }
}

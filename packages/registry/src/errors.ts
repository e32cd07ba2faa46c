// A registry said no, or said something we cannot trust: the message names the registry and what failed.
import { UserError, type UserErrorOptions } from '@gitops/errors';
export class RegistryError extends UserError {
  constructor(
    message: string,
    readonly status?: number,
    options: UserErrorOptions = {},
    /** The last attempt got no answer at all (refused, reset, timed out): the registry may have acted on it. */
    readonly unanswered = false,
  ) {
    super(message, options);
    this.name = 'RegistryError';
  }
}

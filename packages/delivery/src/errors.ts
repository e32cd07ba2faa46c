// A change that cannot be made as asked: the user's input or the repository's state, never a bug.
import { UserError } from '@gitops/errors';
export class DeliveryError extends UserError {
  override name = 'DeliveryError';
}

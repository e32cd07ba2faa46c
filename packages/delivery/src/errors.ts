// A change that cannot be made as asked: the user's input or the repository's state, never a bug.
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

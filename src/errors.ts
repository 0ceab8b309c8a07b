/**
 * A problem the user can fix (bad input, bad flow file, missing permission): its message is shown
 * as is and names the input or file and the fix. Anything else is an internal or infrastructure error.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** Message of any thrown value, without a stack. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

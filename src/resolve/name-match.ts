/**
 * Matching a name against a list from Twilio for name references: found, not found (with the closest names),
 * ambiguous (naming every SID), or an answer that is not what it should be (a SID of another kind, a host
 * that is no host). Names from the file or from Twilio enter messages only through `quoted`.
 */
import { AccountListError } from '../studio/account-errors.ts';
import { closestName } from '../lint/suggest.ts';

export type Found<T> = { found: T } | { error: string; fix: string };

export const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
export const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
export const FUNCTION_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/** A name from Twilio or the file as it may stand in a message: one line, bounded, quoted. */
export function quoted(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters must not reach a message line
  const flat = name.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}…` : flat);
}

/** "Did you mean …?" or, with no close name, up to 5 of those there are. */
export function nearest(wanted: string, names: readonly string[], what: string): string {
  const guess = closestName(wanted, names);
  if (guess !== undefined) return `Did you mean ${quoted(guess)}?`;
  if (names.length === 0) return `There is no ${what} at all.`;
  const some = names.slice(0, 5).map(quoted).join(', ');
  return `Existing ${what}s: ${some}${names.length > 5 ? ` and ${names.length - 5} more` : ''}.`;
}

export function listError(error: unknown): { error: string; fix: string } {
  // The message gets its full stop where it is shown: a read error that ends its sentence does not keep its own.
  const line = ((error instanceof Error ? error.message : String(error)).split(/\r?\n/)[0] ?? '').replace(/\.+$/, '');
  return {
    error: `could not be looked up: ${line.length > 300 ? `${line.slice(0, 297)}…` : line}`,
    fix: fixForStatus(error instanceof AccountListError ? error.status : null),
  };
}

/** The advice fits what Twilio answered: a refusal is the credentials', a 5xx or no answer is Twilio's side. */
function fixForStatus(status: number | null): string {
  if (status === 401 || status === 403)
    return 'Check that the credentials may read Serverless, TaskRouter and Studio, and re-run; nothing was deployed.';
  if (status === 404)
    return "Check 'studio-url' (the Serverless and TaskRouter APIs are found beside it), and re-run; nothing was deployed.";
  return 'Twilio did not answer the list: re-run when it does (status.twilio.com); nothing was deployed.';
}

/** One thing of a list by a name: not found (with suggestions), ambiguous (naming every SID), or found. */
export function byName<T extends { sid: string }>(
  items: readonly T[],
  name: string,
  how: { nameOf: (item: T) => string; what: string; where: string; prefix: string },
): Found<T> {
  const matches = items.filter((item) => how.nameOf(item) === name);
  const first = matches[0];
  if (first === undefined) {
    return {
      error: `names no ${how.what} ${quoted(name)} ${how.where}`,
      fix: `${nearest(name, items.map(how.nameOf), how.what)} Fix the name, or create the ${how.what} first.`,
    };
  }
  if (matches.length > 1) {
    return {
      error: `is ambiguous: ${matches.length} ${how.what}s are named ${quoted(name)} ${how.where} (${matches.map((m) => quoted(m.sid)).join(', ')})`,
      fix: `Rename all but one of them in Twilio so the name is unique.`,
    };
  }
  if (!SID(how.prefix).test(first.sid)) {
    return {
      error: `found ${how.what} ${quoted(name)}, but Twilio answered ${quoted(first.sid)}, which is not a ${how.prefix}… SID`,
      fix: 'Check the studio-url (a proxy may answer for another API); nothing was deployed.',
    };
  }
  return { found: first };
}

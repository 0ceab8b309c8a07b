/**
 * The identity states that stop a flow, as error findings: each names the file's flow (name and
 * SID) and the fix. A deploy refuses when any check has an error, so none of these writes anything.
 */
import type { Finding } from '../document/types.ts';
import { shownText } from '../document/file-fields.ts';
import type { FlowIdentity } from './identity.ts';
import type { FlowIntent } from './intent.ts';

function sidOrigin(intent: FlowIntent, environment: string | undefined): string {
  return intent.sidSource === 'environment'
    ? `its "${environment ?? ''}" entry in the config file`
    : 'the file\'s own "sid"';
}

function sidFix(environment: string | undefined): string {
  return environment
    ? `Set the flow's SID under environments.${environment}.sid of this file's entry in the config file`
    : 'Add the flow\'s "sid" to the file';
}

/** The error finding of an identity, or undefined for `found` and `absent`. */
export function identityFinding(identity: FlowIdentity, environment?: string): Finding | undefined {
  const base = { severity: 'error', source: 'identity', rule: 'flow-identity' } as const;
  const { intent } = identity;
  const name = shownText(intent.friendlyName);
  switch (identity.state) {
    case 'sid-not-found':
      return {
        ...base,
        message: `No Studio flow has the SID ${identity.sid}, which ${sidOrigin(intent, environment)} gives for the flow ${name}. A missing SID is never created as a new flow.`,
        fix:
          intent.sidSource === 'file' && !environment
            ? 'Fix the "sid" (copy it from the Studio Console or the Flows API; a file exported from another account names a flow there), or remove it to match the flow by its name.'
            : 'Fix the SID in the config file (copy it from the Studio Console of that account), or remove it to match the flow by its name.',
      };
    case 'ambiguous':
      if (identity.renamedFrom) {
        const { renamedFrom } = identity;
        const other = identity.sids.find((sid) => sid !== renamedFrom.sid) ?? '';
        return {
          ...base,
          message: `${intent.path} was renamed from ${renamedFrom.path}, which is the Studio flow ${renamedFrom.sid}, but as ${name} it is another flow, ${other}. Writing either would orphan one flow or leave two of one name, so nothing is written.`,
          fix: `To keep ${renamedFrom.sid}, give the file a name (or SID) no other flow has, or rename or delete ${other} in Studio; to write ${other}, rename the file in a commit of its own.`,
        };
      }
      return {
        ...base,
        message: `${identity.sids.length} Studio flows could be the flow ${name}: ${identity.sids.join(', ')} (named ${shownText(identity.friendlyName)}). Nothing is written to either.`,
        fix: `${sidFix(environment)} to say which one it is, or rename or delete the other flow in Studio.`,
      };
    case 'conflict': {
      const { conflict } = identity;
      const flow = conflict.sid ? `the Studio flow ${conflict.sid} (${name})` : `the flow name ${name}`;
      // Names that differ only by Unicode normalisation look the same everywhere a person reads them.
      const lookalike =
        conflict.otherName !== undefined
          ? ` (the two files' names differ only in Unicode normalisation, NFC vs NFD: they look the same everywhere a person reads them)`
          : '';
      return {
        ...base,
        message: `${intent.path} and ${conflict.otherPath} both resolve to ${flow}${lookalike}: each deploy would overwrite one with the other.`,
        fix: 'Give each file its own flow: a different friendly_name or sid (per environment in the config file), or delete one of the two files.',
      };
    }
    default:
      return undefined;
  }
}

/** A warning when an environment is selected and the file's own `sid` is not used. */
export function ignoredSidFinding(intent: FlowIntent, environment: string | undefined): Finding | undefined {
  if (!intent.ignoredSid || !environment) return undefined;
  const bound = intent.sid ? `its entry's SID ${intent.sid}` : `its name ${shownText(intent.friendlyName)}`;
  return {
    severity: 'warning',
    source: 'identity',
    rule: 'file-sid-ignored',
    message: `The file's own "sid" (${intent.ignoredSid}) is not used with the environment "${environment}": the flow is found by ${bound}.`,
    fix: `Set environments.${environment}.sid for this file in the config file to bind it to one flow, or remove "sid" from the file.`,
  };
}

/** An error when a renamed file's old identity could not be read: which flow it keeps is unknown. */
export function previousUnreadableFinding(intent: FlowIntent): Finding | undefined {
  const unread = intent.previousUnreadable;
  if (!unread) return undefined;
  return {
    severity: 'error',
    source: 'identity',
    rule: 'rename-unresolved',
    message: `${intent.path} was renamed from ${unread.path}, but ${unread.path} could not be read at the base commit from GitHub (${unread.reason}), so which Studio flow the file keeps is unknown. Nothing is written for it.`,
    fix: 'Re-run the job; if it persists, check that the token may read the repository contents.',
  };
}

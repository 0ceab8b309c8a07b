/**
 * The findings a flow's check adds around its own work: the base file that could not be read (drift
 * unchecked), live content a pull request may not see, and Twilio Validate's errors (merged with the
 * lint's at the same place, capped per flow).
 */
import { messageOf } from '../errors.ts';
import type { ChangedFile } from '../github/changes.ts';
import type { LiveGate } from '../targets/visibility.ts';
import type { LiveFlow } from '../studio/live.ts';
import type { Finding } from '../document/types.ts';
import { widgetNameAt } from '../document/widget-label.ts';

/** The base branch's text of a file; a failure to read it is a warning (drift unchecked), not a failed check. */
export async function readBaseOrWarn(
  read: (path: string) => Promise<string | undefined>,
  path: string,
  result: { findings: Finding[] },
): Promise<string | undefined> {
  try {
    return await read(path);
  } catch (error) {
    result.findings.push({
      severity: 'warning',
      source: 'read',
      rule: 'base-unreadable',
      message: `Could not read ${path} on the base branch from GitHub (${messageOf(error)}), so drift in Studio was not checked.`,
    });
    return undefined;
  }
}

/** The warning that the live content is not shown, or undefined when it may be (a failing gate hides it). */
export async function gateOrWarn(gate: LiveGate, change: ChangedFile, live: LiveFlow): Promise<Finding | undefined> {
  let reason: string | undefined;
  try {
    reason = await gate(change, live);
  } catch (error) {
    reason = `Whether the base branch maps ${change.path} to the Studio flow ${live.sid} could not be decided (${messageOf(error)}): its live content is not shown here.`;
  }
  if (reason === undefined) return undefined;
  return {
    severity: 'warning',
    source: 'identity',
    rule: 'live-hidden',
    message: reason,
    fix: 'If the file is meant to write that flow, approve knowingly: after the merge, pull requests show its diff again.',
  };
}

/** Validate errors listed one by one per flow; past this, one finding counts the rest. */
export const MAX_VALIDATE_FINDINGS = 100;

/**
 * Findings for Validate's errors: merged into a lint finding at the same place (same pointer), capped at
 * MAX_VALIDATE_FINDINGS with one more finding that counts the rest. Lint findings it merges into are changed in place.
 */
export function validateFindings(
  errors: readonly { message: string; pointer: string }[],
  at: { definition: unknown; findings: Finding[]; place: (pointer: string) => { line?: number; column?: number } },
): Finding[] {
  const byPointer = new Map(
    at.findings.filter((f) => f.source === 'lint' && f.pointer !== undefined).map((f) => [f.pointer, f]),
  );
  const own: Finding[] = [];
  for (const e of errors) {
    const pointer = e.pointer.replace(/^#/, '');
    const lint = byPointer.get(pointer);
    if (lint && lint.alsoValidate === undefined) {
      lint.alsoValidate = e.message;
      continue;
    }
    const widget = widgetNameAt(at.definition, pointer);
    own.push({
      severity: 'error',
      source: 'validate',
      rule: 'studio-validate',
      message: e.message,
      pointer,
      ...(widget ? { widget } : {}),
      ...at.place(pointer),
    });
  }
  if (own.length <= MAX_VALIDATE_FINDINGS) return own;
  const more = own.length - (MAX_VALIDATE_FINDINGS - 1);
  return [
    ...own.slice(0, MAX_VALIDATE_FINDINGS - 1),
    {
      severity: 'error',
      source: 'validate',
      rule: 'studio-validate',
      message: `${more.toLocaleString('en-US')} more errors from Twilio's Validate are not listed one by one`,
      fix: 'Fix the errors above and re-run: the rest are often the same mistake.',
    },
  ];
}

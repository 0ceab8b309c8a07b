/** The check of one flow file: its document read, resolved, linted and validated, its Studio flow found, and compared with live. */
import type { ChangedFile } from '../github/changes.ts';
import { identityFinding, ignoredSidFinding, previousUnreadableFinding } from '../targets/findings.ts';
import { liveOfIdentity, resolveIdentity, type Conflict, type FlowIdentity } from '../targets/identity.ts';
import { intentOf, type EnvironmentView } from '../targets/intent.ts';
import type { FlowChange } from '../targets/previous.ts';
import type { LiveGate } from '../targets/visibility.ts';
import { compareWithLive, type Comparison } from '../diff/compare.ts';
import { documentOf, type ResolvedDocument } from '../document/document.ts';
import type { FlowRefResolver } from '../resolve/flow-refs.ts';
import { resolveDocument } from '../resolve/document.ts';
import { lintDefinition } from '../lint/lint.ts';
import type { LiveLookup } from '../studio/live.ts';
import type { AccountLists } from '../studio/account-types.ts';
import type { ValidateFlowInput, ValidationResult } from '../studio/types.ts';
import { readFlowFile } from '../document/read.ts';
import { gateOrWarn, readBaseOrWarn, validateFindings } from './check-findings.ts';
import type { Finding, LintIssue } from '../document/types.ts';
import type { FlowTestRun } from '../flowtest/types.ts';
import { runTests } from './flow-tests.ts';

/** What Twilio's Validate said of a flow, or why it was not asked. */
export type ValidateState = 'valid' | 'invalid' | 'offline' | 'skipped' | 'failed';

/** The whole check of one flow file. */
export interface FlowCheck {
  path: string;
  previousPath?: string;
  change: ChangedFile['status'];
  /** The name the flow is written with (src/targets/intent.ts). */
  friendlyName?: string;
  /** The SID the file is bound to (config entry, or the file's own without an environment). */
  sid?: string;
  /** Which Studio flow this file is; absent offline (unless it conflicts) or when the file did not parse. */
  identity?: FlowIdentity;
  findings: Finding[];
  validate: ValidateState;
  /** The live flow and the diffs; absent offline or when the file could not be read. */
  comparison?: Comparison;
  /**
   * The PR's file as a flow document resolved for the environment: the views compared (and pictured),
   * checked and sent (src/document/document.ts). Absent when the file did not parse.
   */
  document?: ResolvedDocument;
  /** The flow's tests (src/flowtest/), run on its checked definition; absent when it has no test file. */
  tests?: FlowTestRun;
}

/** The one Studio call a check needs to validate; the Studio client provides it. */
export interface Validator {
  validateFlow(input: ValidateFlowInput): Promise<ValidationResult>;
}

/** Decides what a failed Validate call means: a finding for this flow, or (by throwing) the end of the run. */
export type ValidateFailure = (error: unknown) => Finding;

export interface CheckFileInput {
  workspace: string;
  /** The file; a renamed one carries the identity its old path had (src/targets/previous.ts). */
  change: FlowChange;
  validator: Validator | undefined;
  onValidateFailure: ValidateFailure;
  /** Finds the live flow; absent offline. */
  lookup?: LiveLookup;
  /** Reads a file's text on the base branch; absent outside a pull request. */
  readBase?: (path: string) => Promise<string | undefined>;
  /**
   * How the base branch's definition is resolved for the drift check: the BASE commit's config
   * (variables, and targets of `${flow:…}`). Absent: the environment's (and `refs`) stand in.
   */
  base?: { environment: EnvironmentView | undefined; refs?: FlowRefResolver };
  /** The chosen environment of the config file: per-file SID and name, and the variables. */
  environment?: EnvironmentView;
  /** An unresolved `${var.NAME}` is an error (a deploy would publish it literally), not a warning. */
  requireVariables?: boolean;
  /** The account's lists name references are looked up in (read once per run); absent offline: stand-ins. */
  lists?: AccountLists;
  /** Finds the SIDs `${flow:PATH}` references name; absent, every reference is pending. */
  refs?: FlowRefResolver;
  /** A deploy: Validate only flows that differ from the live one (after the lookup), not every flow. */
  validateOnlyChanged?: boolean;
  /** Per path, the other flow file resolving to the same Studio flow (src/targets/conflicts.ts). */
  conflicts?: ReadonlyMap<string, Conflict>;
  /** A pull request: says when the live content of the file's flow may not be shown (src/targets/visibility.ts). */
  liveGate?: LiveGate;
}

export type { EnvironmentView } from '../targets/intent.ts';
export { MAX_VALIDATE_FINDINGS } from './check-findings.ts';

function bySeverityThenLine(a: Finding, b: Finding): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Read, parse, lint and validate (when online) one changed flow file. */
export async function checkFlowFile(input: CheckFileInput): Promise<FlowCheck> {
  const { change } = input;
  const result: FlowCheck = { path: change.path, change: change.status, findings: [], validate: 'skipped' };
  if (change.previousPath) result.previousPath = change.previousPath;

  const read = await readFlowFile(input.workspace, change.path);
  if (!read.ok) {
    result.findings.push({
      severity: 'error',
      source: 'read',
      rule: 'unreadable-file',
      message: read.message,
      fix: read.fix,
    });
    return result;
  }
  const { document, findings: parseFindings } = documentOf(change.path, read.text);
  result.findings.push(...parseFindings);
  if (!document) return result;
  const parsed = document.parsed;
  const environmentName = input.environment?.name || undefined;
  const intent = intentOf({
    path: change.path,
    own: parsed,
    environment: input.environment,
    previousPath: change.previousPath,
    previous: change.previous,
  });
  const friendlyName = intent.friendlyName;
  result.friendlyName = friendlyName;
  if (intent.sid) result.sid = intent.sid;
  const ignored = ignoredSidFinding(intent, environmentName);
  if (ignored) result.findings.push(ignored);
  const unresolvedRename = previousUnreadableFinding(intent);
  if (unresolvedRename) result.findings.push(unresolvedRename);

  const place = (pointer: string) => {
    const at = parsed.locate(pointer);
    return at ? { line: at.line, column: at.column } : {};
  };
  // A finding inside a string (Liquid) sits at its column in the string when the file holds the text linted.
  const lint = ({ at, ...issue }: LintIssue): Finding => {
    const inString = at ? parsed.locateInString(issue.pointer, at) : undefined;
    return {
      source: 'lint',
      ...issue,
      ...(inString ? { line: inString.line, column: inString.column } : place(issue.pointer)),
    };
  };
  // Placeholders (${var.NAME}) are resolved for the environment, then `${flow:PATH}` references become
  // SIDs (one to a flow not in Studio yet is checked with a stand-in): the same for the base branch.
  const view = {
    path: change.path,
    variables: input.environment?.variables,
    refs: input.refs,
    lists: input.lists,
    choices: input.environment?.choices,
  };
  const baseView = input.base
    ? {
        path: change.previousPath ?? change.path,
        variables: input.base.environment?.variables,
        refs: input.base.refs ?? input.refs,
        lists: input.lists,
        choices: input.base.environment?.choices,
      }
    : view;
  const head = await resolveDocument(document, { ...view, unresolved: input.requireVariables ? 'error' : 'warning' });
  const placed = (f: Finding): Finding => ({ ...f, ...(f.pointer !== undefined ? place(f.pointer) : {}) });
  result.findings.push(...head.findings.map(placed));
  result.findings.push(...lintDefinition(head.checked).map(lint));
  result.document = head;
  await runTests(input.workspace, head.checked, result);
  const standIns = new Set([...head.pending.map((p) => p.pointer), ...(head.standIns ?? [])]);

  const validator = input.validator;
  /**
   * Twilio's Validate, asked of every parseable flow whatever the lint found (the author should learn of
   * Twilio's errors together with ours): a Validate error at a place the lint already reported is merged into
   * that finding (`alsoValidate`); a failed call is a finding, or ends the run.
   */
  const validate = async (v: Validator): Promise<void> => {
    try {
      const answer = await v.validateFlow({ friendlyName, status: 'published', definition: head.checked });
      // Studio may refuse the stand-in SID of a subflow to be created: that is checked when the caller is written.
      const errors = answer.valid ? [] : answer.errors.filter((e) => !standIns.has(e.pointer.replace(/^#/, '')));
      result.validate = errors.length === 0 ? 'valid' : 'invalid';
      result.findings.push(
        ...validateFindings(errors, { definition: head.resolved, findings: result.findings, place }),
      );
    } catch (error) {
      result.validate = 'failed';
      result.findings.push(input.onValidateFailure(error));
    }
  };
  // Validate is not asked only when the definition cannot be sent (over Studio's size limit).
  const sendable = !result.findings.some((f) => f.source === 'limit' && f.severity === 'error');
  // Validate needs only the definition: it runs while the live flow is looked up, unless a deploy
  // asks for it only on flows that differ from live (the others are not written).
  const early = sendable && validator && !input.validateOnlyChanged ? validate(validator) : undefined;
  // A fatal failure (bad credentials) rejects it while the lookup is still running: it is awaited below.
  early?.catch(() => undefined);

  const conflict = input.conflicts?.get(change.path);
  if (input.lookup || conflict) {
    try {
      result.identity = input.lookup
        ? await resolveIdentity(intent, input.lookup, conflict)
        : { state: 'conflict', intent, conflict: conflict! };
    } catch (error) {
      result.findings.push(input.onValidateFailure(error));
    }
  }
  // Found by SID with no name given (file or config): the file name is no name, the live flow keeps its own.
  if (result.identity?.state === 'found' && result.identity.by === 'sid' && intent.nameSource === 'file-name') {
    result.friendlyName = result.identity.live.friendlyName;
  }
  const stop = result.identity && identityFinding(result.identity, environmentName);
  // A pull request sees live content only of the flow the base branch maps this file to.
  const hidden =
    result.identity?.state === 'found' && input.liveGate
      ? await gateOrWarn(input.liveGate, change, result.identity.live)
      : undefined;
  if (stop) result.findings.push(stop);
  else if (hidden) result.findings.push(hidden);
  else if (result.identity) {
    const { readBase } = input;
    const basePath = change.previousPath ?? change.path;
    // The base branch's file becomes a document resolved exactly as the PR's was (with the base commit's config).
    const base = async (read: NonNullable<typeof readBase>): Promise<ResolvedDocument | undefined> => {
      const text = await readBaseOrWarn(read, basePath, result);
      const baseDocument = text === undefined ? undefined : documentOf(change.path, text).document;
      return baseDocument && (await resolveDocument(baseDocument, baseView));
    };
    try {
      result.comparison = await compareWithLive({
        live: liveOfIdentity(result.identity),
        head,
        ...(readBase && change.status !== 'added' ? { base: () => base(readBase) } : {}),
      });
    } catch (error) {
      result.findings.push(input.onValidateFailure(error));
    }
  }

  if (early) {
    await early;
  } else if (!sendable) {
    result.validate = 'skipped';
  } else if (!validator) {
    result.validate = 'offline';
  } else if (input.validateOnlyChanged && result.comparison?.diff?.identical) {
    result.validate = 'skipped'; // identical to the live flow: a deploy writes nothing, so there is nothing to validate
  } else {
    await validate(validator);
  }
  result.findings.sort(bySeverityThenLine);
  return result;
}

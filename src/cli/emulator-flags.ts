/** The emulator command's flags that need checking: the API key, fault injection and wrong answers. */
import { DEMO_API_KEY_SECRET, DEMO_API_KEY_SID, type ApiKey } from '../emulator/auth.ts';
import { FAULT_KINDS } from '../emulator/faults.ts';
import type { FaultKind, FaultOptions } from '../emulator/faults.ts';
import { VALIDATE_ANSWER_KINDS, WRITE_ANSWER_KINDS } from '../emulator/wrong-answers.ts';
import type { ValidateAnswerKind, WriteAnswerFault, WriteAnswerKind } from '../emulator/wrong-answers.ts';

/** --api-key and --api-secret (both or neither) as the API key the emulator accepts; else the demo key. */
export function parseApiKeyFlags(values: {
  'api-key'?: string | undefined;
  'api-secret'?: string | undefined;
}): ApiKey {
  const sid = values['api-key'];
  const secret = values['api-secret'];
  if (sid === undefined && secret === undefined) return { sid: DEMO_API_KEY_SID, secret: DEMO_API_KEY_SECRET };
  if (sid === undefined)
    throw new Error('--api-secret needs --api-key (the API key SID, SK followed by 32 hex digits)');
  if (!/^SK[0-9a-fA-F]{32}$/.test(sid))
    throw new Error(
      `--api-key must be an API key SID, SK followed by 32 hex digits, got ${JSON.stringify(sid.slice(0, 80))}`,
    );
  if (secret === undefined || secret === '')
    throw new Error('--api-key needs --api-secret (the secret Twilio showed when the key was created)');
  return { sid, secret };
}

/** The fault flags as FaultOptions; undefined when none is given. Throws a clear error for a bad value. */
export function parseFaultFlags(values: {
  latency?: string | undefined;
  'fault-share'?: string | undefined;
  'fault-kinds'?: string | undefined;
  'retry-after'?: string | undefined;
  'fault-seed'?: string | undefined;
}): FaultOptions | undefined {
  const faults: FaultOptions = {};
  if (values.latency !== undefined)
    faults.latencyMs = wholeNumber('--latency', values.latency, 'a whole number of milliseconds, 0 or more');
  if (values['fault-share'] !== undefined) {
    const share = Number(values['fault-share']);
    if (values['fault-share'].trim() === '' || !(share >= 0 && share <= 1)) {
      throw new Error(`--fault-share must be a number from 0 to 1 (e.g. 0.3), got "${values['fault-share']}"`);
    }
    faults.share = share;
  }
  if (values['fault-kinds'] !== undefined) {
    const kinds = values['fault-kinds']
      .split(',')
      .map((kind) => kind.trim())
      .filter(Boolean);
    const unknown = kinds.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
    if (kinds.length === 0 || unknown.length > 0) {
      throw new Error(
        `--fault-kinds must be a comma-separated list of ${FAULT_KINDS.join(', ')}; got "${values['fault-kinds']}"`,
      );
    }
    faults.kinds = kinds as FaultKind[];
  }
  if (values['retry-after'] !== undefined)
    faults.retryAfterSeconds = wholeNumber(
      '--retry-after',
      values['retry-after'],
      'a whole number of seconds, 0 or more',
    );
  if (values['fault-seed'] !== undefined) {
    if (!/^-?\d+$/.test(values['fault-seed'].trim()) || !Number.isSafeInteger(Number(values['fault-seed']))) {
      throw new Error(`--fault-seed must be an integer, got "${values['fault-seed']}"`);
    }
    faults.seed = Number(values['fault-seed']);
  }
  const asksForFaults =
    faults.kinds !== undefined || faults.retryAfterSeconds !== undefined || faults.seed !== undefined;
  if (asksForFaults && faults.share === undefined) {
    throw new Error(
      '--fault-kinds, --retry-after and --fault-seed need --fault-share (the probability of a fault, e.g. 0.3)',
    );
  }
  return Object.keys(faults).length > 0 ? faults : undefined;
}

/** --write-answer, --write-applied and --validate-answer as emulator options. Throws a clear error for a bad value. */
export function parseAnswerFlags(values: {
  'write-answer'?: string | undefined;
  'write-applied'?: boolean | undefined;
  'validate-answer'?: string | undefined;
}): { writeAnswer?: WriteAnswerFault; validateAnswer?: ValidateAnswerKind } {
  const answers: { writeAnswer?: WriteAnswerFault; validateAnswer?: ValidateAnswerKind } = {};
  const kind = values['write-answer'];
  if (kind !== undefined) {
    if (!(WRITE_ANSWER_KINDS as readonly string[]).includes(kind))
      throw new Error(`--write-answer must be one of ${WRITE_ANSWER_KINDS.join(', ')}; got "${kind}"`);
    answers.writeAnswer = { kind: kind as WriteAnswerKind, applied: values['write-applied'] === true };
  } else if (values['write-applied'] !== undefined) {
    throw new Error('--write-applied needs --write-answer (the wrong answer to give)');
  }
  const validate = values['validate-answer'];
  if (validate !== undefined) {
    if (!(VALIDATE_ANSWER_KINDS as readonly string[]).includes(validate)) {
      throw new Error(`--validate-answer must be one of ${VALIDATE_ANSWER_KINDS.join(', ')}; got "${validate}"`);
    }
    answers.validateAnswer = validate as ValidateAnswerKind;
  }
  return answers;
}

function wholeNumber(flag: string, raw: string, what: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value))
    throw new Error(`${flag} must be ${what}, got "${raw}"`);
  return value;
}

/** Runs the test-file schema and turns ajv's errors into problems at the key or value they are about. */
import { Ajv } from 'ajv';
import { foundWords, typeWords } from '../document/type-words.ts';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { splitPointer } from '../document/widget-label.ts';
import { closestName } from '../lint/suggest.ts';
import { buildFlowTestSchema, MAX_REGEX_CHARS, MAX_SCENARIOS, TRIGGER_EVENTS } from './schema.ts';
import { quote } from './text.ts';

/** A problem at a place of the file: the node at `segments`, or (`at: 'key'`) the key naming it. */
export interface PlacedProblem {
  segments: string[];
  at: 'key' | 'value';
  message: string;
  fix: string;
}

let validator: ValidateFunction | undefined;

/** Compiled once, on first use (no work at import). */
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(buildFlowTestSchema());
  return validator;
}

/** `scenarios[2].expect.path[3]`, or "the file" for the root. */
export function keyLabel(segments: readonly string[]): string {
  if (segments.length === 0) return 'The file';
  // A key from the file may be anything (newlines, markup, 60,000 characters): a plain one is shown as is, others quoted.
  const part = (s: string, i: number): string =>
    /^(0|[1-9][0-9]*)$/.test(s)
      ? `[${s}]`
      : /^[A-Za-z0-9_-]{1,80}$/.test(s)
        ? i === 0
          ? s
          : `.${s}`
        : `[${quote(s)}]`;
  return segments.map(part).join('');
}

function describe(error: ErrorObject): PlacedProblem | undefined {
  const segments = splitPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const where = keyLabel(segments);
  const last = segments.at(-1) ?? '';
  const at = (message: string, fix: string): PlacedProblem => ({ segments, at: 'value', message, fix });
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known = Object.keys(((error.parentSchema ?? {}) as { properties?: object }).properties ?? {});
      const guess = closestName(key, known);
      return {
        segments: [...segments, key],
        at: 'key',
        message: `${keyLabel([...segments, key])} is not a known key.${guess ? ` Did you mean "${guess}"?` : ''}`,
        fix: known.length > 0 ? `Allowed here: ${known.join(', ')}.` : 'Remove it.',
      };
    }
    case 'type':
      return at(
        `${where} must be ${typeWords(params['type'])}, but ${foundWords(error.data)}.`,
        'See the format in the README.',
      );
    case 'required':
      return at(`${where} has no "${String(params['missingProperty'])}".`, 'Add it (see the format in the README).');
    case 'oneOf':
      return at(
        `${where} must hold exactly one of press, say, reply, timeout or event.`,
        'Write one contact input per list item, e.g. { press: "1" }.',
      );
    case 'dependencies':
      return at(
        `${where}: "${String(params['property'])}" goes with "${String(params['missingProperty'])}".`,
        'confidence belongs to a say input, outputs to an event input.',
      );
    case 'not':
      return at(`${where} has both "end" and "waiting".`, 'An execution either ended or is waiting: keep one.');
    case 'pattern':
      if (last === 'trigger')
        return at(
          `${where} ${quote(error.data)} is not a trigger.`,
          `Use one of ${Object.keys(TRIGGER_EVENTS).join(', ')}.`,
        );
      if (last === 'now')
        return at(
          `${where} ${quote(error.data)} is not an ISO 8601 time with an offset.`,
          'Write e.g. "2026-11-30T09:00:00-05:00".',
        );
      return at(
        `${where} ${quote(error.data)} is not a key sequence.`,
        'Press holds the keys 0-9, * and # (at most 64).',
      );
    case 'minProperties':
    case 'maxProperties':
      return last === 'trigger'
        ? at(`${where} must name exactly one trigger.`, `Use one of ${Object.keys(TRIGGER_EVENTS).join(', ')}.`)
        : at(`${where} must hold exactly one of "contains" or "regex".`, 'Write e.g. { contains: "order" }.');
    case 'enum':
      return at(`${where} can only be true.`, 'Write timeout: true, or remove the input.');
    case 'minItems':
      return at(`${where} is empty.`, 'Give at least one item, or remove the key.');
    case 'maxItems':
      return segments.length === 1
        ? at(
            `The file has more than ${MAX_SCENARIOS} scenarios.`,
            'Split the tests, or keep the scenarios that matter.',
          )
        : at(
            `${where} has more than ${String(params['limit'])} items.`,
            'An execution stops after 1,000 steps anyway.',
          );
    case 'minLength':
      return at(`${where} must not be empty.`, 'Give it a value or remove the key.');
    case 'maxLength':
      return last === 'regex'
        ? at(`${where} is longer than ${MAX_REGEX_CHARS} characters.`, 'Use a shorter pattern, or { contains }.')
        : at(`${where} is longer than ${String(params['limit'])} characters.`, 'Shorten it.');
    default:
      return at(`${where} ${error.message ?? 'is invalid'}.`, 'See the format in the README.');
  }
}

/** Schema problems of the parsed data, each once; empty when it conforms. */
export function schemaProblems(data: unknown): PlacedProblem[] {
  const check = validate();
  if (check(data)) return [];
  // The branches of a contact input's oneOf only say which key is missing: the oneOf error says it better.
  const errors = (check.errors ?? []).filter((e) => !e.schemaPath.includes('/oneOf/'));
  const seen = new Set<string>();
  const problems: PlacedProblem[] = [];
  for (const problem of errors.map(describe)) {
    if (!problem) continue;
    const key = `${problem.segments.join('\u0000')}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

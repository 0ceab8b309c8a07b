/**
 * Split Based On… conditions (https://www.twilio.com/docs/studio/widget-library/split-based-on). A condition is
 * Subject (the Variable to Test), Predicate (`type`) and value; "Studio conditions are not case-sensitive and
 * automatically trim leading and trailing spaces of the values" (the same page, in its earlier edition). A match
 * transition holds a list of conditions, all of which must hold ("conditions that must all be true for this
 * match to fire", the transitions schema of the flow definition). The predicates are the flow definition's 17
 * condition types; anything else is an error that names it, never a guessed result.
 *
 * Where the docs are silent the simulator refuses rather than guesses: a `less_than` / `greater_than` whose input
 * or value is not a number, a time or date condition whose input or value it cannot read, an invalid regex.
 * Time and date conditions compare the Variable to Test with the value, like every other condition (the page's
 * Subject/Predicate/value form); to test the clock, a flow's input is e.g. `{{ "now" | date: "%H:%M" }}`, which
 * reads the run's clock (SimulationInput.now).
 */

export type Verdict = { ok: true; holds: boolean } | { ok: false; message: string };

const norm = (text: string) => text.trim().toLowerCase();
const yes = (holds: boolean): Verdict => ({ ok: true, holds });
const no = (message: string): Verdict => ({ ok: false, message });

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
function numeric(type: string, input: string, value: string): Verdict {
  const a = input.trim();
  const b = value.trim();
  if (!NUMBER.test(a) || !NUMBER.test(b))
    return no(
      `"${type}" compares numbers, and ${JSON.stringify(NUMBER.test(a) ? b.slice(0, 80) : a.slice(0, 80))} is not ` +
        'a number (the docs do not say what Studio does then, so the simulator stops)',
    );
  return yes(type === 'less_than' ? Number(a) < Number(b) : Number(a) > Number(b));
}

/** Minutes since midnight of "17:00", "5:30", "0800", "17:00:30", or the time part of an ISO date-time as written. */
function minutesOf(text: string): number | undefined {
  const t = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})/.exec(t);
  const clock = iso ?? /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (!clock) return undefined;
  const hours = Number(clock[1]);
  const minutes = Number(clock[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** Days since the epoch of "2026-12-24" or an ISO date-time's date as written. */
function dayOf(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = Date.UTC(year, month - 1, day);
  const back = new Date(at);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return at / 86_400_000;
}

function ordered(type: string, input: string, value: string): Verdict {
  const time = type.endsWith('_time');
  const read = time ? minutesOf : dayOf;
  const a = read(input);
  const b = read(value);
  const form = time ? 'a time of day (17:00, 0800, or an ISO date-time)' : 'a date (2026-12-24 or an ISO date-time)';
  if (a === undefined || b === undefined)
    return no(
      `"${type}" compares ${time ? 'times' : 'dates'}, and ${JSON.stringify((a === undefined ? input : value).slice(0, 80))} ` +
        `is not ${form} the simulator can read (the docs do not give the formats, so it stops)`,
    );
  return yes(type.includes('_before_') ? a < b : a > b);
}

/**
 * A group that repeats something repeated, e.g. `(a+)+` or `(\\w*)*`: JavaScript's regexes can take exponential
 * time on such patterns, so the simulator refuses them rather than hang (Studio's own engine is not documented).
 */
const NESTED_REPEAT = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,\d*\})/;
/** Inputs longer than this are not searched (a bound on the time of one test). */
const REGEX_INPUT_LIMIT = 100_000;

function regex(input: string, value: string): Verdict {
  if (NESTED_REPEAT.test(value))
    return no(
      `the regex ${JSON.stringify(value.slice(0, 80))} repeats a repeated group, which can take exponential time; ` +
        'the simulator does not run it (rewrite it without nested repetition)',
    );
  if (input.length > REGEX_INPUT_LIMIT)
    return no(
      `the input is ${input.length} characters long; the simulator searches at most ${REGEX_INPUT_LIMIT} with a regex`,
    );
  let pattern: RegExp;
  try {
    pattern = new RegExp(value.trim(), 'i');
  } catch (error) {
    return no(`the regex ${JSON.stringify(value.slice(0, 80))} is not valid: ${(error as Error).message}`);
  }
  return yes(pattern.test(input.trim()));
}

const anyOf = (input: string, value: string) => value.split(',').some((item) => norm(item) === norm(input));

const TESTS: Readonly<Record<string, (input: string, value: string, type: string) => Verdict>> = {
  equal_to: (a, b) => yes(norm(a) === norm(b)),
  not_equal_to: (a, b) => yes(norm(a) !== norm(b)),
  matches_any_of: (a, b) => yes(anyOf(a, b)),
  does_not_match_any_of: (a, b) => yes(!anyOf(a, b)),
  is_blank: (a) => yes(a.trim() === ''),
  is_not_blank: (a) => yes(a.trim() !== ''),
  regex: (a, b) => regex(a, b),
  contains: (a, b) => yes(norm(a).includes(norm(b))),
  does_not_contain: (a, b) => yes(!norm(a).includes(norm(b))),
  starts_with: (a, b) => yes(norm(a).startsWith(norm(b))),
  does_not_start_with: (a, b) => yes(!norm(a).startsWith(norm(b))),
  less_than: (a, b, type) => numeric(type, a, b),
  greater_than: (a, b, type) => numeric(type, a, b),
  is_before_time: (a, b, type) => ordered(type, a, b),
  is_after_time: (a, b, type) => ordered(type, a, b),
  is_before_date: (a, b, type) => ordered(type, a, b),
  is_after_date: (a, b, type) => ordered(type, a, b),
};

export const CONDITION_TYPES: readonly string[] = Object.keys(TESTS);

/** Does one condition hold for this (rendered) input and value? */
export function testCondition(condition: { type: string; input: string; value: string }): Verdict {
  const test = Object.hasOwn(TESTS, condition.type) ? TESTS[condition.type] : undefined;
  if (!test)
    return no(
      `unknown condition type ${JSON.stringify(condition.type.slice(0, 80))}; Studio's are ${CONDITION_TYPES.join(', ')}`,
    );
  return test(condition.input, condition.value, condition.type);
}

/**
 * A scenario's expectations against what the simulation did, in a fixed order; the first that does not hold is
 * the failure, placed at that expectation's node. The order: the route (`path`, `visits`, `not_visits`), an
 * abnormal stop (a limit, a widget not simulated, an error), the texts (`messages`, `says`), `variables`, where it
 * ended (`end`, `waiting`, or an unexpected wait), then contact inputs and mocks left unused.
 */
import type { SimulationInput, SimulationResult } from '../simulate/types.ts';
import { routeFailure } from './expect-route.ts';
import { endText, placed, stoppedAbnormally } from './judged.ts';
import type { Failure, Judged } from './judged.ts';
import { matcherText, matches, regexNote } from './matchers.ts';
import { count, name, ordinal, quote } from './text.ts';
import type { ScenarioFailure } from './types.ts';

function abnormal(j: Judged): ScenarioFailure | undefined {
  const { end, steps } = j.result;
  if (!stoppedAbnormally(end)) return undefined;
  const message = `the execution ${endText(end)} (step ${steps.length}).`;
  const failure: Failure = { kind: end.kind, message, step: steps.length, widget: end.widget };
  if (end.kind === 'error' && end.input !== undefined && end.input < j.input.inputs.length)
    return placed(j, failure, ['contact', end.input]);
  return placed(j, failure, ['name']);
}

interface Text {
  text: string;
  widget: string;
  step: number;
}

function texts(result: SimulationResult, kind: 'message' | 'say'): Text[] {
  return result.steps.flatMap((s, i) =>
    s.outputs.filter((o) => o.kind === kind).map((o) => ({ text: o.text, widget: o.widget, step: i + 1 })),
  );
}

function textFailure(j: Judged, key: 'messages' | 'says'): ScenarioFailure | undefined {
  const expected = j.scenario.expect?.[key];
  if (!expected) return undefined;
  const actual = texts(j.result, key === 'messages' ? 'message' : 'say');
  const noun = key === 'messages' ? 'message' : 'said text';
  const verb = key === 'messages' ? 'sent' : 'said';
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const want = expected[i];
    const got = actual[i];
    if (want !== undefined && got !== undefined) {
      if (matches(want, got.text)) continue;
      const long = regexNote(want, got.text);
      const message = `${noun} ${i + 1}: expected ${matcherText(want)}, ${name(got.widget)} ${verb} ${quote(got.text)} (step ${got.step})${long}.`;
      const failure = {
        kind: key,
        message,
        step: got.step,
        widget: got.widget,
        expected: matcherText(want),
        actual: got.text,
      };
      return placed(j, failure, ['expect', key, i]);
    }
    if (want !== undefined) {
      const message = `${noun} ${i + 1}: expected ${matcherText(want)}, but only ${count(actual.length, noun)} ${actual.length === 1 ? 'was' : 'were'} ${verb}; the execution ${endText(j.result.end)}.`;
      return placed(j, { kind: key, message, expected: matcherText(want) }, ['expect', key, i]);
    }
    if (got !== undefined) {
      const message = `${name(got.widget)} ${verb} a ${ordinal(i + 1)} ${noun} ${quote(got.text)} (step ${got.step}), but ${count(expected.length, noun)} ${expected.length === 1 ? 'is' : 'are'} expected.`;
      return placed(
        j,
        { kind: key, message, step: got.step, widget: got.widget, actual: got.text },
        ['expect', key],
        'key',
      );
    }
  }
  return undefined;
}

function variableText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

function variablesFailure(j: Judged): ScenarioFailure | undefined {
  const vars = j.result.variables;
  for (const [key, want] of Object.entries(j.scenario.expect?.variables ?? {})) {
    const has = Object.hasOwn(vars, key);
    const at = ['expect', 'variables', key];
    if (want === null) {
      if (!has) continue;
      const message = `flow.variables.${key} is ${quote(variableText(vars[key]))}, expected it not to be set.`;
      return placed(j, { kind: 'variables', message, expected: 'not set', actual: variableText(vars[key]) }, at);
    }
    if (!has) {
      const message = `flow.variables.${key} is not set, expected ${matcherText(want)}.`;
      return placed(j, { kind: 'variables', message, expected: matcherText(want), actual: 'not set' }, at);
    }
    const actual = variableText(vars[key]);
    if (matches(want, actual)) continue;
    const message = `flow.variables.${key} is ${quote(actual)}, expected ${matcherText(want)}${regexNote(want, actual)}.`;
    return placed(j, { kind: 'variables', message, expected: matcherText(want), actual }, at);
  }
  return undefined;
}

function endFailure(j: Judged): ScenarioFailure | undefined {
  const { end, steps } = j.result;
  const step = steps.length;
  const { end: wantEnd, waiting } = j.scenario.expect ?? {};
  if (wantEnd !== undefined) {
    const widget = typeof wantEnd === 'string' ? wantEnd : wantEnd.widget;
    const event = typeof wantEnd === 'string' ? undefined : wantEnd.event;
    const expected = `ended at ${name(widget)}${event === undefined ? '' : ` on ${name(event)}`}`;
    const ok = end.kind === 'ended' && end.widget === widget && (event === undefined || end.event === event);
    if (ok) return undefined;
    const message = `expected the execution to have ${expected}, but it ${endText(end)} (step ${step}).`;
    return placed(j, { kind: 'end', message, step, widget: end.widget, expected, actual: endText(end) }, [
      'expect',
      'end',
    ]);
  }
  if (waiting !== undefined) {
    if (end.kind === 'waiting' && end.widget === waiting) return undefined;
    const message = `expected the execution to be waiting at ${name(waiting)}, but it ${endText(end)} (step ${step}).`;
    return placed(j, { kind: 'waiting', message, step, widget: end.widget, actual: endText(end) }, [
      'expect',
      'waiting',
    ]);
  }
  if (end.kind !== 'waiting') return undefined;
  const message = `the execution ${endText(end)} (step ${step}), and the test does not expect a wait. Add the contact's next input, or expect it with waiting: ${end.widget}.`;
  return placed(j, { kind: 'waiting', message, step, widget: end.widget }, ['name']);
}

function inputText(input: SimulationInput['inputs'][number]): string {
  switch (input.kind) {
    case 'digits':
      return `press ${quote(input.digits)}`;
    case 'speech':
      return `say ${quote(input.text)}`;
    case 'reply':
      return `reply ${quote(input.text)}`;
    case 'timeout':
      return 'timeout';
    case 'event':
      return `event ${name(input.event)}`;
  }
}

function unusedFailure(j: Judged): ScenarioFailure | undefined {
  const { consumed, end, steps, mocksUsed } = j.result;
  const left = j.input.inputs[consumed];
  if (left) {
    const message = `the ${ordinal(consumed + 1)} contact input (${inputText(left)}) was never used: after step ${steps.length}, the execution ${endText(end)}.`;
    return placed(j, { kind: 'input', message, step: steps.length, widget: end.widget }, ['contact', consumed]);
  }
  for (const [widget, mocks] of Object.entries(j.input.mocks)) {
    const used = mocksUsed[widget] ?? 0;
    if (used >= mocks.length) continue;
    const listed = Array.isArray(j.scenario.mocks?.[widget]);
    const message =
      used === 0
        ? `the mock for ${name(widget)} was never used: the execution did not reach it (it ${endText(end)}).`
        : `the ${ordinal(used + 1)} mock for ${name(widget)} was never used: ${name(widget)} ran ${count(used, 'time')}.`;
    const at = listed ? ['mocks', widget, used] : ['mocks', widget];
    return placed(j, { kind: 'mock', message, widget }, at, listed ? undefined : 'key');
  }
  return undefined;
}

/** The first expectation of the scenario that does not hold, or undefined when it passed. */
export function firstFailure(j: Judged): ScenarioFailure | undefined {
  return (
    routeFailure(j) ??
    abnormal(j) ??
    textFailure(j, 'messages') ??
    textFailure(j, 'says') ??
    variablesFailure(j) ??
    endFailure(j) ??
    unusedFailure(j)
  );
}

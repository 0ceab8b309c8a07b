/** The route expectations: `path` (the exact widgets run), `visits` (in order, gaps allowed), `not_visits`. */
import { endText, howStepWent, placed } from './judged.ts';
import type { Judged } from './judged.ts';
import { name } from './text.ts';
import type { ScenarioFailure } from './types.ts';

function pathFailure(j: Judged, expected: readonly string[]): ScenarioFailure | undefined {
  const { steps, end } = j.result;
  const ran = steps.map((s) => s.widget);
  for (let k = 0; k < Math.max(expected.length, ran.length); k++) {
    const want = expected[k];
    const got = ran[k];
    if (want === got) continue;
    const before = steps[k - 1];
    const after = before ? ` (after ${howStepWent(before)})` : '';
    const step = k + 1;
    if (want !== undefined && got !== undefined) {
      const message = `step ${step}: expected ${name(want)}, ran ${name(got)}${after}.`;
      return placed(j, { kind: 'path', message, step, widget: got, expected: want, actual: got }, [
        'expect',
        'path',
        k,
      ]);
    }
    if (want !== undefined) {
      const message = `step ${step}: expected ${name(want)}, but after step ${k} the execution ${endText(end)}.`;
      return placed(j, { kind: 'path', message, step, expected: want, actual: endText(end) }, ['expect', 'path', k]);
    }
    const message = `the path ends after step ${k}, but the execution went on to ${name(got ?? '')} (step ${step})${after}.`;
    return placed(j, { kind: 'path', message, step, widget: got, actual: got }, ['expect', 'path', k - 1]);
  }
  return undefined;
}

function visitsFailure(j: Judged, expected: readonly string[]): ScenarioFailure | undefined {
  const ran = j.result.steps.map((s) => s.widget);
  let from = 0;
  for (const [i, want] of expected.entries()) {
    const found = ran.indexOf(want, from);
    if (found >= 0) {
      from = found + 1;
      continue;
    }
    const earlier = ran.indexOf(want);
    const message =
      earlier >= 0
        ? `${name(want)} ran at step ${earlier + 1}, but not after ${name(expected[i - 1] ?? '')} (step ${from}).`
        : `${name(want)} never ran: after step ${ran.length}, the execution ${endText(j.result.end)}.`;
    return placed(j, { kind: 'visits', message, expected: want }, ['expect', 'visits', i]);
  }
  return undefined;
}

function notVisitsFailure(j: Judged, expected: readonly string[]): ScenarioFailure | undefined {
  const { steps } = j.result;
  for (const [i, unwanted] of expected.entries()) {
    const k = steps.findIndex((s) => s.widget === unwanted);
    if (k < 0) continue;
    const before = steps[k - 1];
    const after = before ? ` (after ${howStepWent(before)})` : '';
    const message = `${name(unwanted)} ran at step ${k + 1}${after}, and the test expects it not to.`;
    return placed(j, { kind: 'not_visits', message, step: k + 1, widget: unwanted }, ['expect', 'not_visits', i]);
  }
  return undefined;
}

/** The first route expectation that does not hold. */
export function routeFailure(j: Judged): ScenarioFailure | undefined {
  const e = j.scenario.expect ?? {};
  return (
    (e.path && pathFailure(j, e.path)) ||
    (e.visits && visitsFailure(j, e.visits)) ||
    (e.not_visits && notVisitsFailure(j, e.not_visits)) ||
    undefined
  );
}

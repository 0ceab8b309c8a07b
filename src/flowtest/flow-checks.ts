/**
 * A scenario checked against the flow before it runs: every widget it names exists, every event it gives a widget
 * is one that widget can emit, the trigger has a transition for its kind, every contact input fits its wait, every
 * regex may run. Each problem is placed at its node; a scenario with one is not run.
 */
import type { FlowState, Position } from '../document/types.ts';
import { closestName } from '../lint/suggest.ts';
import { WAIT_TYPES, WAITS, widgetEvents } from './flow-view.ts';
import type { FlowView } from './flow-view.ts';
import { regexProblem } from './matchers.ts';
import type { Matcher, RawScenario } from './model.ts';
import { mockEventDefault, triggerKey } from './scenario.ts';
import { TRIGGER_EVENTS } from './schema.ts';
import { name, quote, scenarioName } from './text.ts';
import type { TestFileProblem } from './types.ts';

type Segments = readonly (string | number)[];

interface Checker {
  view: FlowView;
  scenario: string;
  base: Segments;
  locate: (segments: Segments, at?: 'key' | 'value') => Position;
  problems: TestFileProblem[];
}

function add(c: Checker, where: { segments: Segments; at?: 'key' }, message: string, fix: string): void {
  const position = c.locate([...c.base, ...where.segments], where.at);
  c.problems.push({ message: `Scenario ${scenarioName(c.scenario)}: ${message}`, fix, ...position });
}

/** The widget named, or a problem (with the closest name) and undefined. */
function widget(c: Checker, widgetName: string, where: { segments: Segments; at?: 'key' }): FlowState | undefined {
  const state = c.view.widgets.get(widgetName);
  if (state) return state;
  const guess = closestName(widgetName, c.view.widgets.keys());
  add(
    c,
    where,
    `the flow has no widget ${name(widgetName)}.${guess === undefined ? '' : ` Did you mean ${name(guess)}?`}`,
    'Use a widget name from the flow file (its "name"), or fix the flow.',
  );
  return undefined;
}

function event(c: Checker, state: FlowState, emitted: string, segments: Segments): void {
  const events = widgetEvents(state);
  if (events.includes(emitted)) return;
  const guess = closestName(emitted, events);
  add(
    c,
    { segments },
    `${name(state.name)} (${state.type}) cannot emit the event ${name(emitted)}.${guess ? ` Did you mean ${name(guess)}?` : ''}`,
    `Use one of its events: ${events.join(', ') || '(none)'}.`,
  );
}

function checkTrigger(c: Checker, s: RawScenario): void {
  const key = triggerKey(s.trigger);
  const trigger = c.view.trigger;
  if (!trigger) return add(c, { segments: ['trigger'] }, 'the flow has no trigger widget.', 'Fix the flow file.');
  const wanted = TRIGGER_EVENTS[key];
  if (!trigger.transitions.some((t) => t?.event === wanted))
    add(
      c,
      { segments: ['trigger'] },
      `the flow's trigger ${name(trigger.name)} has no transition for ${wanted} (trigger: ${key}).`,
      'Use the trigger kind the flow starts from (call, message, conversation, request or parent).',
    );
}

function checkContact(c: Checker, s: RawScenario): void {
  (s.contact ?? []).forEach((input, i) => {
    const kind = (['press', 'say', 'reply', 'timeout', 'event'] as const).find((k) => input[k] !== undefined);
    const at = input.at === undefined ? undefined : widget(c, input.at, { segments: ['contact', i, 'at'] });
    if (input.at !== undefined && !at) return;
    if (at && !WAITS.includes(at.type))
      return add(
        c,
        { segments: ['contact', i, 'at'] },
        `${name(at.name)} (${at.type}) does not wait for the contact; contact inputs are used at ${WAITS.join(' and ')} widgets.`,
        `Name a wait widget in at:, or give ${name(at.name)} its outcome under mocks.`,
      );
    const waits = [...c.view.widgets.values()].filter((w) => WAITS.includes(w.type));
    if (kind === 'press' || kind === 'say' || kind === 'reply') {
      const type = WAIT_TYPES[kind];
      const fits = at ? at.type === type : waits.some((w) => w.type === type);
      if (!fits)
        add(
          c,
          { segments: ['contact', i, kind] },
          at
            ? `${kind} is an input for a ${type} widget, and ${name(at.name)} is ${at.type}.`
            : `${kind} is an input for a ${type} widget, and the flow has none.`,
          'press and say answer gather-input-on-call; reply answers send-and-wait-for-reply.',
        );
    } else if (kind === 'timeout' || kind === 'event') {
      const emitted = kind === 'timeout' ? 'timeout' : (input.event ?? '');
      if (at) event(c, at, emitted, ['contact', i, kind]);
      else if (!waits.some((w) => widgetEvents(w).includes(emitted)))
        add(
          c,
          { segments: ['contact', i, kind] },
          `no wait widget of the flow emits ${name(emitted)}.`,
          'Use an event of the wait widget (e.g. timeout, deliveryFailure).',
        );
    }
  });
}

function checkMocks(c: Checker, s: RawScenario): void {
  for (const [widgetName, mock] of Object.entries(s.mocks ?? {})) {
    const state = widget(c, widgetName, { segments: ['mocks', widgetName], at: 'key' });
    if (!state) continue;
    const list = Array.isArray(mock) ? mock : [mock];
    list.forEach((m, i) => {
      const segments = Array.isArray(mock) ? ['mocks', widgetName, i] : ['mocks', widgetName];
      if (m.event === 'match' && state.type === 'split-based-on')
        return add(
          c,
          { segments: [...segments, 'event'] },
          `a mock of the split ${name(widgetName)} cannot choose among its match transitions.`,
          'Mock the widgets its input reads (or give the contact input it reads) instead, or mock noMatch.',
        );
      if (m.event !== undefined) return event(c, state, m.event, [...segments, 'event']);
      if (mockEventDefault(state.type, m) === undefined)
        add(
          c,
          { segments },
          `the mock for ${name(widgetName)} (${state.type}) has no event, and that type has no default.`,
          `Give the event it emits: ${widgetEvents(state).join(', ')}.`,
        );
    });
  }
}

function checkMatcher(c: Checker, segments: Segments, m: Matcher | number | boolean | null): void {
  if (m === null || typeof m !== 'object' || !('regex' in m)) return;
  const why = regexProblem(m.regex);
  if (why)
    add(
      c,
      { segments: [...segments, 'regex'] },
      `the regex ${quote(m.regex)} ${why}.`,
      'Simplify the pattern, or use { contains }.',
    );
}

function checkExpect(c: Checker, s: RawScenario): void {
  const e = s.expect ?? {};
  for (const key of ['path', 'visits', 'not_visits'] as const)
    (e[key] ?? []).forEach((w, i) => widget(c, w, { segments: ['expect', key, i] }));
  if (e.waiting !== undefined) widget(c, e.waiting, { segments: ['expect', 'waiting'] });
  if (typeof e.end === 'string') widget(c, e.end, { segments: ['expect', 'end'] });
  else if (e.end) {
    const state = widget(c, e.end.widget, { segments: ['expect', 'end', 'widget'] });
    if (state && e.end.event !== undefined) event(c, state, e.end.event, ['expect', 'end', 'event']);
  }
  (e.messages ?? []).forEach((m, i) => checkMatcher(c, ['expect', 'messages', i], m));
  (e.says ?? []).forEach((m, i) => checkMatcher(c, ['expect', 'says', i], m));
  for (const [key, value] of Object.entries(e.variables ?? {})) checkMatcher(c, ['expect', 'variables', key], value);
  if (s.now !== undefined && Number.isNaN(Date.parse(s.now)))
    add(
      c,
      { segments: ['now'] },
      `now ${quote(s.now)} is not a real date and time.`,
      'Write e.g. "2026-11-30T09:00:00-05:00".',
    );
}

/** The problems of scenario `index` against the flow (empty: it can run). */
export function scenarioProblems(input: {
  view: FlowView;
  scenario: RawScenario;
  index: number;
  locate: Checker['locate'];
}): TestFileProblem[] {
  const c: Checker = {
    view: input.view,
    scenario: input.scenario.name,
    base: ['scenarios', input.index],
    locate: input.locate,
    problems: [],
  };
  checkTrigger(c, input.scenario);
  checkContact(c, input.scenario);
  checkMocks(c, input.scenario);
  checkExpect(c, input.scenario);
  return c.problems;
}

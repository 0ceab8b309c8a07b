/** fast-check arbitraries of small, valid-ish Studio flow definitions and of edited pairs of them. */
import fc from 'fast-check';

export { fc };

export interface TestState {
  name: string;
  type: string;
  transitions: { event: string; next?: string; conditions?: { value: string }[] }[];
  properties: Record<string, unknown> & { offset: { x: number; y: number } };
}

export interface TestFlow {
  description?: string;
  states: TestState[];
  initial_state: string;
  flags: { allow_concurrent_calls: boolean };
}

/** Names include a slash, a tilde and a `#` so JSON-pointer escaping and `#n` keys get exercised. */
const NAMES = ['Trigger', 'gather', 'split', 'say', 'x/y', 'a~b', 'match#1', 'constructor'];
const TYPES = ['trigger', 'say-play', 'split-based-on', 'gather-input-on-call', 'send-message'];
const EVENTS = ['next', 'match', 'noMatch', 'timeout', 'keypress'];

const name = fc.constantFrom(...NAMES);
const offset = fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }) });
const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.record({ k: fc.string({ maxLength: 4 }), n: fc.nat(9) }, { requiredKeys: [] }),
);
const properties = fc
  .tuple(offset, fc.dictionary(fc.constantFrom('body', 'say', 'timeout', 'params', 'to'), value, { maxKeys: 4 }))
  .map(([o, rest]) => ({ ...rest, offset: o }));
const transition = fc.record(
  {
    event: fc.constantFrom(...EVENTS),
    next: name,
    conditions: fc.array(fc.record({ value: fc.string({ maxLength: 3 }) }), { maxLength: 2 }),
  },
  { requiredKeys: ['event'] },
);
const widget = (n: string) =>
  fc.record({
    name: fc.constant(n),
    type: fc.constantFrom(...TYPES),
    transitions: fc.array(transition, { maxLength: 4 }),
    properties,
  });

/** As if read from a file: plain objects only (fast-check may build null-prototype records). */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

export const flowArbitrary: fc.Arbitrary<TestFlow> = fc
  .uniqueArray(name, { minLength: 1, maxLength: 6 })
  .chain((names) =>
    fc.record(
      {
        description: fc.string({ maxLength: 10 }),
        states: fc.tuple(...names.map(widget)),
        initial_state: fc.constantFrom(...names),
        flags: fc.record({ allow_concurrent_calls: fc.boolean() }),
      },
      { requiredKeys: ['states', 'initial_state', 'flags'] },
    ),
  )
  .map(asJson);

/** One edit a person could make in the Studio Console (or by hand in the JSON). */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), i: fc.nat(), to: name }),
  fc.record({ kind: fc.constant('remove' as const), i: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), w: name.chain(widget) }),
  fc.record({ kind: fc.constant('move' as const), i: fc.nat(), to: offset }),
  fc.record({
    kind: fc.constant('property' as const),
    i: fc.nat(),
    key: fc.constantFrom('body', 'say', 'params'),
    to: fc.option(value),
  }),
  fc.record({ kind: fc.constant('rewire' as const), i: fc.nat(), j: fc.nat(), to: fc.option(name) }),
  fc.record({ kind: fc.constant('transitions' as const), i: fc.nat(), to: fc.array(transition, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('type' as const), i: fc.nat(), to: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('reorder' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ kind: fc.constant('initial' as const), to: name }),
  fc.record({ kind: fc.constant('description' as const), to: fc.option(fc.string({ maxLength: 10 })) }),
  fc.record({ kind: fc.constant('flag' as const) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function apply(flow: TestFlow, e: Edit): void {
  const states = flow.states;
  const s = 'i' in e ? states[e.i % Math.max(1, states.length)] : undefined;
  if (e.kind === 'rename' && s && !states.some((x) => x.name === e.to)) s.name = e.to;
  else if (e.kind === 'remove' && s) states.splice(states.indexOf(s), 1);
  else if (e.kind === 'add' && !states.some((x) => x.name === e.w.name)) states.push(e.w);
  else if (e.kind === 'move' && s) s.properties.offset = e.to;
  else if (e.kind === 'property' && s) {
    if (e.to === null) delete s.properties[e.key];
    else s.properties[e.key] = e.to;
  } else if (e.kind === 'rewire' && s && s.transitions.length > 0) {
    const t = s.transitions[e.j % s.transitions.length]!;
    if (e.to === null) delete t.next;
    else t.next = e.to;
  } else if (e.kind === 'transitions' && s) s.transitions = e.to;
  else if (e.kind === 'type' && s) s.type = e.to;
  else if (e.kind === 'reorder' && s && 'j' in e) {
    const k = e.j % states.length;
    [states[states.indexOf(s)], states[k]] = [states[k]!, s];
  } else if (e.kind === 'initial') flow.initial_state = e.to;
  else if (e.kind === 'description') {
    if (e.to === null) delete flow.description;
    else flow.description = e.to;
  } else if (e.kind === 'flag') flow.flags.allow_concurrent_calls = !flow.flags.allow_concurrent_calls;
}

/** A flow and the same flow after 0–6 random edits. */
export const flowPairArbitrary: fc.Arbitrary<[TestFlow, TestFlow]> = fc
  .tuple(flowArbitrary, fc.array(edit, { maxLength: 6 }))
  .map(([before, edits]) => {
    const after = structuredClone(before);
    for (const e of edits) apply(after, asJson(e));
    return [before, after];
  });

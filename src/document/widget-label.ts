/** How lint messages name a widget, and how they name a place inside one. */

export interface WidgetRef {
  index: number;
  state: unknown;
  /** The widget's name, when it has a string one. */
  name?: string;
  label: string;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** `Widget "send_1" (send-message)`, or `Widget #3` when the state has no usable name. */
export function widgetRef(states: unknown, index: number): WidgetRef {
  const state: unknown = Array.isArray(states) ? (states as unknown[])[index] : undefined;
  const name = field(state, 'name');
  const type = field(state, 'type');
  const typeText = typeof type === 'string' && type !== '' ? ` (${type})` : '';
  const ref: WidgetRef = {
    index,
    state,
    label: typeof name === 'string' && name !== '' ? `Widget "${name}"${typeText}` : `Widget #${index}${typeText}`,
  };
  if (typeof name === 'string' && name !== '') ref.name = name;
  return ref;
}

/** The name of the widget a JSON pointer into a definition points into (`/states/3/…`, `#` allowed), if it has one. */
export function widgetNameAt(definition: unknown, pointer: string): string | undefined {
  const index = /^#?\/states\/(0|[1-9][0-9]*)(\/|$)/.exec(pointer)?.[1];
  return index === undefined ? undefined : widgetRef(field(definition, 'states'), Number(index)).name;
}

/** `/properties/offset/x` → `properties.offset.x`; `/transitions/0/next` → `transitions[0].next`. */
export function pathLabel(segments: readonly string[]): string {
  let label = '';
  for (const segment of segments) {
    if (/^(0|[1-9][0-9]*)$/.test(segment)) label += `[${segment}]`;
    else label += label === '' ? segment : `.${segment}`;
  }
  return label;
}

/** Escape one JSON pointer segment. */
export function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Unescape the segments of a JSON pointer such as ajv's instancePath. */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The semantic difference between two flow definitions, grouped by widget name (not array index). */
import type { Operation } from 'fast-json-patch';

/** One changed value; `path` is a JSON pointer inside the widget's `properties` (or `flags`), e.g. `/body`. */
export interface ValueChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** A transition whose target changed; `before`/`after` undefined means the transition did not exist. */
export interface TransitionChange {
  /** Event name, with `#n` (1-based) when the widget has several transitions with that event. */
  event: string;
  before?: string | null;
  after?: string | null;
  /** Other parts of the transition (conditions, uuid…) changed, not only `next`. */
  detailsChanged?: boolean;
}

export interface WidgetChange {
  name: string;
  /** The widget type after the change (before, for a removed widget). */
  type: string;
  kind: 'added' | 'removed' | 'changed';
  typeBefore?: string;
  /** Property changes, layout (`/offset…`) excluded. */
  properties: ValueChange[];
  transitions: TransitionChange[];
  /** Changes to widget fields other than `type`, `transitions` and `properties`; `path` is relative to the widget. */
  otherFields?: ValueChange[];
  /** How many raw operations this widget accounts for (bookkeeping: each operation is in exactly one group). */
  operationCount?: number;
}

/** How many raw operations each group of a FlowDiff accounts for; they add up to `operations.length`. */
export interface OperationCounts {
  widgets: number;
  layoutOnly: number;
  initialState: number;
  description: number;
  flags: number;
  other: number;
}

export interface FlowDiff {
  /** Added, removed and changed widgets (a widget that only moved on the canvas is not here). */
  widgets: WidgetChange[];
  /** Widgets whose only change is `properties.offset` (canvas layout). */
  layoutOnly: string[];
  initialState?: { before: unknown; after: unknown };
  description?: { before: unknown; after: unknown };
  flags: ValueChange[];
  /** Changes to top-level fields other than states, initial_state, description and flags (path from the root). */
  other?: ValueChange[];
  /** Raw fast-json-patch operations that turn normalize(before) into normalize(after). */
  operations: Operation[];
  /** True when the two definitions are semantically equal (no operation at all, layout included). */
  identical: boolean;
  operationCounts?: OperationCounts;
}

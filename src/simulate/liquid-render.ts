/**
 * Liquid rendering for the simulator: one engine, made on first use (never at import), with Studio's behaviour
 * where the docs state it (https://www.twilio.com/docs/studio/user-guide/liquid-template-language): a variable
 * that does not exist renders empty (liquidjs's default, strictVariables off), and a loop runs at most 15
 * iterations (Studio FAQ, https://www.twilio.com/docs/studio/user-guide/studio-faq: "Liquid Template loops:
 * Limited to 15 iterations per Liquid Template loop"; DESIGN.md reads it the same way: loops stop at 15). A `for`
 * loop renders its first 15 iterations and stops there, as `{% break %}` would. A `tablerow` cannot be cut short
 * that way (liquidjs's tablerow has no break), so its 16th cell stops the execution with an error naming the
 * widget rather than a text the simulator cannot vouch for.
 *
 * `"now"` and `"today"` in a `date` filter read the run's clock (SimulationInput.now), so a test of business
 * hours gives the same result on any day; dates print in UTC unless the template names a zone (the docs do not
 * say which zone Studio uses: a fixed one keeps the result independent of the machine that runs the test).
 *
 * Parsed templates are cached per definition object (a WeakMap to a Map from text to its parse), so a flow that
 * loops 1,000 steps through the same widgets, or the many scenarios of one test file, parse each template once.
 */
import { Liquid } from 'liquidjs';

/** Studio's cap on the iterations of one Liquid loop (FAQ). */
export const LOOP_LIMIT = 15;

type Parsed = ReturnType<Liquid['parse']>;
type TagClass = Liquid['tags'][string];
interface LoopTag {
  token: unknown;
  templates: unknown[];
  render(ctx: unknown, emitter: unknown): Generator<unknown, unknown, unknown>;
}

export class LoopLimitError extends Error {}

/**
 * A loop tag whose body starts with a counter: past the 15th iteration it breaks the loop (`for`) or throws
 * (`tablerow`). The counter is set anew at each render of the tag (nested loops each count their own).
 */
function capped(Base: TagClass, breaks: boolean): TagClass {
  const Loop = Base as unknown as new (...args: unknown[]) => LoopTag;
  class Capped extends Loop {
    private count = 0;
    constructor(...args: unknown[]) {
      super(...args);
      this.templates.unshift({
        token: this.token,
        render: (ctx: { breakCalled?: boolean }) => {
          this.count += 1;
          if (this.count <= LOOP_LIMIT) return '';
          if (breaks) {
            ctx.breakCalled = true;
            return '';
          }
          throw new LoopLimitError(
            `a Liquid tablerow ran more than ${LOOP_LIMIT} cells; Studio limits a loop to ${LOOP_LIMIT} iterations ` +
              '(Studio FAQ) and the simulator does not guess how Studio cuts a table short',
          );
        },
      });
    }
    override *render(ctx: unknown, emitter: unknown): Generator<unknown, unknown, unknown> {
      this.count = 0;
      return yield* super.render(ctx, emitter);
    }
  }
  return Capped as unknown as TagClass;
}

let engine: Liquid | undefined;
/** The clock of the render in progress (renders are synchronous: one at a time). */
let clock = new Date(0);

type FilterFn = (this: unknown, ...args: unknown[]) => unknown;
function clockedDate(made: Liquid): void {
  const original = made.filters['date'] as unknown;
  const handler = typeof original === 'function' ? (original as FilterFn) : undefined;
  if (!handler) return;
  made.registerFilter('date', function (this: unknown, value: unknown, ...args: unknown[]) {
    return handler.call(this, value === 'now' || value === 'today' ? clock : value, ...args);
  });
}
function liquid(): Liquid {
  if (engine) return engine;
  const made = new Liquid({
    cache: false,
    strictVariables: false,
    strictFilters: false,
    // Only an object's own fields: `{{ flow.constructor }}` or `__proto__` never reach JavaScript internals.
    ownPropertyOnly: true,
    // Bounds on hostile templates: parse size, time and memory of one render.
    parseLimit: 2e7,
    renderLimit: 2_000,
    memoryLimit: 5e7,
    timezoneOffset: 0,
  });
  clockedDate(made);
  for (const name of ['for', 'tablerow']) {
    const tag = made.tags[name];
    if (tag) made.registerTag(name, capped(tag, name === 'for'));
  }
  return (engine = made);
}

/** Does this text hold Liquid markup at all? Most strings do not, and then render as themselves. */
function hasMarkup(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

export type Rendered = { ok: true; text: string } | { ok: false; message: string };

/** One run's renderer: parses each distinct template once. */
export interface Renderer {
  render(text: string, scope: object): Rendered;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 300);
}

/** Parsed templates per flow definition: the scenarios of one test file share their parses. */
const byDefinition = new WeakMap<object, Map<string, Parsed | Error>>();

/** A renderer reading `now` as its clock, sharing parsed templates with every run of the same definition object. */
export function makeRenderer(run: { now: Date; definition: object }): Renderer {
  const { now } = run;
  let parsed = byDefinition.get(run.definition);
  if (!parsed) byDefinition.set(run.definition, (parsed = new Map<string, Parsed | Error>()));
  return {
    render(text, scope) {
      if (!hasMarkup(text)) return { ok: true, text };
      let template = parsed.get(text);
      if (template === undefined) {
        try {
          template = liquid().parse(text);
        } catch (error) {
          template = new Error(`Liquid syntax error: ${firstLine(error)}`);
        }
        parsed.set(text, template);
      }
      if (template instanceof Error) return { ok: false, message: template.message };
      try {
        clock = now;
        const out: unknown = liquid().renderSync(template, scope);
        return { ok: true, text: typeof out === 'string' ? out : String(out) };
      } catch (error) {
        return { ok: false, message: `Liquid error: ${firstLine(error)}` };
      }
    },
  };
}

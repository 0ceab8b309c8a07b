/**
 * A flow file's text with a new definition written into it, in the file's own shape and formatting: only the
 * values that differ are edited (jsonc-parser edits on the text), so an unchanged definition gives the very same
 * bytes and a one-widget edit touches only that widget's lines. Indent (spaces or a tab), line endings (LF or
 * CRLF), the final newline and every top-level field other than the definition stay as the file has them.
 */
import { isDeepStrictEqual } from 'node:util';
import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';

/** Where the definition sits in the file: the whole file, an object under `definition`, or a JSON string there. */
export type DefinitionPlace = 'bare' | 'object' | 'string';

/** Why a file's text cannot take a definition back (not JSON, `definition` neither an object nor a string). */
export class WriteBackError extends Error {
  override name = 'WriteBackError';
}

/** The file's formatting, as far as written edits need it. */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text
    .split(/\r?\n/)
    .slice(1, 200)
    .map((line) => /^[ \t]+(?=["{[\]}])/.exec(line)?.[0])
    .filter((i): i is string => i !== undefined);
  const first = indents[0];
  if (first?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol, insertFinalNewline: false };
  const size = indents.length === 0 ? 2 : Math.min(...indents.map((i) => i.length));
  return { insertSpaces: true, tabSize: size, eol, insertFinalNewline: false };
}

/** Where the definition is in a parsed file's top-level value. */
export function definitionPlace(root: unknown): DefinitionPlace {
  if (root === null || typeof root !== 'object' || Array.isArray(root))
    throw new WriteBackError('the top level is not a JSON object');
  const record = root as Record<string, unknown>;
  if (!Object.hasOwn(record, 'definition') || Object.hasOwn(record, 'states')) return 'bare';
  const definition = record['definition'];
  if (typeof definition === 'string') return 'string';
  if (definition !== null && typeof definition === 'object' && !Array.isArray(definition)) return 'object';
  throw new WriteBackError('"definition" is neither an object nor a JSON string');
}

/** The text's value (strict JSON; duplicate keys were refused when the file was read as a flow document). */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WriteBackError('the text is not JSON');
  }
}

/** The file's text with `definition` written in place of the one it holds. Throws WriteBackError. */
export function writeBack(text: string, definition: unknown): string {
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const root = parseValue(body);
  const place = definitionPlace(root);
  const options = formattingOf(body);
  if (place === 'bare') return bom + patchText(body, root, definition, options);
  const record = root as Record<string, unknown>;
  if (place === 'object') return bom + patchText(body, record['definition'], definition, options, ['definition']);
  const inner = record['definition'] as string;
  let innerValue: unknown;
  try {
    innerValue = parseValue(inner);
  } catch {
    throw new WriteBackError('the "definition" string is not JSON');
  }
  if (isDeepStrictEqual(innerValue, definition)) return text;
  const compact = !inner.includes('\n');
  const written = compact ? JSON.stringify(definition) : patchText(inner, innerValue, definition, formattingOf(inner));
  return bom + applyEdits(body, modify(body, ['definition'], written, { formattingOptions: options }));
}

/**
 * `text` (whose value at `prefix` is `before`) with the value at `prefix` made `after`, editing only what
 * differs. If the edits do not give exactly `after` (they always should), the value is written whole.
 */
export function patchText(
  text: string,
  before: unknown,
  after: unknown,
  options: FormattingOptions,
  prefix: JSONPath = [],
): string {
  // Counted first, without touching the text: each real edit re-parses the whole text, so a change too big
  // for the budget is written whole (in the file's indent) without paying for the edits it would have taken.
  const budget = editBudget(text);
  try {
    patch({ text, options, edits: 0, budget, dry: true }, prefix, before, after);
  } catch (error) {
    if (error !== TOO_MANY) throw error;
    return wholeValue(text, after, options, prefix);
  }
  const state: State = { text, options, edits: 0, budget, dry: false };
  patch(state, prefix, before, after);
  const check = parseValue(state.text);
  const got = prefix.length === 0 ? check : (check as Record<string, unknown>)[prefix[0] as string];
  if (isDeepStrictEqual(got, after)) return state.text;
  return wholeValue(text, after, options, prefix);
}

function wholeValue(text: string, after: unknown, options: FormattingOptions, prefix: JSONPath): string {
  if (prefix.length > 0) return applyEdits(text, modify(text, prefix, after, { formattingOptions: options }));
  const indent = options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
  const end = /\r?\n$/.test(text) ? options.eol : '';
  return JSON.stringify(after, null, indent).replaceAll('\n', options.eol ?? '\n') + end;
}

interface State {
  text: string;
  options: FormattingOptions;
  edits: number;
  /** Edits allowed before the value is written whole instead. */
  budget: number;
  /** Only count the edits. */
  dry: boolean;
}

/** Past this many edits (most of a flow changed) the value is written whole. */
const MAX_EDITS = 400;
/** Each edit re-parses the text: edits × characters stay under this (about a tenth of a second of parsing). */
const PARSE_BUDGET = 8_000_000;
const TOO_MANY = new Error('too many edits');

/** How many edits a text of this size may take: 400 for a usual flow, fewer for a big one, at least one. */
export function editBudget(text: string): number {
  return Math.max(1, Math.min(MAX_EDITS, Math.floor(PARSE_BUDGET / Math.max(1, text.length))));
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function edit(state: State, path: JSONPath, value: unknown, extra: Partial<Parameters<typeof modify>[3]> = {}): void {
  if (++state.edits > state.budget) throw TOO_MANY;
  if (state.dry) return;
  state.text = applyEdits(state.text, modify(state.text, path, value, { formattingOptions: state.options, ...extra }));
}

function patch(state: State, path: JSONPath, before: unknown, after: unknown): void {
  if (isDeepStrictEqual(before, after)) return;
  if (isObject(before) && isObject(after)) return patchObject(state, path, before, after);
  if (Array.isArray(before) && Array.isArray(after)) return patchArray(state, path, before, after);
  edit(state, path, after);
}

function patchObject(state: State, path: JSONPath, before: Json, after: Json): void {
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) edit(state, [...path, key], undefined);
  const order = Object.keys(after);
  for (const [index, key] of order.entries()) {
    if (Object.hasOwn(before, key)) {
      patch(state, [...path, key], before[key], after[key]);
      continue;
    }
    // A new key goes after the last key that precedes it in the new order (where Studio's export puts it).
    const preceding = new Set(order.slice(0, index));
    edit(state, [...path, key], after[key], {
      getInsertionIndex: (keys: string[]) => {
        let at = 0;
        keys.forEach((k, i) => {
          if (preceding.has(k)) at = i + 1;
        });
        return at;
      },
    });
  }
}

/** Names of an array of named objects (widgets), when every item has a distinct string name. */
function namesOf(items: unknown[]): string[] | undefined {
  const names = items.map((item) => (isObject(item) && typeof item['name'] === 'string' ? item['name'] : undefined));
  if (names.some((n) => n === undefined)) return undefined;
  return new Set(names).size === names.length ? (names as string[]) : undefined;
}

function patchArray(state: State, path: JSONPath, before: unknown[], after: unknown[]): void {
  const oldNames = namesOf(before);
  const newNames = namesOf(after);
  if (oldNames && newNames && before.length > 0) {
    const oldSet = new Set(oldNames);
    const newSet = new Set(newNames);
    const kept = oldNames.filter((n) => newSet.has(n));
    const keptNew = newNames.filter((n) => oldSet.has(n));
    if (isDeepStrictEqual(kept, keptNew)) {
      // Widgets by name: removed ones go (from the end), added ones are inserted where they are, the rest patched.
      const current = [...before];
      for (let i = oldNames.length - 1; i >= 0; i--) {
        if (!newSet.has(oldNames[i]!)) {
          edit(state, [...path, i], undefined);
          current.splice(i, 1);
        }
      }
      after.forEach((item, j) => {
        const name = newNames[j]!;
        if (oldSet.has(name)) patch(state, [...path, j], current[j], item);
        else {
          edit(state, [...path, j], item, { isArrayInsertion: true });
          current.splice(j, 0, item);
        }
      });
      return;
    }
  }
  if (before.length === after.length) {
    after.forEach((item, i) => patch(state, [...path, i], before[i], item));
    return;
  }
  edit(state, path, after);
}

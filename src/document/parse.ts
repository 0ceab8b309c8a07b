/**
 * Parse a flow file's text into a definition with positions, in the shapes we accept: a bare
 * definition, the Studio REST resource (`friendly_name`) or the Twilio CLI export (`friendlyName`).
 */
import { basename, extname } from 'node:path';
import { pointerSegments } from './json-tree.ts';
import { jsonType, readJson } from './json-value.ts';
import { readFileFields, type NameSource } from './file-fields.ts';
import { DEFINITION_SIZE_LIMIT, duplicateFindings, kindOf, quoteName, sizeFinding } from './parse-findings.ts';
import { buildLineIndex } from './positions.ts';
import { offsetInString } from './string-position.ts';
import { MAX_NESTING_DEPTH } from './syntax.ts';
import { textNavigator } from './text-navigator.ts';
import type { Finding, Position } from './types.ts';

export { DEFINITION_SIZE_LIMIT };

export type FlowFileShape = 'definition' | 'resource';

export interface ParsedFlowError {
  ok: false;
  findings: Finding[];
}

/**
 * A parsed flow file. `findings` may still hold errors (duplicate key, bad sid, size limit) that
 * must stop the flow from being sent to Twilio; `ok` only says a definition could be read.
 */
export interface ParsedFlowOk {
  ok: true;
  shape: FlowFileShape;
  definition: unknown;
  /** The name the file gives itself (`friendly_name` or `friendlyName`), else its file name without extension. */
  friendlyName: string;
  /** Where `friendlyName` came from: the file's own field, or its file name (the default). */
  nameSource: NameSource;
  /** The file's own `sid` (never used when an environment is selected: see src/targets/intent.ts). */
  sid?: string;
  /** Position of a JSON pointer relative to the definition (`#/states/0`, `/states/0`); deepest existing node. */
  locate(pointer: string): Position | undefined;
  /**
   * Position of the `offset`-th character of the string at `pointer` when the file holds that very `text`
   * there (else the position `locate` gives).
   */
  locateInString(pointer: string, at: { offset: number; text: string }): Position | undefined;
  findings: Finding[];
}

export type ParsedFlow = ParsedFlowError | ParsedFlowOk;

/** Findings are always reported with their file, so messages do not repeat its path. */
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function fail(position: Position, message: string, fix: string, rule = 'json-syntax'): ParsedFlowError {
  return {
    ok: false,
    findings: [{ severity: 'error', source: 'parse', rule, message: capitalize(message), fix, ...position }],
  };
}

/** The definition held in a resource's `definition` string, or why it cannot be read (placed at the key). */
function innerDefinition(
  inner: string,
  keyAt: Position,
): { ok: true; definition: unknown; findings: Finding[] } | ParsedFlowError {
  const read = readJson(inner, buildLineIndex(inner));
  if (!read.ok) {
    const first = read.findings[0];
    if (first?.rule === 'json-depth')
      return fail(
        keyAt,
        `the "definition" string nests deeper than ${MAX_NESTING_DEPTH} levels`,
        'Flatten the definition.',
        'json-depth',
      );
    // Our own messages, never JavaScript's: JSON.parse quotes the text around the error.
    const where = first ? `: ${first.message} at line ${first.line}, column ${first.column} of the string` : '';
    return fail(
      keyAt,
      `the "definition" string is not valid JSON${where}`,
      'Store the definition as a JSON object, or fix the JSON inside the string.',
    );
  }
  const findings = read.duplicates.map(({ key }): Finding => ({
    severity: 'error',
    source: 'parse',
    rule: 'duplicate-key',
    ...keyAt,
    message: `Duplicate key ${quoteName(key)} inside the "definition" string; Twilio would silently keep only the last one`,
    fix: `Remove or rename one of the two ${quoteName(key)} keys.`,
  }));
  return { ok: true, definition: read.value, findings };
}

/** Parse one flow file. Never throws; problems come back as findings naming the file. */
export function parseFlowText(path: string, text: string): ParsedFlow {
  const findings: Finding[] = [];
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    body = body.slice(1);
    findings.push({
      severity: 'warning',
      source: 'parse',
      rule: 'bom',
      line: 1,
      column: 1,
      message: 'The file starts with a UTF-8 byte order mark',
      fix: 'Save the file as UTF-8 without BOM.',
    });
  }
  const lines = buildLineIndex(body);
  const nul = body.indexOf('\u0000');
  if (nul >= 0)
    return fail(
      lines.positionAt(nul),
      'the file is not UTF-8 JSON text: it holds NUL characters (it is UTF-16 or binary)',
      'Save the flow as UTF-8 JSON, as the Studio console exports it.',
      'encoding',
    );
  if (body.trim() === '')
    return fail(
      { line: 1, column: 1 },
      'the file is empty',
      'A flow file must hold a Studio flow definition: a JSON object with "states" and "initial_state".',
      'empty-file',
    );
  const read = readJson(body, lines);
  if (!read.ok) return { ok: false, findings: [...findings, ...read.findings] };
  const rootType = jsonType(read.value);
  if (rootType !== 'object') {
    return fail(
      lines.positionAt(read.root),
      `the top level is ${kindOf(rootType)}, not a JSON object`,
      'A flow file must be a JSON object: a flow definition or a flow resource with "friendly_name" and "definition".',
      'flow-shape',
    );
  }
  const rootValue = read.value as Record<string, unknown>;
  findings.push(...duplicateFindings(read.duplicates, lines));
  // Places in the text are found when first asked for, never for the whole file (src/document/text-navigator.ts).
  const navigator = textNavigator(body, { unique: read.duplicates.length === 0 });

  const isResource = Object.hasOwn(rootValue, 'definition') && !Object.hasOwn(rootValue, 'states');
  let definition: unknown = rootValue;
  let definitionRoot: number | undefined = read.root;
  let pinned: Position | undefined;
  let friendlyName = basename(path, extname(path));
  let nameSource: NameSource = 'file-name';
  let sid: string | undefined;

  if (isResource) {
    const member = navigator.member(read.root, 'definition');
    const keyAt = lines.positionAt(member?.key ?? read.root);
    const value = rootValue['definition'];
    const valueType = jsonType(value);
    if (typeof value === 'string') {
      const inner = innerDefinition(value, keyAt);
      if (!inner.ok) return inner;
      definition = inner.definition;
      findings.push(...inner.findings);
      definitionRoot = undefined;
      pinned = keyAt;
    } else if (valueType === 'object') {
      definition = value;
      definitionRoot = member?.value;
    } else {
      return fail(
        keyAt,
        `"definition" is ${kindOf(valueType)}; it must be an object (or a JSON string)`,
        'Put the flow definition object under "definition".',
        'flow-shape',
      );
    }
    const fields = readFileFields({
      root: rootValue,
      fallbackName: friendlyName,
      at: (key, part) => {
        const member = navigator.member(read.root, key);
        return lines.positionAt((part === 'value' ? member?.value : member?.key) ?? 0);
      },
    });
    findings.push(...fields.findings);
    friendlyName = fields.friendlyName;
    nameSource = fields.nameSource;
    sid = fields.sid;
  }

  const defRoot = definitionRoot;
  const locate = (pointer: string): Position | undefined => {
    if (pinned) return pinned;
    if (defRoot === undefined) return undefined;
    return lines.positionAt(navigator.deepest(defRoot, pointerSegments(pointer)));
  };
  const locateInString = (pointer: string, at: { offset: number; text: string }): Position | undefined => {
    const node =
      defRoot !== undefined && !pinned ? navigator.exactString(defRoot, pointerSegments(pointer)) : undefined;
    const offset = node ? offsetInString(body, { node, value: at.text, index: at.offset }) : undefined;
    return offset !== undefined ? lines.positionAt(offset) : locate(pointer);
  };
  const tooBig = sizeFinding(definition, () => locate('') ?? { line: 1, column: 1 });
  if (tooBig) findings.push(tooBig);
  const result: ParsedFlowOk = {
    ok: true,
    shape: isResource ? 'resource' : 'definition',
    definition,
    friendlyName,
    nameSource,
    locate,
    locateInString,
    findings,
  };
  if (sid !== undefined) result.sid = sid;
  return result;
}

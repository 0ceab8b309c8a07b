/**
 * Parse a flow file's text into a definition with positions, in the shapes we accept: a bare
 * definition, the Studio REST resource (`friendly_name`) or the Twilio CLI export (`friendlyName`).
 */
import { basename, extname } from 'node:path';
import { parseTree } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { deepestNode, pointerSegments, treeToValue } from './json-tree.ts';
import type { DuplicateKey } from './json-tree.ts';
import { readFileFields, type NameSource } from './file-fields.ts';
import { DEFINITION_SIZE_LIMIT, duplicateFindings, kindOf, quoteName, sizeFinding } from './parse-findings.ts';
import { buildLineIndex } from './positions.ts';
import { exactStringNode, offsetInString } from './string-position.ts';
import type { LineIndex } from './positions.ts';
import { findExcessiveNesting, MAX_NESTING_DEPTH, syntaxFindings } from './syntax.ts';
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

/** Parse JSON text into a tree, or the findings that say why it is not JSON. */
function toTree(text: string, lines: LineIndex): { root?: Node; findings: Finding[] } {
  const deep = findExcessiveNesting(text);
  if (deep >= 0) {
    return {
      findings: [
        {
          severity: 'error',
          source: 'parse',
          rule: 'json-depth',
          ...lines.positionAt(deep),
          message: `JSON nesting deeper than ${MAX_NESTING_DEPTH} levels`,
          fix: `A Studio flow definition never needs more than a few levels of nesting; flatten the structure.`,
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) return { findings: syntaxFindings(text, lines, errors) };
  return { root, findings: [] };
}

function memberValue(object: Node, key: string): { property: Node; value: Node } | undefined {
  let found: { property: Node; value: Node } | undefined;
  for (const property of object.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (keyNode?.value === key && value) found = { property, value };
  }
  return found;
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
  const tree = toTree(body, lines);
  if (!tree.root) return { ok: false, findings: [...findings, ...tree.findings] };
  const root = tree.root;
  if (root.type !== 'object') {
    return fail(
      lines.positionAt(root.offset),
      `the top level is ${kindOf(root.type)}, not a JSON object`,
      'A flow file must be a JSON object: a flow definition or a flow resource with "friendly_name" and "definition".',
      'flow-shape',
    );
  }
  const duplicates: DuplicateKey[] = [];
  const rootValue = treeToValue(root, duplicates) as Record<string, unknown>;
  findings.push(...duplicateFindings(duplicates, lines));

  const definitionMember = memberValue(root, 'definition');
  const isResource = definitionMember !== undefined && memberValue(root, 'states') === undefined;
  let definition: unknown = rootValue;
  let definitionRoot: Node | undefined = root;
  let pinned: Position | undefined;
  let friendlyName = basename(path, extname(path));
  let nameSource: NameSource = 'file-name';
  let sid: string | undefined;

  if (isResource) {
    const { property, value } = definitionMember;
    const keyAt = lines.positionAt(property.offset);
    if (value.type === 'string') {
      const inner = String(value.value);
      if (findExcessiveNesting(inner) >= 0)
        return fail(
          keyAt,
          `the "definition" string nests deeper than ${MAX_NESTING_DEPTH} levels`,
          'Flatten the definition.',
          'json-depth',
        );
      // Our own messages, never JavaScript's: JSON.parse quotes the text around the error.
      const errors: ParseError[] = [];
      const innerRoot = parseTree(inner, errors, {
        disallowComments: true,
        allowTrailingComma: false,
        allowEmptyContent: false,
      });
      const first = syntaxFindings(inner, buildLineIndex(inner), errors, 1)[0];
      if (first || !innerRoot) {
        const where = first ? `: ${first.message} at line ${first.line}, column ${first.column} of the string` : '';
        return fail(
          keyAt,
          `the "definition" string is not valid JSON${where}`,
          'Store the definition as a JSON object, or fix the JSON inside the string.',
        );
      }
      const innerDuplicates: DuplicateKey[] = [];
      definition = treeToValue(innerRoot, innerDuplicates);
      for (const { key } of innerDuplicates) {
        findings.push({
          severity: 'error',
          source: 'parse',
          rule: 'duplicate-key',
          ...keyAt,
          message: `Duplicate key ${quoteName(key)} inside the "definition" string; Twilio would silently keep only the last one`,
          fix: `Remove or rename one of the two ${quoteName(key)} keys.`,
        });
      }
      definitionRoot = undefined;
      pinned = keyAt;
    } else if (value.type === 'object') {
      definition = rootValue['definition'];
      definitionRoot = value;
    } else {
      return fail(
        keyAt,
        `"definition" is ${kindOf(value.type)}; it must be an object (or a JSON string)`,
        'Put the flow definition object under "definition".',
        'flow-shape',
      );
    }
    const fields = readFileFields({
      root: rootValue,
      fallbackName: friendlyName,
      at: (key, part) => {
        const member = memberValue(root, key);
        return lines.positionAt((part === 'value' ? member?.value.offset : member?.property.offset) ?? 0);
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
    if (!defRoot) return undefined;
    return lines.positionAt(deepestNode(defRoot, pointerSegments(pointer)).offset);
  };
  const locateInString = (pointer: string, at: { offset: number; text: string }): Position | undefined => {
    const node = defRoot && !pinned ? exactStringNode(defRoot, pointerSegments(pointer)) : undefined;
    const offset = node ? offsetInString(body, { node, value: at.text, index: at.offset }) : undefined;
    return offset !== undefined ? lines.positionAt(offset) : locate(pointer);
  };
  const tooBig = sizeFinding(definition, locate('') ?? { line: 1, column: 1 });
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

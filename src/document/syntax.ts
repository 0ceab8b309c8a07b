/** JSON syntax checks that run before a flow file is turned into a tree: nesting depth and parse errors. */
import { printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import type { LineIndex } from './positions.ts';
import type { Finding } from './types.ts';

/** Deepest nesting of objects/arrays a flow file may have; real flows stay far below it. */
export const MAX_NESTING_DEPTH = 128;

/**
 * Offset of the first `[` or `{` that opens level MAX_NESTING_DEPTH + 1, or -1. Iterative and
 * string-aware (brackets inside strings do not count), so it cannot overflow the stack itself and
 * lets us refuse a hostile file before the recursive parser sees it.
 */
export function findExcessiveNesting(text: string, maxDepth = MAX_NESTING_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i++;
      else if (code === 34 /* " */) inString = false;
      continue;
    }
    if (code === 34) inString = true;
    else if (code === 91 /* [ */ || code === 123 /* { */) {
      depth++;
      if (depth > maxDepth) return i;
    } else if (code === 93 /* ] */ || code === 125 /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

const MESSAGES: Record<string, { message: string; fix: string }> = {
  InvalidSymbol: {
    message: 'Unexpected character',
    fix: 'JSON allows only objects, arrays, double-quoted strings, numbers, true, false and null here.',
  },
  InvalidNumberFormat: {
    message: 'Invalid number',
    fix: 'Write numbers as plain decimals such as 42 or -1.5 (no leading zeros, hex or NaN).',
  },
  PropertyNameExpected: {
    message: 'Expected a property name in double quotes',
    fix: 'Property names must be strings in double quotes, e.g. "name".',
  },
  ValueExpected: { message: 'Expected a value', fix: 'Add the missing value or remove the extra comma.' },
  ColonExpected: {
    message: 'Expected a colon after the property name',
    fix: 'Separate each property name from its value with ":".',
  },
  CommaExpected: { message: 'Expected a comma', fix: 'Separate values and properties with ",".' },
  CloseBraceExpected: { message: 'Expected a closing brace "}"', fix: 'Close the object with "}".' },
  CloseBracketExpected: { message: 'Expected a closing bracket "]"', fix: 'Close the array with "]".' },
  EndOfFileExpected: {
    message: 'Unexpected content after the end of the JSON document',
    fix: 'A flow file holds exactly one JSON object; remove what follows it.',
  },
  InvalidCommentToken: {
    message: 'Comments are not allowed in JSON',
    fix: 'Remove the comment; Twilio parses the definition as strict JSON.',
  },
  UnexpectedEndOfComment: {
    message: 'Comments are not allowed in JSON',
    fix: 'Remove the comment; Twilio parses the definition as strict JSON.',
  },
  UnexpectedEndOfString: {
    message: 'Unterminated string',
    fix: 'Close the string with a double quote; line breaks inside strings must be written as \\n.',
  },
  UnexpectedEndOfNumber: { message: 'Incomplete number', fix: 'Complete the number, e.g. 1.0 instead of 1.' },
  InvalidUnicode: {
    message: 'Invalid unicode escape',
    fix: 'Write unicode escapes as \\u followed by four hex digits.',
  },
  InvalidEscapeCharacter: {
    message: 'Invalid escape character in string',
    fix: 'Valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.',
  },
  InvalidCharacter: {
    message: 'Invalid character in string',
    fix: 'Control characters such as tabs and line breaks must be escaped inside strings (\\t, \\n).',
  },
};

function previousSignificant(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text.charAt(i))) i--;
  return i;
}

function syntaxFinding(text: string, lines: LineIndex, error: ParseError): { offset: number; finding: Finding } {
  const code = printParseErrorCode(error.error);
  const closing = text.charAt(error.offset);
  const before = previousSignificant(text, error.offset);
  if (
    (code === 'PropertyNameExpected' || code === 'ValueExpected') &&
    (closing === '}' || closing === ']') &&
    text.charAt(before) === ','
  ) {
    const at = lines.positionAt(before);
    return {
      offset: before,
      finding: {
        severity: 'error',
        source: 'parse',
        rule: 'json-syntax',
        ...at,
        message: `Unexpected trailing comma before "${closing}"`,
        fix: `Remove the comma at line ${at.line}, column ${at.column}; JSON does not allow a comma after the last ${closing === '}' ? 'property' : 'element'}.`,
      },
    };
  }
  const known = MESSAGES[code] ?? {
    message: `JSON syntax error (${code})`,
    fix: 'Fix the JSON syntax at this position.',
  };
  const at = lines.positionAt(error.offset);
  let fix = known.fix;
  if (code === 'CommaExpected' && before >= 0) {
    const end = lines.positionAt(before);
    fix = `Add a comma after line ${end.line}, column ${end.column}, before this value.`;
  }
  return {
    offset: error.offset,
    finding: { severity: 'error', source: 'parse', rule: 'json-syntax', ...at, message: known.message, fix },
  };
}

/** Findings for jsonc-parser errors: one per position, in file order, at most `limit`. */
export function syntaxFindings(text: string, lines: LineIndex, errors: readonly ParseError[], limit = 20): Finding[] {
  const seen = new Set<number>();
  const findings: Finding[] = [];
  for (const error of errors) {
    const { offset, finding } = syntaxFinding(text, lines, error);
    if (seen.has(offset)) continue;
    seen.add(offset);
    findings.push(finding);
    if (findings.length >= limit) break;
  }
  return findings;
}

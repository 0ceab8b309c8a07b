/**
 * Text matchers of `messages`, `says` and `variables`: the exact text, `{ contains }` or `{ regex }`. A regex is
 * a JavaScript pattern written by whoever edits the test file, so it is bounded before it runs: at most 1,000
 * characters (schema), no quantified group that itself holds a quantifier (`(a+)+`, the shape of most
 * catastrophic backtracking), and it is only run on texts up to 10,000 characters.
 */
import type { Matcher } from './model.ts';
import { quote } from './text.ts';

/** Longest text a regex matcher is run on. */
export const MAX_REGEX_SUBJECT = 10_000;

/** Why a pattern is refused (not a valid regex, or nested quantifiers), or undefined when it may run. */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  return nestedQuantifier(pattern)
    ? 'repeats a group that itself repeats (like (a+)+): such patterns can take exponential time'
    : undefined;
}

/** Whether a quantified group holds a quantifier (star height over 1), escapes and classes skipped. */
function nestedQuantifier(pattern: string): boolean {
  const groups: boolean[] = []; // per open group: does it hold a quantifier?
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      groups.push(false);
    } else if (c === ')') {
      const inner = groups.pop() ?? false;
      const quantified = /[*+{]/.test(pattern[i + 1] ?? '');
      if (quantified && inner) return true;
      if (groups.length > 0 && (inner || quantified)) groups[groups.length - 1] = true;
    } else if (groups.length > 0 && (/[*+{]/.test(c) || (c === '?' && !/[(*+?}]/.test(pattern[i - 1] ?? '(')))) {
      groups[groups.length - 1] = true;
    }
  }
  return false;
}

/** Whether `text` matches; a regex is not run on a text over MAX_REGEX_SUBJECT characters (it does not match). */
export function matches(matcher: Matcher | number | boolean, text: string): boolean {
  if (typeof matcher !== 'object') return String(matcher) === text;
  if ('contains' in matcher) return text.includes(matcher.contains);
  if (text.length > MAX_REGEX_SUBJECT) return false;
  return new RegExp(matcher.regex, 'u').test(text);
}

/** The matcher as a message shows it: `"Hi Ann"`, `a text containing "order"`, `a text matching /^Ref/`. */
export function matcherText(matcher: Matcher | number | boolean): string {
  if (typeof matcher !== 'object') return quote(String(matcher));
  if ('contains' in matcher) return `a text containing ${quote(matcher.contains)}`;
  return `a text matching the regex ${quote(matcher.regex)}`;
}

/** Why a text did not match, when the reason is the subject's size rather than the pattern. */
export function tooLongForRegex(matcher: Matcher | number | boolean, text: string): boolean {
  return typeof matcher === 'object' && 'regex' in matcher && text.length > MAX_REGEX_SUBJECT;
}

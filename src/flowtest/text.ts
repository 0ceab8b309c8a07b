/**
 * How values from a test file or a flow appear in our plain-text messages. Such values are hostile (markup,
 * newlines, 60,000 characters, `@mentions`, comment markers): they stay data, quoted and cut; the renderers
 * escape for their context, so nothing here escapes markup.
 */

/** Characters of one value shown in a message at most. */
export const MAX_SHOWN = 80;

/** The value cut to `max` characters (whole code points), with how much was left out. */
export function clip(text: string, max = MAX_SHOWN): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join('')}… (${chars.length} characters)`;
}

/** A text value as a quoted string literal: newlines and control characters visible as escapes, cut when long. */
export function quote(value: unknown, max = MAX_SHOWN): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const chars = Array.from(text);
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  const more = chars.length > max ? ` (${chars.length} characters)` : '';
  return `${JSON.stringify(cut)}${more}`;
}

/** A scenario's name as messages show it: quoted, cut at 200 characters (the schema allows 500). */
export function scenarioName(value: string): string {
  return quote(value, 200);
}

/** A widget (or other) name in backticks; a name that a code span cannot hold plainly is quoted instead. */
export function name(value: string): string {
  return /^[^`\p{Cc}]{1,80}$/u.test(value) ? `\`${value}\`` : quote(value);
}

/** 1 → "1st", 2 → "2nd", 11 → "11th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "1 time", "3 times" and the like. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** JSON types in plain words, for schema errors in a file a person wrote (the config file, a flow test file). */

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'a boolean (true/false)',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

/** `a string`, or `a string, a number or a list` for a list of JSON Schema types. */
export function typeWords(types: unknown): string {
  const list = (Array.isArray(types) ? types : [types]).map((t) => TYPE_WORDS[String(t)] ?? String(t));
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list.at(-1) ?? ''}`;
}

/** What a value is: `it is empty`, `it is a list`, `it is a number`. */
export function foundWords(value: unknown): string {
  if (value === null || value === undefined) return 'it is empty';
  if (Array.isArray(value)) return 'it is a list';
  return `it is ${typeWords(typeof value)}`;
}

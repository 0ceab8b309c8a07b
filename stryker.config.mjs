// @ts-check
/**
 * StrykerJS, as `npm run mutate` (scripts/mutate.ts) drives it: one run per module of
 * scripts/mutate-modules.ts, `mutate` that file, the command runner running that module's own unit tests
 * with `node --test`. `npx stryker run` alone mutates every file below against the whole unit suite (slow).
 *
 * Node 24 runs the instrumented .ts as it runs ours, by type stripping: the instrumenter keeps the
 * source's (erasable-only) TypeScript and adds plain JavaScript, so no build step and no checker is needed.
 * The command runner knows nothing of coverage: each mutant runs the module's tests ("no coverage" stays 0).
 *
 * Equivalent mutants (no observable difference, so no test can kill them) are listed in
 * `equivalentMutants` below, each with its place and why: scripts/mutate.ts leaves them out of the score
 * and counts them in its own column. Never delete code to get rid of a survivor.
 */

import os from 'node:os';
import path from 'node:path';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'command',
  commandRunner: { command: "node --test --test-timeout=120000 'test/**/*.test.ts'" },
  coverageAnalysis: 'off',
  mutate: [
    'src/egress/gate.ts',
    'src/report/escape.ts',
    'src/secrets/mask.ts',
    'src/secrets/secret-forms.ts',
    'src/secrets/sensitive-keys.ts',
    'src/targets/identity.ts',
    'src/deploy/record.ts',
    'src/deploy/publish.ts',
    'src/deploy/write.ts',
    'src/deploy/undo.ts',
    'src/deploy/in-flight.ts',
    'src/studio/create-claims.ts',
    'src/studio/retry.ts',
    'src/studio/retry-classify.ts',
    'src/diff/diff.ts',
    'src/github/comment.ts',
  ],
  // Only what the tests need is copied into the sandbox; node_modules is linked.
  ignorePatterns: ['dist', 'reports', 'coverage', 'render-check', 'bench', '.github'],
  // Outside the work tree: ESLint (`eslint .`) would otherwise lint each sandbox, a copy of the project, while a
  // run is in progress; node_modules/ cannot hold it (Node does not strip types there).
  tempDirName: path.join(os.tmpdir(), 'studio-flow-ci-stryker'),
  cleanTempDir: 'always',
  timeoutMS: 30000,
  timeoutFactor: 2,
  thresholds: { high: 90, low: 80, break: null },
  reporters: ['html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
};
export default config;

/** One equivalent mutant of src/diff/diff.ts at 'line:column' (a list, to spread). */
function diffEquivalent(at, [mutator, replacement], why) {
  const [line, column] = at.split(':').map(Number);
  return [{ file: 'src/diff/diff.ts', line, column, mutator, replacement, why }];
}

/**
 * Survivors with no observable difference. `file`, `line` (1-based), `column` (1-based, optional) and `mutator`
 * (Stryker's name) find the mutant; `replacement` (optional) tells apart two mutants of one place; `why` says why no test can
 * tell the mutant from the code.
 * @type {{ file: string; line: number; column?: number; mutator: string; replacement?: string; why: string }[]}
 */
export const equivalentMutants = [
  // src/report/escape.ts plainLine: `.replace(/\r?\n|\r/g, ' ')` then every control character becomes a space.
  {
    file: 'src/report/escape.ts',
    line: 27,
    mutator: 'Regex',
    replacement: '/\\r\\n|\\r/g',
    why: 'a lone \\n left by /\\r\\n|\\r/ is turned into the same one space by the next replace (\\p{Cc}); only CRLF needs the first replace, and both forms match it',
  },
  // src/targets/identity.ts withPrevious, a found identity whose old identity finds flows `before`:
  //   const kept = before.find((sid) => sid !== found.live.sid);
  //   if (kept === undefined || before.includes(found.live.sid)) return found;
  {
    file: 'src/targets/identity.ts',
    line: 75,
    mutator: 'ConditionalExpression',
    replacement: 'true',
    why: 'kept becomes before[0]: if before holds the found SID the next line returns found either way; if not, every SID differs from it and find() already returned before[0]',
  },
  {
    file: 'src/targets/identity.ts',
    line: 76,
    mutator: 'ConditionalExpression',
    replacement: 'false',
    why: '`kept === undefined` as false: kept is undefined only when every SID of before is the found one, and then before.includes(found) is true, so the condition is the same (the other `false` mutant of this line, the whole condition, is killed by identity-states.test.ts)',
  },
  // src/studio/retry-classify.ts errorCodes: `if (cause !== undefined) codes.push(...errorCodes(cause, depth + 1));`
  {
    file: 'src/studio/retry-classify.ts',
    line: 78,
    mutator: 'ConditionalExpression',
    replacement: 'true',
    why: 'errorCodes(undefined) returns [] at its first line (not an object), so reading an undefined cause adds nothing',
  },
  // src/studio/retry.ts extendDeadline: `if (at <= this.#deadlineAt) return;` then budget += at - deadlineAt, deadlineAt = at.
  {
    file: 'src/studio/retry.ts',
    line: 95,
    mutator: 'EqualityOperator',
    replacement: 'at < this.#deadlineAt',
    why: 'when at equals the deadline, going on adds 0 to the budget and sets the deadline to the value it has',
  },
  // src/studio/retry.ts #deadline: `...(lastError === undefined ? {} : { lastError })`.
  {
    file: 'src/studio/retry.ts',
    line: 191,
    mutator: 'ConditionalExpression',
    replacement: 'false',
    why: 'StudioDeadlineError treats `lastError: undefined` as no lastError (message and cause both test `=== undefined`)',
  },
  // src/studio/retry.ts tell: `try { this.#onRetry?.(event); } catch {}`.
  {
    file: 'src/studio/retry.ts',
    line: 199,
    mutator: 'OptionalChaining',
    replacement: 'this.#onRetry(event)',
    why: 'without a callback the call throws a TypeError that the surrounding catch swallows, as it swallows any callback error',
  },
  // src/studio/retry.ts withWhat: `call.what === undefined ? { method, path } : { method, path, what: call.what }`.
  {
    file: 'src/studio/retry.ts',
    line: 207,
    mutator: 'ConditionalExpression',
    replacement: 'false',
    why: 'the errors built from it test `init.what ?` (truthy), so `what: undefined` reads as no what',
  },
  // src/secrets/mask.ts maskText, a key/value item in JSON text: `isSensitiveKey(name) && value !== '' ? …maskWhole(value)… : m`.
  {
    file: 'src/secrets/mask.ts',
    line: 117,
    mutator: 'ConditionalExpression',
    replacement: 'true',
    why: "maskWhole('') returns '' (nothing literal to hide), so masking an empty value writes the item back unchanged",
  },
  // src/diff/diff.ts put(): `if (key === '__proto__') Object.defineProperty(…, { enumerable, writable: true, configurable: true })`
  // else `target[key] = value`: both make the same own enumerable property, and nothing writes or deletes a key after.
  ...diffEquivalent(
    '32:7',
    ['ConditionalExpression', 'true'],
    'defineProperty for every key makes the same own property as assignment',
  ),
  ...diffEquivalent(
    '33:77',
    ['BooleanLiteral', 'false'],
    'writable: false: no code writes a key of the keyed form after put()',
  ),
  ...diffEquivalent(
    '33:97',
    ['BooleanLiteral', 'false'],
    'configurable: false: no code deletes or redefines a key after put()',
  ),
  // normalizeWidget(): a named widget of exactly name/type/transitions/properties takes a short path
  // (`{ type, transitions, properties }`); the general path copies every field but name and transitions, then sets
  // transitions. For such a widget both give the same keys and values, in another order, and nothing reads the order
  // of a widget's fields (changes are sorted by the file's order of properties and events). So every mutant that only
  // sends a standard widget down the general path is equivalent:
  ...diffEquivalent(
    '66:26',
    ['ArrayDeclaration', '[]'],
    'STANDARD empty: standard widgets take the general path, same content',
  ),
  ...[
    ['name', 27],
    ['type', 35],
    ['transitions', 43],
    ['properties', 58],
  ].map(([field, column]) => ({
    ...diffEquivalent(
      `66:${column}`,
      ['StringLiteral', '""'],
      `STANDARD without '${field}': standard widgets take the general path, same content`,
    )[0],
  })),
  ...diffEquivalent(
    '72:7',
    ['ConditionalExpression', 'false'],
    'never the short path: the general path gives the same content',
  ),
  ...diffEquivalent('72:48', ['ArrowFunction', '() => undefined'], 'every() false: the general path, same content'),
  ...diffEquivalent('72:73', ['BlockStatement', '{}'], 'the short path falls through to the general one, same content'),
  //   for (const k of keys) if (k !== 'transitions' && !(named && k === 'name')) put(out, k, state[k]); out.transitions = transitions;
  ...diffEquivalent(
    '76:29',
    ['ConditionalExpression', 'true'],
    "`k !== 'transitions'` as true: the raw list copied is overwritten by the keyed transitions on the next line",
  ),
  ...diffEquivalent(
    '76:35',
    ['StringLiteral', '""'],
    "`k !== ''`: the same as above, the raw transitions are overwritten",
  ),
  // normalizeDefinition(): `if (k !== 'states') put(out, k, v)` then `out.states = states` overwrites the raw list.
  ...diffEquivalent(
    '84:68',
    ['ConditionalExpression', 'true'],
    'the raw states copied are overwritten by the keyed states',
  ),
  ...diffEquivalent('84:74', ['StringLiteral', '""'], 'the raw states copied are overwritten by the keyed states'),
  // segments(): `path.includes('~') ? segs.map(unescape) : segs` — unescape leaves a segment without `~` as it is.
  ...diffEquivalent('101:24', ['StringLiteral', '""'], 'unescaping every path is the identity on paths without ~'),
  // changedWidget(): `key === undefined` (an operation on a whole `transitions`) cannot happen: both sides of a changed
  // widget always have a keyed transitions object, and fast-json-patch then compares it key by key.
  ...diffEquivalent(
    '162:20',
    ['ConditionalExpression', 'false'],
    'unreachable: no operation replaces a whole transitions object',
  ),
  ...diffEquivalent(
    '162:40',
    ['ArrayDeclaration', '[]'],
    'unreachable: no operation replaces a whole transitions object',
  ),
  ...diffEquivalent(
    '162:52',
    ['ArrayDeclaration', '[]'],
    'unreachable: no operation replaces a whole transitions object',
  ),
  // `else if (field !== 'properties' && field !== undefined)`: an operation on a whole widget (field undefined) is an
  // added or removed widget, handled before changedWidget.
  ...diffEquivalent(
    '168:42',
    ['ConditionalExpression', 'true'],
    'unreachable: a changed widget has no operation on itself as a whole',
  ),
  // the property sort: `segments(x.path)[0] ?? ''`: a property change always has a first segment.
  ...diffEquivalent(
    '173:53',
    ['StringLiteral', '"Stryker was here!"'],
    'unreachable fallback: a property change path always has a first segment',
  ),
  ...diffEquivalent(
    '173:103',
    ['StringLiteral', '"Stryker was here!"'],
    'unreachable fallback: a property change path always has a first segment',
  ),
  // group(): `top === 'states' && name !== undefined`: no operation replaces the whole states object (both keyed objects).
  ...diffEquivalent(
    '197:29',
    ['ConditionalExpression', 'true'],
    'unreachable: no operation has the path /states alone',
  ),
  // src/deploy/record.ts NEXT, a state's allowed next states: an end state's empty list given one junk entry,
  // `["Stryker was here"]`, still allows no FlowState: `to` is typed FlowState and every caller passes a literal one
  // (test/deploy/record.test.ts refuses every FlowState from each end state; record-outcome.test.ts refuses junk ones).
  ...[
    ['unchanged', 30, 14],
    ['failed', 31, 11],
    ['unknown', 32, 12],
    ['rolled-back', 33, 18],
    ['rollback-failed', 34, 22],
    ['not-attempted', 35, 20],
  ].map(([state, line, column]) => ({
    file: 'src/deploy/record.ts',
    line: Number(line),
    column: Number(column),
    mutator: 'ArrayDeclaration',
    replacement: '["Stryker was here"]',
    why: `${state} allowing "Stryker was here", which is no FlowState: no typed caller can ask for it, so every transition from ${state} is still refused`,
  })),
  // src/studio/retry.ts, the unconfirmed write: `...(call.sid === undefined ? {} : { sid: call.sid })`.
  {
    file: 'src/studio/retry.ts',
    line: 159,
    mutator: 'ConditionalExpression',
    replacement: 'false',
    why: '`sid: undefined` and no sid are the same to StudioUnconfirmedWriteError (its sid field and its message test it)',
  },
  // src/secrets/sensitive-keys.ts isSensitiveKey: `if (parts.length > 1 && DESCRIPTIVE_SUFFIXES.has(last)) return false`.
  {
    file: 'src/secrets/sensitive-keys.ts',
    line: 89,
    mutator: 'EqualityOperator',
    replacement: 'parts.length >= 1',
    why: 'a one-word key that is a descriptive suffix is no credential word either (the two lists share no word, nor a plural), so it is false both ways',
  },
  // `if (parts.length === 0 || …) return false`: with no word the candidates are [''], which is no credential word.
  {
    file: 'src/secrets/sensitive-keys.ts',
    line: 88,
    column: 7,
    mutator: 'ConditionalExpression',
    replacement: 'false',
    why: "`parts.length === 0` as false: an empty key's only candidate is '', never a credential word (the `> 8` half is killed)",
  },
  // `for (let i = 0; i + 1 < parts.length; i++) candidates.push(parts[i] + parts[i + 1])`: going one further adds
  // `<last>undefined`, or with `i - 1` a few `undefined…` strings, none a credential word.
  {
    file: 'src/secrets/sensitive-keys.ts',
    line: 91,
    mutator: 'EqualityOperator',
    replacement: 'i + 1 <= parts.length',
    why: 'the extra candidate ends in "undefined", which is no credential word',
  },
  {
    file: 'src/secrets/sensitive-keys.ts',
    line: 91,
    mutator: 'ArithmeticOperator',
    replacement: 'i - 1',
    why: 'the extra candidates hold "undefined", which is no credential word; the real pairs are all still pushed',
  },
  // `.split(/[^a-z0-9]+/).filter(Boolean)`: splitting on each separator character only adds empty words, filtered out.
  {
    file: 'src/secrets/sensitive-keys.ts',
    line: 81,
    mutator: 'Regex',
    replacement: '/[^a-z0-9]/',
    why: 'a run of separators split one by one gives empty strings, which filter(Boolean) removes',
  },
  {
    file: 'src/secrets/sensitive-keys.ts',
    line: 89,
    mutator: 'ConditionalExpression',
    replacement: 'true',
    why: '`parts.length > 1` as true: a one-word key that is a descriptive suffix is false either way (no suffix is a credential word)',
  },
  // words(): `.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')` puts a space before the last capital of a run that starts a word.
  {
    file: 'src/secrets/sensitive-keys.ts',
    line: 79,
    mutator: 'Regex',
    replacement: '/([A-Z])([A-Z][a-z])/g',
    why: 'one capital before the pair instead of the whole run matches at the same last capital, so the space goes to the same place',
  },
  // src/secrets/mask.ts, more equivalents:
  //   SCHEME = /^(\s*(?:Bearer|Basic|Token|Digest)\s+)([\s\S]+)$/i: `[\s\S]+` is greedy, so it always runs to the end.
  {
    file: 'src/secrets/mask.ts',
    line: 38,
    column: 16,
    mutator: 'Regex',
    replacement: '/^(\\s*(?:Bearer|Basic|Token|Digest)\\s+)([\\s\\S]+)/i',
    why: 'without `$` the greedy `[\\s\\S]+` still takes everything to the end',
  },
  //   isTemplate(value): `value.replace(TEMPLATE, '').trim() === ''` is only asked of URL parts, which hold no white space.
  {
    file: 'src/secrets/mask.ts',
    line: 92,
    column: 10,
    mutator: 'MethodExpression',
    replacement: "value.replace(TEMPLATE, '')",
    why: 'its callers (a URL password, a URL parameter) match no white space, so there is nothing to trim',
  },
  //   maskPairs: `const [, keyQuote = '', key = '', , separator] = m`: both groups always take part in a match.
  {
    file: 'src/secrets/mask.ts',
    line: 136,
    column: 25,
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    why: 'group 1 `(\\\\?["\']|)` always matches (its empty alternative), so the default is never used',
  },
  {
    file: 'src/secrets/mask.ts',
    line: 136,
    column: 35,
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    why: 'group 2 (the key) is required by the pattern, so the default is never used',
  },
  //   a quoted value: `if (inner !== undefined && inner !== '' && …)`: maskWhole('') is '', the same text.
  {
    file: 'src/secrets/mask.ts',
    line: 146,
    column: 34,
    mutator: 'ConditionalExpression',
    replacement: 'true',
    why: "an empty quoted value masked is maskWhole('') = '': the text is unchanged",
  },
  {
    file: 'src/secrets/mask.ts',
    line: 146,
    column: 44,
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    why: "the same: letting '' through writes '' back",
  },
  //   `if (value === undefined || shown === undefined) continue;`: both are set together or neither.
  {
    file: 'src/secrets/mask.ts',
    line: 163,
    column: 9,
    mutator: 'LogicalOperator',
    replacement: 'value === undefined && shown === undefined',
    why: 'value and shown are assigned on the same lines, so one is undefined exactly when the other is',
  },
  {
    file: 'src/secrets/mask.ts',
    line: 163,
    column: 9,
    mutator: 'ConditionalExpression',
    replacement: 'false',
    why: 'value and shown are assigned together: the other half of the test decides the same',
  },
  {
    file: 'src/secrets/mask.ts',
    line: 163,
    column: 32,
    mutator: 'ConditionalExpression',
    replacement: 'false',
    why: 'value and shown are assigned together: the other half of the test decides the same',
  },
  //   put(): defineProperty with configurable: true; nothing redefines or deletes a key of the copy afterwards.
  {
    file: 'src/secrets/mask.ts',
    line: 186,
    column: 95,
    mutator: 'BooleanLiteral',
    replacement: 'false',
    why: 'no code redefines or deletes a key of the masked copy',
  },
  //   siblingStrings(): a junk first string is no SID (TWILIO_SID needs AC/SK and 32 hex digits).
  {
    file: 'src/secrets/mask.ts',
    line: 198,
    column: 25,
    mutator: 'ArrayDeclaration',
    replacement: '["Stryker was here"]',
    why: 'the extra string "Stryker was here" is never a Twilio SID, so whether a SID is near is decided the same',
  },
  //   `JSON.stringify(value) ?? ''`: value is an object here (JSON input), whose JSON is never undefined.
  {
    file: 'src/secrets/mask.ts',
    line: 236,
    column: 67,
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    why: 'JSON.stringify of an object never returns undefined, so the fallback is unreachable',
  },
  {
    file: 'src/secrets/mask.ts',
    line: 117,
    column: 39,
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    why: "the same as the entry above: an empty value let through is written back by maskWhole('') as ''",
  },
  // src/deploy/write.ts confirmation(): `flow?.sid` is read first, so a missing answer never reaches the revision check.
  {
    file: 'src/deploy/write.ts',
    line: 54,
    column: 25,
    mutator: 'OptionalChaining',
    replacement: 'flow.revision',
    why: 'a nullish flow already returned on the line above (an update: its SID differs from the live one; a create: no FW SID), so `flow` is set here',
  },
  // recordFailure(): `if (!unknown && item.live) entry.revision = item.live.revision; if (unknown) delete entry.revision;`
  {
    file: 'src/deploy/write.ts',
    line: 65,
    column: 7,
    mutator: 'ConditionalExpression',
    replacement: 'false',
    why: 'the entry of an update holds the live revision from checkedEntry and no failure path changes it before, so setting it again changes nothing (a failed write keeps it: tested)',
  },
  {
    file: 'src/deploy/write.ts',
    line: 65,
    column: 7,
    mutator: 'BooleanLiteral',
    replacement: 'unknown',
    why: 'when unknown the revision set is deleted on the next line; when not, the entry already holds the live revision (checkedEntry)',
  },
  // recordConfirmed(), a draft: `if (live === undefined) delete entry.revision;` then `...(live !== undefined ? { revision: live } : {})`.
  {
    file: 'src/deploy/write.ts',
    line: 78,
    column: 9,
    mutator: 'ConditionalExpression',
    replacement: 'true',
    why: 'deleting the revision also when the live one is known: the transition below sets it back to that same value',
  },
  {
    file: 'src/deploy/write.ts',
    line: 83,
    column: 11,
    mutator: 'ConditionalExpression',
    replacement: 'false',
    why: 'not setting the published revision: the entry of an update already holds it (checkedEntry takes it from the same live flow), and nothing changed it since',
  },
  {
    file: 'src/deploy/write.ts',
    line: 83,
    column: 32,
    mutator: 'ObjectLiteral',
    replacement: '{}',
    why: "the same: the published revision is already the entry's (checkedEntry), so setting it again changes nothing",
  },
  // unread(): `String(claim?.flow?.sid)`: a claim is pending only after writeFlow checked that its flow has an FW SID.
  {
    file: 'src/deploy/write.ts',
    line: 132,
    column: 22,
    mutator: 'OptionalChaining',
    replacement: 'claim?.flow.sid',
    why: 'every pending claim has a flow: writeFlow refused a claim without one before it became pending',
  },
  {
    file: 'src/deploy/write.ts',
    line: 132,
    column: 22,
    mutator: 'OptionalChaining',
    replacement: 'claim.flow',
    why: 'every pending claim is an object: writeFlow refused an empty claim before it became pending',
  },
  // src/deploy/undo.ts liveCallers(): `(caller.pendingRefs ?? []).some((ref) => ref.path === item.path)`.
  {
    file: 'src/deploy/undo.ts',
    line: 21,
    column: 48,
    mutator: 'ArrayDeclaration',
    replacement: '["Stryker was here"]',
    why: 'a string has no `path`, so the extra element never matches a flow: a caller without pending references calls none either way',
  },
  // rollBack(): `callers: item.live ? [] : liveCallers(item, input)`: undo() reads callers only for a flow this run created.
  {
    file: 'src/deploy/undo.ts',
    line: 88,
    column: 73,
    mutator: 'ArrayDeclaration',
    replacement: '["Stryker was here"]',
    why: 'undo() looks at callers only when `!item.live` (a created flow), and this list is given only to flows that were live',
  },
  // src/deploy/in-flight.ts inFlightLimit(): `Number.isInteger(c) && c >= 1 ? c : 1`.
  {
    file: 'src/deploy/in-flight.ts',
    line: 20,
    column: 43,
    mutator: 'EqualityOperator',
    replacement: 'concurrency as number > 1',
    why: 'for 1, the only value the two tests tell apart, both branches give 1',
  },
  // src/studio/create-claims.ts confirmClaims(): `if (results.every((result) => result !== undefined)) return results;`
  // An early return: without it no result is undefined, so no list is asked for (none left: 0 is not > 1) and the
  // loop skips every claim; the same results, in order, with no request either way.
  ...[
    [7, 'ConditionalExpression', 'false'],
    [21, 'ArrowFunction', '() => undefined'],
    [33, 'ConditionalExpression', 'false'],
  ].map(([column, mutator, replacement]) => ({
    file: 'src/studio/create-claims.ts',
    line: 53,
    column: Number(column),
    mutator: String(mutator),
    replacement: String(replacement),
    why: 'the early return when every claim has its result: the loop after it would skip them all and ask nothing',
  })),
  // src/studio/create-claims.ts confirmClaims(): `flow !== undefined && … && listed?.namesakes.get(…) === 1`.
  {
    file: 'src/studio/create-claims.ts',
    line: 63,
    column: 7,
    mutator: 'OptionalChaining',
    replacement: 'listed.namesakes',
    why: '`flow` is `listed?.bySid.get(…)`: with no list it is undefined, and `flow !== undefined` stops the && first',
  },
  // src/secrets/secret-forms.ts: the forms of a secret and the cuts of them.
  ...[
    [
      55,
      31,
      'Regex',
      '/\\r\\n|\\r/g',
      'oneLineForms: a lone LF this first replace leaves is a control character, which the next one (\\p{Cc}) makes the same one space',
    ],
    [
      65,
      30,
      'ArrayDeclaration',
      '["Stryker was here"]',
      'writtenForms: `chars[e] = 1` for a string e sets a named property of the Uint32Array, not an element; the counts are the same',
    ],
    [
      78,
      47,
      'StringLiteral',
      '""',
      "writtenForms: chars rises from 0 by 0 or 1 at each step, so two different sequences differ in their digits where they first differ (v and v + 1 never do, nor is one's digits a start of the other's): the key without commas is as unique",
    ],
    [
      79,
      11,
      'ConditionalExpression',
      'true',
      'writtenForms: one key is one text with one set of character ends, so the form set again equals the one kept (and a Map keeps the first place)',
    ],
    [
      89,
      16,
      'MethodExpression',
      'Math.min(0, end - f.length)',
      'cutLength: starting before the window (at 0, or before the text, whose undefined characters never match) finds the same longest prefix of the form that ends at `end`: no prefix is longer than the form, so the window holds it whole. Only slower',
    ],
    [
      91,
      9,
      'ConditionalExpression',
      'false',
      "cutLength: the window is at most the form's length, so q reaches it only at the window's last character, after which this line does not run",
    ],
    [
      91,
      39,
      'ArithmeticOperator',
      'q + 1',
      'cutLength: the same line, which never runs with q at the form length (see above)',
    ],
    [
      95,
      10,
      'ConditionalExpression',
      'true',
      'cutLength: at q = 0, chars[0] is 0 and chars[-1] undefined, never equal: the loop stops at 0 either way',
    ],
    [
      95,
      10,
      'EqualityOperator',
      'q >= 0',
      'cutLength: at q = 0 chars[0] and chars[-1] (undefined) are never equal (see above)',
    ],
    [
      107,
      30,
      'StringLiteral',
      '""',
      'cutsOf: indexOf(\'\') is 0, an "ellipsis" with no text before it that cuts nothing; the next search starts at 1, and a real one at 0 cuts nothing either',
    ],
    [
      109,
      12,
      'ConditionalExpression',
      'true',
      "cutsOf: at end 0, text[-1] is undefined and /\\s/ does not match 'undefined': the loop stops at 0 either way",
    ],
    [109, 12, 'EqualityOperator', 'end >= 0', 'cutsOf: at end 0 text[-1] is undefined, not white space (see above)'],
    [
      114,
      11,
      'ConditionalExpression',
      'true',
      'cutsOf, the `q >= min` operand: chars[q] counts characters written whole by q characters of the form, never more than q, so chars[q] >= min already implies it',
    ],
  ].map(([line, column, mutator, replacement, why]) => ({
    file: 'src/secrets/secret-forms.ts',
    line: Number(line),
    column: Number(column),
    mutator: String(mutator),
    replacement: String(replacement),
    why: String(why),
  })),
];

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
    'src/studio/retry.ts',
    'src/studio/retry-classify.ts',
    'src/diff/diff.ts',
    'src/github/comment.ts',
  ],
  // Only what the tests need is copied into the sandbox; node_modules is linked.
  ignorePatterns: ['dist', 'reports', 'coverage', 'render-check', 'bench', '.github'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 30000,
  timeoutFactor: 2,
  thresholds: { high: 90, low: 80, break: null },
  reporters: ['html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
};
export default config;

/**
 * Survivors with no observable difference. `file`, `line` (1-based) and `mutator` (Stryker's name) find
 * the mutant; `replacement` (optional) tells apart two mutants of one place; `why` says why no test can
 * tell the mutant from the code.
 * @type {{ file: string; line: number; mutator: string; replacement?: string; why: string }[]}
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
];

/**
 * The modules that guard production, each scored by mutation testing against its OWN unit tests
 * (`npm run mutate`, scripts/mutate.ts). The same files are `mutate` in stryker.config.mjs; a test
 * (test/scripts/mutate.test.ts) keeps the two lists equal and every test file here existing.
 *
 * `score: false` puts a module in the list (and in the config) but leaves it out of a run of all
 * modules: it is being changed elsewhere and is scored by whoever merges that work (`npm run mutate --
 * src/x.ts` still runs it).
 */
export interface MutateModule {
  /** The source file that is mutated. */
  file: string;
  /** The unit tests that state what the file promises; run with `node --test` against every mutant. */
  tests: readonly string[];
  score?: boolean;
}

/** The score every module must reach, in percent: killed + timed out over all mutants but listed equivalents. */
export const REQUIRED_SCORE = 90;

const MASK_TESTS = [
  'test/report/mask.test.ts',
  'test/report/mask-live.test.ts',
  'test/report/mask-shapes.test.ts',
  'test/report/mask-pairs.test.ts',
  'test/report/mask-edges.test.ts',
];

const PUBLISH_TESTS = [
  'test/deploy/publish.test.ts',
  'test/deploy/levels.test.ts',
  'test/deploy/levels-rollback.test.ts',
  'test/deploy/levels-claims.test.ts',
  'test/adversarial6/rollback-called-subflow.test.ts',
];

/** The files publishAll was split into, scored also against the tests of what each promises on its own. */
const WRITE_TESTS = [...PUBLISH_TESTS, 'test/deploy/write-promises.test.ts', 'test/deploy/undo-promises.test.ts'];

export const MUTATE_MODULES: readonly MutateModule[] = [
  // the egress gate: every outgoing text is scrubbed, masked and escaped for its channel
  { file: 'src/egress/gate.ts', tests: ['test/egress/gate.test.ts', 'test/egress/gate-request.test.ts'] },
  { file: 'src/report/escape.ts', tests: ['test/report/escape.test.ts', 'test/report/escape-exact.test.ts'] },
  { file: 'src/secrets/mask.ts', tests: MASK_TESTS },
  {
    file: 'src/secrets/secret-forms.ts',
    tests: ['test/secrets/secret-forms.test.ts', 'test/adversarial4/scrub-forms.test.ts'],
  },
  { file: 'src/secrets/sensitive-keys.ts', tests: MASK_TESTS },
  // which Studio flow a file is
  { file: 'src/targets/identity.ts', tests: ['test/targets/identity.test.ts', 'test/targets/identity-states.test.ts'] },
  // the deploy outcome record and publishing
  { file: 'src/deploy/record.ts', tests: ['test/deploy/record.test.ts', 'test/deploy/record-outcome.test.ts'] },
  { file: 'src/deploy/publish.ts', tests: PUBLISH_TESTS },
  { file: 'src/deploy/write.ts', tests: WRITE_TESTS },
  { file: 'src/deploy/undo.ts', tests: WRITE_TESTS },
  { file: 'src/deploy/in-flight.ts', tests: WRITE_TESTS },
  {
    file: 'src/studio/create-claims.ts',
    tests: ['test/studio/create-claims.test.ts', 'test/studio/create-claims-hostile.test.ts'],
  },
  // retries: what may be sent again
  {
    file: 'src/studio/retry.ts',
    tests: ['test/studio/retry.test.ts', 'test/studio/retry-classify.test.ts', 'test/studio/retry-policy.test.ts'],
  },
  { file: 'src/studio/retry-classify.ts', tests: ['test/studio/retry.test.ts', 'test/studio/retry-classify.test.ts'] },
  // the semantic diff shown on the pull request
  {
    file: 'src/diff/diff.ts',
    tests: ['test/flows/diff.test.ts', 'test/flows/diff-fields.test.ts', 'test/flows/diff-exact.test.ts'],
  },
  // finding our own comments (and never anyone else's)
  { file: 'src/github/comment.ts', tests: ['test/github/ownership.test.ts', 'test/github/comment.test.ts'] },
];

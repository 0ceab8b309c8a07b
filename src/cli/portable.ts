/**
 * portable: flow files rewritten so that they deploy to any environment: each account-specific SID and Function URL
 * becomes the name reference that gives it in the account of the Studio options (`${function:…}`, `${workflow:…}`,
 * `${channel:…}`, `${flow-name:…}`; a Studio flow that is one of the repository's flow files, `${flow:PATH}`),
 * editing only those strings. `--check` (or `--dry-run`) writes nothing and exits 1 when a file would change.
 * Exit codes: 0 written (or nothing to change), 1 an error (nothing written) or `--check` found changes, 2 bad input.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EmulatorHandle } from '../emulator/server.ts';
import { UserError } from '../errors.ts';
import { environmentView } from '../config/environment.ts';
import { discoverFlowFiles } from '../document/discover.ts';
import type { NameChoices } from '../resolve/name-index.ts';
import { readSettings, type Settings } from '../settings.ts';
import { accountListsFor } from '../studio/account-lists.ts';
import type { AccountLists } from '../studio/account-types.ts';
import type { StudioClient } from '../studio/client.ts';
import { studioClientFor } from '../studio/from-settings.ts';
import { planPortable, type PortableFile } from '../sync/portable-plan.ts';
import { writePlan } from '../sync/write.ts';
import { flowGlobs, PORTABLE_OPTIONS, requireFlowFiles } from './options.ts';
import { inputReader, startSeededEmulator } from './studio-access.ts';
import { forTerminal } from './terminal.ts';
import { oneLine, USAGE } from './usage.ts';

/** Where the command gets what other parts provide; tests pass fakes, the CLI the real ones. */
export interface PortableDeps {
  /** The account's lists for this run (`accountListsFor` of src/studio/account-lists.ts). */
  accountLists?: (
    settings: Settings,
    log: (message: string) => void,
    studio: StudioClient,
  ) => (AccountLists & { close?: () => Promise<void> }) | undefined;
  /** The environment's choices (the config's `serverless.environment` and `taskrouter.workspace`). */
  choices?: (workspace: string, settings: Settings) => Promise<NameChoices>;
  /** Where the output goes (default process.stdout / process.stderr). */
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
}

const show = (value: string) => oneLine(forTerminal(value));
const where = (widget: string | undefined, field: string) =>
  `${widget === undefined ? '' : `widget ${show(JSON.stringify(widget))} `}${show(field)}`;

/** Per file: what changes (or that nothing does), each replacement, each SID kept and why. */
export function portableText(files: readonly PortableFile[], check: boolean): string {
  const lines = files.flatMap((file) => {
    const n = file.replaced.length;
    const head = `${show(file.path)}: ${n === 0 ? 'nothing to replace' : `${n} value${n === 1 ? '' : 's'} ${check ? 'would be replaced' : 'replaced'} by names`}`;
    return [
      head,
      ...file.replaced.map((r) => `  ${where(r.widget, r.field)}: ${show(r.from)} → ${show(r.to)}`),
      ...file.kept.map((k) => `  ${where(k.widget, k.field)}: ${show(k.value)} kept: ${show(k.reason)}`),
    ];
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Run portable on argv (after the command); resolves to the exit code. */
export async function runPortable(argv: string[], deps: PortableDeps = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: PORTABLE_OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  if (values.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  const check = values.check === true || values['dry-run'] === true;
  const useEmulator =
    values.emulator === true || values['emulator-seed'] !== undefined || values['emulator-account'] !== undefined;
  if (useEmulator && values['studio-url'] !== undefined)
    throw new UserError('--studio-url and --emulator exclude each other.');
  const workspace = path.resolve(values.workspace ?? '.');
  if (positionals.length === 0)
    throw new UserError(
      'portable needs the flow files to convert: name them (files, folders or globs) after the options.',
    );
  const globs = (await flowGlobs(workspace, { positionals, flows: undefined })).split(',');
  await requireFlowFiles(workspace, globs);
  const files = await discoverFlowFiles(workspace, globs);
  const flags: Record<string, string | undefined> = {
    flows: values.flows,
    config: values.config,
    environment: values.environment,
    concurrency: values.concurrency,
    'request-timeout': values['request-timeout'],
    timeout: values.timeout,
  };
  readSettings(inputReader(flags, { online: false, emulator: false }), () => {}); // bad values refused first
  let emulator: EmulatorHandle | undefined;
  let studio: StudioClient | undefined;
  let lists: (AccountLists & { close?: () => Promise<void> }) | undefined;
  try {
    if (useEmulator) emulator = await startSeededEmulator(values['emulator-seed'], values['emulator-account']);
    flags['studio-url'] = emulator?.url ?? values['studio-url'];
    const settings = readSettings(inputReader(flags, { online: true, emulator: emulator !== undefined }), () => {});
    const log = (m: string) => stderr.write(`${forTerminal(m)}\n`);
    studio = studioClientFor(settings, log);
    if (!studio)
      throw new UserError(
        'portable reads the account (Serverless, TaskRouter, Studio): set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or with TWILIO_API_KEY and TWILIO_API_SECRET), or use --emulator.',
      );
    lists = (deps.accountLists ?? ((s, l, client) => accountListsFor(s, l, { studio: client })))(settings, log, studio);
    if (!lists) throw new UserError('portable could not open the account: no credentials were given.');
    const choices = deps.choices
      ? await deps.choices(workspace, settings)
      : ((await environmentView(workspace, settings))?.choices ?? {});
    const plan = await planPortable({ workspace, settings, files, studio, names: { lists, choices } });
    for (const p of plan.problems)
      stderr.write(`${p.path ? `${show(p.path)}: ` : ''}${p.level}: ${show(p.message)} ${show(p.fix)}\n`);
    if (plan.problems.some((p) => p.level === 'error')) {
      stderr.write('\nNothing was written: fix the errors above and run portable again.\n');
      return 1;
    }
    stdout.write(portableText(plan.files, check));
    const changed = plan.files.filter((f) => f.changed).length;
    if (check) return changed > 0 ? 1 : 0;
    const written = await writePlan(workspace, plan);
    stdout.write(
      written.length === 0
        ? 'No file holds a SID that a name gives; nothing was written.\n'
        : `Wrote ${written.length} file${written.length === 1 ? '' : 's'}; see them with git diff.\n`,
    );
    return 0;
  } finally {
    await lists?.close?.();
    await studio?.close();
    await emulator?.close();
  }
}

/**
 * pull: what Studio holds, written back into the workspace's flow files (each in its own shape and formatting,
 * placeholders kept), and the Studio flows `--sync-new` names as new files. `git diff` then shows the Console's
 * edits. Exit codes: 0 written (or nothing to write), 1 an error stopped the sync (nothing written), 2 bad input.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.ts';
import type { EmulatorHandle } from '../emulator/server.ts';
import { readSettings } from '../settings.ts';
import type { StudioClient } from '../studio/client.ts';
import { studioClientFor } from '../studio/from-settings.ts';
import type { OwnedAccountLists } from '../studio/account-lists.ts';
import { accountListsOfRun } from '../studio/lists-of-run.ts';
import { liveCredentials } from '../sync/live-credentials.ts';
import { planSync, writePlan, type SyncFile, type SyncPlan } from '../sync/plan.ts';
import { styleFor, type Style } from './markdown-text.ts';
import { flowGlobs, PULL_OPTIONS } from './options.ts';
import { inputReader, startSeededEmulator } from './studio-access.ts';
import { forTerminal } from './terminal.ts';
import { oneLine, USAGE } from './usage.ts';

function statusOf(file: SyncFile, style: Style): string {
  const draft = file.status === 'draft' ? ' (draft)' : '';
  if (file.isNew) return style.added(`new r${file.revision}${draft}`);
  return file.changed ? style.added(`updated r${file.revision}${draft}`) : style.dim(`unchanged r${file.revision}`);
}

/** A line per flow, then each placeholder whose live value differs. */
export function pullText(plan: SyncPlan, style: Style): string {
  if (plan.files.length === 0) return '';
  const width = Math.max(...plan.files.map((f) => f.path.length));
  const lines = plan.files.flatMap((file) => [
    `  ${oneLine(file.path).padEnd(width)}  ${statusOf(file, style)}`,
    ...file.placeholders.map(
      (p) =>
        `      ${oneLine(p.placeholder)}${p.widget === undefined ? '' : ` in ${oneLine(JSON.stringify(p.widget))}`}: ` +
        `live ${oneLine(JSON.stringify(p.live))}, the environment gives ${oneLine(JSON.stringify(p.expected))} ` +
        (p.written === undefined
          ? '(kept as the placeholder)'
          : `(written back as ${oneLine(JSON.stringify(p.written))})`) +
        (p.reason === undefined ? '' : `: ${oneLine(p.reason)}`),
    ),
  ]);
  const where = plan.environment ? ` (environment ${oneLine(plan.environment)})` : '';
  return `Studio ${plan.status === 'latest' ? 'latest' : 'published'} revisions${where}:\n${lines.join('\n')}\n`;
}

/**
 * Pull writes what Studio holds into local files for the user to review, credentials included (the mode sync
 * refuses to commit those); each one that git did not hold is named (never shown) so that it is not committed.
 */
export function credentialWarnings(plan: SyncPlan): string[] {
  return plan.files
    .filter((f) => f.changed)
    .flatMap((f) =>
      liveCredentials(f).map(
        (c) =>
          `${oneLine(f.path)}: warning: ${c.widget === undefined ? '' : `widget ${oneLine(JSON.stringify(c.widget))}: `}` +
          `a credential-looking value only Studio held is now in this file at ${oneLine(c.pointer)}. ` +
          'Do not commit it: put it in a secret and the file under a ${var.NAME} placeholder.',
      ),
    );
}

/** Run pull on argv (after the command); resolves to the exit code. */
export async function runPull(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: PULL_OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const useEmulator =
    values.emulator === true || values['emulator-seed'] !== undefined || values['emulator-account'] !== undefined;
  if (useEmulator && values['studio-url'] !== undefined)
    throw new UserError('--studio-url and --emulator exclude each other.');
  const workspace = path.resolve(values.workspace ?? '.');
  const flags: Record<string, string | undefined> = {
    flows: await flowGlobs(workspace, { positionals, flows: values.flows }),
    config: values.config,
    environment: values.environment,
    concurrency: values.concurrency,
    'request-timeout': values['request-timeout'],
    timeout: values.timeout,
    'sync-new': values['sync-new'],
    'sync-status': values['sync-status'],
    'sync-folder': values['sync-folder'],
  };
  readSettings(inputReader(flags, { online: false, emulator: false }), () => {}); // bad values refused first
  let emulator: EmulatorHandle | undefined;
  let studio: StudioClient | undefined;
  let lists: OwnedAccountLists | undefined;
  try {
    if (useEmulator) emulator = await startSeededEmulator(values['emulator-seed'], values['emulator-account']);
    flags['studio-url'] = emulator?.url ?? values['studio-url'];
    const settings = readSettings(inputReader(flags, { online: true, emulator: emulator !== undefined }), () => {});
    studio = studioClientFor(settings, (m) => process.stderr.write(`${forTerminal(m)}\n`));
    if (!studio)
      throw new UserError(
        'pull reads Studio: set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or with TWILIO_API_KEY and TWILIO_API_SECRET), or use --emulator.',
      );
    // The account's lists, read only when a file uses a name reference: names then round-trip.
    lists = accountListsOfRun(settings, (m) => process.stderr.write(`${forTerminal(m)}\n`), studio);
    const plan = await planSync({ workspace, settings, studio, lists });
    for (const p of plan.problems) {
      const where = p.path ?? p.flow;
      process.stderr.write(
        `${where ? `${oneLine(where)}: ` : ''}${p.level}: ${oneLine(forTerminal(p.message))} ${oneLine(forTerminal(p.fix))}\n`,
      );
    }
    process.stdout.write(pullText(plan, styleFor(process.stdout)));
    if (plan.problems.some((p) => p.level === 'error')) {
      process.stderr.write('\nNothing was written: fix the errors above and run pull again.\n');
      return 1;
    }
    const written = await writePlan(workspace, plan);
    for (const line of credentialWarnings(plan)) process.stderr.write(`${line}\n`);
    process.stdout.write(
      written.length === 0
        ? 'Every flow file already holds what Studio holds; nothing was written.\n'
        : `Wrote ${written.length} file${written.length === 1 ? '' : 's'}; see them with git diff.\n`,
    );
    return 0;
  } finally {
    await lists?.close();
    await studio?.close();
    await emulator?.close();
  }
}

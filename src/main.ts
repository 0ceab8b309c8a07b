import * as core from '@actions/core';
import { assertDeployRef } from './deploy/select.ts';
import { requireNamedConfig } from './config/load.ts';
import { messageOf, UserError } from './errors.ts';
import { globsMatchingNothing } from './document/discover.ts';
import { createGitHub } from './github/client.ts';
import { loadRunContext, type RunContext } from './github/event.ts';
import { createScrubber, type Scrubber } from './secrets/credentials.ts';
import { gatedIO, gateGitHub } from './egress/gate.ts';
import { actionsIO } from './io.ts';
import { runCheckMode } from './modes/check.ts';
import { runDeployMode } from './modes/deploy.ts';
import { runRollbackMode } from './modes/rollback.ts';
import { runSyncMode } from './modes/sync.ts';
import { planSync } from './sync/plan.ts';
import { readSettings, type Mode, type Settings } from './settings.ts';
import { studioClientFor } from './studio/from-settings.ts';
import { accountListsOfRun } from './studio/lists-of-run.ts';

const CHECK_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);
const DEPLOY_EVENTS = new Set(['push', 'release']);

/** The mode to run: the input's, or in `auto` the one the event implies. */
export function pickMode(mode: Mode, eventName: string): Exclude<Mode, 'auto'> {
  if (mode !== 'auto') return mode;
  if (CHECK_EVENTS.has(eventName)) return 'check';
  if (DEPLOY_EVENTS.has(eventName)) return 'deploy';
  if (eventName === 'workflow_dispatch' || eventName === '') return 'check';
  throw new UserError(
    `The '${eventName}' event does not say whether to check, deploy or sync; set the 'mode' input to 'check', 'deploy' or 'sync' (a scheduled drift report is 'sync').`,
  );
}

async function runMode(settings: Settings, run: RunContext, scrubber: Scrubber): Promise<void> {
  const mode = pickMode(settings.mode, run.eventName);
  // Every channel out of the process passes the egress gate: the log, annotations, outputs, the summary, GitHub.
  const io = gatedIO(actionsIO(), scrubber);
  const gh = settings.githubToken
    ? gateGitHub(
        createGitHub({ token: settings.githubToken, baseUrl: run.apiUrl, warn: (m) => io.warning(m) }),
        scrubber,
      )
    : undefined;
  if (run.push?.deleted) {
    io.info(`The push deleted ${run.ref || 'a branch or tag'}: there is nothing to check or deploy.`);
    return;
  }
  await requireNamedConfig(run.workspace, settings.configPath);
  // A sync with sync-new may start from a repository with no flow file yet.
  if (mode !== 'rollback' && !(mode === 'sync' && settings.syncNew.length > 0)) {
    const empty = await globsMatchingNothing(run.workspace, settings.flows);
    if (empty.length > 0) {
      throw new UserError(
        `Input 'flows': ${empty.map((g) => `'${g}'`).join(', ')} ${empty.length === 1 ? 'matches' : 'match'} no file in the repository, so nothing would be checked. ` +
          'Fix the glob (paths from the repository root, e.g. flows/**/*.json), or check out the repository (actions/checkout) before this step.',
      );
    }
  }
  const studio = studioClientFor(settings, (m) => io.info(m));
  // Read only when a flow uses a name reference; one per run, shared by every flow.
  const lists = accountListsOfRun(settings, (m) => io.info(m), studio);
  try {
    // The action deploys only from the allowed branches, a release or a tag (the CLI deploys what it is told).
    if (mode === 'deploy') assertDeployRef(settings, run);
    const outcome =
      mode === 'deploy'
        ? await runDeployMode({ settings, run, gh, studio, io, lists })
        : mode === 'rollback'
          ? await runRollbackMode({ settings, run, studio, io })
          : mode === 'sync'
            ? await runSyncMode({
                settings,
                run,
                gh,
                studio,
                io,
                planSync: (input) => planSync({ ...input, lists }),
                scrub: (text) => scrubber.scrub(text),
              })
            : await runCheckMode({ settings, run, gh, studio, io, lists, scrub: (text) => scrubber.scrub(text) });
    if (outcome.failure) core.setFailed(scrubber.scrub(outcome.failure));
  } finally {
    await lists?.close();
    await studio?.close();
  }
}

/** The action's entry: read settings, pick the mode, run it. The one place that fails the step. */
export async function run(): Promise<void> {
  const scrubber = createScrubber();
  try {
    const secret = (value: string): void => {
      core.setSecret(value);
      scrubber.add(value);
    };
    // `${env.NAME}` in the config file reads the step's environment; every value taken is a secret.
    const settings: Settings = {
      ...readSettings((name) => core.getInput(name), secret),
      stepEnv: { values: process.env, secret },
    };
    if (settings.credentials) scrubber.add(settings.credentials.password, settings.credentials.username);
    await runMode(settings, await loadRunContext(), scrubber);
  } catch (error) {
    if (error instanceof UserError) {
      core.setFailed(scrubber.scrub(error.message));
    } else {
      core.debug(scrubber.scrub(error instanceof Error && error.stack ? error.stack : String(error)));
      core.setFailed(
        scrubber.scrub(
          `studio-flow-ci stopped on an unexpected error: ${messageOf(error)}. ` +
            'Re-run with debug logging (ACTIONS_STEP_DEBUG) for details, and report it if it persists.',
        ),
      );
    }
  }
}

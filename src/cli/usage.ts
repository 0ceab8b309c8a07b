/** The CLI's help text and its usage error (a command line it cannot run: one line, exit code 2). */
import { UserError } from '../errors.ts';

export const USAGE = `Usage: studio-flow-ci <command> [options] [flow files, folders or globs…]

Commands:
  validate   lint every flow file, then validate it with Twilio Studio (offline without credentials)
  check      the same as validate
  lint       the offline lint only; needs no credentials
  diff       what a merge would change: each flow file against its live flow in Studio
  test       run the flow tests (flows/x.test.yaml beside flows/x.json) offline; exit 1 if one fails
  deploy     check every flow file, then publish the changed ones to Studio with the commit SHA
  pull       write what Studio holds back into the flow files (Console edits come back as a git diff)
  portable   rewrite the account's SIDs and Function URLs in flow files as names (\${function:…}, \${workflow:…}, …)
  demo       validate the example flows against the built-in emulator and print the PR comment
  emulator   run the built-in Studio v2 API emulator (see: studio-flow-ci emulator --help)
  help       print this help

A folder stands for the *.json files in it and in its subfolders (node_modules and dot folders left out).
A flow file named by a \${flow:PATH} reference is read from PATH (relative to --workspace) even when it is
not among the files given.

Options for validate, check, lint and diff:
  --flows <globs>         flow files, comma-separated (default flows/**/*.json); or name them after the options
  --workspace <dir>       folder the globs and the config file are relative to (default .)
  --config <file>         config file (default .github/studio-flow-ci.yml)
  --environment <name>    environment of the config file whose SIDs, names and variables apply
  --studio-url <url>      Studio API base URL (default https://studio.twilio.com)
  --emulator              use a built-in emulator started for this run instead of Twilio
  --emulator-seed <dir>   preload that emulator with the flow files in <dir> (the "live" flows); implies --emulator
  --emulator-account <f>  give that emulator the Serverless services and TaskRouter workspaces of the account
                          seed file <f> (see test/fixtures/account/README.md); implies --emulator
  --concurrency <n>       Studio requests in flight at once, 1 to 32 (default 4)
  --request-timeout <s>   seconds one Studio request may take, 1 to 600 (default 30)
  --timeout <s>           seconds all Studio work may take, retries included, 10 to 21600 (default 600)
  --fail-on <level>       error | warning | never: what makes the exit code 1 (default error)
  --markdown              print Markdown: validate, the pull-request comment; diff, each flow's section of it
  --progress              show [n/total] progress on stderr (default: when stderr is a terminal); --no-progress
  --exit-code             diff: exit 1 when a flow differs from Studio or is not there yet
  -h, --help              print this help

Options for test [flow files, test files, folders or globs…] (default: the flows of --flows, or
flows/**/*.json, that have a test file; besides --flows, --workspace, --config, --environment):
  --junit <file>          also write the results as JUnit XML to <file>
  --json                  print the results as JSON instead of text

Options for deploy (besides --flows, --workspace, --config, --environment, --studio-url, --emulator,
--emulator-seed, --emulator-account, --concurrency, --request-timeout, --timeout, --markdown, --progress):
  --sha <sha>             the commit the files are at (default: git HEAD of the workspace, which must have
                          no uncommitted change to a flow file)
  --status <s>            published | draft (default published)
  --commit-message <t>    revision commit message; {sha} is required (default {sha})
  --on-drift <how>        fail | warn | overwrite: a live flow last changed outside this tool (default fail)
  --on-failure <how>      rollback | stop: when a write fails (default rollback)
  --no-create             never create a flow that is not in Studio yet

Options for pull (besides --flows, --workspace, --config, --environment, --studio-url, --emulator,
--emulator-seed, --emulator-account, --concurrency, --request-timeout, --timeout):
  --sync-new <globs>      friendly-name globs (comma-separated) of Studio flows no file maps: written as new files
  --sync-status <s>       published | latest: the latest published revision, or the latest even a draft
                          (default published)
  --sync-folder <dir>     folder new flows are written to (default flows)
A placeholder (\${var.NAME}, \${flow:PATH}) stays in the file; one whose live value differs is printed.
A name reference (\${workflow:…}, …) whose live SID changed is written back as the name that gives the new SID.

Options for portable <flow files, folders or globs…> (besides --flows: the repository's flow files, whose
Studio flows become \${flow:PATH}; --workspace, --config, --environment, --studio-url, --emulator,
--emulator-seed, --concurrency, --request-timeout, --timeout):
  --check, --dry-run      print what would change and exit 1 if anything would; write nothing

Credentials come from the environment: TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and
TWILIO_API_SECRET. Without them validate runs the offline lint only; diff needs them (or --emulator).
Findings go to stderr as file:line:column: level: message.

Exit codes: 0 passed (deploy: deployed, or nothing to deploy; pull: written, or nothing to write), 1 the check
failed (per --fail-on; with diff --exit-code, a flow differs; deploy: nothing or not everything was deployed;
pull: an error, nothing written), 2 bad usage or input, 3 unexpected error.`;

/** Where a bad command line points the user: the help, not the whole of it. */
export const SEE_HELP = "Run 'studio-flow-ci help' for the commands and their options.";

/** A command line the CLI cannot run: one line naming the flag, the value and what is expected; exit code 2. */
export class UsageError extends UserError {
  override name = 'UsageError';
}

// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A message as one terminal line: a value echoed back may be huge or hold newlines or control characters. */
export function oneLine(message: string): string {
  return message
    .replace(/\s*[\r\n]\s*/g, ' ')
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\S{120,}/g, (run) => `${run.slice(0, 80)}… (${run.length} characters)`);
}

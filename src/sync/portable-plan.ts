/**
 * `portable` planned: each named flow file read and parsed, the account's lists read once for what all of them
 * need (Serverless only for Functions, TaskRouter only for workflows and channels, Studio only for flow SIDs), the
 * repository's flow files matched to their Studio flows (for `${flow:PATH}`), and each file's text with only the
 * changed strings edited (src/sync/write-back.ts). Nothing is written here.
 */
import { environmentView } from '../config/environment.ts';
import type { FlowDocument } from '../document/document.ts';
import { messageOf } from '../errors.ts';
import type { NameChoices } from '../resolve/name-index.ts';
import { loadNameIndex, mergeNeeds, needsOfSids, NO_NEEDS } from '../resolve/name-lists.ts';
import type { Settings } from '../settings.ts';
import type { AccountLists } from '../studio/account-types.ts';
import { createLiveLookup, type StudioReader } from '../studio/live.ts';
import { repositoryIntents } from '../targets/conflicts.ts';
import { resolveIdentity } from '../targets/identity.ts';
import { documentOrProblem, readerOf, syncReader } from './live-reader.ts';
import { withFlowList } from '../studio/account-lists.ts';
import { portableDefinition, type PortableKept, type PortableReplacement } from './portable.ts';
import type { SyncProblem } from './sync-types.ts';
import { writeBack, WriteBackError } from './write-back.ts';

export interface PortableInput {
  /** Absolute. */
  workspace: string;
  /** `flows`: the repository's flow files (for `${flow:PATH}`); config and environment. */
  settings: Settings;
  /** Workspace-relative paths of the files to convert. */
  files: string[];
  studio: StudioReader;
  names: { lists: AccountLists; choices: NameChoices };
}

export interface PortableFile {
  path: string;
  before: string;
  after: string;
  changed: boolean;
  replaced: PortableReplacement[];
  kept: PortableKept[];
}

export interface PortablePlan {
  files: PortableFile[];
  /** An error: nothing may be written. */
  problems: SyncProblem[];
}

async function readDocuments(input: PortableInput, problems: SyncProblem[]): Promise<FlowDocument[]> {
  const readFile = readerOf(input.workspace, undefined);
  const documents: FlowDocument[] = [];
  for (const path of input.files) {
    const read = documentOrProblem(path, await readFile(path), {
      missing: {
        message: `${path} is not in ${input.workspace}.`,
        fix: 'Name a flow file relative to --workspace.',
        level: 'error',
      },
      cannot: `${path} cannot be converted`,
    });
    if ('problem' in read) problems.push(read.problem);
    else documents.push(read.document);
  }
  return documents;
}

/** SID → path of the repository's flow files that are flows in Studio (the identity rules of src/targets/). */
async function repositoryFlows(input: PortableInput, reader: StudioReader): Promise<Map<string, string>> {
  const environment = await environmentView(input.workspace, input.settings);
  const intents = await repositoryIntents({
    workspace: input.workspace,
    globs: input.settings.flows,
    environment,
    changes: input.files.map((path) => ({ path })),
  });
  const lookup = createLiveLookup(reader);
  const identities = await Promise.all(intents.map((intent) => resolveIdentity(intent, lookup)));
  const paths = new Map<string, string>();
  for (const identity of identities)
    if (identity.state === 'found' && !paths.has(identity.live.sid)) paths.set(identity.live.sid, identity.intent.path);
  return paths;
}

export async function planPortable(input: PortableInput): Promise<PortablePlan> {
  const problems: SyncProblem[] = [];
  const documents = await readDocuments(input, problems);
  if (problems.length > 0) return { files: [], problems };
  const needs = documents.map((d) => needsOfSids(d.parsed.definition)).reduce(mergeNeeds, NO_NEEDS);
  // One listing of the Studio flows serves `${flow:PATH}` (the files' identities) and `${flow-name:…}`.
  const reader = syncReader(input.studio, input.settings.concurrency);
  const lists = withFlowList(input.names.lists, () => reader.listFlows());
  let names;
  let paths = new Map<string, string>();
  try {
    [names, paths] = await Promise.all([
      loadNameIndex(lists, input.names.choices, needs),
      needs.flows ? repositoryFlows(input, reader) : paths,
    ]);
  } catch (error) {
    const fix = 'Check the credentials and that they may read Serverless, TaskRouter and Studio; then run it again.';
    return {
      files: [],
      problems: [{ message: `The account could not be read: ${messageOf(error)}`, fix, level: 'error' }],
    };
  }
  const files: PortableFile[] = [];
  for (const document of documents) {
    const path = document.path;
    const result = portableDefinition(document.parsed.definition, {
      names,
      pathOf: (sid) => paths.get(sid),
      self: path,
    });
    let after = document.source;
    try {
      if (result.replaced.length > 0) after = writeBack(document.source, result.definition);
    } catch (error) {
      if (!(error instanceof WriteBackError)) throw error;
      problems.push({
        path,
        message: `${path} cannot be rewritten: ${error.message}.`,
        fix: 'Store the flow as a definition, a REST resource or a Twilio CLI export.',
        level: 'error',
      });
      continue;
    }
    files.push({
      path,
      before: document.source,
      after,
      changed: after !== document.source,
      replaced: result.replaced,
      kept: result.kept,
    });
  }
  return { files, problems };
}

/** Seed flows for the emulator, from objects or from a folder of JSON files. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { judgeDefinition } from './definition-check.ts';
import type { Linter } from './definition-check.ts';
import type { EmulatedStatus, FlowStore, StoredFlow } from './store.ts';

/** A flow to preload. Seeded flows are `published` unless told otherwise, like flows already live in Studio. */
export interface SeedFlow {
  friendlyName: string;
  definition: unknown;
  sid?: string;
  status?: EmulatedStatus;
  commitMessage?: string;
}

/**
 * Read every `*.json` file in `folder` (sorted by name, not recursive). A file is either a bare definition or
 * `{ "friendly_name"?, "definition", "sid"?, "status"? }`; the friendly name defaults to the file name
 * without `.json`. Plain JSON.parse: the files are fixtures, not user flow files.
 */
export async function loadSeedFolder(folder: string): Promise<SeedFlow[]> {
  const names = (await readdir(folder)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  const seeds: SeedFlow[] = [];
  for (const name of names) {
    const path = join(folder, name);
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new Error(
        `Cannot seed the emulator from ${path}: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    seeds.push(toSeed(value, basename(name, name.slice(name.lastIndexOf('.')))));
  }
  return seeds;
}

function toSeed(value: unknown, fileStem: string): SeedFlow {
  const record =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  const wrapped = record !== null && record.definition !== null && typeof record.definition === 'object';
  if (!wrapped || !record) return { friendlyName: fileStem, definition: value };
  const seed: SeedFlow = {
    friendlyName:
      typeof record.friendly_name === 'string' && record.friendly_name !== '' ? record.friendly_name : fileStem,
    definition: record.definition,
  };
  if (typeof record.sid === 'string') seed.sid = record.sid;
  if (record.status === 'draft' || record.status === 'published') seed.status = record.status;
  if (typeof record.commit_message === 'string') seed.commitMessage = record.commit_message;
  return seed;
}

/** Put seed flows in the store (each as revision 1). Invalid definitions are kept, marked `valid: false`. */
export function seedStore(store: FlowStore, seeds: readonly SeedFlow[], lint: Linter): StoredFlow[] {
  return seeds.map((seed) => {
    if (seed.sid !== undefined && !/^FW[0-9a-fA-F]{32}$/.test(seed.sid)) {
      throw new Error(
        `Seed flow "${seed.friendlyName}" has sid "${seed.sid}"; a flow sid is FW followed by 32 hex digits`,
      );
    }
    return store.create(
      {
        friendlyName: seed.friendlyName,
        definition: seed.definition,
        status: seed.status ?? 'published',
        commitMessage: seed.commitMessage ?? null,
        ...judgeDefinition(seed.definition, lint),
      },
      seed.sid,
    );
  });
}

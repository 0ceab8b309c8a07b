/** The JUnit XML file of a check's flow tests, written inside the workspace (input `junit-report`). */
import { constants } from 'node:fs';
import { mkdir, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { UserError, messageOf } from '../errors.ts';
import { isInside } from '../document/read.ts';
import type { FlowCheck } from '../check/flow-check.ts';
import { renderJUnit } from '../report/junit.ts';
import type { ModeIO } from '../io.ts';

/**
 * Writes the flows' test runs as JUnit XML to `relPath` in `workspace` and returns the path written. Refuses a
 * path outside the workspace, also through a symbolic link (a pull request may commit one at that path).
 */
export async function writeJUnitReport(input: {
  workspace: string;
  relPath: string;
  flows: readonly FlowCheck[];
}): Promise<string> {
  const root = await realpath(input.workspace);
  const target = path.resolve(root, input.relPath);
  const refuse = (why: string) =>
    new UserError(
      `Input 'junit-report': cannot write ${input.relPath} (${why}). Name a file inside the repository, e.g. reports/flow-tests.xml.`,
    );
  if (path.isAbsolute(input.relPath) || !isInside(root, target) || target === root)
    throw refuse('outside the workspace');
  const xml = renderJUnit(input.flows.flatMap((f) => (f.tests ? [f.tests] : [])));
  try {
    await mkdir(path.dirname(target), { recursive: true });
    // The folder's real place must be inside the workspace (no link out of it); the file itself is never followed.
    if (!isInside(root, await realpath(path.dirname(target))))
      throw refuse('its folder is a link out of the workspace');
    const file = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW);
    try {
      await file.writeFile(xml, 'utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw refuse(messageOf(error));
  }
  return input.relPath;
}

/** Writes the JUnit file and sets the `junit-report` output; a file that cannot be written is a warning. */
export async function junitOrWarn(input: {
  workspace: string;
  relPath: string;
  flows: readonly FlowCheck[];
  io: ModeIO;
}): Promise<void> {
  try {
    const written = await writeJUnitReport(input);
    input.io.setOutput('junit-report', written);
    input.io.info(`JUnit report of the flow tests: ${written}`);
  } catch (error) {
    input.io.warning(messageOf(error));
  }
}

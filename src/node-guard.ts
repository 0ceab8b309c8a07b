/**
 * The Node.js version the action and the CLI need, checked by both entries before they load anything
 * else: the bundle uses APIs old versions lack (fs.glob), and an old Node would fail while linking it,
 * printing a page of minified source instead of saying what to install. Keep this file free of imports
 * and of syntax that old versions cannot parse.
 */

/** The major version needed: action.yml runs on node24, package.json's engines say >=24. */
export const NODE_MAJOR_NEEDED = 24;

/** A one-line message when `version` (process.versions.node) is older than needed; undefined when it will do. */
export function nodeTooOld(version: string, fix: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? 0);
  if (major >= NODE_MAJOR_NEEDED) return undefined;
  const shown = /^v?[0-9.]{1,20}$/.test(version) ? version.replace(/^v/, '') : 'an unknown version';
  return `studio-flow-ci needs Node.js ${NODE_MAJOR_NEEDED} or later, but runs on Node.js ${shown}: ${fix}`;
}

#!/usr/bin/env node
/** The CLI's entry (dist/cli.js): check the Node.js version, then load and start the CLI. */
import { nodeTooOld } from '../node-guard.ts';

const tooOld = nodeTooOld(process.versions.node, 'install Node.js 24 (e.g. nvm install 24) and run it again.');
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exitCode = 2;
} else {
  const { start } = await import('./main.ts');
  start(process.argv.slice(2));
}

/** demo: validate the example flows against an emulator seeded with their "live" versions; print the PR comment. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks } from './check.ts';

/** The package root (where package.json and examples/ live), from dist/chunks/*.js or src/cli/demo.ts. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export function runDemo(argv: string[]): Promise<number> {
  const root = packageRoot();
  return runChecks('validate', [
    '--emulator-seed',
    path.join(root, 'examples/live'),
    '--markdown',
    '--fail-on',
    'never',
    '--workspace',
    root,
    '--flows',
    'examples/*.json',
    ...argv,
  ]);
}

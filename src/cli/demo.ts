/**
 * demo: validate the example flows against an emulator seeded with their "live" versions and a demo account (its
 * Serverless Function and Flex workflow, for the portable example's names); print the PR comment.
 */
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
    '--emulator-account',
    path.join(root, 'examples/account/demo-account.json'),
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

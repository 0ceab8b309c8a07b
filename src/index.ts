import { nodeTooOld } from './node-guard.ts';

const tooOld = nodeTooOld(
  process.versions.node,
  "the action declares runs.using: node24; run it on a runner that provides Node.js 24 (GitHub's hosted runners do; update a self-hosted runner).",
);
if (tooOld) {
  process.stdout.write(`::error::${tooOld}\n`);
  process.exitCode = 1;
} else {
  const { run } = await import('./main.ts');
  void run();
}

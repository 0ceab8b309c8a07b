/** Log lines with hostile text (a file name holding a newline and a workflow command) stay plain text. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { plainLogLines } from '../../src/egress/log-line.ts';
import { commandsIn } from '../support/workflow-commands.ts';

const HOSTILE = [
  'flows/x.json\n::error file=a.json::pwned',
  'flows/x.json\r\n::set-output name=valid::true',
  '::stop-commands::gotcha',
  '  ::add-mask::hidden',
  'flows/a.json\n##[set-output name=valid;]true',
  '::error::x.json',
  'flows/%0A::warning::y.json',
];

describe('plainLogLines', () => {
  it('writes an ordinary message as it is, on one line', () => {
    assert.deepEqual(plainLogLines('flows/a.json: 0 error(s), 1 warning(s), Validate: valid'), [
      'flows/a.json: 0 error(s), 1 warning(s), Validate: valid',
    ]);
  });

  for (const name of HOSTILE) {
    it(`no command acts for ${JSON.stringify(name)}`, () => {
      const lines = plainLogLines(`${name}: 0 error(s)`, () => 'f00d');
      const acted = commandsIn(lines.join('\n'));
      assert.deepEqual(
        acted.filter((c) => c !== 'stop' && c !== 'resume'),
        [],
      );
      assert.equal(acted.at(-1) ?? 'resume', 'resume', 'commands are resumed after the line');
      assert.ok(
        lines.every((l) => !/[\r\n]/.test(l)),
        'one message stays one line',
      );
    });
  }

  it('through @actions/core in a real process: the evil name reaches stdout, and no command acts', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sfci-log-'));
    const script = path.join(dir, 'log.ts');
    const io = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/io.ts');
    await writeFile(
      script,
      `import { actionsIO } from ${JSON.stringify(io)};\nconst io = actionsIO();\nfor (const n of ${JSON.stringify(HOSTILE)}) io.info(n + ': 0 error(s)');\n`,
    );
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [script], { env: { PATH: process.env.PATH ?? '' } }, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    assert.deepEqual(
      commandsIn(stdout).filter((c) => c !== 'stop' && c !== 'resume'),
      [],
    );
    assert.match(stdout, /flows\/x\.json%0A::error file=a\.json::pwned: 0 error\(s\)/);
  });
});

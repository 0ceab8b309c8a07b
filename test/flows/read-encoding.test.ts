/** A flow file that is not UTF-8 is refused by name with the place of the first bad byte, never read with U+FFFD. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFlowFile } from '../../src/document/read.ts';
import { makeWorkspace } from '../support/run-action.ts';

describe('readFlowFile encodings', () => {
  it('refuses a Latin-1 file, naming the line and column of the first byte that is not UTF-8', async () => {
    const text = '{\n  "description": "Caf\u00e9 hours",\n  "states": []\n}\n';
    const dir = await makeWorkspace({});
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${dir}/latin1.json`, Buffer.from(text, 'latin1'));
    const read = await readFlowFile(dir, 'latin1.json');
    assert.equal(read.ok, false, 'a Latin-1 file must not be read as UTF-8 with replacement characters');
    if (read.ok) return;
    assert.match(read.message, /not UTF-8/);
    assert.match(read.message, /line 2, column 22/);
    assert.match(read.message, /0xE9/);
    assert.match(read.fix, /UTF-8/);
    assert.ok(!read.message.includes('\uFFFD'));
  });

  it('refuses a lone continuation byte, an overlong form, a surrogate and a truncated sequence', async () => {
    const { writeFile } = await import('node:fs/promises');
    const dir = await makeWorkspace({});
    const cases: Record<string, number[]> = {
      continuation: [0x7b, 0x80, 0x7d],
      overlong: [0x7b, 0xc0, 0xaf, 0x7d],
      surrogate: [0x7b, 0xed, 0xa0, 0x80, 0x7d],
      truncated: [0x7b, 0xe2, 0x82],
    };
    for (const [name, bytes] of Object.entries(cases)) {
      await writeFile(`${dir}/${name}.json`, Buffer.from(bytes));
      const read = await readFlowFile(dir, `${name}.json`);
      assert.equal(read.ok, false, name);
      if (!read.ok) assert.match(read.message, /line 1, column 2/, name);
    }
  });

  it('reads UTF-8 text with every width of character, and a literal U+FFFD, unchanged', async () => {
    const text = '{"say": "caf\u00e9 \u20ac \ud83d\udcde \ufffd"}';
    const dir = await makeWorkspace({ 'ok.json': text });
    assert.deepEqual(await readFlowFile(dir, 'ok.json'), { ok: true, text });
  });
});

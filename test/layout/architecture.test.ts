/** ARCHITECTURE.md matches the code: every src/ path it names exists, every folder of src/ is named, and its layer table is LAYERS. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LAYERS, moduleOf } from '../support/import-graph.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = readFileSync(`${ROOT}ARCHITECTURE.md`, 'utf8');

/** Every `src/…` path a text names, without trailing punctuation (`src/x/` keeps its slash: a folder). */
function srcPaths(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<![\w/.-])src\/[\w./-]*/g)].map((m) => m[0].replace(/[.,;:)]+$/, '')))];
}

describe('ARCHITECTURE.md', () => {
  it('is one screen', () => {
    assert.ok(DOC.split('\n').length <= 70, `${DOC.split('\n').length} lines`);
  });

  it('names only src/ paths that exist (a folder with a trailing slash, a file without)', () => {
    const missing = srcPaths(DOC).filter((p) => {
      if (!existsSync(`${ROOT}${p}`)) return true;
      return p.endsWith('/') !== statSync(`${ROOT}${p}`).isDirectory();
    });
    assert.deepEqual(missing, []);
  });

  it('names every folder of src/', () => {
    const named = new Set(srcPaths(DOC));
    const folders = readdirSync(`${ROOT}src`, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src/${e.name}/`);
    assert.deepEqual(
      folders.filter((f) => !named.has(f)),
      [],
    );
  });

  it('has the layer table of test/support/import-graph.ts, in its order', () => {
    const rows =
      DOC.split('## ')[1]
        ?.split('\n')
        .filter((l) => l.startsWith('| `src/')) ?? [];
    const modules = rows.map((row) =>
      srcPaths(row.split('|')[1] ?? '').map((p) => moduleOf(p.replace(/^src\//, '').replace(/\/$/, '/x'))),
    );
    assert.equal(modules.length, LAYERS.length);
    modules.forEach((named, i) =>
      assert.ok(
        named.every((m) => LAYERS[i]?.includes(m)),
        `row ${i + 1} (${named.join(', ')}) is not LAYERS[${i}] (${LAYERS[i]?.join(', ')})`,
      ),
    );
  });
});

describe('srcPaths', () => {
  it('takes paths out of prose, code spans, parentheses and lists; never a longer word that only contains src/', () => {
    assert.deepEqual(srcPaths('see `src/a.ts`, (src/b/) and src/c.ts.\n- mysrc/d.ts x/src/e.ts <src/f/g.ts>'), [
      'src/a.ts',
      'src/b/',
      'src/c.ts',
      'src/f/g.ts',
    ]);
  });
});

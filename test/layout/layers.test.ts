/** The source tree keeps its layers (test/support/import-graph.ts): no import cycle, no import from a lower layer to a higher one. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importCycles, layerViolations, readImportGraph } from '../support/import-graph.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('src/ layers', () => {
  const edges = readImportGraph(SRC);

  it('reads the imports of src/ (a sanity floor: the walk found files and their imports)', () => {
    assert.ok(edges.length > 300, `only ${edges.length} imports found`);
    assert.ok(edges.some((e) => e.from === 'main.ts' && e.to.startsWith('modes/')));
  });

  it('has no import cycle', () => {
    assert.deepEqual(importCycles(edges), []);
  });

  it('imports only from its own layer or lower ones, and every module has a layer', () => {
    assert.deepEqual(layerViolations(edges), []);
  });
});

describe('the layer checker', () => {
  const LAYERS = [['leaf'], ['low'], ['high'], ['top']];
  /** A throwaway source tree from `{path: text}`. */
  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(path.join(tmpdir(), 'layers-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  }
  function check(files: Record<string, string>): { cycles: string[]; violations: string[] } {
    const root = tree(files);
    try {
      const edges = readImportGraph(root);
      return { cycles: importCycles(edges), violations: layerViolations(edges, LAYERS) };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  it('names both files of an upward import, static, type-only, re-export or dynamic', () => {
    for (const line of [
      "import { x } from '../high/h.ts';",
      "import type { X } from '../high/h.ts';",
      "export { x } from '../high/h.ts';",
      "const m = await import('../high/h.ts');",
      "import '../high/h.ts';",
    ]) {
      const { violations } = check({ 'low/l.ts': line, 'high/h.ts': 'export const x = 1;' });
      assert.deepEqual(
        violations,
        ['src/low/l.ts (layer 1: low) imports src/high/h.ts (layer 2: high), a higher layer'],
        line,
      );
    }
  });

  it('allows imports downward and inside a module; ignores packages and imports written in comments or strings', () => {
    const { cycles, violations } = check({
      'top.ts': "import { h } from './high/h.ts';\nimport ts from 'typescript';",
      'high/h.ts': "import { l } from '../low/l.ts';\nimport { g } from './g.ts';\nexport const h = 1;",
      'high/g.ts': "// import { t } from '../top.ts';\nconst s = \"import('../top.ts')\";\nexport const g = s;",
      'low/l.ts': "/* export * from '../high/h.ts' */ export const l = 1;",
    });
    assert.deepEqual({ cycles, violations }, { cycles: [], violations: [] });
  });

  it('finds a cycle inside one module and names the files around it', () => {
    const { cycles } = check({
      'low/a.ts': "import type { B } from './b.ts';",
      'low/b.ts': "import { c } from './c.ts';",
      'low/c.ts': "import { a } from './a.ts';",
    });
    assert.deepEqual(cycles, ['src/low/a.ts → src/low/b.ts → src/low/c.ts → src/low/a.ts']);
  });

  it('rejects a module no layer names, with the fix', () => {
    const { violations } = check({ 'stray/x.ts': "import { l } from '../low/l.ts';", 'low/l.ts': '' });
    assert.deepEqual(violations, [
      'src/stray/x.ts: its module "stray" is in no layer; add it to LAYERS in test/support/import-graph.ts',
    ]);
  });

  it('copes with odd file content: a BOM, CRLF line ends, a huge file, markup and non-UTF-8 bytes', () => {
    const { violations } = check({
      'low/a.ts': `\uFEFF<b>x</b>;\r\nimport { h } from '../high/h.ts';\r\n${'// padding\n'.repeat(50_000)}\xff\xfe`,
      'high/h.ts': '',
    });
    assert.deepEqual(violations, ['src/low/a.ts (layer 1: low) imports src/high/h.ts (layer 2: high), a higher layer']);
  });
});

/** The README's Inputs and Outputs tables say what action.yml says: the same names, the same defaults. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { ROOT } from './support/run-action.ts';

interface ActionYml {
  inputs: Record<string, { default?: unknown; description?: string }>;
  outputs: Record<string, { description?: string }>;
}

/** The cells of each row of the first table under `## <heading>`, header and separator rows left out. */
function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  assert.ok(start >= 0, `README has no "## ${heading}" section`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|')) {
      if (rows.length > 0) break; // the table ended
      continue;
    }
    // Split on pipes that are not escaped (\|) and not inside a code span.
    const cells: string[] = [];
    let cell = '';
    let inCode: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (c === '\\' && line[i + 1] === '|') {
        cell += '|';
        i++;
      } else if (c === '`') {
        const run = /^`+/.exec(line.slice(i))?.[0] ?? '`';
        inCode = inCode === undefined ? run : inCode === run ? undefined : inCode;
        cell += run;
        i += run.length - 1;
      } else if (c === '|' && inCode === undefined) {
        cells.push(cell.trim());
        cell = '';
      } else cell += c;
    }
    rows.push(cells.slice(1)); // the text before the first pipe is empty
  }
  assert.ok(rows.length >= 2, `README's "## ${heading}" has no table`);
  return rows.slice(2).filter((r) => !r.every((c) => /^-+$/.test(c)));
}

/** `name` from a cell holding one code span, or '' for an empty cell. */
function codeText(cell: string): string {
  if (cell === '') return '';
  const match = /^(`+)\s?(.*?)\s?\1$/.exec(cell);
  assert.ok(match, `expected a code span or nothing, got ${JSON.stringify(cell)}`);
  return match[2] as string;
}

async function load(): Promise<{ readme: string; action: ActionYml }> {
  const [readme, yml] = await Promise.all([
    readFile(path.join(ROOT, 'README.md'), 'utf8'),
    readFile(path.join(ROOT, 'action.yml'), 'utf8'),
  ]);
  return { readme, action: parse(yml) as ActionYml };
}

function sameNames(kind: string, documented: string[], declared: string[]): void {
  const dupes = documented.filter((n, i) => documented.indexOf(n) !== i);
  assert.deepEqual(dupes, [], `README lists these ${kind}s twice`);
  assert.deepEqual(
    declared.filter((n) => !documented.includes(n)),
    [],
    `${kind}s in action.yml that the README does not list`,
  );
  assert.deepEqual(
    documented.filter((n) => !declared.includes(n)),
    [],
    `${kind}s the README lists that action.yml does not have`,
  );
}

test("the README's Inputs table lists every input of action.yml, with its default", async () => {
  const { readme, action } = await load();
  const rows = tableUnder(readme, 'Inputs');
  const documented = rows.map((r) => codeText(r[0] ?? ''));
  sameNames('input', documented, Object.keys(action.inputs));
  for (const row of rows) {
    const name = codeText(row[0] ?? '');
    assert.equal(row.length, 3, `README row of ${name}: expected input | default | description`);
    const declared = action.inputs[name]?.default;
    assert.equal(
      codeText(row[1] ?? ''),
      declared === undefined || declared === null ? '' : String(declared),
      `default of input '${name}'`,
    );
    assert.notEqual(row[2], '', `input '${name}' has no description in the README`);
  }
});

test("the README's Outputs table lists every output of action.yml", async () => {
  const { readme, action } = await load();
  const rows = tableUnder(readme, 'Outputs');
  sameNames(
    'output',
    rows.map((r) => codeText(r[0] ?? '')),
    Object.keys(action.outputs),
  );
  for (const row of rows) {
    assert.equal(row.length, 2, `README row of ${row[0]}: expected output | description`);
    assert.notEqual(row[1], '', `output ${row[0]} has no description in the README`);
  }
});

test('the table reader sees what a reader sees: code spans, escaped pipes, empty cells', () => {
  const md = [
    '## Inputs',
    '',
    '| input | default | description |',
    '| --- | --- | --- |',
    '| `a` | | one \\| two |',
    '| `b` | `x | y` | three |',
    '',
    'after',
  ].join('\n');
  assert.deepEqual(tableUnder(md, 'Inputs'), [
    ['`a`', '', 'one | two'],
    ['`b`', '`x | y`', 'three'],
  ]);
  assert.equal(codeText('`${{ github.token }}`'), '${{ github.token }}');
  assert.equal(codeText(''), '');
});

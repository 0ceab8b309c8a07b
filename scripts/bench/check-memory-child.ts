/**
 * Child process of check-memory.ts: one check of the 1 MB benchmark flow (parse, lint, diff against the live
 * flow, every finding placed) in a fresh process, printing its maxRSS growth in bytes as JSON. Everything the
 * check reads (the file's text, the live definition) and the code it runs (modules loaded, the schema compiled by
 * a lint of a small flow) is in place before the first reading, so the figure is what the check itself needs.
 */
import { diffDefinitions } from '../../src/diff/diff.ts';
import { lintDefinition } from '../../src/lint/lint.ts';
import { parseFlowText } from '../../src/document/parse.ts';
import { benchFlows } from './big-flow-definition.ts';

const { before, after } = benchFlows();
const text = `${JSON.stringify(after, null, 2)}\n`;
const small = parseFlowText('flows/small.json', '{"states":[{"name":"Trigger","type":"trigger","transitions":[]}]}');
if (small.ok) lintDefinition(small.definition);
const start = process.resourceUsage().maxRSS * 1024;
const parsed = parseFlowText('flows/big.json', text);
let placed = 0;
if (parsed.ok) {
  const issues = lintDefinition(parsed.definition);
  diffDefinitions(before, parsed.definition);
  for (const issue of issues) if (parsed.locate(issue.pointer)) placed++;
}
process.stdout.write(
  JSON.stringify({ bytes: process.resourceUsage().maxRSS * 1024 - start, ok: parsed.ok, placed, size: text.length }),
);

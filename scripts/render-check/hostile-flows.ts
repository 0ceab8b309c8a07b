/**
 * A hostile pull request's flow files, written to disk: widget names, file names, a friendly name and values
 * that carry HTML, comment markers, Markdown, mentions and Mermaid syntax. Beside them, the "live" revisions
 * the emulator is seeded with, so the comment shows findings, a diff and a picture built from all of it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Every hostile string the flows carry; each must show as text, never as markup. */
export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert(2)</script>',
  closeDetails: '</details>',
  marker: '<!-- studio-flow-ci:check -->',
  ticks: 'tick`tock``',
  pipes: 'a|b||c',
  mention: '@octocat',
  mermaid: 'x"]-->y%%{init}%% q',
  newline: 'first\nsecond',
  bold: '**bold** _em_ [link](https://evil.example)',
} as const;

/** Shown changed on purpose (bidi controls by code point, control characters as spaces, long labels cut): not verbatim. */
const ODD = {
  bidi: 'rtl \u202Eevil\u202C end',
  control: 'bell\u0007tab\tnul\u0000 end',
  long: `${'long '.repeat(40)}"]-->%% end`,
  astral: '𝒰𝓃𝒾 😀 \uFE0F\u200D zero-width',
};

const h = HOSTILE;

/** Widget names of the PR's version (each ends in a letter: Studio names are free text). */
const names = {
  greet: `greet ${h.img}`,
  route: `route ${h.script} ${h.closeDetails}`,
  sales: `sales ${h.marker}`,
  ticks: `say ${h.ticks}`,
  pipes: `pipe ${h.pipes} ${h.mention}`,
  graph: `graph ${h.mermaid}`,
  lines: `lines ${h.newline}`,
  bold: `bold ${h.bold}`,
  bidi: ODD.bidi,
  control: ODD.control,
  long: ODD.long,
  astral: ODD.astral,
};

const say = (name: string, next: string | undefined, text: string) => ({
  name,
  type: 'say-play',
  transitions: [{ event: 'audioComplete', ...(next ? { next } : {}) }],
  properties: { say: text, offset: { x: 0, y: 0 } },
});

function trigger(next: string) {
  return { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next }], properties: { offset: { x: 0, y: 0 } } };
}

/** The PR's definition: every hostile name in a chain, values changed, one transition to a widget that does not exist. */
function headDefinition() {
  return {
    description: `Hostile ${h.img} ${h.bold}`,
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      trigger(names.greet),
      say(names.greet, names.route, `Hello ${h.script} ${h.ticks}`),
      say(names.route, names.sales, `${h.closeDetails}${h.marker}`),
      say(names.sales, names.ticks, `${h.pipes} ${h.mention}`),
      say(names.ticks, names.pipes, `${h.mermaid}\n${h.newline}`),
      say(names.pipes, names.graph, h.bold),
      say(names.graph, names.lines, 'short'),
      say(names.lines, names.bold, `${'long value '.repeat(12)}${h.img}`),
      say(names.bold, names.bidi, ODD.bidi),
      say(names.bidi, names.control, ODD.control),
      say(names.control, names.long, ODD.long),
      say(names.long, names.astral, ODD.astral),
      say(names.astral, `missing ${h.img} ${h.ticks}`, 'end'),
    ],
  };
}

/** The live definition: fewer widgets, other values, so every kind of change shows. */
function liveDefinition() {
  return {
    description: 'Live',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      trigger(names.greet),
      say(names.greet, names.graph, 'Hello'),
      say(names.graph, `old ${h.script}`, `was ${h.ticks}`),
      say(`old ${h.script}`, undefined, h.img),
    ],
  };
}

/** The files of the PR under flows/; the first one's name is shared with its live seed so the flows match. */
export const HOSTILE_FILES = [`ivr ${h.img} ${h.ticks} ${h.pipes} ${h.mention}.json`, `second ${h.closeDetails} ${h.marker}.json`];

/**
 * Write `<root>/flows/*.json` (the PR) and `<root>/live/*.json` (Studio's published revisions).
 * The second file has no live flow: it is "new", with its own findings.
 */
export async function writeHostileFlows(root: string): Promise<{ workspace: string; live: string }> {
  const workspace = path.join(root, 'workspace');
  const live = path.join(root, 'live');
  const [first = '', second = ''] = HOSTILE_FILES;
  // `</details>` in a path is a folder `…<` holding a file `details>…`.
  await mkdir(path.dirname(path.join(workspace, 'flows', second)), { recursive: true });
  await mkdir(live, { recursive: true });
  await writeFile(path.join(workspace, 'flows', first), `${JSON.stringify(headDefinition(), null, 2)}\n`);
  await writeFile(path.join(live, first), JSON.stringify(liveDefinition()));
  const other = { friendly_name: `Friendly ${h.img} ${h.bold} ${h.mention}`, definition: { ...headDefinition(), description: h.marker } };
  await writeFile(path.join(workspace, 'flows', second), `${JSON.stringify(other, null, 2)}\n`);
  return { workspace, live };
}

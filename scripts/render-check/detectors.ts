/**
 * What makes a rendered comment wrong for its readers: a Mermaid block that did not become a picture, markup
 * from flow content that became an element or an attribute, structure it broke, or Markdown that shows as
 * typed. Pure functions over the facts of one rendered comment; `render-check` fails on any problem.
 */
import { domFacts, type ElementFact } from './dom-facts.ts';

export type ProblemKind = 'mermaid' | 'raw-html' | 'structure' | 'literal-markdown' | 'lost-content' | 'mention';

export interface Problem {
  kind: ProblemKind;
  message: string;
}

/** What the browser made of one ```mermaid block. */
export interface MermaidResult {
  ok: boolean;
  error?: string;
  /** Tag names inside the picture (labels are HTML in a foreignObject). */
  tags: string[];
  /** The picture's visible text. */
  text: string;
}

export interface RenderedComment {
  /** The Markdown our renderer wrote. */
  markdown: string;
  /** The `.markdown-body` HTML as GitHub (or the browser) holds it, Mermaid blocks still as code. */
  html: string;
  /** Flow content shown as typed where it shows (hostile names and values): it may hold Markdown punctuation. */
  verbatim?: readonly string[];
  /** Flow content that must be in the page as typed: if it is not, markup swallowed it. */
  mustShow?: readonly string[];
  /** One per ```mermaid block, from the browser; absent when no browser ran. */
  mermaid?: readonly MermaidResult[];
}

/** Elements our renderers write (Markdown's and the HTML ones they use); any other came from content. */
const OUR_TAGS = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre', 'strong',
  'em', 'ul', 'ol', 'li', 'blockquote', 'a', 'br', 'hr', 'del', 'details', 'summary', 'sub',
]);
const OUR_ATTRIBUTES: Record<string, readonly string[]> = {
  details: ['open'],
  pre: ['lang'],
  a: ['href'],
  blockquote: ['class'],
  p: ['class'],
};
/** Links our renderers write: their text. A link whose text is its address is GitHub's autolink. */
const OUR_LINKS = new Set(['workflow run', 'job summary']);
/** Elements that must never be in a Mermaid label: ours are plain text with `<br/>`. */
const PICTURE_INJECTION = new Set(['img', 'script', 'iframe', 'object', 'embed', 'a', 'strong', 'em', 'b', 'i', 'image']);

const LITERAL: { pattern: RegExp; what: string }[] = [
  { pattern: /`/, what: 'a backtick (a code span shown as typed)' },
  { pattern: /\*\*/, what: '`**` (bold shown as typed)' },
  { pattern: /\|\s*:?-{3,}|-{3,}:?\s*\|/, what: 'a table rule `|---` (a table shown as typed)' },
  { pattern: /\\[\\`*_{}[\]()#|~<>!@-]/, what: 'a backslash escape shown as typed (Markdown inside an HTML block)' },
  { pattern: /&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/i, what: 'an HTML entity shown as typed (escaped twice)' },
  { pattern: /\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/, what: 'an alert marker `[!NOTE]` shown as typed' },
];

const flat = (value: string): string => value.replace(/\r\n|\r|\n/g, ' ');
const shorten = (value: string): string => JSON.stringify(value.length > 160 ? `${value.slice(0, 159)}…` : value);

function elementProblems(elements: readonly ElementFact[]): Problem[] {
  const problems: Problem[] = [];
  for (const e of elements) {
    if (e.tag === 'svg' || e.tag === 'div') continue; // pictures the page drew; checked from MermaidResult
    if (!OUR_TAGS.has(e.tag)) {
      problems.push({ kind: 'raw-html', message: `a <${e.tag}> element from content is in the page (text ${shorten(e.text)})` });
    }
    const allowed = OUR_ATTRIBUTES[e.tag] ?? [];
    for (const [name, value] of Object.entries(e.attributes)) {
      if (!allowed.includes(name)) problems.push({ kind: 'raw-html', message: `<${e.tag}> has an attribute ${name}=${shorten(value)} from content` });
    }
    const href = e.attributes['href'];
    if (e.tag === 'a' && href !== undefined && !OUR_LINKS.has(e.text) && e.text !== href && `https://${e.text}` !== href && `http://${e.text}` !== href) {
      problems.push({ kind: 'raw-html', message: `a link from content: text ${shorten(e.text)} → ${shorten(href)}` });
    }
  }
  return problems;
}

function structureProblems(markdown: string, elements: readonly ElementFact[]): Problem[] {
  const problems: Problem[] = [];
  const opened = markdown.split('\n').filter((line) => line.startsWith('<details')).length;
  const details = elements.filter((e) => e.tag === 'details');
  if (details.length !== opened) {
    problems.push({ kind: 'structure', message: `${details.length} <details> in the page, but our Markdown opens ${opened}: content opened or closed one` });
  }
  for (const d of details) {
    if (d.firstChild !== 'summary') problems.push({ kind: 'structure', message: `a <details> does not start with its <summary> (text ${shorten(d.text)})` });
  }
  const summaries = elements.filter((e) => e.tag === 'summary').length;
  if (summaries !== details.length) problems.push({ kind: 'structure', message: `${summaries} <summary> for ${details.length} <details>` });
  return problems;
}

function literalProblems(prose: string, verbatim: readonly string[]): Problem[] {
  // Content shown as typed may hold any punctuation: take it out first, longest first.
  const shown = [...new Set(verbatim.map(flat))].sort((a, b) => b.length - a.length);
  const problems: Problem[] = [];
  for (const line of prose.split('\n')) {
    const rest = shown.reduce((text, value) => (value ? text.split(value).join(' ') : text), line);
    for (const { pattern, what } of LITERAL) {
      if (pattern.test(rest)) problems.push({ kind: 'literal-markdown', message: `${what} in ${shorten(line.trim())}` });
    }
  }
  return problems;
}

function lostContent(all: string, verbatim: readonly string[]): Problem[] {
  return verbatim
    .map(flat)
    .filter((value) => value !== '' && !all.includes(value))
    .map((value) => ({ kind: 'lost-content' as const, message: `${shorten(value)} is nowhere in the page as typed: markup swallowed it` }));
}

/**
 * GitHub turns `@login` and `@org/team` in the rendered text (outside code) into mentions that notify:
 * none may come from flow content. (Our renderers write no mention of their own.)
 */
const MENTION = /(?:^|[^\w`])(@[a-z0-9][a-z0-9-]*(?:\/[a-z0-9_-]+)?)/gi;

function mentionProblems(prose: string): Problem[] {
  return [...prose.matchAll(MENTION)].map((m) => ({ kind: 'mention' as const, message: `${m[1] ?? ''} would notify someone: a mention from content` }));
}

/** The zero-width space that defuses a mention shows as nothing: content is compared without it. */
const unseen = (value: string): string => value.replace(/\u200b/g, '');

export function mermaidProblems(markdown: string, results: readonly MermaidResult[]): Problem[] {
  const blocks = markdown.split('\n').filter((line) => /^`{3,}mermaid\s*$/.test(line)).length;
  const problems: Problem[] = [];
  if (results.length !== blocks) problems.push({ kind: 'mermaid', message: `${blocks} Mermaid blocks in the Markdown, ${results.length} in the page` });
  results.forEach((r, i) => {
    if (!r.ok) problems.push({ kind: 'mermaid', message: `Mermaid block ${i + 1} did not render: ${r.error ?? 'no picture'}` });
    for (const tag of new Set(r.tags.filter((t) => PICTURE_INJECTION.has(t)))) {
      problems.push({ kind: 'raw-html', message: `Mermaid block ${i + 1} holds a <${tag}> element from a label` });
    }
    const entity = /#(?:quot|lt|gt|amp|\d+);/.exec(r.text);
    if (entity) problems.push({ kind: 'literal-markdown', message: `Mermaid block ${i + 1} shows the entity code ${entity[0]} as typed` });
  });
  return problems;
}

/** Every problem of one rendered comment; an empty list means it reads as our renderer meant. */
export function findProblems(comment: RenderedComment): Problem[] {
  const facts = domFacts(comment.html);
  const mustShow = comment.mustShow ?? [];
  return [
    ...elementProblems(facts.elements),
    ...structureProblems(comment.markdown, facts.elements),
    ...literalProblems(unseen(facts.prose), [...(comment.verbatim ?? []), ...mustShow]),
    ...lostContent(unseen(facts.all), mustShow),
    ...mentionProblems(facts.prose),
    ...(comment.mermaid ? mermaidProblems(comment.markdown, comment.mermaid) : []),
  ];
}

/**
 * What a rendered comment shows, read from its HTML (as the browser serialises its DOM): every element with
 * its attributes, the text a reader sees outside code, and all the text. Pure; htmlparser2, no browser.
 */
import { DomUtils, ElementType, parseDocument } from 'htmlparser2';

export interface ElementFact {
  tag: string;
  attributes: Record<string, string>;
  /** The element's text content (for links: what the reader sees). */
  text: string;
  /** Tag of the first child element, for structure checks (`details` must open with `summary`). */
  firstChild?: string;
}

export interface DomFacts {
  elements: ElementFact[];
  /** Text outside `code`, `pre` and Mermaid pictures: where Markdown punctuation must never show. */
  prose: string;
  /** All the text, code included, Mermaid pictures excluded. */
  all: string;
}

type Node = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<Node, { attribs: Record<string, string> }>;

const isText = (node: Node): node is Extract<Node, { type: 'text' }> => node.type === ElementType.Text;
/** An element (`script` and `style` are their own node types in htmlparser2, and elements too). */
const isElement = (node: Node): node is Element => 'attribs' in node && 'children' in node;

const CODE = new Set(['code', 'pre', 'svg']);
/** Blocks end a line of prose, so that text of two cells or items never runs together. */
const BLOCKS = new Set(['p', 'li', 'td', 'th', 'tr', 'summary', 'details', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'table', 'ul', 'ol', 'pre']);

function walk(nodes: Node[], inCode: boolean, out: { prose: string[]; all: string[] }, elements: ElementFact[]): void {
  for (const node of nodes) {
    if (isText(node)) {
      if (!inCode) out.prose.push(node.data);
      out.all.push(node.data);
    } else if (isElement(node)) {
      const tag = node.name.toLowerCase();
      const first = node.children.find(isElement);
      elements.push({
        tag,
        attributes: { ...node.attribs },
        text: DomUtils.textContent(node),
        ...(first ? { firstChild: first.name.toLowerCase() } : {}),
      });
      if (tag === 'svg') continue; // a Mermaid picture is checked on its own
      walk(node.children, inCode || CODE.has(tag), out, elements);
      if (BLOCKS.has(tag)) {
        out.prose.push('\n');
        out.all.push('\n');
      }
    }
  }
}

/** Facts about an HTML fragment (the inside of `.markdown-body`). */
export function domFacts(html: string): DomFacts {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const text = { prose: [] as string[], all: [] as string[] };
  const elements: ElementFact[] = [];
  walk(document.children, false, text, elements);
  return { elements, prose: text.prose.join(''), all: text.all.join('') };
}

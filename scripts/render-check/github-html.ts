/**
 * Markdown → HTML the way GitHub shows a comment: CommonMark with GFM tables, strikethrough and autolinks
 * (markdown-it), raw HTML passed through, then GitHub's sanitizer allowlist (sanitize-html configured like
 * its SanitizationFilter), then the alerts (`> [!NOTE]`) GitHub draws after sanitizing. A ```mermaid fence
 * becomes `<pre lang="mermaid"><code>`, as GitHub's renderer writes it; the page turns it into a picture.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Elements GitHub keeps in user content; anything else is dropped (script and style with their text). */
const GITHUB_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'br', 'b', 'i', 'strong', 'em', 'a', 'pre', 'code', 'img', 'tt',
  'div', 'ins', 'del', 'sup', 'sub', 'p', 'picture', 'ol', 'ul', 'table', 'thead', 'tbody', 'tfoot', 'blockquote',
  'dl', 'dt', 'dd', 'kbd', 'q', 'samp', 'var', 'hr', 'ruby', 'rt', 'rp', 'li', 'tr', 'td', 'th', 's', 'strike',
  'summary', 'details', 'caption', 'figure', 'figcaption', 'abbr', 'bdo', 'cite', 'dfn', 'mark', 'small', 'source',
  'span', 'time', 'wbr', 'input',
];

/** Attributes GitHub keeps on any allowed element (its list, shortened to what Markdown can meet). */
const ANY_ELEMENT = [
  'abbr', 'align', 'alt', 'aria-describedby', 'aria-hidden', 'aria-label', 'aria-labelledby', 'border', 'cellpadding',
  'cellspacing', 'checked', 'clear', 'color', 'cols', 'colspan', 'datetime', 'dir', 'disabled', 'headers', 'height',
  'hreflang', 'hspace', 'itemprop', 'label', 'lang', 'media', 'name', 'nowrap', 'open', 'rel', 'role', 'rows',
  'rowspan', 'scope', 'span', 'start', 'summary', 'tabindex', 'target', 'title', 'type', 'valign', 'value', 'vspace',
  'width',
];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: GITHUB_TAGS,
  allowedAttributes: {
    '*': ANY_ELEMENT,
    a: ['href'],
    img: ['src', 'longdesc'],
    div: ['itemscope', 'itemtype'],
    blockquote: ['cite'],
    del: ['cite'],
    ins: ['cite'],
    q: ['cite'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

function markdownIt() {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });
  const escape = md.utils.escapeHtml;
  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index];
    const lang = (token?.info ?? '').trim().split(/\s+/)[0] ?? '';
    const attr = lang ? ` lang="${escape(lang)}"` : '';
    return `<pre${attr}><code>${escape(token?.content ?? '')}</code></pre>\n`;
  };
  return md;
}

/** `[!KIND]` alone on the quote's first line (GitHub leaves `> [!NOTE] text` a plain quote). */
const ALERT = /<blockquote>\s*<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|<br\s*\/?>\n?|(?=<\/p>))/g;

/** GitHub's alerts: a blockquote whose first line is `[!KIND]` becomes a titled box (after sanitizing, so ours). */
function alerts(html: string): string {
  return html.replace(ALERT, (_m, kind: string) => {
    const title = kind.charAt(0) + kind.slice(1).toLowerCase();
    return `<blockquote class="markdown-alert markdown-alert-${kind.toLowerCase()}"><p class="markdown-alert-title">${title}</p><p>`;
  });
}

/** The HTML GitHub would show for a comment body (the part inside `.markdown-body`). */
export function githubHtml(markdown: string): string {
  return alerts(sanitizeHtml(markdownIt().render(markdown), SANITIZE));
}

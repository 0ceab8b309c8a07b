/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core: no browser download) shows a
 * comment's HTML with GitHub's stylesheet, draws its ```mermaid blocks with Mermaid from node_modules (read
 * from disk: no network), and hands back the DOM, what Mermaid made of each block, and a full-page screenshot.
 */
import { createRequire } from 'node:module';
import { access } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import type { MermaidResult } from './detectors.ts';

export const CHROMIUM = process.env.SFCI_CHROMIUM ?? '/usr/bin/chromium';

const resolve = createRequire(import.meta.url).resolve;
const MERMAID_JS = resolve('mermaid/dist/mermaid.min.js');
const GITHUB_CSS = resolve('github-markdown-css/github-markdown-light.css');

/** The width of a comment on a pull request's page. */
const PAGE = { width: 1012, height: 800 };

export interface Shown {
  /** `.markdown-body`'s HTML as the browser parsed it, before Mermaid replaced the blocks. */
  html: string;
  mermaid: MermaidResult[];
}

/** True when the Chromium binary is there (tests that need it skip, saying why, when it is not). */
export async function hasChromium(): Promise<boolean> {
  return access(CHROMIUM).then(() => true, () => false);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'], timeout: 60_000 });
}

/** Runs in the page: each `pre[lang=mermaid]` becomes Mermaid's SVG, or stays, with the error recorded. */
async function drawMermaid(): Promise<MermaidResult[]> {
  // The page's globals: this function runs in Chromium (the project's types have no DOM).
  const { mermaid, document } = globalThis as unknown as { mermaid: any; document: any };
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  const blocks: any[] = [...document.querySelectorAll('pre[lang="mermaid"]')];
  const results: MermaidResult[] = [];
  for (const [i, pre] of blocks.entries()) {
    const source = pre.textContent ?? '';
    try {
      await mermaid.parse(source);
      const { svg } = await mermaid.render(`mermaid-${i}`, source);
      const holder = document.createElement('div');
      holder.className = 'mermaid-picture';
      holder.innerHTML = svg;
      pre.replaceWith(holder);
      const picture = holder.querySelector('svg');
      const nodes = picture?.querySelectorAll('g.node').length ?? 0;
      const tags: string[] = [...(picture?.querySelectorAll('*') ?? [])].map((e: any) => e.localName);
      const text: string = [...(picture?.querySelectorAll('g.node, g.edgeLabel') ?? [])].map((e: any) => e.textContent ?? '').join('\n');
      results.push(nodes > 0 ? { ok: true, tags, text } : { ok: false, error: 'the picture has no node', tags, text });
    } catch (error) {
      results.push({ ok: false, error: String((error as Error)?.message ?? error).split('\n').slice(0, 4).join(' '), tags: [], text: '' });
    }
  }
  return results;
}

/** Show `html` in a page like a PR comment; save a full-page PNG to `screenshot`. */
export async function show(browser: Browser, input: { html: string; title: string; screenshot: string }): Promise<Shown> {
  const page = await browser.newPage({ viewport: PAGE, deviceScaleFactor: 1, javaScriptEnabled: true });
  try {
    page.setDefaultTimeout(60_000);
    await page.route('**/*', (route) => route.abort()); // nothing leaves the page: no image, no font, no network
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><title>${input.title}</title></head>` +
        '<body style="margin:0;padding:16px;background:#fff"><article class="markdown-body" style="max-width:980px">' +
        `${input.html}</article></body></html>`,
    );
    await page.addStyleTag({ path: GITHUB_CSS });
    const html = await page.locator('article.markdown-body').innerHTML();
    await page.addScriptTag({ path: MERMAID_JS });
    const mermaid = await page.evaluate(drawMermaid);
    await page.screenshot({ path: input.screenshot, fullPage: true });
    return { html, mermaid };
  } finally {
    await page.close();
  }
}

/**
 * `npm run render-check`: see what users see. The demo's PR comment, a hostile PR's comment and the job summary
 * of a deploy of its files, rendered the
 * way GitHub renders them (github-html.ts) in headless Chromium with Mermaid (browser.ts); it fails when a
 * Mermaid block does not draw, markup from flow content becomes an element, or Markdown shows as typed
 * (detectors.ts). Screenshots, the Markdown and the HTML are saved under render-check/ for humans to look at.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHROMIUM, hasChromium, launch, show } from './browser.ts';
import { findProblems, type Problem } from './detectors.ts';
import { githubHtml } from './github-html.ts';
import { assertCli, demoComment, hostileComments, ROOT } from './inputs.ts';

const OUT = path.join(ROOT, 'render-check');

async function main(): Promise<number> {
  const started = Date.now();
  if (!(await hasChromium())) {
    console.error(`render-check: no Chromium at ${CHROMIUM}. Install Debian's package (apt-get install -y chromium) or set SFCI_CHROMIUM to a Chromium binary.`);
    return 2;
  }
  await assertCli();
  const comments = (await Promise.all([demoComment().then((c) => [c]), hostileComments()])).flat();
  await mkdir(OUT, { recursive: true });
  const browser = await launch();
  let failed = 0;
  try {
    for (const comment of comments) {
      const file = (ext: string) => path.join(OUT, `${comment.name}.${ext}`);
      const shown = await show(browser, { html: githubHtml(comment.markdown), title: comment.name, screenshot: file('png') });
      await writeFile(file('md'), comment.markdown);
      await writeFile(file('html'), shown.html);
      const problems: Problem[] = findProblems({ ...comment, html: shown.html, mermaid: shown.mermaid });
      const pictures = `${shown.mermaid.filter((m) => m.ok).length}/${shown.mermaid.length} Mermaid pictures drawn`;
      console.log(`${problems.length ? '✗' : '✓'} ${comment.name}: ${pictures}, ${problems.length} problems → ${path.relative(ROOT, file('png'))}`);
      for (const p of problems) console.log(`    ${p.kind}: ${p.message}`);
      if (problems.length) failed++;
    }
  } finally {
    await browser.close();
  }
  console.log(`render-check: ${failed ? `${failed} of ${comments.length} comments render wrong` : 'every comment renders as meant'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`render-check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);

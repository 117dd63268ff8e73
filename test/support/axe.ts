/**
 * Accessibility checks by a tool: axe-core (node_modules/axe-core/axe.min.js) injected into the
 * real page and run there. `checkA11y` prints every violation (so results show in the test
 * output) and returns the serious and critical ones, which tests expect to be empty.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;
const axeSource = () => (source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Run axe on the page (WCAG 2.x A/AA rules), print a summary and return serious/critical violations. */
export async function checkA11y(page: Page, screen: string): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated over the debugging protocol, so the app's Content-Security-Policy (script-src 'self') does not block it.
  if (!injected) await page.evaluate(await axeSource());
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]; passes: unknown[] }> } }).axe;
    const run = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return {
      passes: run.passes.length,
      violations: run.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => String(n.target.join(' '))) })),
    };
  });
  const lines = result.violations.map((v) => `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.targets.join(', ')})`);
  console.log(`axe ${screen}: ${result.passes} rules passed, ${result.violations.length} violated${lines.length ? `\n${lines.join('\n')}` : ''}`);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

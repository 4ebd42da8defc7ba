// @vitest-environment happy-dom
// The stylesheet stays inside the component (every rule scoped to .ut-) and its colour pairs are readable in both themes.
import { describe, expect, it } from 'vitest';
import { coachingCss } from '../../../components/coaching/index.ts';
import { parseCssColor, relativeLuminance } from '../../../components/coaching/theme.ts';

function variables(block: string): Map<string, string> {
  const body = coachingCss.slice(coachingCss.indexOf(block) + block.length);
  const end = body.indexOf('}');
  return new Map([...body.slice(0, end).matchAll(/--ut-([a-z-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

function contrast(a: string, b: string): number {
  const [la, lb] = [a, b].map((c) => {
    const parsed = parseCssColor(c);
    if (!parsed) throw new Error(`unreadable colour ${c}`);
    return relativeLuminance(parsed);
  });
  const [hi, lo] = la! > lb! ? [la!, lb!] : [lb!, la!];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text colour on background colour, by variable name, with the WCAG AA minimum for normal text. */
const TEXT_PAIRS: [string, string][] = [
  ['fg', 'bg'], ['muted', 'bg'], ['fg', 'raise'], ['muted', 'raise'], ['accent', 'bg'], ['accent-fg', 'accent'],
  ['fg', 'whisper-bg'], ['muted', 'whisper-bg'], ['fg', 'suggest-bg'], ['muted', 'suggest-bg'],
  ['fg', 'own-bg'], ['muted', 'own-bg'], ['fg', 'help-bg'], ['muted', 'help-bg'], ['help-fg', 'help-bg'],
  ['good', 'bg'], ['neutral', 'bg'], ['risk', 'bg'], ['angry', 'bg'], ['system-fg', 'bg'],
  ['fg', 'customer-bg'], ['muted', 'customer-bg'], ['fg', 'agent-bg'], ['muted', 'agent-bg'],
];

describe('coachingCss', () => {
  it('scopes every rule to the components’ own classes', () => {
    const withoutMedia = coachingCss.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@media[^{]*\{/g, '');
    const selectors = [...withoutMedia.matchAll(/(^|})\s*([^{}@]+)\{/g)].map((m) => m[2]!.trim());
    expect(selectors.length).toBeGreaterThan(50);
    for (const list of selectors) {
      for (const selector of list.split(',')) expect(selector.trim(), selector).toMatch(/^\.ut-/);
    }
    expect(coachingCss).not.toMatch(/:root|(?<![\w-])(body|html)\b|@import|url\(/);
  });

  it.each([
    ['light', '.ut-root {'],
    ['dark', '.ut-root[data-theme="dark"] {'],
  ])('keeps text readable in the %s theme (WCAG AA 4.5:1) and the focus ring visible (3:1)', (_theme, block) => {
    const vars = variables(block);
    for (const [fg, bg] of TEXT_PAIRS) {
      const ratio = contrast(vars.get(fg)!, vars.get(bg)!);
      expect(ratio, `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(vars.get('focus')!, vars.get('bg')!)).toBeGreaterThanOrEqual(3);
  });

  it('fills the console host, the board beside the listen-in only when there is room', () => {
    expect(coachingCss).toMatch(/\.ut-super \{[^}]*width: 100%;[^}]*height: 100%;[^}]*container-type: inline-size/);
    expect(coachingCss).toMatch(/\.ut-super--listening \.ut-super-board \{ display: none; \}/);
    expect(coachingCss).toMatch(/@container \(min-width: 720px\) \{\s*\.ut-super--listening \.ut-super-board \{ display: flex;/);
    expect(coachingCss).toMatch(/\.ut-agent \{[^}]*width: 100%;[^}]*max-width: 100%;[^}]*max-height: var\(--ut-thread-max, 100%\)/);
    expect(coachingCss).toMatch(/\.ut-agent-body \{[^}]*overflow-y: auto/);
  });
});

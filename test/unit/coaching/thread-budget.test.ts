// The docked thread's height budget: an adapter's "25%" or "240px", capped at the column, never below one line.
import { describe, expect, it } from 'vitest';
import { budgetPixels } from '../../../components/in-page/thread-fit.ts';

describe('the thread height budget', () => {
  it('reads a share of the column or pixels', () => {
    expect(budgetPixels('25%', 600)).toBe(150);
    expect(budgetPixels('33.3%', 600)).toBe(199);
    expect(budgetPixels('240px', 600)).toBe(240);
    expect(budgetPixels('150%', 600)).toBe(600);
  });

  it('falls back to a quarter of the column for anything else, and keeps one line reachable', () => {
    for (const bad of [undefined, '', 'auto', '25', '-10%', '1e3px', 'calc(25%)']) expect(budgetPixels(bad, 800)).toBe(200);
    expect(budgetPixels('10px', 800)).toBe(40);
    expect(budgetPixels('1%', 800)).toBe(40);
  });
});

// The committed mood model against the figures docs/mood.md states for the held-out support lines: a new model or
// a code change may improve them, never fall below them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureSet } from '../../../scripts/measure-mood-accuracy.ts';
import { readSupportLines } from '../../../scripts/mood/training-data.ts';

/** The model column of the "Support lines, held out" table in docs/mood.md, as numbers (percentages as fractions). */
function documentedFigures(): { count: number; figures: Record<string, number> } {
  const doc = readFileSync(new URL('../../../docs/mood.md', import.meta.url), 'utf8');
  const heading = doc.match(/^### Support lines, held out \((\d+) messages\)$/m);
  if (!heading) throw new Error('docs/mood.md: no "### Support lines, held out (N messages)" table');
  const table = doc.slice(heading.index! + heading[0].length).split('\n\n')[1]!;
  const figures: Record<string, number> = {};
  for (const row of table.split('\n')) {
    const cells = row.split('|').map((c) => c.trim());
    const value = cells[2]?.match(/^([\d.]+)( %)?$/);
    if (value) figures[cells[1]!] = Number(value[1]) / (value[2] ? 100 : 1);
  }
  return { count: Number(heading[1]), figures };
}

describe('held-out support lines', () => {
  it('measure at least what docs/mood.md states', async () => {
    const documented = documentedFigures();
    expect(Object.keys(documented.figures)).toEqual(['exact', 'macro-F1', 'unhappy precision', 'unhappy recall', 'AUC unhappy vs rest']);
    const rows = readSupportLines('held_out');
    expect(rows.length).toBe(documented.count);
    const measured = (await measureSet(rows)).model;
    const actual: Record<string, number> = {
      exact: measured.exact,
      'macro-F1': measured.macroF1,
      'unhappy precision': measured.unhappyPrecision,
      'unhappy recall': measured.unhappyRecall,
      'AUC unhappy vs rest': measured.auc,
    };
    // The document rounds to 0.1 % or to two decimals.
    for (const [name, stated] of Object.entries(documented.figures)) expect(actual[name], name).toBeGreaterThanOrEqual(stated - 0.005);
  });
});

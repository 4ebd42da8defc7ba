// `npm run mood:accuracy`: measures chat mood levels against the labelled customer messages, per split, with a
// confusion matrix (rows: label, columns: predicted). `--misses` lists the messages it got wrong.
import { chatMood } from '../lib/mood/index.ts';
import type { MoodLevel } from '../lib/protocol/index.ts';
import { LABELLED_MESSAGES, type LabelledMessage } from '../test/fixtures/mood/labelled-customer-messages.ts';

const LEVELS: MoodLevel[] = ['good', 'neutral', 'at_risk', 'angry'];

export interface AccuracyReport {
  total: number;
  exact: number;
  /** Predicted level at most one step from the label. */
  withinOne: number;
  matrix: Record<MoodLevel, Record<MoodLevel, number>>;
  misses: { text: string; label: MoodLevel; predicted: MoodLevel; score: number }[];
}

export function measure(messages: readonly LabelledMessage[]): AccuracyReport {
  const matrix = Object.fromEntries(LEVELS.map((l) => [l, Object.fromEntries(LEVELS.map((p) => [p, 0]))])) as AccuracyReport['matrix'];
  const report: AccuracyReport = { total: messages.length, exact: 0, withinOne: 0, matrix, misses: [] };
  for (const m of messages) {
    const mood = chatMood([{ text: m.text, at: null }], null, 0);
    matrix[m.level][mood.level]++;
    const distance = Math.abs(LEVELS.indexOf(mood.level) - LEVELS.indexOf(m.level));
    if (distance === 0) report.exact++;
    else report.misses.push({ text: m.text, label: m.level, predicted: mood.level, score: mood.score });
    if (distance <= 1) report.withinOne++;
  }
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const split of ['tune', 'held_out'] as const) {
    const r = measure(LABELLED_MESSAGES.filter((m) => m.split === split));
    console.log(`\n${split}: ${r.exact}/${r.total} exact (${Math.round((100 * r.exact) / r.total)} %), ${r.withinOne}/${r.total} within one level`);
    console.log(`${'label \\ predicted'.padEnd(18)}${LEVELS.map((l) => l.padStart(9)).join('')}`);
    for (const label of LEVELS) console.log(`${label.padEnd(18)}${LEVELS.map((p) => String(r.matrix[label][p]).padStart(9)).join('')}`);
    if (process.argv.includes('--misses')) for (const m of r.misses) console.log(`  ${m.label} -> ${m.predicted} (${m.score}): ${m.text}`);
  }
}

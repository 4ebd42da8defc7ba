// `npm run mood:accuracy`: the mood model against "always neutral" and the AFINN baseline on each labelled data set
// (GoEmotions test and BANKING77 test mapped to levels, the held-out support lines), one table per set with the
// confusion matrices. `--misses` lists the held-out support lines the model got wrong.
import { chatMood } from '../lib/mood/index.ts';
import { MOOD_CLASSES } from '../lib/mood/mood-model.ts';
import { afinnMood } from './mood/afinn-baseline.ts';
import { moodFigures, naturalMixWeights, type MoodFigures, type Prediction } from './mood/mood-metrics.ts';
import { readBanking77, readGoEmotions, readSupportLines, type LabelledText } from './mood/training-data.ts';

export const PREDICTORS = ['model', 'always neutral', 'AFINN'] as const;
export type PredictorName = (typeof PREDICTORS)[number];

/** Each predictor's predictions for single messages (each message as a chat of one customer line). */
export async function predictAll(rows: readonly LabelledText[]): Promise<Record<PredictorName, Prediction[]>> {
  const model: Prediction[] = [];
  for (const row of rows) {
    const mood = await chatMood([{ text: row.text, at: null }], null, 0);
    model.push({ label: row.level, level: mood.level, score: mood.score });
  }
  return {
    model,
    'always neutral': rows.map((row) => ({ label: row.level, level: 'neutral', score: 0 })),
    AFINN: rows.map((row) => ({ label: row.level, ...afinnMood(row.text) })),
  };
}

export async function measureSet(rows: readonly LabelledText[], naturalMix = false): Promise<Record<PredictorName, MoodFigures>> {
  const all = await predictAll(rows);
  const weights = naturalMix ? naturalMixWeights(all.model) : undefined;
  return Object.fromEntries(PREDICTORS.map((name) => [name, moodFigures(all[name], weights)])) as Record<PredictorName, MoodFigures>;
}

const pct = (v: number) => (Number.isNaN(v) ? '-' : `${(100 * v).toFixed(1)} %`);
const num = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(2));

export function formatTable(title: string, figures: Record<PredictorName, MoodFigures>): string {
  const rows: [string, (f: MoodFigures) => string][] = [
    ['exact', (f) => pct(f.exact)],
    ['macro-F1', (f) => num(f.macroF1)],
    ['unhappy precision', (f) => num(f.unhappyPrecision)],
    ['unhappy recall', (f) => num(f.unhappyRecall)],
    ['AUC unhappy vs rest', (f) => num(f.auc)],
    ...MOOD_CLASSES.map((l): [string, (f: MoodFigures) => string] => [`${l} P / R`, (f) => `${num(f.perLevel[l].precision)} / ${num(f.perLevel[l].recall)}`]),
  ];
  const out = [`\n## ${title} (${figures.model.count} messages)`, '', `| figure | ${PREDICTORS.join(' | ')} |`, `|---|${PREDICTORS.map(() => '---').join('|')}|`];
  for (const [name, cell] of rows) out.push(`| ${name} | ${PREDICTORS.map((p) => cell(figures[p])).join(' | ')} |`);
  for (const p of PREDICTORS) {
    out.push('', `Confusion, ${p} (rows: label, columns: predicted ${MOOD_CLASSES.join(', ')}):`);
    for (const l of MOOD_CLASSES) out.push(`  ${l.padEnd(8)} ${MOOD_CLASSES.map((q) => String(figures[p].confusion[l][q]).padStart(6)).join('')}`);
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const heldOut = readSupportLines('held_out');
  console.log(formatTable('Support lines, held out', await measureSet(heldOut)));
  console.log(formatTable('Support lines, held out, weighted to the natural mix', await measureSet(heldOut, true)));
  console.log(formatTable('GoEmotions test, mapped', await measureSet(readGoEmotions('test'))));
  console.log(formatTable('GoEmotions test, mapped, weighted to the natural mix', await measureSet(readGoEmotions('test'), true)));
  console.log(formatTable('BANKING77 test, mapped (weak labels)', await measureSet(readBanking77('test'))));
  if (process.argv.includes('--misses')) {
    for (const row of heldOut) {
      const mood = await chatMood([{ text: row.text, at: null }], null, 0);
      if (mood.level !== row.level) console.log(`  ${row.level} -> ${mood.level} (${mood.score}): ${row.text}`);
    }
  }
}

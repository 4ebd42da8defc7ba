// Reads the labelled data the mood model learns from and is measured on: GoEmotions and BANKING77 (from the shared
// data sets folder, mapped to levels) and the support lines written for Undertone (data/mood/support-lines.tsv).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MoodLevel } from '../../lib/protocol/index.ts';
import { MOOD_CLASSES } from '../../lib/mood/mood-model.ts';
import { banking77Level, goEmotionsLevel } from './label-mappings.ts';

export interface LabelledText {
  text: string;
  level: MoodLevel;
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SUPPORT_LINES_FILE = join(REPO_ROOT, 'data/mood/support-lines.tsv');

/** `UNDERTONE_DATASETS`, else the first `shared/datasets` folder beside the checkout or one of its parents. */
export function datasetsDir(): string {
  const fromEnv = process.env.UNDERTONE_DATASETS;
  if (fromEnv) return fromEnv;
  for (let dir = REPO_ROOT; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dirname(dir), 'shared/datasets');
    if (existsSync(join(candidate, 'goemotions'))) return candidate;
  }
  throw new Error('mood data: no shared/datasets folder found; set UNDERTONE_DATASETS to the folder holding goemotions/ and banking77/');
}

/** GoEmotions split (train, dev or test), split on tabs: quoted texts are kept as stored (see its README). */
export function readGoEmotions(split: 'train' | 'dev' | 'test'): LabelledText[] {
  const dir = join(datasetsDir(), 'goemotions');
  const names = readFileSync(join(dir, 'emotions.txt'), 'utf8').split('\n');
  return readFileSync(join(dir, `${split}.tsv`), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      const [text, labels] = line.split('\t');
      if (text === undefined || labels === undefined) throw new Error(`GoEmotions ${split}.tsv line ${i + 1}: expected three tab-separated fields`);
      return { text, level: goEmotionsLevel(labels.split(',').map((id) => names[Number(id)] ?? `#${id}`)) };
    });
}

/** Records of a CSV file (RFC 4180: quoted fields may hold commas, doubled "" and line breaks; CRLF or LF). */
export function parseCsv(content: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i]!;
    if (quoted) {
      if (ch === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i++;
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push(fields);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function readBanking77(split: 'train' | 'test'): LabelledText[] {
  const records = parseCsv(readFileSync(join(datasetsDir(), 'banking77', `${split}.csv`), 'utf8'));
  return records.slice(1).map((fields, i) => {
    if (fields.length !== 2) throw new Error(`BANKING77 ${split}.csv record ${i + 2}: expected text,category`);
    return { text: fields[0]!.trim(), level: banking77Level(fields[1]!) };
  });
}

export type SupportSplit = 'train' | 'dev' | 'held_out';
export interface SupportLine extends LabelledText {
  split: SupportSplit;
  situation: string;
}

/** data/mood/support-lines.tsv: `split<TAB>level<TAB>situation<TAB>text`, `#` comments, a header line. */
export function parseSupportLines(content: string): SupportLine[] {
  const rows: SupportLine[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#') || line.startsWith('split\t')) return;
    const [split, level, situation, text, extra] = line.split('\t');
    const where = `support-lines.tsv line ${i + 1}`;
    if (text === undefined || extra !== undefined) throw new Error(`${where}: expected four tab-separated fields`);
    if (split !== 'train' && split !== 'dev' && split !== 'held_out') throw new Error(`${where}: unknown split ${split}`);
    if (!MOOD_CLASSES.includes(level as MoodLevel)) throw new Error(`${where}: unknown level ${level}`);
    if (text.trim() === '') throw new Error(`${where}: empty text`);
    rows.push({ split, level: level as MoodLevel, situation: situation!, text });
  });
  return rows;
}

export function readSupportLines(split?: SupportSplit): SupportLine[] {
  const rows = parseSupportLines(readFileSync(SUPPORT_LINES_FILE, 'utf8'));
  return split ? rows.filter((row) => row.split === split) : rows;
}

// How much a chat needs a supervisor's attention, as its mood: each customer message's mood (latest weighing most),
// its course (falling, several unhappy messages in a row), the customer waiting, messages the agent has not answered,
// repeated messages, escalation cues and the chat's length. Reasons are in words and never quote the customer.
import type { Mood } from '../protocol/index.ts';
import { findCues } from './escalation-cues.ts';
import { messageMood, type MessageMood } from './message-mood.ts';
import { levelOfScore, type MoodModel } from './mood-model.ts';
import { normaliseText, wordTokens } from './text-features.ts';

export interface ChatLine {
  text: string;
  /** When it was written (ms), if the page shows it. */
  at: number | null;
  /** Who wrote it; lines without an author are the customer's. */
  author?: 'customer' | 'agent' | 'system';
}

/** Only the latest messages speak for the mood now. */
const RECENCY = [1, 0.6, 0.35, 0.2];
/** Escalation cues pull at half their weight (the model reads most of them already), at most this much in all. */
const CUE_SHARE = 0.5;
const CUE_CAP = 0.3;
/** From these probabilities of anger, or of any unhappiness, in the latest message the chat cannot read as good. */
const ANGER_BLOCKS_GOOD = 0.08;
const UNHAPPINESS_BLOCKS_GOOD = 0.2;
/** The latest message's probability of being pleased that a good chat needs at least. */
const GOOD_AT_LEAST = 0.35;

export function assessChat(model: MoodModel, lines: readonly ChatLine[], waitingSince: number | null, now: number): Mood {
  const customer = lines.filter((line) => (line.author ?? 'customer') === 'customer');
  const reasons = new Map<string, number>();
  const reason = (text: string, weight: number) => reasons.set(text, Math.max(reasons.get(text) ?? 0, weight));
  let pull = 0;

  // The latest messages that say something (acknowledgements never swing a chat), newest first.
  const recent: { text: string; mood: MessageMood }[] = [];
  for (let i = customer.length - 1; i >= 0 && recent.length < RECENCY.length; i--) {
    const mood = messageMood(model, customer[i]!.text);
    if (mood.kind !== 'acknowledgement') recent.push({ text: customer[i]!.text, mood });
  }
  const latest = recent[0]?.mood;
  if (latest?.kind === 'other_language') reason(`mood not assessed: ${latest.language}`, 2);

  let weighted = 0;
  let totalWeight = 0;
  let cuePull = 0;
  const assessed: { score: number; level: string }[] = [];
  let notGood = false;
  recent.forEach(({ text, mood }, i) => {
    if (mood.kind !== 'assessed') return;
    const w = RECENCY[i]!;
    weighted += mood.score * w;
    totalWeight += w;
    assessed.push({ score: mood.score, level: mood.level });
    const [good, , atRisk, angry] = mood.probabilities;
    if (i === 0 && (angry! >= ANGER_BLOCKS_GOOD || atRisk! + angry! >= UNHAPPINESS_BLOCKS_GOOD || good! < GOOD_AT_LEAST)) notGood = true;
    for (const cue of findCues(text)) {
      if (i === 0 && cue.weight >= 0.3) notGood = true;
      cuePull += cue.weight * w * CUE_SHARE;
      reason(cue.reason, cue.weight * w);
    }
  });
  const emotion = totalWeight > 0 ? weighted / totalWeight : 0;
  pull += Math.min(CUE_CAP, cuePull);

  const newest = assessed[0];
  if (newest && recent[0]?.mood.kind === 'assessed') {
    if (newest.level === 'angry') reason('angry', 1.5);
    else if (newest.level === 'at_risk') reason('frustrated', 1.2);
    else if (newest.level === 'good') reason('pleased', 0.05);
  }
  // Course: a fall against the earlier messages, or several unhappy messages in a row.
  if (assessed.length >= 2) {
    const earlier = assessed.slice(1);
    const mean = earlier.reduce((sum, m) => sum + m.score, 0) / earlier.length;
    if (newest!.score < mean - 0.3) {
      pull += 0.1;
      reason('mood falling', 0.6);
    }
    const streak = assessed.findIndex((m) => m.level !== 'at_risk' && m.level !== 'angry');
    const unhappyRun = streak === -1 ? assessed.length : streak;
    if (unhappyRun >= 2) {
      pull += 0.05 * (unhappyRun - 1);
      reason(`unhappy for ${unhappyRun} messages`, 0.5 + 0.1 * unhappyRun);
    }
  }

  pull += unansweredPull(lines, reason);
  if (hasRepeatedMessage(customer.slice(-6))) {
    pull += 0.15;
    reason('repeated a message', 0.7);
  }
  if (waitingSince !== null) {
    const waitedS = Math.max(0, now - waitingSince) / 1000;
    if (waitedS > 60) {
      const waitPull = Math.min(0.4, ((waitedS - 60) / 240) * 0.4);
      pull += waitPull;
      reason(`waiting ${formatWait(waitedS)}`, 0.8 + waitPull);
    }
  }
  if (customer.length >= 15) {
    pull += customer.length >= 30 ? 0.1 : 0.05;
    reason('long chat', 0.3);
  }

  let score = Math.max(-1, Math.min(1, emotion - pull));
  // An angry customer is never shown as happy: a trace of anger or a strong cue in the latest message, or too little
  // sign of being pleased, caps the mood at neutral.
  if (notGood) score = Math.min(score, 0);
  const ordered = [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text);
  return { score: Math.round(score * 1000) / 1000, level: levelOfScore(score, model.thresholds), reasons: ordered.slice(0, 5) };
}

/**
 * Customer messages after the agent's last message, when the lines include the agent's (a transcript with authors):
 * two or more questions read "asked twice", otherwise two or more messages "wrote 3 times without an answer".
 */
function unansweredPull(lines: readonly ChatLine[], reason: (text: string, weight: number) => void): number {
  if (!lines.some((line) => line.author === 'agent')) return 0;
  let unanswered = 0;
  let questions = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.author === 'agent') break;
    if ((line.author ?? 'customer') !== 'customer') continue;
    unanswered++;
    if (line.text.includes('?')) questions++;
  }
  if (unanswered < 2) return 0;
  if (questions >= 2) reason(questions === 2 ? 'asked twice' : `asked ${questions} times`, 0.9 + 0.05 * questions);
  else reason(`wrote ${unanswered} times without an answer`, 0.85 + 0.05 * unanswered);
  return Math.min(0.3, 0.08 * (unanswered - 1));
}

/** Two of the messages (not acknowledgements) say nearly the same thing: the same words, or most of them. */
export function hasRepeatedMessage(lines: readonly ChatLine[]): boolean {
  const sets = lines
    .map((line) => new Set(wordTokens(normaliseText(line.text)).filter((w) => w !== '?' && w !== '!')))
    .filter((words) => words.size >= 3);
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      const shared = [...a].filter((w) => b.has(w)).length;
      if (shared / (a.size + b.size - shared) >= 0.7) return true;
    }
  }
  return false;
}

function formatWait(seconds: number): string {
  return seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 360) / 10} h`;
}

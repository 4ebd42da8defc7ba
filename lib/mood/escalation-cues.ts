// Escalation cues in a customer's message that call for attention whatever the model reads: cancelling, refunds, a
// manager, legal threats, abuse, repeated ?! and shouting in capitals. Each has a weight and a reason in plain words.

export interface Cue {
  id: string;
  /** How much the cue pulls the mood score down (0..1). */
  weight: number;
  reason: string;
}

const PHRASES: { id: string; pattern: RegExp; weight: number; reason: string }[] = [
  { id: 'cancel', pattern: /\bcancel(?:s|led|ling|lation)?\b|\bclose my account\b|\bunsubscribe\b/i, weight: 0.35, reason: 'wants to cancel' },
  { id: 'refund', pattern: /\brefund(?:s|ed)?\b|\bmoney back\b|\bchargeback\b|\bcharged twice\b/i, weight: 0.15, reason: 'asks about a refund or charge' },
  { id: 'fraud', pattern: /\b(?:scam|fraud|stole|steal(?:ing)?|report(?:ing)? you)\b/i, weight: 0.5, reason: 'accuses the company of fraud' },
  { id: 'abuse', pattern: /\b(?:idiots?|stupid|morons?|clowns|liars?|thieves|crooks|scammers|criminals|shame on you|damn|hell|f+u+c+k\w*|shit\w*|crap|bullshit|bastards?|assholes?|ruin(?:ed|ing|s)?)\b/i, weight: 0.4, reason: 'abusive language' },
  { id: 'contempt', pattern: /\b(?:unacceptable|worst|useless|pathetic|disgusting|disgrace|joke|garbage|rubbish|incompetent|awful|horrible|terrible|hate|hated|stinks|ungrateful|fools?|how dare|angry|furious|outraged|pissed|joking|kidding|ridiculous|scandal|shameful)\b/i, weight: 0.3, reason: 'strong complaint' },
  { id: 'urgency', pattern: /\b(?:immediately|right now|asap)\b|\bnow\s*!/i, weight: 0.2, reason: 'demands it now' },
  { id: 'manager', pattern: /\b(?:manager|supervisor|someone in charge|escalate)\b/i, weight: 0.45, reason: 'asks for a manager' },
  { id: 'legal', pattern: /\b(?:lawyer|legal action|sue|court|ombudsman|trading standards)\b/i, weight: 0.6, reason: 'mentions legal action' },
  { id: 'churn', pattern: /\b(?:never (?:again|buy|order)|switch(?:ing)? to|going elsewhere|competitor|last time)\b/i, weight: 0.35, reason: 'threatens to leave' },
  { id: 'repeat', pattern: /\b(?:(?:third|fourth|fifth|\d+(?:st|nd|rd|th)) time|again and again|already (?:told|asked|explained)|still (?:no|not|waiting|nothing))\b/i, weight: 0.3, reason: 'has had to repeat themselves' },
  { id: 'waiting', pattern: /\b(?:hello\?+|anyone there|are you (?:still )?there|still waiting)\b/i, weight: 0.25, reason: 'is waiting for an answer' },
];

/** Cues found in one customer message. */
export function findCues(text: string): Cue[] {
  const cues: Cue[] = [];
  for (const phrase of PHRASES) {
    if (phrase.pattern.test(text)) cues.push({ id: phrase.id, weight: phrase.weight, reason: phrase.reason });
  }
  if (/[?!]{2,}/.test(text)) cues.push({ id: 'punctuation', weight: 0.25, reason: 'repeated ?! marks' });
  if (isShouting(text)) cues.push({ id: 'shouting', weight: 0.5, reason: 'writes in capitals' });
  return cues;
}

/** Mostly capital letters over enough letters to mean it (an acronym or two is not shouting). */
export function isShouting(text: string): boolean {
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  const letters = words.join('');
  if (letters.length < 10) return false;
  const upper = letters.replace(/[^A-Z]/g, '').length;
  const shoutedWords = words.filter((w) => w.length >= 3 && w === w.toUpperCase()).length;
  return upper / letters.length >= 0.7 && shoutedWords >= 2;
}

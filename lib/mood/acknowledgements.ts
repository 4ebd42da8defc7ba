// Short acknowledgements ("Yes.", "Ok", "Thanks", "Sure, one moment"): they carry no mood of their own, so a chat's
// mood never swings on one.
import { normaliseText, wordTokens } from './text-features.ts';

const ACKNOWLEDGEMENT_WORDS = new Set(
  (
    'yes yeah yep yup no nope ok okay okey k kk sure fine alright right thanks thank ' +
    'you thx ty please pls understood understand i see got it agreed of course exactly correct done ready hm hmm mm ' +
    'mmm aha ah oh ahh uh hello hi hey bye goodbye one moment sec second minute wait go ahead that is all thats so ' +
    'the first second both either will a'
  ).split(' '),
);

/** At most four words, all of them acknowledgement words, and no question ("Hello?" waits for an answer). */
export function isAcknowledgement(text: string): boolean {
  if (text.includes('?')) return false;
  const words = wordTokens(normaliseText(text)).filter((w) => w !== '?' && w !== '!');
  if (words.length === 0) return true;
  return words.length <= 4 && words.every((w) => ACKNOWLEDGEMENT_WORDS.has(w));
}

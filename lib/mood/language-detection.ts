// Which language a customer's message is in, when it is clearly not English: by writing system, then by common
// function words of the languages support customers most often write in. Undecided means "treat as English".

const SCRIPTS: [RegExp, string][] = [
  [/[\u0400-\u04ff]/gu, 'Cyrillic'],
  [/[\u0370-\u03ff]/gu, 'Greek'],
  [/[\u0600-\u06ff]/gu, 'Arabic'],
  [/[\u0590-\u05ff]/gu, 'Hebrew'],
  [/[\u3040-\u30ff]/gu, 'Japanese'],
  [/[\uac00-\ud7af]/gu, 'Korean'],
  [/[\u4e00-\u9fff]/gu, 'Chinese'],
  [/[\u0e00-\u0e7f]/gu, 'Thai'],
  [/[\u0900-\u097f]/gu, 'Hindi'],
];

const FUNCTION_WORDS: Record<string, string> = {
  English:
    'the a an and or but is are was were be been have has had do does did not i you he she it we they my your our this that these those to of in on for with at from by what when where why how can could would should will there here please thanks thank order still yet',
  German:
    'der die das und ist nicht ich sie es wir ihr mein meine ein eine einen mit auf für von zu den dem des noch bitte danke habe hat haben wurde wird kann keine kein aber oder wie was warum wann wo auch schon nur sehr bestellung',
  French:
    'le la les et est pas je vous il elle nous ils mon ma mes un une des avec pour sur dans du au ce cette qui que ne toujours merci bonjour commande reçu mais ou comment pourquoi quand très ai avez été',
  Spanish:
    'el la los las y es no yo usted mi mis un una con para por en del al que como pero muy todavía gracias hola pedido recibido cuando donde porque está están he ha han tengo hasta nada',
  Portuguese:
    'o a os as e é não eu você meu minha um uma com para por em do da dos das no na que como mas muito ainda obrigado obrigada olá pedido recebi quando onde porque está estão tenho até nada',
  Italian:
    'il lo la gli le e è non io lei mio mia un una con per su nel del della che come ma molto ancora grazie ciao ordine ricevuto quando dove perché sono ho hanno niente',
  Dutch:
    'de het een en is niet ik u jij mijn met voor op van aan te dat die wat hoe waarom wanneer nog steeds bedankt dank hallo bestelling ontvangen maar ook heb heeft zijn',
  Polish:
    'nie jest i w na z że to się do jak ale mój moja moje zamówienie dziękuję dzień dobry jeszcze czy mam był była',
  Turkish:
    've bir bu da de ne için ile çok ama hala teşekkür ederim merhaba sipariş gelmedi neden nasıl yok var mı ben siz',
};

const WORD_SETS = Object.fromEntries(Object.entries(FUNCTION_WORDS).map(([lang, words]) => [lang, new Set(words.split(' '))]));

/** The language's English name when the text is clearly in another language than English, else null. */
export function detectNonEnglish(text: string): string | null {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 4) return null;
  for (const [pattern, name] of SCRIPTS) {
    const count = text.match(pattern)?.length ?? 0;
    if (count / letters >= 0.5) return name === 'Cyrillic' ? (/[іїєґ]/iu.test(text) ? 'Ukrainian' : 'Russian') : name;
  }
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 3) return null;
  const hits: Record<string, number> = {};
  for (const [lang, set] of Object.entries(WORD_SETS)) hits[lang] = words.filter((w) => set.has(w)).length;
  const english = hits.English ?? 0;
  let best: string | null = null;
  for (const [lang, count] of Object.entries(hits)) if (lang !== 'English' && count > (best ? hits[best]! : 0)) best = lang;
  if (!best) return null;
  const count = hits[best]!;
  return count >= 2 && count >= 2 * english + 1 && count / words.length >= 0.2 ? best : null;
}

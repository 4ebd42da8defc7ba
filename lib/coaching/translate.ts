// UI text of the coaching components: a `t(key, substitutions)` in chrome.i18n's shape, English by default.
// The English text is public/_locales/en/messages.json itself, so the default and the extension's locale agree.
import englishCatalog from '../../public/_locales/en/messages.json';

/** One entry of a chrome.i18n messages.json file. */
export type LocaleMessage = { message: string; description?: string; placeholders?: Record<string, { content: string }> };

/** Every message name the coaching components use. */
export type MessageKey = keyof typeof englishCatalog;

/**
 * Looks up UI text. `browser.i18n.getMessage` fits as is; so does `translateEnglish`, the default.
 * Substitutions are plain text and are always rendered as text.
 */
export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

/** The English catalogue (public/_locales/en/messages.json). */
export const englishMessages: Readonly<Record<MessageKey, LocaleMessage>> = englishCatalog;

/**
 * Fills a chrome.i18n message: `$NAME$` becomes its placeholder's content, in which `$1`..`$9` become the
 * substitutions; `$$` is a literal dollar. One pass, so dollar signs inside substitutions stay as they are.
 */
export function formatLocaleMessage(entry: LocaleMessage, substitutions: string | string[] = []): string {
  const values = Array.isArray(substitutions) ? substitutions : [substitutions];
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const fillNumbered = (text: string) =>
    text.replace(/\$(\$|[1-9])/g, (_all, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
  return entry.message.replace(/\$(\$|[1-9]|[A-Za-z0-9_@]+\$)/g, (all, token: string) => {
    if (token === '$') return '$';
    if (/^[1-9]$/.test(token)) return values[Number(token) - 1] ?? '';
    const content = placeholders.get(token.slice(0, -1).toLowerCase());
    return content === undefined ? all : fillNumbered(content);
  });
}

/** The default `t`: English text from the catalogue; an unknown key yields "" like `browser.i18n.getMessage`. */
export const translateEnglish: Translate = (key, substitutions) => {
  const entry = (englishMessages as Record<string, LocaleMessage | undefined>)[key];
  return entry ? formatLocaleMessage(entry, substitutions) : '';
};

/** Control characters (C0 but tab and line breaks, DEL, C1); Chromium's `i18n.getMessage` drops text at a NUL. */
// eslint-disable-next-line no-control-regex -- finding control characters is what this is for
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** A substitution as it may go into `getMessage`: each control character becomes U+FFFD, so a name never vanishes. */
export function substitutionText(value: string): string {
  return value.replace(CONTROL_CHARACTERS, '\uFFFD');
}

/** Wraps a `t` (e.g. `browser.i18n.getMessage`) so names and other substitutions survive it whatever they contain. */
export function withSafeSubstitutions(t: Translate): Translate {
  return (key, substitutions) =>
    substitutions === undefined ? t(key) : t(key, Array.isArray(substitutions) ? substitutions.map(substitutionText) : substitutionText(substitutions));
}

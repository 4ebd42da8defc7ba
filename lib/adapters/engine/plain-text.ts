// Plain text of a page element, as a reader sees it: no markup, no script or style content, block breaks kept.
// Only text nodes are read (never innerHTML), so nothing from the page is interpreted or executed.

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'SVG', 'CANVAS']);
const BLOCKS = new Set([
  'P', 'DIV', 'LI', 'UL', 'OL', 'PRE', 'BLOCKQUOTE', 'TR', 'TABLE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
]);

/** Marks a block boundary; adjacent boundaries make one line break. */
const BLOCK_EDGE = '\uE000';

/** Longest text kept from one element (the wire limit of a transcript message), the cut mark included. */
export const MAX_TEXT_LENGTH = 8000;

/** Ends a text that was cut to MAX_TEXT_LENGTH, so whoever reads the mirror knows the rest is missing. */
export const CUT_MARK = ' … (cut)';

/** The text, or its start plus CUT_MARK when longer than MAX_TEXT_LENGTH (never splitting a surrogate pair). */
export function cutToLimit(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  let end = MAX_TEXT_LENGTH - CUT_MARK.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end).trimEnd() + CUT_MARK;
}

function collect(node: Node, ignore: string, parts: string[]): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      parts.push(child.nodeValue ?? '');
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED.has(tag) || (ignore && element.matches(ignore))) continue;
    if (tag === 'BR') {
      parts.push('\n');
      continue;
    }
    if (tag === 'IMG') {
      const alt = element.getAttribute('alt');
      if (alt) parts.push(alt);
      continue;
    }
    const block = BLOCKS.has(tag);
    if (block) parts.push(BLOCK_EDGE);
    collect(element, ignore, parts);
    if (block) parts.push(BLOCK_EDGE);
  }
}

/** The element's text with whitespace tidied; `ignore` is a selector list of parts to leave out. */
export function plainText(element: Element, ignore = ''): string {
  const parts: string[] = [];
  collect(element, ignore, parts);
  const text = parts
    .join('')
    .replace(/\uE000[\s\uE000]*/g, (run) => (run.includes('\n\n') ? '\n\n' : '\n'))
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cutToLimit(text);
}

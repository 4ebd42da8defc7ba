// The organisation's signature under a message sent to a customer: "— {name}, {team}" filled with the sender's name
// and team; a placeholder without a value goes with the punctuation and space before it.

/** The text that goes into the reply box: the coach's words, then the signature on its own line (if any). */
export function withSignature(text: string, template: string, sender: { name: string; team?: string | undefined }): string {
  const signature = fillSignature(template, sender);
  return signature ? `${text.trimEnd()}\n${signature}` : text;
}

export function fillSignature(template: string, sender: { name: string; team?: string | undefined }): string {
  const values: Record<string, string> = { name: sender.name.trim(), team: (sender.team ?? '').trim() };
  return template
    .replace(/[ \t]*[,;:·|–—-]?[ \t]*\{(name|team)\}/g, (whole, key: string) => (values[key] ? whole.replace(`{${key}}`, values[key]) : ''))
    .trim();
}

// Ids for durable sends made from a helpdesk tab. crypto.randomUUID needs a secure context, which an
// intranet helpdesk on plain http is not; getRandomValues works everywhere.
export function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

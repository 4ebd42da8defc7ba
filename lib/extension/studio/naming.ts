// Default names the studio gives an adapter: the helpdesk's name from the tab title, and today's date for `checked.on`.

/** "Inbox · Northwind Desk" → "Northwind Desk"; without a usable title, the host name. */
export function adapterNameFor(title: string, url: string): string {
  const parts = title.split(/\s+[·|–—-]\s+/).map((part) => part.trim()).filter(Boolean);
  const name = parts.length > 1 ? parts[parts.length - 1]! : (parts[0] ?? '');
  if (name && name.length <= 100) return name;
  try {
    return new URL(url).hostname;
  } catch {
    return 'My helpdesk';
  }
}

/** Today in the browser's time zone as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

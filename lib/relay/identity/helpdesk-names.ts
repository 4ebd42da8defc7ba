// The names a user has in the organisation's helpdesks (set by an admin): checked and tidied before they are kept,
// the same way for the SQLite and the Redis directory.

export const MAX_HELPDESK_NAMES = 20;

/** Trimmed, inner spaces collapsed, duplicates dropped; or the problem in words. */
export function cleanHelpdeskNames(names: readonly string[]): { ok: true; names: string[] } | { ok: false; problem: string } {
  const kept: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    if (!name) return { ok: false, problem: 'a helpdesk name must not be empty' };
    if (name.length > 200) return { ok: false, problem: 'a helpdesk name must be at most 200 characters' };
    if (!kept.includes(name)) kept.push(name);
  }
  if (kept.length > MAX_HELPDESK_NAMES) return { ok: false, problem: `a user can have at most ${MAX_HELPDESK_NAMES} helpdesk names` };
  return { ok: true, names: kept };
}

/** Reads the stored JSON list; anything unreadable counts as none. */
export function parseStoredHelpdeskNames(stored: string | null | undefined): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

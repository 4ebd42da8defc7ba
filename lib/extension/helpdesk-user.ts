// Is the person signed in to the helpdesk page the person signed in to Undertone? Compares the name the adapter reads
// with the Undertone user's name and the helpdesk names an admin gave them, ignoring case, spacing and accents.

export type UndertoneUser = { name: string; helpdeskNames?: readonly string[] };

/** The page's agent is someone else: coaching pauses there and its chats are not published as this user's. */
export type OtherHelpdeskUser = { helpdeskName: string; undertoneName: string };

/** "  Zoë   O'NEILL " and "zoe o'neill" are one name: accents dropped, case folded, spaces collapsed. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `helpdeskName`: the signed-in agent as the adapter read it (null when the adapter does not read it or the page
 * does not show it: then there is nothing to compare and nothing is paused). Returns who is who when they differ.
 */
export function otherHelpdeskUser(helpdeskName: string | null | undefined, user: UndertoneUser | null): OtherHelpdeskUser | null {
  const read = helpdeskName ? normaliseName(helpdeskName) : '';
  if (!read || !user) return null;
  const known = [user.name, ...(user.helpdeskNames ?? [])].map(normaliseName);
  return known.includes(read) ? null : { helpdeskName: helpdeskName!.replace(/\s+/g, ' ').trim(), undertoneName: user.name };
}

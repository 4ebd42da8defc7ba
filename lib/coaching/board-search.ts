// Search on the supervisor's board: a chat matches when its customer, its agent or the helpdesk's conversation key
// contains every word typed, ignoring case and accents.

/** Lower case without accents, so "Zoë" is found by "zoe". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

export type SearchableChat = { customer: string; agentName: string; key: string };

export function matchesSearch(chat: SearchableChat, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = fold(`${chat.customer}\n${chat.agentName}\n${chat.key}`);
  return words.every((word) => haystack.includes(word));
}

export function searchChats<T extends SearchableChat>(chats: readonly T[], query: string): T[] {
  return query.trim() ? chats.filter((chat) => matchesSearch(chat, query)) : [...chats];
}

// Unread coaching messages grouped by chat, each chat named by its customer (from the agent's open helpdesk tabs or
// where the chat was last on screen) with the helpdesk's chat id, newest chat first: what the popup lists.
import type { ThreadMessage } from '../protocol/index.ts';
import type { ChatPlace } from './chat-places.ts';

export type UnreadChat = {
  agentId: string;
  /** Null for a help request not tied to a chat. */
  conversationKey: string | null;
  /** Null when no tab of this browser has shown the chat. */
  customer: string | null;
  /** Oldest first. */
  messages: ThreadMessage[];
};

/**
 * `ownChats`: the signed-in agent's open chats (key to customer) as the tabs read them now; `places`: where chats
 * were last on screen. Both belong to `userId`'s own chats: another agent's chat of the same key is not named by them.
 */
export function unreadChats(
  messages: readonly ThreadMessage[],
  userId: string,
  ownChats: ReadonlyMap<string, string>,
  places: Readonly<Record<string, ChatPlace>>,
): UnreadChat[] {
  const chats = new Map<string, UnreadChat>();
  for (const message of messages) {
    const id = `${message.agentId}\n${message.conversationKey ?? ''}`;
    let chat = chats.get(id);
    if (!chat) {
      const key = message.conversationKey;
      const own = key !== null && message.agentId === userId;
      const customer = own ? (ownChats.get(key) ?? places[key]?.customer ?? null) : null;
      chat = { agentId: message.agentId, conversationKey: key, customer: customer || null, messages: [] };
      chats.set(id, chat);
    }
    chat.messages.push(message);
  }
  for (const chat of chats.values()) chat.messages.sort((a, b) => a.createdAt - b.createdAt);
  const newest = (chat: UnreadChat) => chat.messages[chat.messages.length - 1]?.createdAt ?? 0;
  return [...chats.values()].sort((a, b) => newest(b) - newest(a));
}

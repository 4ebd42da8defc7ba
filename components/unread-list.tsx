// Unread coaching messages by chat, each chat named by its customer and the helpdesk's chat id, as text (never HTML
// from the wire); a chat's entry opens it (`onOpen`), and the answer, when it cannot, is shown under it.
import type { UnreadChat } from '../lib/extension/unread-chats.ts';

type UnreadListProps = {
  chats: readonly UnreadChat[];
  /** Opens the chat; resolves to a sentence when it could not. */
  onOpen: (chat: UnreadChat) => Promise<string | null>;
  /** Why a chat could not be opened, by entry id. */
  problems: Readonly<Record<string, string>>;
};

export const unreadChatId = (chat: UnreadChat) => `${chat.agentId}/${chat.conversationKey ?? ''}`;

/** "Dana Smith · chat #c-1042", or the chat id alone, or what the messages are about when they name no chat. */
export function chatName(chat: UnreadChat): string {
  if (chat.conversationKey === null) return chat.messages[0]?.from.name ?? 'Coaching';
  const id = `chat #${chat.conversationKey}`;
  return chat.customer ? `${chat.customer} · ${id}` : id;
}

export function UnreadList({ chats, onOpen, problems }: UnreadListProps) {
  if (!chats.length) return <p id="unread-empty">No unread whispers.</p>;
  return (
    <ul id="unread-list" aria-label="Unread whispers by chat">
      {chats.map((chat) => {
        const id = unreadChatId(chat);
        const problem = problems[id];
        return (
          <li key={id} class="unread-chat" data-chat-key={chat.conversationKey ?? ''}>
            {chat.conversationKey === null ? (
              <strong class="unread-chat-name">{chatName(chat)}</strong>
            ) : (
              <button type="button" class="unread-chat-open" title="Open this chat" onClick={() => void onOpen(chat)}>
                <strong class="unread-chat-name">{chatName(chat)}</strong> ({chat.messages.length} unread)
              </button>
            )}
            <ul>
              {chat.messages.map((m) => (
                <li key={m.id} data-message-id={m.id}>
                  {m.from.name}: <span class="text">{m.text}</span>
                </li>
              ))}
            </ul>
            {problem && (
              <p class="message error" role="alert">
                {problem}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

// The popup's unread whispers by chat: named by the customer from the open tabs or where the chat was last seen,
// with the chat id; another agent's chat of the same key is not named after the agent's own.
import { describe, expect, it } from 'vitest';
import { unreadChats } from '../../../lib/extension/unread-chats.ts';
import type { ThreadMessage } from '../../../lib/protocol/index.ts';

let n = 0;
function message(agentId: string, conversationKey: string | null, createdAt: number): ThreadMessage {
  n += 1;
  return { id: `msg_${n}`, msgId: `m-0000000${n}`, kind: 'whisper', agentId, conversationKey, from: { id: 'usr_sam', name: 'Sam Supervisor', role: 'supervisor' }, text: `whisper ${n}`, createdAt, readBy: [] };
}

describe('unread chats', () => {
  it('groups by chat, names each by its customer, newest chat first', () => {
    const messages = [message('usr_ada', 'c-1', 10), message('usr_ada', 'c-2', 20), message('usr_ada', 'c-1', 30), message('usr_ada', 'c-3', 5)];
    const chats = unreadChats(messages, 'usr_ada', new Map([['c-1', 'Dana Smith']]), { 'c-2': { customer: 'Dana Smith', url: 'https://desk.test/c-2', seenAt: 1 } });
    expect(chats.map((c) => [c.conversationKey, c.customer, c.messages.map((m) => m.createdAt)])).toEqual([
      ['c-1', 'Dana Smith', [10, 30]],
      ['c-2', 'Dana Smith', [20]],
      ['c-3', null, [5]],
    ]);
  });

  it('does not name another agent\'s chat, nor a help request without a chat', () => {
    const chats = unreadChats([message('usr_bob', 'c-1', 10), message('usr_ada', null, 20)], 'usr_ada', new Map([['c-1', 'Dana Smith']]), {});
    expect(chats.map((c) => [c.agentId, c.conversationKey, c.customer])).toEqual([
      ['usr_ada', null, null],
      ['usr_bob', 'c-1', null],
    ]);
  });
});

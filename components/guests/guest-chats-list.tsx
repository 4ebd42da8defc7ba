// In the toolbar popup: the chats this user was brought into, each opened in one click on the guest page.
import { useEffect, useState } from 'preact/hooks';
import type { GuestGrant } from '../../lib/protocol/index.ts';
import { askBackground } from '../../lib/extension/messages.ts';

export function GuestChatsList({ open }: { open: (grant: GuestGrant) => void }) {
  const [grants, setGrants] = useState<GuestGrant[]>([]);
  useEffect(() => {
    void askBackground({ type: 'guest_grants' }).then(setGrants);
  }, []);
  if (grants.length === 0) return null;
  return (
    <section class="guest-chats" aria-label="Chats you were brought into">
      <h2>Chats you were brought into</h2>
      <ul>
        {grants.map((g) => (
          <li key={g.id} data-grant-id={g.id}>
            {g.agentName}'s chat {g.conversationKey} (by {g.invitedBy.name}){' '}
            <button type="button" class="open-guest-chat" onClick={() => open(g)}>
              Open
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

// Under the agent's coaching thread: who was brought into this chat (with Remove), what changed ("John Park
// (Accounts) joined"), and "Bring in a colleague": a search of the organisation by name or team, one click to invite.
import { useState } from 'preact/hooks';
import type { Colleague, GuestGrant } from '../../lib/protocol/index.ts';
import type { DirectoryAnswer } from '../../lib/extension/messages.ts';
import { colleagueLabel, guestLabel } from './guest-words.ts';

type ChatGuestsBoxProps = {
  guests: readonly GuestGrant[];
  notices: readonly string[];
  onSearch: (query: string) => Promise<DirectoryAnswer>;
  onInvite: (userId: string) => void;
  onRemove: (userId: string) => void;
};

export function ChatGuestsBox({ guests, notices, onSearch, onInvite, onRemove }: ChatGuestsBoxProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Colleague[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const here = new Set(guests.map((g) => g.guest.id));
  const search = async () => {
    const q = query.trim();
    if (!q) return;
    const answer = await onSearch(q);
    if (answer.ok) {
      setFound(answer.users);
      setProblem(answer.users.length ? null : `Nobody found for "${q}".`);
    } else {
      setFound(null);
      setProblem(answer.message);
    }
  };
  return (
    <section class="ut-guests" aria-label="Colleagues in this chat">
      {notices.length > 0 && (
        <ul class="ut-guest-notices" role="status">
          {notices.map((n, i) => (
            <li key={i} class="ut-guest-notice">
              {n}
            </li>
          ))}
        </ul>
      )}
      {guests.length > 0 && (
        <ul class="ut-guest-list">
          {guests.map((g) => (
            <li key={g.id} class="ut-guest-item" data-user-id={g.guest.id}>
              <span class="ut-guest-name">{guestLabel(g)}</span>
              <button type="button" class="ut-button ut-guest-remove" onClick={() => onRemove(g.guest.id)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <form
          class="ut-colleague-search"
          onSubmit={(event) => {
            event.preventDefault();
            void search();
          }}
        >
          <label class="ut-label">
            Bring in a colleague (name or team)
            <input class="ut-input ut-colleague-query" value={query} maxLength={100} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="ut-button ut-colleague-find">
            Find
          </button>
          {problem && <p class="ut-hint">{problem}</p>}
          {found && found.length > 0 && (
            <ul class="ut-colleague-results">
              {found.map((c) => (
                <li key={c.id} data-user-id={c.id}>
                  <span>{colleagueLabel(c)}</span>
                  <button type="button" class="ut-button ut-colleague-invite" disabled={here.has(c.id)} onClick={() => onInvite(c.id)}>
                    {here.has(c.id) ? 'In this chat' : 'Bring in'}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </form>
      ) : (
        <button type="button" class="ut-button ut-bring-colleague" onClick={() => setOpen(true)}>
          Bring in a colleague
        </button>
      )}
    </section>
  );
}

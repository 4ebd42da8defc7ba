// The background's view of guests: the chats this user was brought into (from `guest_grants`, kept in storage so a
// restarted worker knows them), which of them are still unopened (the badge, a desktop notification each), who the
// guests of the agent's own chats are (from `guests`), and colleague searches awaiting their `directory` answer.
import type { Colleague, GuestGrant, RelayFrameOf } from '../../protocol/index.ts';
import { rememberIntent } from '../session-intents.ts';

const KEY = 'undertone:guestGrants';
const SEARCH_TIMEOUT_MS = 10_000;

type Stored = { grants: GuestGrant[]; opened: string[] };

/** The extension page that shows one chat to its guest. */
export function guestPageUrl(grantId: string): string {
  return browser.runtime.getURL(`/guest.html?grant=${encodeURIComponent(grantId)}`);
}

export class GuestGrants {
  private stored: Stored | null = null;
  /** Guests of the agent's own chats, by conversation key (the relay's latest `guests` frame for each). */
  private readonly ownChats = new Map<string, GuestGrant[]>();
  private readonly searches = new Map<string, (users: Colleague[]) => void>();
  private searchCounter = 0;

  constructor(
    private readonly notice: (n: { id: string; title: string; message: string }) => void | Promise<void>,
  ) {}

  private async load(): Promise<Stored> {
    this.stored ??= ((await browser.storage.local.get(KEY))[KEY] as Stored | undefined) ?? { grants: [], opened: [] };
    return this.stored;
  }

  /** Every chat this user is a guest in now. */
  async grants(): Promise<GuestGrant[]> {
    return (await this.load()).grants;
  }

  /** Grants not opened yet: counted on the toolbar badge. */
  async unopened(): Promise<number> {
    const s = await this.load();
    return s.grants.filter((g) => !s.opened.includes(g.id)).length;
  }

  async markOpened(grantId: string): Promise<void> {
    const s = await this.load();
    if (!s.opened.includes(grantId)) s.opened.push(grantId);
    await browser.storage.local.set({ [KEY]: s });
  }

  /** A `guest_grants` frame: new grants are announced; ended ones are forgotten, with their listen-in. */
  async update(frame: RelayFrameOf<'guest_grants'>): Promise<void> {
    const s = await this.load();
    const known = new Set(s.grants.map((g) => g.id));
    const now = new Set(frame.grants.map((g) => g.id));
    for (const gone of s.grants.filter((g) => !now.has(g.id))) {
      await rememberIntent({ type: 'listen_stop', agentId: gone.agentId, conversationKey: gone.conversationKey });
    }
    const fresh = frame.grants.filter((g) => !known.has(g.id));
    this.stored = { grants: frame.grants, opened: s.opened.filter((id) => now.has(id)) };
    await browser.storage.local.set({ [KEY]: this.stored });
    for (const g of fresh) {
      await this.notice({
        id: `guest:${g.id}`,
        title: `${g.invitedBy.name} brought you into a chat`,
        message: `${g.agentName}'s chat ${g.conversationKey}: click to listen in and coach.`,
      });
    }
  }

  /** A `guests` frame about one of this agent's own chats. */
  ownChatChanged(frame: RelayFrameOf<'guests'>): void {
    if (frame.guests.length === 0) this.ownChats.delete(frame.conversationKey);
    else this.ownChats.set(frame.conversationKey, frame.guests);
  }

  guestsOf(conversationKey: string): GuestGrant[] {
    return this.ownChats.get(conversationKey) ?? [];
  }

  /** A colleague search: `send` puts the frame on the relay link; resolves with the `directory` answer. */
  search(query: string, send: (ref: string) => boolean): Promise<{ ok: true; users: Colleague[] } | { ok: false; message: string }> {
    const ref = `dir-${Date.now().toString(36)}-${++this.searchCounter}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.searches.delete(ref);
        resolve({ ok: false, message: 'The relay did not answer the search; try again.' });
      }, SEARCH_TIMEOUT_MS);
      this.searches.set(ref, (users) => {
        clearTimeout(timer);
        resolve({ ok: true, users });
      });
      if (!send(ref)) {
        clearTimeout(timer);
        this.searches.delete(ref);
        resolve({ ok: false, message: 'Not connected to the relay right now.' });
      }
    });
  }

  directoryAnswer(frame: RelayFrameOf<'directory'>): void {
    const done = frame.ref === undefined ? undefined : this.searches.get(frame.ref);
    if (!done || frame.ref === undefined) return;
    this.searches.delete(frame.ref);
    done(frame.users);
  }

  forget(): Promise<void> {
    this.stored = { grants: [], opened: [] };
    this.ownChats.clear();
    return browser.storage.local.remove(KEY);
  }
}

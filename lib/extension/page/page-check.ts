// What the selector tester may see of a page: the adapter's findings without any customer text (no message text,
// no names), so checking a helpdesk page shows counts, found or missing, and authors only.
import type { Author, PageInspection } from '../../adapters/engine/contract.ts';

export type PageCheck = Omit<PageInspection, 'agentName' | 'conversations' | 'active' | 'messages'> & {
  agentFound: boolean;
  /** Chats in the page's list, or null when the adapter lists none or the list was not found. */
  chatCount: number | null;
  /** The helpdesk's id of the chat on screen (an id, not a name), and whether a customer name was read for it. */
  active: { key: string; customerFound: boolean } | null;
  /** False when the transcript's container was not found. */
  transcriptFound: boolean;
  /** Authors of the last three messages on screen, oldest first. */
  lastAuthors: Author[];
};

export function pageCheckOf(inspection: PageInspection): PageCheck {
  const { agentName, conversations, active, messages, ...rest } = inspection;
  return {
    ...rest,
    agentFound: agentName !== null && agentName !== '',
    chatCount: conversations ? conversations.length : null,
    active: active ? { key: active.key, customerFound: active.customer !== '' } : null,
    transcriptFound: messages !== null,
    lastAuthors: (messages ?? []).slice(-3).map((message) => message.author),
  };
}

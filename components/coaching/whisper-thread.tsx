// A coaching thread as a live log: whispers, suggestions, replies and help requests, each styled by kind; unread marked.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { MessageKind, ThreadMessage } from '../../lib/protocol/index.ts';
import { customerSendState, customerSendWords, formatTimeOfDay } from '../../lib/coaching/index.ts';
import type { MessageKey, Translate } from '../../lib/coaching/index.ts';

const KIND_WORDS: Record<MessageKind, MessageKey> = {
  whisper: 'kindWhisper',
  suggestion: 'kindSuggestion',
  customer: 'kindCustomer',
  reply: 'kindReply',
  help: 'kindHelp',
};

/** Oldest first; equal times keep the relay's id order. */
export function threadOrder(messages: readonly ThreadMessage[]): ThreadMessage[] {
  return [...messages].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Messages from others that `selfId` has not read, by the thread cache's `readBy`. */
export function unreadIdsOf(messages: readonly ThreadMessage[], selfId: string): string[] {
  return messages.filter((m) => m.from.id !== selfId && !m.readBy.includes(selfId)).map((m) => m.id);
}

type WhisperThreadProps = {
  messages: readonly ThreadMessage[];
  selfId: string;
  unread: ReadonlySet<string>;
  /** The agent's name: a message to the customer then shows where it stands ("Not sent: Maria was typing"). */
  agentName?: string;
  /** Messages sent from here that the relay has not acknowledged yet: marked "Sending…". */
  pendingIds?: ReadonlySet<string>;
  t: Translate;
  /** Given: suggestions and whispers from others get "Insert into reply" (a whisper is forwarded that way). */
  onInsert?: (message: ThreadMessage) => void;
  /** The reader focused or pointed at the log. */
  onSeen?: () => void;
  /** A line under a `customer` message saying whether it was sent to the customer (null: none). */
  customerSendLine?: (message: ThreadMessage) => { state: 'sending' | 'sent' | 'not_sent'; text: string } | null;
};

/** A `customer` message stays insertable once it was not sent (the agent may send it itself). */
function insertable(message: ThreadMessage, sendState: string | null | undefined): boolean {
  return message.kind === 'suggestion' || message.kind === 'whisper' || (message.kind === 'customer' && sendState === 'not_sent');
}

export function WhisperThread({ messages, selfId, unread, pendingIds, agentName, t, onInsert, onSeen, customerSendLine }: WhisperThreadProps) {
  const log = useRef<HTMLDivElement>(null);
  const ordered = threadOrder(messages);
  const newest = ordered[ordered.length - 1]?.id;
  // Keep the newest message in view when one arrives.
  useLayoutEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newest, ordered.length]);
  return (
    <div
      ref={log}
      class="ut-thread"
      role="log"
      aria-live="polite"
      aria-label={t('threadLabel')}
      tabIndex={0}
      onFocus={onSeen}
      onMouseEnter={onSeen}
    >
      {ordered.length === 0 ? (
        <p class="ut-empty">{t('threadEmpty')}</p>
      ) : (
        <ol class="ut-thread-list">
          {ordered.map((m) => {
            const own = m.from.id === selfId;
            const isUnread = unread.has(m.id);
            const isPending = pendingIds?.has(m.id) ?? false;
            const kind = t(KIND_WORDS[m.kind]);
            const who = own ? t('fromYou') : m.from.name;
            const send = m.kind === 'customer' ? (customerSendLine?.(m) ?? null) : null;
            return (
              <li
                key={m.id}
                class={`ut-msg ut-msg--${m.kind}${own ? ' ut-msg--own' : ''}${isUnread ? ' ut-msg--unread' : ''}`}
                data-kind={m.kind}
                data-message-id={m.id}
                data-unread={isUnread ? 'true' : undefined}
                data-pending={isPending ? 'true' : undefined}
              >
                <div class="ut-msg-head">
                  <span class="ut-msg-kind">{kind}</span>
                  <span class="ut-msg-from">{who}</span>
                  {isUnread && <span class="ut-msg-new">{t('unreadMark')}</span>}
                  {isPending && <span class="ut-msg-sending">{t('sending')}</span>}
                  <time class="ut-msg-time" dateTime={new Date(m.createdAt).toISOString()}>
                    {formatTimeOfDay(m.createdAt)}
                  </time>
                </div>
                <p class="ut-msg-text">{m.text}</p>
                {send && (
                  <p class="ut-msg-send" data-send-state={send.state} role="status">
                    {send.text}
                  </p>
                )}
                {!send && agentName !== undefined && m.kind === 'customer' && (
                  <p class={`ut-msg-customer ut-msg-customer--${customerSendState(m)}`} role="status" data-customer-send={customerSendState(m)}>
                    {customerSendWords(m, agentName, t)}
                  </p>
                )}
                {onInsert && insertable(m, send?.state ?? (m.kind === 'customer' ? m.customerSend?.outcome : null)) && !own && (
                  <button type="button" class="ut-button ut-insert" onClick={() => onInsert(m)}>
                    {t('insertIntoReply')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

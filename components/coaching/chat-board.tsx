// The live board as a listbox: one option per chat, most attention first; arrows move, Enter or a click listens.
import { useId, useState } from 'preact/hooks';
import type { BoardChat } from '../../lib/protocol/index.ts';
import { attentionTier, boardChatId } from '../../lib/coaching/index.ts';
import { elapsedMs, formatElapsed } from '../../lib/coaching/index.ts';
import { listenerNames } from './listeners-note.tsx';
import { moodTrend, type MoodHistory } from '../../lib/coaching/index.ts';
import { MOOD_LEVEL_WORDS, MOOD_TREND_ARROWS, MOOD_TREND_WORDS } from './mood-words.ts';
import type { Translate } from '../../lib/coaching/index.ts';

type ChatBoardProps = {
  /** Already filtered and sorted. */
  chats: readonly BoardChat[];
  offlineAgents: ReadonlySet<string>;
  moodHistory: MoodHistory;
  now: number;
  waitAlertMs: number;
  t: Translate;
  /** The chat listened to now (its board id): marked as current. */
  listeningId?: string;
  onListen: (chat: BoardChat) => void;
};

export function ChatBoard({ chats, offlineAgents, moodHistory, now, waitAlertMs, t, listeningId, onListen }: ChatBoardProps) {
  const baseId = useId();
  const [activeId, setActiveId] = useState<string | null>(null);
  const ids = chats.map(boardChatId);
  // The active option follows its chat when the order changes; when the chat leaves, the first takes over.
  const activeIndex = Math.max(0, activeId === null ? 0 : ids.indexOf(activeId));
  const active = chats[activeIndex];
  const optionId = (index: number) => `${baseId}-chat-${index}`;
  const moveTo = (index: number) => {
    const id = ids[Math.min(Math.max(index, 0), ids.length - 1)];
    if (id !== undefined) setActiveId(id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      Home: () => moveTo(0),
      End: () => moveTo(ids.length - 1),
      Enter: () => active && onListen(active),
      ' ': () => active && onListen(active),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };
  return (
    <ul
      class="ut-board"
      role="listbox"
      aria-label={t('boardLabel')}
      tabIndex={chats.length ? 0 : -1}
      aria-activedescendant={active ? optionId(activeIndex) : undefined}
      onKeyDown={onKeyDown}
    >
      {chats.map((chat, index) => {
        const id = ids[index]!;
        const tier = attentionTier(chat, now, waitAlertMs);
        const trend = moodTrend(chat.mood.score, moodHistory[id] ?? []);
        const level = t(MOOD_LEVEL_WORDS[chat.mood.level]);
        const waited = chat.waitingSince === null ? null : elapsedMs(chat.waitingSince, now);
        const names = listenerNames(chat.listeners);
        const reasonsId = `${optionId(index)}-why`;
        return (
          <li
            key={id}
            id={optionId(index)}
            class="ut-chat"
            role="option"
            aria-selected={index === activeIndex ? 'true' : 'false'}
            aria-describedby={reasonsId}
            data-chat-id={id}
            data-tier={String(tier)}
            data-listening={id === listeningId ? 'true' : undefined}
            onClick={() => {
              setActiveId(id);
              onListen(chat);
            }}
          >
            <div class="ut-chat-line">
              <span class="ut-chat-customer">{chat.customer}</span>
              <span class="ut-chat-id">{t('chatIdMark', chat.key)}</span>
              <span class="ut-chat-agent">
                {chat.agentName}
                {offlineAgents.has(chat.agentId) ? ` · ${t('agentOffline')}` : ''}
              </span>
              {chat.helpRequested && <span class="ut-flag ut-flag--help">{t('helpRequested')}</span>}
            </div>
            <div class="ut-chat-line ut-chat-meta">
              <span class={`ut-mood ut-mood--${chat.mood.level}`} data-trend={trend}>
                <span aria-hidden="true">{MOOD_TREND_ARROWS[trend]} </span>
                {t('moodSummary', [level, t(MOOD_TREND_WORDS[trend])])}
              </span>
              <span class="ut-duration">{t('chatDuration', formatElapsed(elapsedMs(chat.startedAt, now)))}</span>
              <span class={`ut-wait${waited !== null && waited >= waitAlertMs ? ' ut-wait--long' : ''}`}>
                {waited === null ? t('chatAnswered') : t('chatWaiting', formatElapsed(waited))}
              </span>
            </div>
            {names.length > 0 && <div class="ut-chat-listeners">{t('listenersOn', names.join(', '))}</div>}
            <div class="ut-reasons" id={reasonsId}>
              {chat.mood.reasons.length ? (
                <ul>
                  {chat.mood.reasons.map((reason, i) => (
                    <li key={i}>{reason}</li>
                  ))}
                </ul>
              ) : (
                <p>{t('moodReasonsNone')}</p>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

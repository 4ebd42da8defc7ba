// Listen-in: the chat's live transcript, its whisper thread, and a composer with a whisper/suggestion toggle.
import { useId, useState } from 'preact/hooks';
import type { BoardChat, ThreadMessage, TranscriptEvent } from '../../lib/protocol/index.ts';
import { MESSAGE_TEXT_MAX } from './agent-coaching-panel.tsx';
import type { ChatRef } from './coaching-props.ts';
import { elapsedMs, formatElapsed } from '../../lib/coaching/index.ts';
import { ListenersNote } from './listeners-note.tsx';
import { MessageComposer } from './message-composer.tsx';
import { MOOD_LEVEL_WORDS } from './mood-words.ts';
import { TranscriptLog } from './transcript-log.tsx';
import type { Translate } from '../../lib/coaching/index.ts';
import { WhisperThread } from './whisper-thread.tsx';

export type WhisperKind = 'whisper' | 'suggestion';

type ListenInViewProps = {
  listening: ChatRef;
  /** The chat as the board has it; undefined once it left the board. */
  chat: BoardChat | undefined;
  transcript: readonly TranscriptEvent[];
  thread: readonly ThreadMessage[];
  /** Thread messages sent from here, not acknowledged by the relay yet. */
  pendingIds: ReadonlySet<string>;
  selfId: string;
  unread: ReadonlySet<string>;
  now: number;
  t: Translate;
  onStop: () => void;
  onWhisper: (text: string, kind: WhisperKind) => void;
  onSeen: () => void;
};

export function ListenInView(props: ListenInViewProps) {
  const { chat, t } = props;
  const [kind, setKind] = useState<WhisperKind>('whisper');
  const id = useId();
  const agentName = chat?.agentName ?? props.listening.agentId;
  const title = t('listenTitle', [chat?.customer ?? props.listening.conversationKey, agentName]);
  const chatId = t('chatIdMark', props.listening.conversationKey);
  return (
    <div
      class="ut-listen"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          props.onStop();
        }
      }}
    >
      <div class="ut-listen-head">
        <h3 class="ut-title" title={`${title} ${chatId}`}>
          {title}
        </h3>
        <span class="ut-chat-id">{chatId}</span>
        <button type="button" class="ut-button" onClick={props.onStop}>
          {t('stopListening')}
        </button>
      </div>
      {chat ? (
        <p class="ut-chat-meta">
          <span class={`ut-mood ut-mood--${chat.mood.level}`}>{t(MOOD_LEVEL_WORDS[chat.mood.level])}</span>
          {' · '}
          {t('chatDuration', formatElapsed(elapsedMs(chat.startedAt, props.now)))}
          {' · '}
          {chat.waitingSince === null ? t('chatAnswered') : t('chatWaiting', formatElapsed(elapsedMs(chat.waitingSince, props.now)))}
          {chat.helpRequested && (
            <>
              {' · '}
              <span class="ut-flag ut-flag--help">{t('helpRequested')}</span>
            </>
          )}
        </p>
      ) : (
        <p class="ut-notice" role="status">
          {t('chatGone')}
        </p>
      )}
      {chat && <ListenersNote listeners={chat.listeners} t={t} />}
      <TranscriptLog events={props.transcript} t={t} />
      <WhisperThread messages={props.thread} pendingIds={props.pendingIds} selfId={props.selfId} unread={props.unread} t={t} onSeen={props.onSeen} />
      <MessageComposer
        class="ut-whisper-composer"
        label={t('composerLabel', agentName)}
        placeholder={kind === 'whisper' ? t('whisperPlaceholder') : t('suggestionPlaceholder')}
        maxLength={MESSAGE_TEXT_MAX}
        t={t}
        onSubmit={(text) => {
          props.onSeen();
          props.onWhisper(text, kind);
          // Each send is one choice: the next message is a whisper again unless the supervisor picks otherwise.
          setKind('whisper');
        }}
      >
        <fieldset class="ut-mode" aria-describedby={`${id}-mode-hint`}>
          <legend>{t('modeLabel')}</legend>
          {(['whisper', 'suggestion'] as const).map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name={`${id}-mode`}
                value={mode}
                checked={kind === mode}
                onChange={() => setKind(mode)}
              />
              {mode === 'whisper' ? t('modeWhisper') : t('modeSuggestion')}
            </label>
          ))}
          <span class="ut-hint" id={`${id}-mode-hint`}>
            {kind === 'whisper' ? t('modeWhisperHint') : t('modeSuggestionHint')}
          </span>
        </fieldset>
      </MessageComposer>
    </div>
  );
}

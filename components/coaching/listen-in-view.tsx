// Listen-in: the chat's live transcript, its whisper thread, and a composer with its "Send as" choice (whisper,
// suggestion, and send to customer where the chat allows it).
import { useId, useState } from 'preact/hooks';
import type { BoardChat, ThreadMessage, TranscriptEvent } from '../../lib/protocol/index.ts';
import { MESSAGE_TEXT_MAX } from './agent-coaching-panel.tsx';
import type { ChatRef } from './coaching-props.ts';
import { elapsedMs, formatElapsed, keptKind, type SendKind } from '../../lib/coaching/index.ts';
import { ListenersNote } from './listeners-note.tsx';
import { MessageComposer } from './message-composer.tsx';
import { MOOD_LEVEL_WORDS } from './mood-words.ts';
import { SendModePicker, sendKindPlaceholder } from './send-mode-picker.tsx';
import { TranscriptLog } from './transcript-log.tsx';
import type { Translate } from '../../lib/coaching/index.ts';
import { WhisperThread } from './whisper-thread.tsx';

export type WhisperKind = SendKind;

type ListenInViewProps = {
  listening: ChatRef;
  /** The chat as the board has it; undefined once it left the board. */
  chat: BoardChat | undefined;
  transcript: readonly TranscriptEvent[];
  thread: readonly ThreadMessage[];
  /** Thread messages sent from here, not acknowledged by the relay yet. */
  pendingIds: ReadonlySet<string>;
  /** The relay's words for the last send it refused, shown as text. */
  refusal?: string | null;
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
  const [picked, setKind] = useState<WhisperKind>('whisper');
  // A customer send stays picked only while the chat allows it.
  const kind = keptKind(picked, chat?.customerSend);
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
      <WhisperThread messages={props.thread} pendingIds={props.pendingIds} selfId={props.selfId} unread={props.unread} agentName={agentName} t={t} onSeen={props.onSeen} />
      {props.refusal && (
        <p class="ut-notice ut-refusal" role="alert">
          {props.refusal}
        </p>
      )}
      <MessageComposer
        class="ut-whisper-composer"
        label={t('composerLabel', agentName)}
        placeholder={sendKindPlaceholder(kind, t)}
        maxLength={MESSAGE_TEXT_MAX}
        t={t}
        onSubmit={(text) => {
          props.onSeen();
          props.onWhisper(text, kind);
          // Each send is one choice: the next message is a whisper again unless the supervisor picks otherwise.
          setKind('whisper');
        }}
      >
        <SendModePicker kind={kind} customerSend={chat?.customerSend} agentName={agentName} name={`${id}-mode`} t={t} onChange={setKind} />
      </MessageComposer>
    </div>
  );
}

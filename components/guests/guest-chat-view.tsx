// The guest page's view of one chat it was brought into: who brought it in, the live transcript, the whisper thread
// and a composer (whisper or suggestion). When the access ends, it says so and offers nothing more.
import { useState } from 'preact/hooks';
import type { GuestGrant } from '../../lib/protocol/index.ts';
import type { Translate } from '../../lib/coaching/index.ts';
import type { GuestChatState } from '../../lib/extension/guests/guest-chat.ts';
import { MessageComposer } from '../coaching/message-composer.tsx';
import { TranscriptLog } from '../coaching/transcript-log.tsx';
import { WhisperThread } from '../coaching/whisper-thread.tsx';
import { guestLabel } from './guest-words.ts';

type GuestChatViewProps = {
  state: GuestChatState;
  t: Translate;
  onWhisper: (text: string, kind: 'whisper' | 'suggestion') => void;
  onLeave: () => void;
};

const NO_UNREAD: ReadonlySet<string> = new Set();

export function GuestChatView({ state, t, onWhisper, onLeave }: GuestChatViewProps) {
  const [kind, setKind] = useState<'whisper' | 'suggestion'>('whisper');
  const grant = state.grant;
  if (state.ended) {
    return (
      <main class="ut-guest ut-guest--ended">
        <h1>Your access to this chat has ended</h1>
        <p class="ut-guest-ended" role="status">
          {grant ? `${grant.agentName}'s chat ${grant.conversationKey} is no longer open to you.` : 'This chat is not open to you.'}
        </p>
      </main>
    );
  }
  if (!grant) return <main class="ut-guest">Loading…</main>;
  const others = state.guests.filter((g: GuestGrant) => g.guest.id !== grant.guest.id);
  return (
    <main class="ut-guest">
      <header class="ut-guest-head">
        <h1 class="ut-guest-title">
          {grant.agentName}'s chat {grant.conversationKey}
        </h1>
        <p class="ut-guest-by">
          {grant.invitedBy.name} brought you in. The customer does not see you. Until {new Date(grant.expiresAt).toLocaleTimeString()} at most.
        </p>
        {others.length > 0 && <p class="ut-guest-others">Also here: {others.map((g) => guestLabel(g)).join(', ')}</p>}
        <button type="button" class="ut-guest-leave" onClick={onLeave}>
          Leave this chat
        </button>
      </header>
      {state.problem && (
        <p class="ut-guest-problem" role="alert">
          {state.problem}
        </p>
      )}
      <section class="ut-guest-transcript" aria-label="Transcript">
        <TranscriptLog events={state.transcript} t={t} />
      </section>
      <section class="ut-guest-thread" aria-label="Coaching thread">
        <WhisperThread messages={state.thread} selfId={grant.guest.id} unread={NO_UNREAD} t={t} onSeen={() => {}} />
      </section>
      <MessageComposer
        class="ut-guest-composer"
        label={`Message to ${grant.agentName}`}
        placeholder={kind === 'whisper' ? t('whisperPlaceholder') : t('suggestionPlaceholder')}
        maxLength={4000}
        t={t}
        onSubmit={(text) => onWhisper(text, kind)}
      >
        <fieldset class="ut-mode">
          <legend>{t('modeLabel')}</legend>
          {(['whisper', 'suggestion'] as const).map((mode) => (
            <label key={mode}>
              <input type="radio" name="guest-mode" value={mode} checked={kind === mode} onChange={() => setKind(mode)} />
              {mode === 'whisper' ? t('modeWhisper') : t('modeSuggestion')}
            </label>
          ))}
        </fieldset>
      </MessageComposer>
    </main>
  );
}

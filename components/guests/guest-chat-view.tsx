// The guest page's view of one chat it was brought into: who brought it in, the live transcript, the whisper thread
// and a composer (whisper, suggestion, or send to customer where the chat allows it). When the access ends, it says
// so and offers nothing more.
import { useState } from 'preact/hooks';
import type { GuestGrant } from '../../lib/protocol/index.ts';
import { keptKind, type SendKind, type Translate } from '../../lib/coaching/index.ts';
import type { GuestChatState } from '../../lib/extension/guests/guest-chat.ts';
import { MessageComposer } from '../coaching/message-composer.tsx';
import { SendModePicker, sendKindPlaceholder } from '../coaching/send-mode-picker.tsx';
import { TranscriptLog } from '../coaching/transcript-log.tsx';
import { WhisperThread } from '../coaching/whisper-thread.tsx';
import { guestLabel } from './guest-words.ts';

type GuestChatViewProps = {
  state: GuestChatState;
  t: Translate;
  onWhisper: (text: string, kind: SendKind) => void;
  onLeave: () => void;
};

const NO_UNREAD: ReadonlySet<string> = new Set();

export function GuestChatView({ state, t, onWhisper, onLeave }: GuestChatViewProps) {
  const [picked, setKind] = useState<SendKind>('whisper');
  // A customer send stays picked only while the chat allows it.
  const kind = keptKind(picked, state.customerSend);
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
        <WhisperThread messages={state.thread} selfId={grant.guest.id} unread={NO_UNREAD} agentName={grant.agentName} t={t} onSeen={() => {}} />
      </section>
      <MessageComposer
        class="ut-guest-composer"
        label={`Message to ${grant.agentName}`}
        placeholder={sendKindPlaceholder(kind, t)}
        maxLength={4000}
        t={t}
        onSubmit={(text) => {
          onWhisper(text, kind);
          // Each send is one choice: the next message is a whisper again unless the guest picks otherwise.
          setKind('whisper');
        }}
      >
        <SendModePicker kind={kind} customerSend={state.customerSend} agentName={grant.agentName} name="guest-mode" t={t} onChange={setKind} />
      </MessageComposer>
    </main>
  );
}

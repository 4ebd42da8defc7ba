// The guest page: one chat this user was brought into (`?grant=ID`), opened from the desktop notification or the
// popup. Listens in while open, and sends whispers and suggestions into that chat only.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/page-style.css';
import { coachingCss } from '../../components/coaching/index.ts';
import { withSafeSubstitutions } from '../../lib/coaching/index.ts';
import { GuestChatView } from '../../components/guests/guest-chat-view.tsx';
import { GuestChat, type GuestChatState } from '../../lib/extension/guests/guest-chat.ts';
import type { TabMessage } from '../../lib/extension/index.ts';

const t = withSafeSubstitutions((key, substitutions) => browser.i18n.getMessage(key, substitutions));

function GuestPage({ grantId }: { grantId: string }) {
  const [chat] = useState(() => new GuestChat(grantId, (state) => setState(state)));
  const [state, setState] = useState<GuestChatState>(chat.current);
  useEffect(() => {
    const onMessage = (message: unknown) => {
      const m = message as TabMessage;
      if (m?.type === 'relay') chat.relay(m.frame);
    };
    browser.runtime.onMessage.addListener(onMessage);
    void chat.start();
    const stop = () => {
      const grant = chat.current.grant;
      if (grant && !chat.current.ended) void browser.runtime.sendMessage({ type: 'send_live', frame: { type: 'listen_stop', agentId: grant.agentId, conversationKey: grant.conversationKey } });
    };
    window.addEventListener('pagehide', stop);
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      window.removeEventListener('pagehide', stop);
    };
  }, [chat]);
  return <GuestChatView state={state} t={t} onWhisper={(text, kind) => void chat.whisper(text, kind)} onLeave={() => void chat.leave()} />;
}

const style = document.createElement('style');
style.textContent = coachingCss;
document.head.append(style);
const grantId = new URLSearchParams(location.search).get('grant') ?? '';
render(<GuestPage grantId={grantId} />, document.getElementById('app')!);

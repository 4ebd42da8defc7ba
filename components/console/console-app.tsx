// The console page's app: links to the background, keeps the board and the listened chat, and renders the
// supervisor console (or, signed out or signed in as an agent, says why there is no board).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { SupervisorPanel } from '../coaching/index.ts';
import { translateEnglish, withSafeSubstitutions, type Translate } from '../../lib/coaching/index.ts';
import { ConsoleNotice } from '../coaching/console-notice.tsx';
import { openConsoleLink, type ConsoleLink, type ConsoleMessage } from '../../lib/extension/console-link.ts';
import { SupervisorBoard, type ChatRef, type SupervisorBoardState } from '../../lib/extension/page/supervisor-board.ts';
import { openConsoleTab } from '../../lib/extension/console-opener.ts';
import { themeOfSetting } from './console-theme.ts';

type Status = Extract<ConsoleMessage, { type: 'status' }>;

const t: Translate = withSafeSubstitutions((key, substitutions) => browser.i18n.getMessage(key, substitutions) || translateEnglish(key, substitutions));

export function ConsoleApp() {
  const [status, setStatus] = useState<Status | null>(null);
  const [boardState, setBoardState] = useState<SupervisorBoardState | null>(null);
  const statusRef = useRef<Status | null>(null);
  const board = useMemo(
    () =>
      new SupervisorBoard(setBoardState, () => {
        const user = statusRef.current?.user;
        return user ? { id: user.id, name: user.name, role: user.role } : null;
      }),
    [],
  );
  const [link, setLink] = useState<ConsoleLink | null>(null);

  useEffect(() => {
    const opened = openConsoleLink(
      (message) => {
        if (message.type === 'status') {
          const before = statusRef.current;
          statusRef.current = message;
          setStatus(message);
          // Another person signed in: nothing of the first one's board may stay on screen.
          if (before?.user?.id !== message.user?.id) board.reset();
        } else board.relay(message.frame);
      },
      () => {
        // The background restarted and subscribed the new link to the board; listen again to the chat on screen.
        const listening = board.current.listening;
        if (listening) void board.listen(listening);
      },
    );
    const visibility = () => opened.report({ type: 'visible', visible: document.visibilityState === 'visible' });
    document.addEventListener('visibilitychange', visibility);
    visibility();
    setLink(opened);
    return () => {
      document.removeEventListener('visibilitychange', visibility);
      opened.close();
    };
  }, [board]);

  if (!status) return null;
  const theme = themeOfSetting(status.theme);
  const user = status.user;
  if (!status.status.signedIn || !user) {
    return <ConsoleNotice t={t} theme={theme} text={t('consoleSignedOut')} action={{ label: t('consoleOpenOptions'), run: () => void browser.runtime.openOptionsPage() }} />;
  }
  if (user.role === 'agent') return <ConsoleNotice t={t} theme={theme} text={t('consoleAgentOnly')} />;
  const state = boardState ?? board.current;
  const report = (chat: ChatRef | null) => link?.report({ type: 'listening', chat });
  const inTab = new URLSearchParams(location.search).has('tab');
  return (
    <SupervisorPanel
      t={t}
      theme={theme}
      selfId={user.id}
      chats={state.chats}
      teams={state.teams}
      agents={state.agents}
      pageHealth={state.pageHealth}
      moodHistory={state.moodHistory}
      waitAlertSeconds={status.waitAlertSeconds}
      listening={state.listening}
      transcript={state.transcript}
      thread={state.thread}
      pendingIds={state.pendingIds}
      refusal={state.refusal}
      connection={status.status.state === 'connected' ? 'connected' : 'reconnecting'}
      onListen={(chat) => {
        report(chat);
        void board.listen(chat);
      }}
      onStopListening={(chat) => {
        report(null);
        void board.stopListening(chat);
      }}
      onWhisper={(text, kind, chat) => void board.whisper(text, kind, chat)}
      onMarkRead={(ids, chat) => void board.markRead(ids, chat)}
      {...(inTab ? {} : { onOpenInTab: () => void openConsoleTab() })}
    />
  );
}

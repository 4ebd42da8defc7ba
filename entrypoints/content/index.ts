// Content script for helpdesk tabs, registered at runtime for allowed sites: reads the page through the adapters,
// reports it to the background, and shows the agent's whisper thread and the supervisor panel in the page.
import type { TabContext, TabMessage, InspectAnswer } from '../../lib/extension/messages.ts';
import type { ShownStatus } from '../../lib/extension/extension-state.ts';
import { PageSession } from '../../lib/extension/page/page-session.ts';
import { AgentThread } from '../../lib/extension/page/agent-thread.ts';
import { SupervisorBoard } from '../../lib/extension/page/supervisor-board.ts';
import { mountStatusIndicator } from '../../components/status-indicator.ts';
import { createPageNotice } from '../../components/in-page/page-notice.ts';
import { CoachingView } from '../../components/in-page/coaching-view.tsx';

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    // Everything below is owned by `ctx`: when the extension reloads or updates, its elements and listeners go.
    const indicator = mountStatusIndicator();
    const notice = createPageNotice();
    const view = new CoachingView();
    let context: TabContext | null = null;
    let customer: string | null = null;
    const selfId = () => context?.user?.id ?? null;
    const isAgent = () => context?.user?.role === 'agent';

    const renderAgent = () => {
      const self = selfId();
      if (!self || !isAgent()) return;
      view.renderAgent(self, thread.current, customer ?? undefined, {
        insert: (text) => {
          const result = session.adapterEngine?.insertReply(text, 'append');
          if (result && !result.ok) console.warn(`Undertone: could not insert the suggestion: ${result.reason}`);
        },
        reply: (text) => void thread.reply(text),
        askHelp: (reason) => void thread.askHelp(reason),
        markRead: (ids) => void thread.markRead(ids),
      });
    };
    const thread = new AgentThread(selfId, renderAgent);

    const renderPanel = () => {
      const self = selfId();
      if (!self || !view.panelOpen) return;
      view.renderPanel(self, board.current, {
        listen: (chat) => void board.listen(chat),
        stopListening: (chat) => void board.stopListening(chat),
        whisper: (text, kind, chat) => void board.whisper(text, kind, chat),
        markRead: (ids, chat) => void board.markRead(ids, chat),
        close: () => togglePanel(false),
      });
    };
    const board = new SupervisorBoard(renderPanel);

    const togglePanel = (open = !view.panelOpen) => {
      if (open === view.panelOpen) return;
      if (!open) {
        const listening = board.current.listening;
        if (listening) void board.stopListening(listening);
        view.closePanel();
        session.setPanel(false);
        return;
      }
      const self = selfId();
      if (!self || context?.user?.role === 'agent') return;
      view.renderPanel(self, board.current, { listen() {}, stopListening() {}, whisper() {}, markRead() {}, close() {} });
      renderPanel();
      session.setPanel(true);
      void board.open();
    };

    const session = new PageSession({
      status: (status) => {
        if (status.state === 'not_recognised') {
          notice.show(browser.i18n.getMessage('unrecognisedTitle'), `${browser.i18n.getMessage('unrecognisedBody')} Not found:`, status.missing.length ? status.missing : [status.reason]);
        } else notice.hide();
      },
      active: (key, name) => {
        customer = name;
        void thread.show(key);
      },
      context: (next) => {
        const wasAgent = isAgent();
        context = next;
        view.theme = next.theme;
        view.waitAlertSeconds = next.waitAlertSeconds;
        indicator.show(next.status);
        if (isAgent() && !wasAgent) {
          session.adapterEngine?.mount('whisperThread', view.agentHost.host);
          void thread.show(session.conversationKey);
        }
      },
    });

    const onMessage = (message: unknown): Promise<InspectAnswer> | undefined => {
      const tabMessage = message as TabMessage;
      switch (tabMessage.type) {
        case 'status':
          indicator.show(tabMessage.status as ShownStatus);
          return undefined;
        case 'relay':
          indicator.noteEvent(tabMessage.frame);
          thread.relay(tabMessage.frame);
          if (view.panelOpen) board.relay(tabMessage.frame);
          return undefined;
        case 'report_again':
          session.reportAgain();
          return undefined;
        case 'toggle_panel':
          togglePanel();
          return undefined;
        case 'inspect': {
          const engine = session.adapterEngine;
          const inspection = engine?.inspect() ?? null;
          return Promise.resolve({ adapterId: inspection?.adapterId ?? null, status: engine?.status() ?? { state: 'inactive' }, inspection });
        }
        default:
          return undefined;
      }
    };
    browser.runtime.onMessage.addListener(onMessage);

    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      session.stop();
      view.remove();
      notice.remove();
      indicator.remove();
    });
    void session.start().catch((error: unknown) => console.warn('Undertone could not start on this page:', error));
  },
});

// Content script for helpdesk tabs, registered at runtime for allowed sites: reads the page through the adapters,
// reports it to the background, and shows the agent's whisper thread in the page (its UI script is loaded into the
// tab only once a signed-in agent needs it). The supervisor's board is the console, an extension page.
import type { TabContext, TabMessage, InspectAnswer } from '../../lib/extension/messages.ts';
import type { ShownStatus } from '../../lib/extension/extension-state.ts';
import { PageSession } from '../../lib/extension/page/page-session.ts';
import { AgentThread } from '../../lib/extension/page/agent-thread.ts';
import { mountStatusIndicator } from '../../components/status-indicator.ts';
import { createPageNotice } from '../../components/in-page/page-notice.ts';
import { createUnreadBadges } from '../../components/in-page/unread-badges.ts';
import type { CoachingViewHandle } from '../../lib/extension/page/coaching-ui-contract.ts';
import { loadCoachingUi } from '../../lib/extension/page/coaching-ui-loader.ts';

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    // Everything below is owned by `ctx`: when the extension reloads or updates, its elements and listeners go.
    const indicator = mountStatusIndicator();
    const notice = createPageNotice();
    const badges = createUnreadBadges((count) =>
      count === 1 ? browser.i18n.getMessage('unreadCountOne') : browser.i18n.getMessage('unreadCountMany', [String(count)]),
    );
    let unreadCounts = new Map<string, number>();
    /** Counts beside the agent's other chats in the helpdesk's list; also re-placed after the page re-renders it. */
    const renderBadges = () => {
      const engine = session.adapterEngine;
      if (!isAgent() || !engine) return badges.render(new Map(), new Map(), null);
      badges.render(unreadCounts, unreadCounts.size ? engine.conversationItems() : new Map(), session.conversationKey);
    };
    const showStatus = (status: ShownStatus) => {
      indicator.show(status);
      unreadCounts = new Map(Object.entries(status.unreadByConversation ?? {}));
      renderBadges();
    };
    let view: CoachingViewHandle | null = null;
    let invalidated = false;
    /** The coaching UI, loaded into the tab on first use. */
    const ensureView = async (): Promise<CoachingViewHandle | null> => {
      if (view) return view;
      const ui = await loadCoachingUi();
      if (invalidated) return null;
      view ??= ui.createView((key, substitutions) => browser.i18n.getMessage(key, substitutions));
      if (context) view.theme = context.theme;
      return view;
    };
    let context: TabContext | null = null;
    let customer: string | null = null;
    const selfId = () => context?.user?.id ?? null;
    const isAgent = () => context?.user?.role === 'agent';

    const renderAgent = () => {
      const self = selfId();
      if (!self || !isAgent() || !view) return;
      view.renderAgent(self, thread.current, customer ?? undefined, {
        insert: (text) => {
          const result = session.adapterEngine?.insertReply(text, 'append');
          if (result && !result.ok) console.warn(`Undertone: could not insert the suggestion: ${result.reason}`);
        },
        searchColleagues: (query) => thread.searchColleagues(query),
        invite: (userId) => void thread.invite(userId),
        removeGuest: (userId) => void thread.removeGuest(userId),
        reply: (text) => void thread.reply(text),
        askHelp: (reason) => void thread.askHelp(reason),
        markRead: (ids) => void thread.markRead(ids),
      });
    };
    const thread = new AgentThread(selfId, renderAgent);

    /** An agent on a recognised chat page: load the UI, dock the whisper thread at the adapter's place. */
    let agentViewStarted = false;
    const startAgentView = () => {
      if (agentViewStarted) return;
      agentViewStarted = true;
      void ensureView().then(
        (shown) => {
          if (!shown) return;
          session.adapterEngine?.mount('whisperThread', shown.agentHost.host);
          void thread.show(session.conversationKey);
        },
        (error: unknown) => {
          agentViewStarted = false;
          console.warn('Undertone could not show coaching on this page:', error);
        },
      );
    };

    const session = new PageSession({
      status: (status) => {
        if (status.state === 'recognised' && isAgent()) startAgentView();
        if (status.state === 'not_recognised') {
          notice.show(browser.i18n.getMessage('unrecognisedTitle'), `${browser.i18n.getMessage('unrecognisedBody')} Not found:`, status.missing.length ? status.missing : [status.reason]);
        } else notice.hide();
      },
      active: (key, name) => {
        customer = name;
        void thread.show(key);
        renderBadges();
      },
      context: (next) => {
        const wasAgent = isAgent();
        context = next;
        if (view) view.theme = next.theme;
        showStatus(next.status);
        if (isAgent() && !wasAgent && session.adapterEngine?.status().state === 'recognised') startAgentView();
      },
    });

    const onMessage = (message: unknown): Promise<InspectAnswer> | undefined => {
      const tabMessage = message as TabMessage;
      switch (tabMessage.type) {
        case 'status':
          showStatus(tabMessage.status as ShownStatus);
          return undefined;
        case 'relay':
          indicator.noteEvent(tabMessage.frame);
          thread.relay(tabMessage.frame);
          return undefined;
        case 'report_again':
          session.reportAgain();
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
    // The polyfilled runtime.onMessage answers with the promise a listener returns.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    browser.runtime.onMessage.addListener(onMessage);

    ctx.setInterval(() => {
      if (unreadCounts.size) renderBadges();
    }, 1_000);

    ctx.onInvalidated(() => {
      invalidated = true;
      badges.remove();
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      browser.runtime.onMessage.removeListener(onMessage);
      session.stop();
      view?.remove();
      notice.remove();
      indicator.remove();
    });
    void session.start().catch((error: unknown) => console.warn('Undertone could not start on this page:', error));
  },
});

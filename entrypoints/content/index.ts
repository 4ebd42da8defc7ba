// Content script for helpdesk tabs, registered at runtime for allowed sites: reads the page through the adapters,
// reports it to the background, and shows the agent's whisper thread in the page (its UI script is loaded into the
// tab only once a signed-in agent needs it). The supervisor's board is the console, an extension page.
import type { TabContext, TabMessage, InspectAnswer } from '../../lib/extension/messages.ts';
import type { ShownStatus } from '../../lib/extension/extension-state.ts';
import { PageSession } from '../../lib/extension/page/page-session.ts';
import { backgroundJournal, CustomerSendExecutor } from '../../lib/extension/page/customer-send-executor.ts';
import { pageCheckOf } from '../../lib/extension/page/page-check.ts';
import { mountStatusIndicator, type StatusIndicator } from '../../components/status-indicator.ts';
import { createPageNotice } from '../../components/in-page/page-notice.ts';
import { createUnreadBadges } from '../../components/in-page/unread-badges.ts';
import { AgentDock } from './agent-dock.ts';

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    // Everything below is owned by `ctx`: when the extension reloads or updates, its elements and listeners go.
    // Mounted at the first status, so a page the background turns away never shows it.
    let indicator: StatusIndicator | null = null;
    const notice = createPageNotice();
    const badges = createUnreadBadges((count) =>
      count === 1 ? browser.i18n.getMessage('unreadBadgeOne') : browser.i18n.getMessage('unreadBadgeMany', [String(count)]),
    );
    let unreadCounts = new Map<string, number>();
    /** Counts beside the agent's other chats in the helpdesk's list; also re-placed after the page re-renders it. */
    const renderBadges = () => {
      const engine = session.adapterEngine;
      if (!isAgent() || !engine) return badges.render(new Map(), new Map(), null);
      badges.render(unreadCounts, unreadCounts.size ? engine.conversationItems() : new Map(), session.conversationKey);
    };
    const showStatus = (status: ShownStatus) => {
      indicator ??= mountStatusIndicator();
      indicator.show(status);
      unreadCounts = new Map(Object.entries(status.unreadByConversation ?? {}));
      renderBadges();
    };
    let context: TabContext | null = null;
    const isAgent = () => context?.user?.role === 'agent' && context.status.signedIn;
    const dock = new AgentDock({ engine: () => session.adapterEngine, conversationKey: () => session.conversationKey });

    // Coaches' messages to the customer, sent through this helpdesk's reply box (once; see the executor).
    const customerSends = new CustomerSendExecutor({
      engine: () => session.adapterEngine,
      conversationKey: () => session.conversationKey,
      journal: backgroundJournal,
      shown: (messageId, state, reason) => dock.thread.customerSendShown(messageId, state, reason),
    });

    const session = new PageSession({
      status: (status) => {
        if (status.state === 'recognised' && isAgent()) dock.start();
        if (status.state === 'not_recognised') {
          notice.show(browser.i18n.getMessage('unrecognisedTitle'), `${browser.i18n.getMessage('unrecognisedBody')} Not found:`, status.missing.length ? status.missing : [status.reason]);
        } else notice.hide();
      },
      active: (key, name) => {
        dock.show(key, name);
        renderBadges();
      },
      context: (next) => {
        context = next;
        dock.setContext(next);
        showStatus(next.status);
        if (isAgent() && session.adapterEngine?.status().state === 'recognised') dock.start();
      },
    });

    const onMessage = (message: unknown): Promise<InspectAnswer> | undefined => {
      const tabMessage = message as TabMessage;
      switch (tabMessage.type) {
        case 'status': {
          const status = tabMessage.status as ShownStatus;
          const wasSignedIn = context?.status.signedIn ?? false;
          if (context) context = { ...context, status, ...(status.signedIn ? {} : { user: null }) };
          dock.setStatus(status);
          showStatus(status);
          // Someone signed in (again): ask who, so the thread shows for that person only.
          if (status.signedIn && !wasSignedIn) session.reportAgain();
          return undefined;
        }
        case 'relay':
          dock.thread.relay(tabMessage.frame);
          return undefined;
        case 'customer_send_offer':
          if (isAgent()) void customerSends.offer(tabMessage.offer).catch((error: unknown) => console.warn('Undertone: sending to the customer failed:', error));
          return undefined;
        case 'customer_send_mode':
          dock.thread.customerSendMode(tabMessage);
          return undefined;
        case 'report_again':
          session.reportAgain();
          return undefined;
        case 'inspect': {
          const engine = session.adapterEngine;
          const inspection = engine?.inspect() ?? null;
          return Promise.resolve({ adapterId: inspection?.adapterId ?? null, status: engine?.status() ?? { state: 'inactive' }, inspection: inspection && pageCheckOf(inspection) });
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

    const stop = () => {
      badges.remove();
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      browser.runtime.onMessage.removeListener(onMessage);
      dock.stop();
      session.stop();
      notice.remove();
      indicator?.remove();
    };
    ctx.onInvalidated(stop);
    // Turned away (not an allowed site, e.g. another port of an allowed host in Firefox): leave the page untouched.
    void session.start().then(
      (started) => {
        if (!started) stop();
      },
      (error: unknown) => console.warn('Undertone could not start on this page:', error),
    );
  },
});

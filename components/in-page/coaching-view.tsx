// Renders the agent's whisper thread into Undertone's own host in the helpdesk page, docked in the active chat's
// pane (the supervisor's console is an extension page of its own). Uses no extension API (text comes in as `t`), so
// the coaching UI bundle that carries it needs no browser polyfill.
import { render } from 'preact';
import { AgentCoachingPanel, coachingCss, themeFromHostPage, type Theme } from '../coaching/index.ts';
import type { Translate } from '../../lib/coaching/index.ts';
import type { AgentThreadState } from '../../lib/extension/page/agent-thread.ts';
import type { AgentDockActions, AgentDockDetails, CoachingViewHandle, ThemeSetting } from '../../lib/extension/page/coaching-ui-contract.ts';
import { ChatGuestsBox } from '../guests/chat-guests-box.tsx';
import { CustomerSendConsent } from '../coaching/customer-send-consent.tsx';
import { customerSendLineOf } from '../coaching/customer-send-line.ts';
import { createShadowHost, type ShadowHost } from './shadow-host.ts';

function themeOf(setting: ThemeSetting, host: HTMLElement): Theme {
  if (setting !== 'auto') return setting;
  return host.isConnected ? themeFromHostPage(host.parentElement ?? host) : 'light';
}

export class CoachingView implements CoachingViewHandle {
  /** Placed by the adapter engine at the adapter's `whisperThread` place. */
  // contain: inline-size: the thread never widens the page's column; its width is set from the column (thread-fit.ts).
  readonly agentHost: ShadowHost = createShadowHost('undertone-coaching', coachingCss, 'all: initial; display: block; margin: 8px 0; min-width: 0; contain: inline-size;');
  theme: ThemeSetting = 'auto';

  constructor(private readonly t: Translate) {}

  private pending: Parameters<CoachingViewHandle['renderAgent']> | null = null;

  /**
   * Renders on the next microtask, with the latest arguments. Actions (marking read on expand) call back into the
   * content script, which renders again: done synchronously inside Preact's own effects, that re-entrant render
   * put a second copy of the thread into the page.
   */
  renderAgent(selfId: string, state: AgentThreadState, details: AgentDockDetails, actions: AgentDockActions): void {
    const scheduled = this.pending !== null;
    this.pending = [selfId, state, details, actions];
    if (scheduled) return;
    queueMicrotask(() => {
      const args = this.pending;
      this.pending = null;
      if (args) this.draw(...args);
    });
  }

  renderPaused(text: string): void {
    this.pending = null;
    render(
      <section class="ut-root ut-agent ut-agent--paused" data-theme={themeOf(this.theme, this.agentHost.host)} aria-label={this.t('agentPanelLabel')}>
        <p class="ut-agent-notice ut-paused" role="status">
          {text}
        </p>
      </section>,
      this.agentHost.container,
    );
  }

  private draw(selfId: string, state: AgentThreadState, details: AgentDockDetails, actions: AgentDockActions): void {
    if (state.conversationKey === null) {
      render(null, this.agentHost.container);
      return;
    }
    render(
      <AgentCoachingPanel
        key={state.conversationKey}
        t={this.t}
        theme={themeOf(this.theme, this.agentHost.host)}
        selfId={selfId}
        messages={state.messages}
        listeners={state.listeners}
        pendingIds={state.pendingIds}
        {...(details.customerName ? { customerName: details.customerName } : {})}
        {...(details.chatLabel ? { chatLabel: details.chatLabel } : {})}
        {...(details.notice ? { notice: details.notice } : {})}
        collapsed={details.collapsed}
        onCollapsedChange={(collapsed) => actions.collapse(collapsed)}
        focusReply={details.focusReply}
        onInsertSuggestion={(text) => actions.insert(text)}
        onReply={(text) => actions.reply(text)}
        onAskHelp={(reason) => actions.askHelp(reason)}
        onMarkRead={(ids) => actions.markRead(ids)}
        customerSendLine={(m) => customerSendLineOf(m, state.customerSend.shown[m.id], this.t)}
      >
        <CustomerSendConsent
          t={this.t}
          mode={state.customerSend.mode}
          guestNames={state.guests.map((g) => g.guest.name)}
          onAllow={(allowed) => actions.allowCustomerSend(allowed)}
        />
        <ChatGuestsBox
          key={`guests:${state.conversationKey}`}
          guests={state.guests}
          notices={state.guestNotices}
          onSearch={actions.searchColleagues}
          onInvite={actions.invite}
          onRemove={actions.removeGuest}
        />
      </AgentCoachingPanel>,
      this.agentHost.container,
    );
  }

  remove(): void {
    this.pending = null;
    render(null, this.agentHost.container);
    this.agentHost.host.remove();
  }
}

// Renders the agent's whisper thread into Undertone's own host in the helpdesk page, docked in the active chat's
// pane (the supervisor's console is an extension page of its own). Uses no extension API (text comes in as `t`), so
// the coaching UI bundle that carries it needs no browser polyfill.
import { render } from 'preact';
import { AgentCoachingPanel, coachingCss, themeFromHostPage, type Theme } from '../coaching/index.ts';
import type { Translate } from '../../lib/coaching/index.ts';
import type { AgentThreadState } from '../../lib/extension/page/agent-thread.ts';
import type { AgentDockActions, CoachingViewHandle, ThemeSetting } from '../../lib/extension/page/coaching-ui-contract.ts';
import { ChatGuestsBox } from '../guests/chat-guests-box.tsx';
import { createShadowHost, type ShadowHost } from './shadow-host.ts';

function themeOf(setting: ThemeSetting, host: HTMLElement): Theme {
  if (setting !== 'auto') return setting;
  return host.isConnected ? themeFromHostPage(host.parentElement ?? host) : 'light';
}

export class CoachingView implements CoachingViewHandle {
  /** Placed by the adapter engine at the adapter's `whisperThread` place. */
  readonly agentHost: ShadowHost = createShadowHost('undertone-coaching', coachingCss, 'all: initial; display: block; margin: 8px 0;');
  theme: ThemeSetting = 'auto';

  constructor(private readonly t: Translate) {}

  renderAgent(selfId: string, state: AgentThreadState, customerName: string | undefined, actions: AgentDockActions): void {
    if (state.conversationKey === null) {
      render(null, this.agentHost.container);
      return;
    }
    render(
      <>
      <AgentCoachingPanel
        key={state.conversationKey}
        t={this.t}
        theme={themeOf(this.theme, this.agentHost.host)}
        selfId={selfId}
        messages={state.messages}
        listeners={state.listeners}
        {...(customerName ? { customerName } : {})}
        onInsertSuggestion={(text) => actions.insert(text)}
        onReply={(text) => actions.reply(text)}
        onAskHelp={(reason) => actions.askHelp(reason)}
        onMarkRead={(ids) => actions.markRead(ids)}
      />
      <ChatGuestsBox
        key={`guests:${state.conversationKey}`}
        guests={state.guests}
        notices={state.guestNotices}
        onSearch={actions.searchColleagues}
        onInvite={actions.invite}
        onRemove={actions.removeGuest}
      />
      </>,
      this.agentHost.container,
    );
  }

  remove(): void {
    render(null, this.agentHost.container);
    this.agentHost.host.remove();
  }
}

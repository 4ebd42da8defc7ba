// Renders the coaching components into Undertone's own hosts in the helpdesk page: the agent's whisper thread
// (docked in the active chat's pane) and the supervisor panel (an overlay at the right edge). Uses no extension
// API (text comes in as `t`), so the coaching UI bundle that carries it needs no browser polyfill.
import { render } from 'preact';
import { AgentCoachingPanel, SupervisorPanel, coachingCss, themeFromHostPage, type Theme } from '../coaching/index.ts';
import type { Translate } from '../../lib/coaching/index.ts';
import type { AgentThreadState } from '../../lib/extension/page/agent-thread.ts';
import type { SupervisorBoardState } from '../../lib/extension/page/supervisor-board.ts';
import type {
  AgentDockActions,
  CoachingViewHandle,
  SupervisorActions,
  ThemeSetting,
} from '../../lib/extension/page/coaching-ui-contract.ts';
import { createShadowHost, type ShadowHost } from './shadow-host.ts';

function themeOf(setting: ThemeSetting, host: HTMLElement): Theme {
  if (setting !== 'auto') return setting;
  return host.isConnected ? themeFromHostPage(host.parentElement ?? host) : 'light';
}

export class CoachingView implements CoachingViewHandle {
  /** Placed by the adapter engine at the adapter's `whisperThread` place. */
  readonly agentHost: ShadowHost = createShadowHost('undertone-coaching', coachingCss, 'all: initial; display: block; margin: 8px 0;');
  private readonly panelHost: ShadowHost = createShadowHost('undertone-supervisor', coachingCss);
  theme: ThemeSetting = 'auto';
  waitAlertSeconds = 120;

  constructor(private readonly t: Translate) {}

  renderAgent(selfId: string, state: AgentThreadState, customerName: string | undefined, actions: AgentDockActions): void {
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
        {...(customerName ? { customerName } : {})}
        onInsertSuggestion={(text) => actions.insert(text)}
        onReply={(text) => actions.reply(text)}
        onAskHelp={(reason) => actions.askHelp(reason)}
        onMarkRead={(ids) => actions.markRead(ids)}
      />,
      this.agentHost.container,
    );
  }

  get panelOpen(): boolean {
    return this.panelHost.host.isConnected;
  }

  renderPanel(selfId: string, state: SupervisorBoardState, actions: SupervisorActions): void {
    if (!this.panelHost.host.isConnected) document.documentElement.append(this.panelHost.host);
    render(
      <SupervisorPanel
        t={this.t}
        theme={themeOf(this.theme, document.body ?? document.documentElement)}
        selfId={selfId}
        chats={state.chats}
        teams={state.teams}
        agents={state.agents}
        moodHistory={state.moodHistory}
        waitAlertSeconds={this.waitAlertSeconds}
        listening={state.listening}
        transcript={state.transcript}
        thread={state.thread}
        onListen={actions.listen}
        onStopListening={actions.stopListening}
        onWhisper={actions.whisper}
        onMarkRead={actions.markRead}
        onClose={actions.close}
        placement="overlay"
      />,
      this.panelHost.container,
    );
  }

  closePanel(): void {
    render(null, this.panelHost.container);
    this.panelHost.host.remove();
  }

  remove(): void {
    render(null, this.agentHost.container);
    this.closePanel();
    this.agentHost.host.remove();
  }
}

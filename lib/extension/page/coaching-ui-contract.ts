// What the coaching UI script (components, loaded on demand) hands to the content script: a view factory and the
// view's shape. The components implement it; lib code depends only on this contract, never on the components.
import type { Translate } from '../../coaching/index.ts';
import type { DirectoryAnswer } from '../messages.ts';
import type { AgentThreadState } from './agent-thread.ts';

/** Where the content script waits for the coaching UI script (both run in the extension's isolated world). */
export const COACHING_UI_READY = 'undertoneCoachingUiReady';

export type ThemeSetting = 'auto' | 'light' | 'dark';

export type AgentDockActions = {
  insert(text: string): void;
  /** Colleagues of the organisation by name or team, to bring into the chat. */
  searchColleagues(query: string): Promise<DirectoryAnswer>;
  invite(userId: string): void;
  removeGuest(userId: string): void;
  reply(text: string): void;
  askHelp(reason: string): void;
  markRead(ids: string[]): void;
  /** The agent allows (or takes back) coaches sending to this chat's customer. */
  allowCustomerSend(allowed: boolean): void;
  /** The agent collapsed or expanded the thread. */
  collapse(collapsed: boolean): void;
};

/** How the docked thread shows now, besides its messages. */
export type AgentDockDetails = {
  customerName?: string;
  /** The helpdesk's own chat id or topic, shown after the customer's name. */
  chatLabel?: string;
  collapsed: boolean;
  /** A status line (reconnecting). */
  notice?: string;
  /** Raised by one each time the reply box should take focus. */
  focusReply: number;
};

/** The in-page coaching view: the agent's docked whisper thread (the supervisor's console is an extension page). */
export interface CoachingViewHandle {
  /** Placed by the adapter engine at the adapter's `whisperThread` place. */
  readonly agentHost: { host: HTMLElement };
  theme: ThemeSetting;
  renderAgent(selfId: string, state: AgentThreadState, details: AgentDockDetails, actions: AgentDockActions): void;
  /** Coaching is paused on this page (its helpdesk is signed in as someone else): only this line shows. */
  renderPaused(text: string): void;
  remove(): void;
}

/** What the coaching UI script hands over once it is loaded into the tab. */
export type CoachingUi = { createView(t: Translate): CoachingViewHandle };

// Messages between the extension's pages, content scripts and the background, and how to send them.
import type { ClientFrame, RelayFrame, ThreadMessage, UserRef, WelcomeFrame } from '../protocol/index.ts';
import type { AdapterConfig } from '../adapters/format/schema.ts';
import type { ConversationInfo, EngineStatus, PageInspection, TranscriptUpdate } from '../adapters/engine/contract.ts';
import type { Auth, ShownStatus } from './extension-state.ts';
import type { EffectiveSettings } from './policy.ts';

export type BackgroundRequest =
  | { type: 'sign_in'; relayUrl: string; code: string }
  /** Finish single sign-on: the relay's one-time code from the web-auth window and this sign-in's PKCE verifier. */
  | { type: 'sign_in_sso'; relayUrl: string; code: string; codeVerifier: string }
  | { type: 'sign_out' }
  | { type: 'get_state' }
  /** A durable send (whisper, reply, help, read): kept in the outbox until the relay acks it. */
  | { type: 'queue'; frame: ClientFrame }
  /** A live frame (chat_state, transcript, board and listen-in requests): sent now or not at all. */
  | { type: 'send_live'; frame: ClientFrame }
  /** A helpdesk tab says which conversation it shows. */
  | { type: 'tab_report'; conversationKey: string | null; url: string }
  /** A helpdesk tab asks which adapters may read it (custom ones are checked in the background). */
  | { type: 'adapters' }
  /** A helpdesk tab's reading of its page: adapter state, open conversations. */
  | {
      type: 'page_report';
      url: string;
      state: EngineStatus['state'];
      conversationKey: string | null;
      conversations: ConversationInfo[];
      /** Transcript changes of the tab's active conversation since the last report, in order. */
      transcripts: TranscriptUpdate[];
    }
  /** The cached coaching thread of a conversation (and a fresh copy is asked from the relay). */
  | { type: 'thread'; agentId?: string; conversationKey: string | null }
  /** Inject the coaching UI script into the asking tab (the content script loads it only when it shows coaching). */
  | { type: 'load_coaching_ui' }
  /** The sites or their permissions changed: re-register the content script. */
  | { type: 'sites_changed' };

export type PageState = {
  status: ShownStatus;
  user: Auth['user'] | null;
  relayUrl: string | null;
  settings: EffectiveSettings;
  /** Sites the content script runs on now. */
  activeSites: string[];
  unreadMessages: ThreadMessage[];
};

/** What a helpdesk tab needs to know about the extension. */
export type TabContext = {
  status: ShownStatus;
  user: WelcomeFrame['user'] | Auth['user'] | null;
  listenInAllowed: boolean;
  waitAlertSeconds: number;
  theme: EffectiveSettings['settings']['theme'];
};

/** A thread as cached, and (for the agent) who listens to that conversation now. */
export type ThreadAnswer = { messages: ThreadMessage[]; listeners: UserRef[] };

export type AdaptersAnswer = { adapters: AdapterConfig[]; problems: string[] };

export type SignInResult = { ok: true; user: Auth['user'] } | { ok: false; message: string };
export type QueueResult = { ok: true } | { ok: false; message: string };

/** Background (or popup) to content script. */
export type TabMessage =
  | { type: 'status'; status: ShownStatus }
  | { type: 'relay'; frame: RelayFrame }
  /** The background restarted: tell it again what the page shows. */
  | { type: 'report_again' }
  /** The selector tester: answer with what the adapter finds now. */
  | { type: 'inspect' };

/** The content script's answer to `inspect`. */
export type InspectAnswer = { adapterId: string | null; status: EngineStatus; inspection: PageInspection | null };

export function askBackground(request: { type: 'sign_in'; relayUrl: string; code: string }): Promise<SignInResult>;
export function askBackground(request: { type: 'sign_in_sso'; relayUrl: string; code: string; codeVerifier: string }): Promise<SignInResult>;
export function askBackground(request: { type: 'get_state' }): Promise<PageState>;
export function askBackground(request: { type: 'queue' | 'send_live'; frame: ClientFrame }): Promise<QueueResult>;
export function askBackground(request: { type: 'tab_report'; conversationKey: string | null; url: string }): Promise<ShownStatus>;
export function askBackground(request: { type: 'adapters' }): Promise<AdaptersAnswer>;
export function askBackground(request: Extract<BackgroundRequest, { type: 'page_report' }>): Promise<TabContext>;
export function askBackground(request: Extract<BackgroundRequest, { type: 'thread' }>): Promise<ThreadAnswer>;
export function askBackground(request: { type: 'load_coaching_ui' }): Promise<QueueResult>;
export function askBackground(request: BackgroundRequest): Promise<unknown>;
export function askBackground(request: BackgroundRequest): Promise<unknown> {
  return browser.runtime.sendMessage(request);
}

// Messages between the extension's pages, content scripts and the background, and how to send them.
import type { ClientFrame, RelayFrame, ThreadMessage } from '../protocol/index.ts';
import type { Auth, ShownStatus } from './extension-state.ts';
import type { EffectiveSettings } from './policy.ts';

export type BackgroundRequest =
  | { type: 'sign_in'; relayUrl: string; code: string }
  | { type: 'sign_out' }
  | { type: 'get_state' }
  /** A durable send (whisper, reply, help, read): kept in the outbox until the relay acks it. */
  | { type: 'queue'; frame: ClientFrame }
  /** A live frame (chat_state, transcript, board and listen-in requests): sent now or not at all. */
  | { type: 'send_live'; frame: ClientFrame }
  /** A helpdesk tab says which conversation it shows. */
  | { type: 'tab_report'; conversationKey: string | null; url: string }
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

export type SignInResult = { ok: true; user: Auth['user'] } | { ok: false; message: string };
export type QueueResult = { ok: true } | { ok: false; message: string };

/** Background to content script. */
export type TabMessage = { type: 'status'; status: ShownStatus } | { type: 'relay'; frame: RelayFrame };

export function askBackground(request: { type: 'sign_in'; relayUrl: string; code: string }): Promise<SignInResult>;
export function askBackground(request: { type: 'get_state' }): Promise<PageState>;
export function askBackground(request: { type: 'queue' | 'send_live'; frame: ClientFrame }): Promise<QueueResult>;
export function askBackground(request: { type: 'tab_report'; conversationKey: string | null; url: string }): Promise<ShownStatus>;
export function askBackground(request: BackgroundRequest): Promise<unknown>;
export function askBackground(request: BackgroundRequest): Promise<unknown> {
  return browser.runtime.sendMessage(request);
}

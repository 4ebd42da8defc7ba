// Messages between the extension's pages, content scripts and the background, and how to send them.
import type { Colleague, GuestGrant, RelayFrame, ThreadMessage, UserRef, WelcomeFrame } from '../protocol/index.ts';
import type { AdapterConfig } from '../adapters/format/schema.ts';
import type { EngineStatus } from '../adapters/engine/contract.ts';
import type { PageCheck } from './page/page-check.ts';
import type { UnreadChat } from './unread-chats.ts';
import type { BackgroundRequest, BackgroundRequestOf } from './background/request-schemas.ts';
import type { Auth, ShownStatus } from './extension-state.ts';
import type { OverviewOutcome } from '../client/index.ts';
import type { EffectiveSettings } from './policy.ts';
import type { OtherHelpdeskUser } from './helpdesk-user.ts';
import type { CustomerSendNotice } from './customer-send/customer-sends.ts';
import type { ClaimAnswer } from './page/customer-send-executor.ts';

/** What "send to customer" does in one chat, as the background says. */
export type CustomerSendModeAnswer = Extract<CustomerSendNotice, { type: 'customer_send_mode' }>;

export type { BackgroundRequest } from './background/request-schemas.ts';

/** The background's answer to a malformed request or one its sender may not send. */
export type RefusedAnswer = { ok: false; refused: 'invalid_request' | 'forbidden'; message: string };

export type DirectoryAnswer = { ok: true; users: Colleague[] } | { ok: false; message: string };

export type PageState = {
  status: ShownStatus;
  user: Auth['user'] | null;
  relayUrl: string | null;
  settings: EffectiveSettings;
  /** Sites the content script runs on now. */
  activeSites: string[];
  unreadMessages: ThreadMessage[];
  /** The same messages by chat, each named by its customer where this browser has seen the chat. */
  unreadChats: UnreadChat[];
};

/** What a helpdesk tab needs to know about the extension. */
export type TabContext = {
  status: ShownStatus;
  user: WelcomeFrame['user'] | Auth['user'] | null;
  listenInAllowed: boolean;
  waitAlertSeconds: number;
  theme: EffectiveSettings['settings']['theme'];
  /** The helpdesk page is signed in as someone else than the Undertone user: coaching is paused on it. */
  otherHelpdeskUser?: OtherHelpdeskUser;
};

/** A thread as cached, and (for the agent) who listens to that conversation now. */
export type ThreadAnswer = { messages: ThreadMessage[]; listeners: UserRef[] };

export type AdaptersAnswer = { adapters: AdapterConfig[]; problems: string[] };

export type SignInResult = { ok: true; user: Auth['user'] } | { ok: false; message: string };
export type QueueResult = { ok: true } | { ok: false; message: string };
/** `focused`: a tab showed the chat and is now in front; `opened`: its last address opened in a new tab. */
export type OpenChatResult = { ok: true; how: 'focused' | 'opened' } | { ok: false; message: string };

/** Background (or popup) to content script. */
export type TabMessage =
  | { type: 'status'; status: ShownStatus }
  | { type: 'relay'; frame: RelayFrame }
  /** The background restarted: tell it again what the page shows. */
  | { type: 'report_again' }
  /** The selector tester: answer with what the adapter finds now. */
  | { type: 'inspect' }
  /** "Send to customer": a message to send in the chat on screen, or what sending does in a chat now. */
  | CustomerSendNotice;

/** The content script's answer to `inspect`: what the adapter finds, without customer text. */
export type InspectAnswer = { adapterId: string | null; status: EngineStatus; inspection: PageCheck | null };

/** Asks the background; it checks the request's schema and who sent it (see background/request-schemas.ts). */
export function askBackground(request: BackgroundRequestOf<'sign_in' | 'sign_in_sso'>): Promise<SignInResult>;
export function askBackground(request: BackgroundRequestOf<'get_state'>): Promise<PageState>;
/** Answers the site patterns the content script runs on now. */
export function askBackground(request: BackgroundRequestOf<'sites_changed'>): Promise<string[]>;
export function askBackground(request: BackgroundRequestOf<'org_overview'>): Promise<OverviewOutcome>;
export function askBackground(request: BackgroundRequestOf<'queue' | 'send_live'>): Promise<QueueResult>;
export function askBackground(request: BackgroundRequestOf<'adapters'>): Promise<AdaptersAnswer>;
export function askBackground(request: BackgroundRequestOf<'page_report'>): Promise<TabContext>;
export function askBackground(request: BackgroundRequestOf<'thread'>): Promise<ThreadAnswer>;
export function askBackground(request: BackgroundRequestOf<'load_coaching_ui'>): Promise<QueueResult>;
export function askBackground(request: BackgroundRequestOf<'open_chat'>): Promise<OpenChatResult>;
export function askBackground(request: BackgroundRequestOf<'directory_search'>): Promise<DirectoryAnswer>;
export function askBackground(request: BackgroundRequestOf<'chat_guests' | 'guest_grants'>): Promise<GuestGrant[]>;
export function askBackground(request: BackgroundRequestOf<'customer_send_claim'>): Promise<ClaimAnswer>;
export function askBackground(request: BackgroundRequestOf<'customer_send_step'>): Promise<boolean>;
export function askBackground(request: BackgroundRequestOf<'customer_send_finish'>): Promise<undefined>;
export function askBackground(request: BackgroundRequestOf<'customer_send_consent' | 'customer_send_mode'>): Promise<CustomerSendModeAnswer>;
export function askBackground(request: BackgroundRequest): Promise<unknown>;
export function askBackground(request: BackgroundRequest): Promise<unknown> {
  return browser.runtime.sendMessage(request);
}

// The background's requests, one zod schema each (the request types are inferred from them, never written twice),
// and who may send each: extension pages, a helpdesk tab of an allowed site, or either. Imported as types only
// outside the background, so no content script bundles zod.
import { z } from 'zod';
import {
  AdapterIdSchema,
  HealthPartSchema,
  BoardSubscribeFrameSchema,
  BoardUnsubscribeFrameSchema,
  ConversationKeySchema,
  ConversationStateSchema,
  CustomerSendOutcomeSchema,
  CustomerSendReasonSchema,
  HelpFrameSchema,
  IdSchema,
  InviteFrameSchema,
  UninviteFrameSchema,
  ListenStartFrameSchema,
  ListenStopFrameSchema,
  ReadFrameSchema,
  ReplyFrameSchema,
  TranscriptEventSchema,
  WhisperFrameSchema,
} from '../../protocol/index.ts';

/** Where a request may come from: the extension's own pages, or a content script in a tab of an allowed helpdesk. */
export type SenderKind = 'extension_page' | 'helpdesk_tab';

const TranscriptUpdateSchema = z.discriminatedUnion('snapshot', [
  z.object({ conversationKey: ConversationKeySchema, snapshot: z.literal(true), messages: z.array(TranscriptEventSchema).max(5000) }),
  z.object({ conversationKey: ConversationKeySchema, snapshot: z.literal(false), events: z.array(TranscriptEventSchema).max(5000) }),
]);

const SignIn = z.object({ type: z.literal('sign_in'), relayUrl: z.string().min(1).max(2000), code: z.string().max(200) });
/** Finish single sign-on: the relay's one-time code from the web-auth window and this sign-in's PKCE verifier. */
const SignInSso = z.object({
  type: z.literal('sign_in_sso'),
  relayUrl: z.string().min(1).max(2000),
  code: z.string().min(1).max(2000),
  codeVerifier: z.string().min(1).max(200),
});
const SignOut = z.object({ type: z.literal('sign_out') });
const GetState = z.object({ type: z.literal('get_state') });
/** The admin's read-only overview of their organisation, asked from the relay with the stored token. */
const OrgOverview = z.object({ type: z.literal('org_overview') });
/** The sites or their permissions changed: re-register the content script. */
const SitesChanged = z.object({ type: z.literal('sites_changed') });
/** A durable send (whisper, reply, help, read): kept in the outbox until the relay acks it. */
const Queue = z.object({
  type: z.literal('queue'),
  frame: z.discriminatedUnion('type', [WhisperFrameSchema, ReplyFrameSchema, HelpFrameSchema, ReadFrameSchema]),
});
/** A live board, listen-in or guest (invite, uninvite) request: sent now or not at all. */
const SendLive = z.object({
  type: z.literal('send_live'),
  frame: z.discriminatedUnion('type', [
    BoardSubscribeFrameSchema,
    BoardUnsubscribeFrameSchema,
    ListenStartFrameSchema,
    ListenStopFrameSchema,
    InviteFrameSchema,
    UninviteFrameSchema,
  ]),
});
/** The cached coaching thread of a conversation (and a fresh copy is asked from the relay). */
const Thread = z.object({ type: z.literal('thread'), agentId: IdSchema.optional(), conversationKey: ConversationKeySchema.nullable() });
/** A helpdesk tab asks which adapters may read it (custom ones are checked in the background). */
const Adapters = z.object({ type: z.literal('adapters') });
/** A helpdesk tab's reading of its page: adapter state, open conversations. */
const PageReport = z.object({
  type: z.literal('page_report'),
  url: z.string().max(4000),
  state: z.enum(['inactive', 'idle', 'searching', 'recognised', 'not_recognised']),
  /** The adapter reading the page, and the required parts it did not find (adapter health; names only). */
  adapterId: AdapterIdSchema.nullable().optional(),
  missingParts: z.array(HealthPartSchema).max(4).optional(),
  conversationKey: ConversationKeySchema.nullable(),
  conversations: z.array(ConversationStateSchema.omit({ mood: true })).max(1000),
  /** The helpdesk's signed-in agent as the adapter reads it (null: not read); compared with the Undertone user. */
  agentName: z.string().max(200).nullable().optional(),
  /** Transcript changes of the tab's active conversation since the last report, in order. */
  transcripts: z.array(TranscriptUpdateSchema).max(1000),
  /** The tab's adapter has a send action (it can send to the customers of the chats it lists). */
  canSend: z.boolean().optional(),
});
/** Inject the coaching UI script into the asking tab (the content script loads it only when it shows coaching). */
const LoadCoachingUi = z.object({ type: z.literal('load_coaching_ui') });
/** Colleagues of the organisation whose name or team contains `query` (the relay's directory search). */
const DirectorySearch = z.object({ type: z.literal('directory_search'), query: z.string().trim().min(1).max(100) });
/** The guests of one of the agent's own chats, as the relay last said. */
const ChatGuests = z.object({ type: z.literal('chat_guests'), conversationKey: ConversationKeySchema });
/** The chats this user is a guest in. */
const GuestGrantsRequest = z.object({ type: z.literal('guest_grants') });
/** The guest opened the chat of this grant (it no longer counts on the badge). */
const GuestOpened = z.object({ type: z.literal('guest_opened'), grantId: IdSchema });
/** A helpdesk tab asks to act on a `customer` message of the chat it shows (the journal lets one tab at a time). */
const CustomerSendClaim = z.object({
  type: z.literal('customer_send_claim'),
  messageId: IdSchema,
  conversationKey: ConversationKeySchema,
  canSend: z.boolean(),
  /** Agent messages on the page that already have this text (they are not this send). */
  seenIds: z.array(z.string().max(300)).max(50),
});
/** The tab reached a step: `pressing` is recorded before the send action is pressed. */
const CustomerSendStep = z.object({ type: z.literal('customer_send_step'), messageId: IdSchema, stage: z.enum(['inserted', 'pressing']) });
/** The tab's outcome of a message it claimed. */
const CustomerSendFinish = z.object({
  type: z.literal('customer_send_finish'),
  messageId: IdSchema,
  outcome: CustomerSendOutcomeSchema,
  reason: CustomerSendReasonSchema.optional(),
});
/** The agent allows (or takes back) sending to this chat's customer. */
const CustomerSendConsent = z.object({ type: z.literal('customer_send_consent'), conversationKey: ConversationKeySchema, allowed: z.boolean() });
/** What "send to customer" does in this chat now (policy, the adapter, the agent's consent). */
const CustomerSendModeRequest = z.object({ type: z.literal('customer_send_mode'), conversationKey: ConversationKeySchema });
/** Bring the agent's chat to the front: the tab showing it, else its last address in a new tab (the popup's entries). */
const OpenChat = z.object({ type: z.literal('open_chat'), conversationKey: ConversationKeySchema });

const EXTENSION_PAGES: readonly SenderKind[] = ['extension_page'];
const HELPDESK_TABS: readonly SenderKind[] = ['helpdesk_tab'];
const EITHER: readonly SenderKind[] = ['extension_page', 'helpdesk_tab'];

/** Who may send each request type. Sign-in, sign-out, state and sites: extension pages only. */
export const REQUEST_SENDERS = {
  sign_in: EXTENSION_PAGES,
  sign_in_sso: EXTENSION_PAGES,
  sign_out: EXTENSION_PAGES,
  get_state: EXTENSION_PAGES,
  org_overview: EXTENSION_PAGES,
  sites_changed: EXTENSION_PAGES,
  queue: EITHER,
  send_live: EITHER,
  thread: EITHER,
  adapters: HELPDESK_TABS,
  page_report: HELPDESK_TABS,
  load_coaching_ui: HELPDESK_TABS,
  directory_search: EITHER,
  chat_guests: HELPDESK_TABS,
  guest_grants: EXTENSION_PAGES,
  guest_opened: EXTENSION_PAGES,
  customer_send_claim: HELPDESK_TABS,
  customer_send_step: HELPDESK_TABS,
  customer_send_finish: HELPDESK_TABS,
  customer_send_consent: HELPDESK_TABS,
  customer_send_mode: HELPDESK_TABS,
  open_chat: EXTENSION_PAGES,
} as const satisfies Record<string, readonly SenderKind[]>;

export const BackgroundRequestSchema = z.discriminatedUnion('type', [
  SignIn,
  SignInSso,
  SignOut,
  GetState,
  OrgOverview,
  SitesChanged,
  Queue,
  SendLive,
  Thread,
  Adapters,
  PageReport,
  LoadCoachingUi,
  DirectorySearch,
  ChatGuests,
  GuestGrantsRequest,
  GuestOpened,
  CustomerSendClaim,
  CustomerSendStep,
  CustomerSendFinish,
  CustomerSendConsent,
  CustomerSendModeRequest,
  OpenChat,
]);

export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;
export type BackgroundRequestType = BackgroundRequest['type'];
export type BackgroundRequestOf<T extends BackgroundRequestType> = Extract<BackgroundRequest, { type: T }>;

// The background's one message boundary: each runtime message is validated against its schema and its sender
// against who may send that request; a malformed or unauthorised one gets an error answer and a log line, nothing
// else. Then one handler per request type.
import { describeIssues } from '../../protocol/index.ts';
import { readAuth, readEffectiveSettings, readSignIn, readStatus } from '../extension-state.ts';
import { adapterCatalogue } from '../adapter-catalogue.ts';
import type { AdapterHealth } from '../adapter-health.ts';
import type { AgentChats } from '../agent-chats.ts';
import type { CustomerSends } from '../customer-send/customer-sends.ts';
import type { GuestGrants } from '../guests/guest-grants.ts';
import type { PageState, RefusedAnswer, TabContext } from '../messages.ts';
import { reportTab } from '../tab-registry.ts';
import { otherHelpdeskUser } from '../helpdesk-user.ts';
import { chatPlaces, noteChatPlace } from '../chat-places.ts';
import { unreadChats } from '../unread-chats.ts';
import { openChat } from './open-chat.ts';
import { fetchOrgOverview, unreadMessages, type ClientDb } from '../../client/index.ts';
import type { RelayLink } from './relay-link.ts';
import { BackgroundRequestSchema, REQUEST_SENDERS, type BackgroundRequest } from './request-schemas.ts';
import { classifySender } from './sender-check.ts';
import type { SiteSettings } from './site-settings.ts';

/** Who sent a runtime message, as the browser reports it. */
export type MessageSender = Parameters<Parameters<typeof browser.runtime.onMessage.addListener>[0]>[1];

export type RequestRouterParts = {
  db: Promise<ClientDb>;
  link: RelayLink;
  sites: SiteSettings;
  agentChats: AgentChats;
  guests: GuestGrants;
  /** Which sites this browser cannot read, for the relay. */
  health?: AdapterHealth;
  customerSends: CustomerSends;
  /** Shows the status again (the badge counts unopened guest chats). */
  publish: () => Promise<unknown>;
  /** Settles once the background has connected and read its settings. */
  ready: Promise<unknown>;
  /** Where refusals are logged; the console by default. */
  log?: (line: string) => void;
};

export class RequestRouter {
  constructor(private readonly p: RequestRouterParts) {}

  /** Validates a runtime message and its sender, then serves it; refusals answer `{ ok: false, refused, message }`. */
  async receive(message: unknown, sender: MessageSender): Promise<unknown> {
    const parsed = BackgroundRequestSchema.safeParse(message);
    if (!parsed.success) {
      const type = typeof message === 'object' && message !== null && 'type' in message ? String((message as { type: unknown }).type).slice(0, 40) : '(none)';
      return this.refuse('invalid_request', `request ${type} is not valid: ${describeIssues(parsed.error)}`, sender);
    }
    const request = parsed.data;
    await this.p.ready;
    const verdict = classifySender(sender, {
      extensionId: browser.runtime.id,
      extensionBase: browser.runtime.getURL('/'),
      helpdeskSites: this.p.sites.activeSites,
    });
    if (!verdict.ok) return this.refuse('forbidden', `${request.type} refused: ${verdict.why}`, sender);
    const allowed: readonly string[] = REQUEST_SENDERS[request.type];
    if (!allowed.includes(verdict.kind)) {
      return this.refuse('forbidden', `${request.type} refused: only ${allowed.join(' or ').replaceAll('_', ' ')}s may send it, not a ${verdict.kind.replace('_', ' ')}`, sender);
    }
    return this.answer(request, sender);
  }

  private refuse(refused: RefusedAnswer['refused'], message: string, sender: MessageSender): RefusedAnswer {
    (this.p.log ?? ((line: string) => console.warn(line)))(`Undertone: ${message} (from ${sender.url ?? 'an unknown sender'})`);
    return { ok: false, refused, message };
  }

  private async answer(request: BackgroundRequest, sender: MessageSender): Promise<unknown> {
    const { link, sites, agentChats } = this.p;
    switch (request.type) {
      case 'sign_in':
        return link.signIn(request.relayUrl, request.code);
      case 'sign_in_sso':
        return link.signIn(request.relayUrl, request.code, request.codeVerifier);
      case 'sign_out':
        return link.signOut();
      case 'org_overview':
        return this.orgOverview();
      case 'get_state':
        link.reconnectNow();
        return this.pageState();
      case 'queue':
        return link.queue(request.frame, false);
      case 'send_live':
        return link.queue(request.frame, true);
      case 'adapters':
        return adapterCatalogue(sites.settings.helpdeskSites);
      case 'page_report': {
        const context = await this.tabContext(request.agentName ?? null);
        // Only a page signed in as this Undertone user is published as theirs (chat state, transcripts, routing).
        const own = context.user !== null && !context.otherHelpdeskUser;
        if (sender.tab?.id !== undefined) {
          await reportTab(sender.tab.id, { conversationKey: own ? request.conversationKey : null, url: request.url });
          if (own) agentChats.updateTab(sender.tab.id, request.conversations);
          else agentChats.forgetTab(sender.tab.id);
          void this.p.customerSends.tabCanSend(sender.tab.id, own && request.canSend ? request.conversations.map((c) => c.key) : null);
          if (own && request.conversationKey !== null) void this.p.customerSends.offer(request.conversationKey);
          const onScreen = own ? request.conversations.find((c) => c.key === request.conversationKey) : undefined;
          if (onScreen && sender.url) await noteChatPlace(onScreen.key, { customer: onScreen.customer, url: sender.url, seenAt: Date.now() });
        }
        if (own) for (const update of request.transcripts) agentChats.transcript(update);
        this.p.health?.pageReport(request.url, request.state, request.adapterId ?? null, request.missingParts ?? []);
        link.reconnectNow();
        return context;
      }
      case 'thread':
        return link.thread(request.agentId, request.conversationKey, (key) => agentChats.listenersOf(key));
      case 'load_coaching_ui':
        return this.loadCoachingUi(sender);
      case 'sites_changed':
        await sites.sync();
        return sites.activeSites;
      case 'directory_search':
        return this.p.guests.search(request.query, (ref) => link.sendNow({ type: 'directory_search', ref, query: request.query }));
      case 'chat_guests':
        return this.p.guests.guestsOf(request.conversationKey);
      case 'guest_grants':
        return this.p.guests.grants();
      case 'open_chat':
        return openChat(request.conversationKey, sites.activeSites);
      case 'guest_opened':
        await this.p.guests.markOpened(request.grantId);
        await this.p.publish();
        return undefined;
      case 'customer_send_claim':
        return sender.tab?.id === undefined ? { act: false } : this.p.customerSends.claim(sender.tab.id, request);
      case 'customer_send_step':
        return sender.tab?.id !== undefined && this.p.customerSends.advance(sender.tab.id, request.messageId, request.stage);
      case 'customer_send_finish':
        if (sender.tab?.id !== undefined) await this.p.customerSends.finishFromTab(sender.tab.id, request.messageId, request.outcome, request.reason);
        return undefined;
      case 'customer_send_consent':
        await this.p.customerSends.setConsent(request.conversationKey, request.allowed);
        return this.p.customerSends.modeNotice(request.conversationKey);
      case 'customer_send_mode':
        return this.p.customerSends.modeNotice(request.conversationKey);
    }
  }

  private async loadCoachingUi(sender: MessageSender): Promise<{ ok: true } | { ok: false; message: string }> {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { ok: false, message: 'Only a helpdesk tab can load the coaching UI.' };
    return browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: ['/coaching-ui.js'] }).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, message: `The coaching UI could not be loaded into the page: ${String(error)}` }),
    );
  }

  /** `helpdeskAgent`: who the page says is signed in to the helpdesk, as its adapter reads it. */
  private async tabContext(helpdeskAgent: string | null): Promise<TabContext> {
    const { link, sites } = this.p;
    const [auth, status] = await Promise.all([readSignIn(), readStatus()]);
    const user = auth ? (link.relayUser ?? auth.user) : null;
    const other = otherHelpdeskUser(helpdeskAgent, user);
    return {
      status,
      user,
      listenInAllowed: sites.settings.listenInAllowed,
      waitAlertSeconds: sites.settings.waitAlertSeconds,
      theme: sites.settings.theme,
      ...(other ? { otherHelpdeskUser: other } : {}),
    };
  }

  private async pageState(): Promise<PageState> {
    const [auth, settings, status] = await Promise.all([readSignIn(), readEffectiveSettings(), readStatus()]);
    const unread = auth ? await unreadMessages(await this.p.db, auth.user.id) : [];
    const ownChats = new Map(this.p.agentChats.chatState().map((chat) => [chat.key, chat.customer]));
    const chats = auth ? unreadChats(unread, auth.user.id, ownChats, await chatPlaces()) : [];
    return { status, user: auth?.user ?? null, relayUrl: auth?.relayUrl ?? null, settings, activeSites: this.p.sites.activeSites, unreadMessages: unread, unreadChats: chats };
  }

  /** Extension pages only (request-schemas.ts): the token stays in the background, content scripts get no org data. */
  private async orgOverview(): Promise<unknown> {
    const auth = await readAuth();
    if (!auth) return { ok: false, message: 'Not signed in.' };
    return fetchOrgOverview(auth.relayUrl, auth.token);
  }
}

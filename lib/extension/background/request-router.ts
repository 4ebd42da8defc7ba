// Answers the runtime messages of the extension's pages and content scripts: one handler per request type.
import { readAuth, readEffectiveSettings, readStatus } from '../extension-state.ts';
import { adapterCatalogue } from '../adapter-catalogue.ts';
import type { AgentChats } from '../agent-chats.ts';
import type { BackgroundRequest, PageState, TabContext } from '../messages.ts';
import { reportTab } from '../tab-registry.ts';
import { unreadMessages, type ClientDb } from '../../client/index.ts';
import type { RelayLink } from './relay-link.ts';
import type { SiteSettings } from './site-settings.ts';

/** Who sent a runtime message, as the browser reports it. */
export type MessageSender = Parameters<Parameters<typeof browser.runtime.onMessage.addListener>[0]>[1];

export type RequestRouterParts = {
  db: Promise<ClientDb>;
  link: RelayLink;
  sites: SiteSettings;
  agentChats: AgentChats;
  /** Settles once the background has connected and read its settings. */
  ready: Promise<unknown>;
};

export class RequestRouter {
  constructor(private readonly p: RequestRouterParts) {}

  async answer(request: BackgroundRequest, sender: MessageSender): Promise<unknown> {
    const { link, sites, agentChats } = this.p;
    await this.p.ready;
    switch (request.type) {
      case 'sign_in':
        return link.signIn(request.relayUrl, request.code);
      case 'sign_in_sso':
        return link.signIn(request.relayUrl, request.code, request.codeVerifier);
      case 'sign_out':
        return link.signOut();
      case 'get_state':
        link.reconnectNow();
        return this.pageState();
      case 'queue':
        return link.queue(request.frame, false);
      case 'send_live':
        return link.queue(request.frame, true);
      case 'tab_report':
        if (sender.tab?.id !== undefined) await reportTab(sender.tab.id, { conversationKey: request.conversationKey, url: request.url });
        link.reconnectNow();
        return readStatus();
      case 'adapters':
        return adapterCatalogue(sites.settings.helpdeskSites);
      case 'page_report':
        if (sender.tab?.id !== undefined) {
          await reportTab(sender.tab.id, { conversationKey: request.conversationKey, url: request.url });
          agentChats.updateTab(sender.tab.id, request.conversations);
        }
        for (const update of request.transcripts) agentChats.transcript(update);
        link.reconnectNow();
        return this.tabContext();
      case 'thread':
        return link.thread(request.agentId, request.conversationKey, (key) => agentChats.listenersOf(key));
      case 'load_coaching_ui':
        return this.loadCoachingUi(sender);
      case 'sites_changed':
        await sites.sync();
        return sites.activeSites;
      default:
        return undefined;
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

  private async tabContext(): Promise<TabContext> {
    const { link, sites } = this.p;
    const [auth, status] = await Promise.all([readAuth(), readStatus()]);
    return {
      status,
      user: link.relayUser ?? auth?.user ?? null,
      listenInAllowed: sites.settings.listenInAllowed,
      waitAlertSeconds: sites.settings.waitAlertSeconds,
      theme: sites.settings.theme,
    };
  }

  private async pageState(): Promise<PageState> {
    const [auth, settings, status] = await Promise.all([readAuth(), readEffectiveSettings(), readStatus()]);
    const unread = auth ? await unreadMessages(await this.p.db, auth.user.id) : [];
    return { status, user: auth?.user ?? null, relayUrl: auth?.relayUrl ?? null, settings, activeSites: this.p.sites.activeSites, unreadMessages: unread };
  }
}

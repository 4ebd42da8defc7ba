// The background's work: one relay connection from stored sign-in, message handling, tab routing, badge, site access,
// the agent's chat state and transcripts, and the supervisor's desktop alerts.
import { ClientFrameSchema, DEFAULT_LIMITS, describeIssues, type ClientFrame, type RelayFrame, type WelcomeFrame } from '../protocol/index.ts';
import {
  RelayConnection,
  clearClientDb,
  enrollDevice,
  getThread,
  openClientDb,
  unreadMessages,
  type ClientDb,
  type ConnectionStatus,
  type OutboxFrame,
  type StreamFrame,
  type WebSocketLike,
} from '../client/index.ts';
import { readAuth, readEffectiveSettings, readStatus, SIGNED_OUT_STATUS, STORAGE_KEYS, writeAuth, writeStatus, type ShownStatus } from './extension-state.ts';
import { compileRedactionPatterns, type RedactionRules } from '../privacy/redaction.ts';
import { adapterCatalogue } from './adapter-catalogue.ts';
import { AgentChats } from './agent-chats.ts';
import { BoardAlerts, type BoardAlert } from './board-alerts.ts';
import type { BackgroundRequest, PageState, QueueResult, SignInResult, TabContext, TabMessage, ThreadAnswer } from './messages.ts';
import { DEFAULT_SETTINGS, type EffectiveSettings } from './policy.ts';
import { forgetIntents, intentsToReplay, rememberIntent } from './session-intents.ts';
import { syncContentScript } from './site-access.ts';
import { forgetTab, markPanelTab, panelTabs, reportTab, tabsFor } from './tab-registry.ts';

const WAKE_ALARM = 'undertone-wake';
const DURABLE = new Set(['whisper', 'reply', 'help', 'read']);
const TICK_MS = 15_000;

export function startBackground(): void {
  const dbReady: Promise<ClientDb> = openClientDb();
  let connection: RelayConnection | null = null;
  let userId: string | null = null;
  let role: WelcomeFrame['user']['role'] | null = null;
  let activeSites: string[] = [];
  let settings: EffectiveSettings = { settings: DEFAULT_SETTINGS, locked: [], policySites: [], problems: [] };
  let redaction: RedactionRules = { patterns: [] };
  let maxFrameBytes = DEFAULT_LIMITS.maxFrameBytes;

  // Only an agent publishes chat state and transcripts; the relay would refuse them from anyone else.
  const agentSend = (frame: ClientFrame): boolean => {
    if (role !== 'agent' || !connection) return false;
    if (frame.type === 'chat_state') void rememberIntent(frame);
    return connection.send(frame);
  };
  const agentChats = new AgentChats({
    send: agentSend,
    privacy: () => ({ listenInAllowed: settings.settings.listenInAllowed, rules: redaction }),
    get maxFrameBytes() {
      return maxFrameBytes;
    },
  });
  const alerts = new BoardAlerts(() => settings.settings.waitAlertSeconds);

  const badge = browser.action ?? browser.browserAction;

  async function publish(status: ConnectionStatus | null): Promise<ShownStatus> {
    const db = await dbReady;
    const messages = userId ? await unreadMessages(db, userId) : [];
    const unread = messages.length;
    const unreadByConversation: Record<string, number> = {};
    for (const m of messages) if (m.conversationKey !== null) unreadByConversation[m.conversationKey] = (unreadByConversation[m.conversationKey] ?? 0) + 1;
    const shown: ShownStatus = status ? { ...status, unread, unreadByConversation, signedIn: true } : SIGNED_OUT_STATUS;
    await writeStatus(shown);
    await badge.setBadgeText({ text: unread > 0 ? String(unread) : '' });
    await toTabs(await tabsFor(), { type: 'status', status: shown });
    return shown;
  }

  async function toTabs(tabIds: number[], message: TabMessage): Promise<void> {
    await Promise.all(tabIds.map((id) => browser.tabs.sendMessage(id, message).catch(() => forgetTab(id))));
  }

  /**
   * The tabs a relay event is for. An agent's tab gets only what belongs to the conversation it shows; a
   * supervisor's events go to the tabs with the supervisor panel open.
   */
  async function recipients(conversationKey: string | null, agentId: string | null): Promise<number[]> {
    if (role === 'agent' || agentId === userId) return conversationKey === null ? [] : tabsFor(conversationKey);
    return panelTabs();
  }

  async function route(frame: RelayFrame): Promise<void> {
    const message: TabMessage = { type: 'relay', frame };
    switch (frame.type) {
      case 'welcome':
        maxFrameBytes = frame.limits.maxFrameBytes;
        return;
      case 'message':
        if (frame.message.kind === 'help' && frame.message.from.id !== userId) {
          void notify({ id: `help-message:${frame.message.id}`, kind: 'help', title: `${frame.message.from.name} asks for help`, message: frame.message.text });
        }
        return toTabs(await recipients(frame.message.conversationKey, frame.message.agentId), message);
      case 'read':
        return toTabs(await recipients(frame.receipt.conversationKey, frame.receipt.agentId), message);
      case 'listeners':
        if (role === 'agent') agentChats.listenersChanged(frame);
        return toTabs(await recipients(frame.conversationKey, frame.agentId), message);
      case 'transcript':
      case 'thread':
        return toTabs(await recipients(frame.conversationKey, frame.agentId), message);
      case 'board_snapshot':
      case 'board_delta':
        for (const alert of alerts.apply(frame)) void notify(alert);
        return toTabs(await panelTabs(), message);
      case 'error':
        return toTabs(await tabsFor(), message);
      default:
    }
  }

  /** A desktop notification when no helpdesk tab with the panel is in front (in front, the panel shows it). */
  async function notify(alert: Pick<BoardAlert, 'id' | 'title' | 'message'> & { kind?: string }): Promise<void> {
    if (!browser.notifications) return;
    const panels = await panelTabs();
    const shown = await Promise.all(panels.map((id) => browser.tabs.get(id).catch(() => null)));
    const focused = await browser.windows.getLastFocused().catch(() => null);
    const inFront = shown.some((tab) => tab?.active && tab.windowId === focused?.id && focused?.focused);
    if (inFront) return;
    await browser.notifications
      .create(`undertone:${alert.id}:${Date.now()}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: alert.title,
        message: alert.message,
      })
      .catch(() => {});
  }

  async function connect(): Promise<void> {
    connection?.stop();
    connection = null;
    const auth = await readAuth();
    if (!auth) {
      userId = null;
      await publish(null);
      return;
    }
    userId = auth.user.id;
    role = auth.user.role;
    const db = await dbReady;
    const current = new RelayConnection({
      relayUrl: auth.relayUrl,
      token: auth.token,
      db,
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
      client: { name: 'undertone-extension', version: browser.runtime.getManifest().version },
      onStatus: (status) => {
        if (connection === current) void publish(status);
      },
      onWelcome: (welcome) => {
        role = welcome.user.role;
        maxFrameBytes = welcome.limits.maxFrameBytes;
        void intentsToReplay().then((frames) => {
          frames.forEach((frame) => current.send(frame));
          agentChats.connectionReset();
        });
      },
      onStreamEntry: (frame: StreamFrame) => {
        void route(frame).then(() => publish(current.status));
      },
      onFrame: (frame) => void route(frame),
    });
    connection = current;
    current.start();
  }

  async function syncSites(): Promise<void> {
    settings = await readEffectiveSettings();
    redaction = compileRedactionPatterns(settings.settings.redactionPatterns).rules;
    activeSites = await syncContentScript(settings.settings.helpdeskSites).catch(() => activeSites);
  }

  async function tabContext(): Promise<TabContext> {
    const [auth, status] = await Promise.all([readAuth(), readStatus()]);
    return {
      status,
      user: connection?.status.user ?? auth?.user ?? null,
      listenInAllowed: settings.settings.listenInAllowed,
      waitAlertSeconds: settings.settings.waitAlertSeconds,
      theme: settings.settings.theme,
    };
  }

  /** The cached thread at once; a fresh copy from the relay arrives later as a `thread` frame. */
  async function thread(agentId: string | undefined, conversationKey: string | null): Promise<ThreadAnswer> {
    const owner = agentId ?? userId;
    if (!owner) return { messages: [], listeners: [] };
    const frame: ClientFrame = { type: 'thread_get', conversationKey, ...(agentId && role !== 'agent' ? { agentId } : {}) };
    connection?.send(frame);
    const messages = (await getThread(await dbReady, owner, conversationKey))?.messages ?? [];
    return { messages, listeners: role === 'agent' && conversationKey ? agentChats.listenersOf(conversationKey) : [] };
  }

  async function signIn(relayUrl: string, code: string): Promise<SignInResult> {
    const outcome = await enrollDevice(relayUrl, code, navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome');
    if (!outcome.ok) return outcome;
    const previous = await readAuth();
    if (previous?.user.id !== outcome.enrollment.user.id) {
      await clearClientDb(await dbReady);
      await forgetIntents();
    }
    const { token, tokenId, user } = outcome.enrollment;
    await writeAuth({ relayUrl: outcome.relayUrl, token, tokenId, user });
    await connect();
    return { ok: true, user };
  }

  async function signOut(): Promise<void> {
    connection?.stop();
    connection = null;
    userId = null;
    role = null;
    await writeAuth(null);
    await clearClientDb(await dbReady);
    await forgetIntents();
    await publish(null);
  }

  async function queue(raw: unknown, live: boolean): Promise<QueueResult> {
    const parsed = ClientFrameSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, message: `That message is not valid: ${describeIssues(parsed.error)}` };
    const frame = parsed.data;
    if (!connection) return { ok: false, message: 'Not signed in: sign in from the Undertone options page first.' };
    if (live) {
      await rememberIntent(frame);
      return connection.send(frame) ? { ok: true } : { ok: false, message: 'Not connected to the relay right now.' };
    }
    if (!DURABLE.has(frame.type)) return { ok: false, message: `A ${frame.type} frame is not kept in the outbox.` };
    await connection.queue(frame as OutboxFrame);
    return { ok: true };
  }

  async function pageState(): Promise<PageState> {
    const [auth, settings, status] = await Promise.all([readAuth(), readEffectiveSettings(), readStatus()]);
    const unread = auth ? await unreadMessages(await dbReady, auth.user.id) : [];
    return { status, user: auth?.user ?? null, relayUrl: auth?.relayUrl ?? null, settings, activeSites, unreadMessages: unread };
  }

  const ready = Promise.all([connect(), syncSites()]);

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const request = message as BackgroundRequest;
    const answer = async (): Promise<unknown> => {
      await ready;
      switch (request.type) {
        case 'sign_in':
          return signIn(request.relayUrl, request.code);
        case 'sign_out':
          return signOut();
        case 'get_state':
          connection?.reconnectNow();
          return pageState();
        case 'queue':
          return queue(request.frame, false);
        case 'send_live':
          // The answer to a board subscription goes to the tabs with the panel open: count the asking tab as one
          // first, whatever order its own report and this request arrive in.
          if (request.frame.type === 'board_subscribe' && sender.tab?.id !== undefined) await markPanelTab(sender.tab.id, sender.tab.url ?? '');
          return queue(request.frame, true);
        case 'tab_report':
          if (sender.tab?.id !== undefined) await reportTab(sender.tab.id, { conversationKey: request.conversationKey, url: request.url });
          connection?.reconnectNow();
          return readStatus();
        case 'adapters':
          return adapterCatalogue(settings.settings.helpdeskSites);
        case 'page_report':
          if (sender.tab?.id !== undefined) {
            await reportTab(sender.tab.id, { conversationKey: request.conversationKey, url: request.url, panel: request.panel });
            agentChats.updateTab(sender.tab.id, request.conversations);
          }
          for (const update of request.transcripts) agentChats.transcript(update);
          connection?.reconnectNow();
          return tabContext();
        case 'thread':
          return thread(request.agentId, request.conversationKey);
        case 'notify':
          return notify(request);
        case 'load_coaching_ui': {
          const tabId = sender.tab?.id;
          if (tabId === undefined) return { ok: false, message: 'Only a helpdesk tab can load the coaching UI.' };
          return browser.scripting
            .executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: ['/coaching-ui.js'] })
            .then(
              () => ({ ok: true }),
              (error: unknown) => ({ ok: false, message: `The coaching UI could not be loaded into the page: ${String(error)}` }),
            );
        }
        case 'sites_changed':
          await syncSites();
          return activeSites;
        default:
          return undefined;
      }
    };
    return answer();
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    agentChats.forgetTab(tabId);
    void forgetTab(tabId);
  });
  // A restarted worker has lost what the tabs told it: ask them again.
  void ready.then(async () => toTabs(await tabsFor(), { type: 'report_again' }));
  setInterval(() => {
    agentChats.tick();
    for (const alert of alerts.waits()) void notify(alert);
  }, TICK_MS);
  browser.commands?.onCommand.addListener((command) => {
    if (command !== 'toggle-panel') return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id !== undefined) void browser.tabs.sendMessage(tab.id, { type: 'toggle_panel' } satisfies TabMessage).catch(() => {});
    });
  });
  browser.permissions.onAdded.addListener(() => void syncSites());
  browser.permissions.onRemoved.addListener(() => void syncSites());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && STORAGE_KEYS.settings in changes)) void syncSites();
  });

  // A periodic alarm wakes a stopped service worker, which then reconnects from stored state.
  void browser.alarms.create(WAKE_ALARM, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM) connection?.reconnectNow();
  });
}

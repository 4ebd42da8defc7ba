// The background's work: one relay connection from stored sign-in, message handling, tab routing, badge, site access.
import { ClientFrameSchema, describeIssues, type RelayFrame } from '../protocol/index.ts';
import {
  RelayConnection,
  clearClientDb,
  enrollDevice,
  openClientDb,
  unreadMessages,
  type ClientDb,
  type ConnectionStatus,
  type OutboxFrame,
  type StreamFrame,
  type WebSocketLike,
} from '../client/index.ts';
import { readAuth, readEffectiveSettings, readStatus, SIGNED_OUT_STATUS, STORAGE_KEYS, writeAuth, writeStatus, type ShownStatus } from './extension-state.ts';
import type { BackgroundRequest, PageState, QueueResult, SignInResult, TabMessage } from './messages.ts';
import { forgetIntents, intentsToReplay, rememberIntent } from './session-intents.ts';
import { syncContentScript } from './site-access.ts';
import { forgetTab, reportTab, tabsFor } from './tab-registry.ts';

const WAKE_ALARM = 'undertone-wake';
const DURABLE = new Set(['whisper', 'reply', 'help', 'read']);

export function startBackground(): void {
  const dbReady: Promise<ClientDb> = openClientDb();
  let connection: RelayConnection | null = null;
  let userId: string | null = null;
  let activeSites: string[] = [];

  const badge = browser.action ?? browser.browserAction;

  async function publish(status: ConnectionStatus | null): Promise<ShownStatus> {
    const db = await dbReady;
    const unread = userId ? (await unreadMessages(db, userId)).length : 0;
    const shown: ShownStatus = status ? { ...status, unread, signedIn: true } : SIGNED_OUT_STATUS;
    await writeStatus(shown);
    await badge.setBadgeText({ text: unread > 0 ? String(unread) : '' });
    await toTabs(await tabsFor(), { type: 'status', status: shown });
    return shown;
  }

  async function toTabs(tabIds: number[], message: TabMessage): Promise<void> {
    await Promise.all(tabIds.map((id) => browser.tabs.sendMessage(id, message).catch(() => forgetTab(id))));
  }

  async function route(frame: RelayFrame): Promise<void> {
    switch (frame.type) {
      case 'message':
        return toTabs(await tabsFor(frame.message.conversationKey), { type: 'relay', frame });
      case 'read':
        return toTabs(await tabsFor(frame.receipt.conversationKey), { type: 'relay', frame });
      case 'listeners':
      case 'transcript':
      case 'thread':
        return toTabs(await tabsFor(frame.conversationKey), { type: 'relay', frame });
      case 'board_snapshot':
      case 'board_delta':
      case 'error':
        return toTabs(await tabsFor(), { type: 'relay', frame });
      default:
    }
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
      onWelcome: () => {
        void intentsToReplay().then((frames) => frames.forEach((frame) => current.send(frame)));
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
    const { settings } = await readEffectiveSettings();
    activeSites = await syncContentScript(settings.helpdeskSites).catch(() => activeSites);
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
          return queue(request.frame, true);
        case 'tab_report':
          if (sender.tab?.id !== undefined) await reportTab(sender.tab.id, { conversationKey: request.conversationKey, url: request.url });
          connection?.reconnectNow();
          return readStatus();
        case 'sites_changed':
          await syncSites();
          return activeSites;
        default:
          return undefined;
      }
    };
    return answer();
  });

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
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

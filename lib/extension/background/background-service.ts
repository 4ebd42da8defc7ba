// The background's composition: the relay link (connection and sign-in), the tab fan-out, the request router,
// notifications and site settings, wired to the browser's events (messages, tabs, commands, permissions, alarms).
import { openClientDb, type ClientDb } from '../../client/index.ts';
import { AgentChats } from '../agent-chats.ts';
import { BoardAlerts } from '../board-alerts.ts';
import { STORAGE_KEYS } from '../extension-state.ts';
import type { BackgroundRequest, TabMessage } from '../messages.ts';
import { forgetTab, tabsFor } from '../tab-registry.ts';
import { notify } from './notifications.ts';
import { RelayLink } from './relay-link.ts';
import { RequestRouter } from './request-router.ts';
import { SiteSettings } from './site-settings.ts';
import { TabFanout } from './tab-fanout.ts';

const WAKE_ALARM = 'undertone-wake';
const TICK_MS = 15_000;

export function startBackground(): void {
  const db: Promise<ClientDb> = openClientDb();
  const sites = new SiteSettings();
  const alerts = new BoardAlerts(() => sites.settings.waitAlertSeconds);
  // Built before the link it reads, so the link's events can reach it.
  let fanout: TabFanout | null = null;
  const link = new RelayLink(db, {
    status: (status) => fanout!.publish(status),
    frame: (frame) => fanout!.route(frame),
    streamEntry: (frame, status) => void fanout!.route(frame).then(() => fanout!.publish(status())),
    welcomed: () => agentChats.connectionReset(),
  });
  const agentChats = new AgentChats({
    send: (frame) => link.agentSend(frame),
    privacy: () => ({ listenInAllowed: sites.settings.listenInAllowed, rules: sites.redaction }),
    get maxFrameBytes() {
      return link.maxFrameBytes;
    },
  });
  fanout = new TabFanout({ db, link, agentChats, alerts });
  const ready = Promise.all([link.connect(), sites.sync()]);
  const router = new RequestRouter({ db, link, sites, agentChats, ready });

  browser.runtime.onMessage.addListener((message: unknown, sender) => router.answer(message as BackgroundRequest, sender));

  browser.tabs.onRemoved.addListener((tabId) => {
    agentChats.forgetTab(tabId);
    void forgetTab(tabId);
  });
  // A restarted worker has lost what the tabs told it: ask them again.
  void ready.then(async () => fanout.toTabs(await tabsFor(), { type: 'report_again' }));
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
  browser.permissions.onAdded.addListener(() => void sites.sync());
  browser.permissions.onRemoved.addListener(() => void sites.sync());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && STORAGE_KEYS.settings in changes)) void sites.sync();
  });

  // A periodic alarm wakes a stopped service worker, which then reconnects from stored state.
  void browser.alarms.create(WAKE_ALARM, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM) link.reconnectNow();
  });
}

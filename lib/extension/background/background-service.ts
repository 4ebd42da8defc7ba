// The background's composition: the relay link (connection and sign-in), the tab fan-out, the request router,
// notifications, the supervisor consoles, site settings and adapter health, wired to the browser's events (messages, ports, tabs,
// commands, notification clicks, install, permissions, alarms).
import { openClientDb, type ClientDb } from '../../client/index.ts';
import { AdapterHealth } from '../adapter-health.ts';
import { AgentChats } from '../agent-chats.ts';
import { CustomerSends } from '../customer-send/customer-sends.ts';
import { openSendJournal } from '../customer-send/send-journal.ts';
import { BoardAlerts } from '../board-alerts.ts';
import { STORAGE_KEYS } from '../extension-state.ts';
import { forgetTab, tabsFor } from '../tab-registry.ts';
import { followFocusedWindow, openConsole } from '../console-opener.ts';
import { ConsoleHub } from './console-hub.ts';
import { GuestGrants, guestPageUrl } from '../guests/guest-grants.ts';
import { RelayLink } from './relay-link.ts';
import { RequestRouter } from './request-router.ts';
import { classifySender } from './sender-check.ts';
import { SiteSettings } from './site-settings.ts';
import { TabFanout } from './tab-fanout.ts';

const WAKE_ALARM = 'undertone-wake';
const TICK_MS = 15_000;

export function startBackground(): void {
  const db: Promise<ClientDb> = openClientDb();
  const sites = new SiteSettings(() => health.changed());
  const alerts = new BoardAlerts(() => sites.settings.waitAlertSeconds);
  // Built before the link it reads, so the link's events can reach it.
  let fanout: TabFanout | null = null;
  const link = new RelayLink(
    db,
    {
      status: (status) => fanout!.publish(status),
      frame: (frame) => fanout!.route(frame),
      streamEntry: (frame, status) => void fanout!.route(frame).then(() => fanout!.publish(status())),
      welcomed: () => {
        agentChats.connectionReset();
        health.connectionReset();
        void customerSends.load().then(() => customerSends.offer());
      },
      userChanged: () => agentChats.forgetAll(),
    },
    () => ({ allowPlainLan: sites.settings.allowPlainLanRelay }),
  );
  const customerSends: CustomerSends = new CustomerSends({
    journal: openSendJournal(),
    self: () => link.relayUser,
    settings: () => sites.settings,
    guestTeams: (key, userId) => guests.guestsOf(key).find((g) => g.guest.id === userId)?.guest.teams.map((t) => t.name),
    queue: (frame) => link.queue(frame, false),
    tabsFor: (key) => tabsFor(key),
    liveTabs: async () => new Set(await tabsFor()),
    tell: (tabIds, notice) => fanout!.toTabs(tabIds, notice),
    republish: () => agentChats.republish(),
  });
  const agentChats = new AgentChats({
    customerSend: (key) => customerSends.mode(key),
    send: (frame) => link.agentSend(frame),
    privacy: () => ({
      listenInAllowed: sites.settings.listenInAllowed,
      listenInSetByPolicy: sites.effective.locked.includes('listenInAllowed'),
      customerNames: sites.settings.customerNames,
      rules: sites.redaction,
    }),
    get maxFrameBytes() {
      return link.maxFrameBytes;
    },
  });
  const sessionArea = () => browser.storage.session ?? browser.storage.local;
  const health = new AdapterHealth({
    send: (frame) => link.sendNow(frame),
    sites: () => sites.settings.helpdeskSites,
    store: {
      load: async () => (await sessionArea().get('adapterHealth')).adapterHealth,
      save: (value) => sessionArea().set({ adapterHealth: value }),
    },
  });
  const consoles = new ConsoleHub(link, sites, () => ready);
  // Being brought into a chat is announced even when a console is in front; a click opens that chat.
  const guests = new GuestGrants((n) => fanout!.notify({ ...n, always: true }));
  fanout = new TabFanout({ db, link, agentChats, alerts, consoles, guests, customerSends });
  const ready = Promise.all([link.connect(), sites.sync()]);
  const router = new RequestRouter({ db, link, sites, agentChats, guests, health, customerSends, ready, publish: () => fanout.publish(link.status) });

  // The polyfilled runtime.onMessage answers with the promise a listener returns.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender) => router.receive(message, sender));

  browser.tabs.onRemoved.addListener((tabId) => {
    agentChats.forgetTab(tabId);
    void customerSends.tabCanSend(tabId, null);
    void forgetTab(tabId);
  });
  // A restarted worker has lost what the tabs told it: ask them again.
  void ready.then(async () => fanout.toTabs(await tabsFor(), { type: 'report_again' }));
  setInterval(() => {
    agentChats.tick();
    void customerSends.tick();
    for (const alert of alerts.waits()) fanout.notify(alert);
  }, TICK_MS);
  followFocusedWindow();
  // Supervisor events go to console pages only: a port from anywhere but the extension's own pages is closed.
  browser.runtime.onConnect.addListener((port) => {
    const verdict = classifySender(port.sender ?? {}, { extensionId: browser.runtime.id, extensionBase: browser.runtime.getURL('/'), helpdeskSites: [] });
    if (!verdict.ok || verdict.kind !== 'extension_page') {
      console.warn(`Undertone: a connection named ${port.name} refused: ${verdict.ok ? 'not an extension page' : verdict.why}`);
      port.disconnect();
      return;
    }
    consoles.ports.accept(port);
  });
  // The keyboard command and a click on a notification open the console beside the page; no await before
  // openConsole, which the browsers allow only straight from the user's action.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === 'open-console') void openConsole(tab?.windowId);
  });
  browser.notifications?.onClicked.addListener((id) => {
    if (!id.startsWith('undertone:')) return;
    const grantId = /^undertone:guest:([^:]+):/.exec(id)?.[1];
    if (grantId) void browser.tabs.create({ url: guestPageUrl(grantId) });
    else void openConsole();
    void browser.notifications.clear(id);
  });
  // A new install opens the options page: the relay URL and an enrollment code come first.
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason === 'install') void browser.runtime.openOptionsPage();
  });
  browser.permissions.onAdded.addListener(() => void sites.sync());
  browser.permissions.onRemoved.addListener(() => void sites.sync());
  browser.storage.onChanged.addListener((changes, area) => {
    // A changed policy or setting may change what chat_state says about sending to customers.
    if (area === 'managed' || (area === 'local' && STORAGE_KEYS.settings in changes)) void sites.sync().then(() => customerSends.settingsChanged());
  });

  // A periodic alarm wakes a stopped service worker, which then reconnects from stored state.
  void browser.alarms.create(WAKE_ALARM, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM) link.reconnectNow();
  });
}

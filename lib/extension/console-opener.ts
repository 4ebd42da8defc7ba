// Opens the supervisor console: Chrome's side panel, Firefox's sidebar, else (or when the browser refuses, e.g.
// outside a user action) the console page in a tab, reusing one that is already open.
import { CONSOLE_PAGE } from './console-link.ts';

type ChromeSidePanel = { open(options: { windowId: number }): Promise<void> };
type FirefoxSidebar = { open(): Promise<void> };

function chromeSidePanel(): ChromeSidePanel | undefined {
  return (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
}

function firefoxSidebar(): FirefoxSidebar | undefined {
  return (browser as unknown as { sidebarAction?: FirefoxSidebar }).sidebarAction;
}

/** Whether this browser shows the console beside the page (side panel or sidebar). */
export function consoleBesidePage(): boolean {
  return Boolean(chromeSidePanel() ?? firefoxSidebar());
}

/** The window last focused, kept up to date so a notification click can open the panel without an await first. */
let focusedWindowId: number | undefined;
export function followFocusedWindow(): void {
  void browser.windows.getLastFocused().then((w) => (focusedWindowId ??= w.id), () => {});
  browser.windows.onFocusChanged.addListener((id) => {
    if (id !== browser.windows.WINDOW_ID_NONE) focusedWindowId = id;
  });
}

/**
 * Must be called straight from the user's action (click, keyboard command), before any await: both browsers open
 * the panel only then. Resolves to where the console opened.
 */
export function openConsole(windowId: number | undefined = focusedWindowId): Promise<'panel' | 'tab'> {
  const sidePanel = chromeSidePanel();
  let opening: Promise<void> | null = null;
  try {
    if (sidePanel && windowId !== undefined) opening = sidePanel.open({ windowId });
    else opening = firefoxSidebar()?.open() ?? null;
  } catch {
    opening = null;
  }
  if (!opening) return openConsoleTab().then(() => 'tab');
  return opening.then(
    () => 'panel' as const,
    () => openConsoleTab().then(() => 'tab' as const),
  );
}

/** The console in a full tab: focuses an open console tab, or opens one. */
export async function openConsoleTab(): Promise<void> {
  const page = browser.runtime.getURL(CONSOLE_PAGE as '/console.html');
  const [existing] = await browser.tabs.query({ url: `${page}*` });
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, { active: true });
    if (existing.windowId !== undefined) await browser.windows.update(existing.windowId, { focused: true }).catch(() => {});
    return;
  }
  // "?tab" tells the page it is a tab of its own (no "Open in a tab" button there).
  await browser.tabs.create({ url: `${page}?tab` });
}

// The background's register of open consoles: posts reach every console, a console closing stops the listen-in
// only it had, the last one closing is reported, and "in front" follows the console tab and the focused window.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONSOLE_PORT, type ConsoleReport } from '../../../lib/extension/console-link.ts';
import { ConsolePorts } from '../../../lib/extension/console-ports.ts';

type Listener<T> = (value: T) => void;
function fakePort(name: string, tabId?: number) {
  const onMessage: Listener<unknown>[] = [];
  const onDisconnect: Listener<void>[] = [];
  const posted: unknown[] = [];
  return {
    name,
    sender: tabId === undefined ? {} : { tab: { id: tabId } },
    posted,
    postMessage: (m: unknown) => void posted.push(m),
    onMessage: { addListener: (f: Listener<unknown>) => void onMessage.push(f) },
    onDisconnect: { addListener: (f: Listener<void>) => void onDisconnect.push(f) },
    say: (m: ConsoleReport) => onMessage.forEach((f) => f(m)),
    close: () => onDisconnect.forEach((f) => f()),
  };
}
type FakePort = ReturnType<typeof fakePort>;

let windows: { id: number; focused: boolean };
let tabs: Record<number, { active: boolean; windowId: number }>;
beforeEach(() => {
  windows = { id: 1, focused: true };
  tabs = {};
  (globalThis as unknown as { browser: unknown }).browser = {
    windows: { getLastFocused: () => Promise.resolve(windows) },
    tabs: { get: (id: number) => (tabs[id] ? Promise.resolve(tabs[id]) : Promise.reject(new Error('no tab'))) },
  };
});
afterEach(() => {
  delete (globalThis as unknown as { browser?: unknown }).browser;
});

function consoles() {
  const events = { opened: vi.fn((post: (m: never) => void) => post({ hello: true } as never)), listenEnded: vi.fn(), allClosed: vi.fn() };
  const ports = new ConsolePorts(events);
  const accept = (port: FakePort) => ports.accept(port as unknown as Parameters<ConsolePorts['accept']>[0]);
  return { events, ports, accept };
}

const CHAT = { agentId: 'usr_ada', conversationKey: 'c-1' };

describe('ConsolePorts', () => {
  it('takes only console ports, greets each, and posts to all', () => {
    const { ports, accept, events } = consoles();
    const a = fakePort(CONSOLE_PORT);
    const b = fakePort(CONSOLE_PORT, 7);
    expect(accept(fakePort('something-else'))).toBe(false);
    expect(accept(a)).toBe(true);
    expect(accept(b)).toBe(true);
    expect(events.opened).toHaveBeenCalledTimes(2);
    ports.post({ type: 'relay', frame: { type: 'pong' } } as never);
    expect(a.posted).toEqual([{ hello: true }, { type: 'relay', frame: { type: 'pong' } }]);
    expect(b.posted).toHaveLength(2);
  });

  it('ends a listen-in when the last console listening to it goes, and reports when none is left', () => {
    const { accept, events, ports } = consoles();
    const a = fakePort(CONSOLE_PORT);
    const b = fakePort(CONSOLE_PORT);
    accept(a);
    accept(b);
    a.say({ type: 'listening', chat: CHAT });
    b.say({ type: 'listening', chat: CHAT });
    a.close();
    expect(events.listenEnded).not.toHaveBeenCalled();
    b.say({ type: 'listening', chat: { agentId: 'usr_ada', conversationKey: 'c-2' } });
    expect(events.listenEnded).toHaveBeenCalledWith(CHAT);
    expect(events.allClosed).not.toHaveBeenCalled();
    b.close();
    expect(events.listenEnded).toHaveBeenLastCalledWith({ agentId: 'usr_ada', conversationKey: 'c-2' });
    expect(events.allClosed).toHaveBeenCalledTimes(1);
    expect(ports.open).toBe(false);
  });

  it('is in front only as an active console tab or a visible side panel in the focused window', async () => {
    const { ports, accept } = consoles();
    expect(await ports.inFront()).toBe(false);
    const tab = fakePort(CONSOLE_PORT, 7);
    accept(tab);
    tabs[7] = { active: false, windowId: 1 };
    expect(await ports.inFront()).toBe(false);
    tabs[7] = { active: true, windowId: 1 };
    expect(await ports.inFront()).toBe(true);
    windows = { id: 1, focused: false };
    expect(await ports.inFront()).toBe(false);
    windows = { id: 1, focused: true };
    tab.close();
    const panel = fakePort(CONSOLE_PORT);
    accept(panel);
    expect(await ports.inFront()).toBe(true);
    panel.say({ type: 'visible', visible: false });
    expect(await ports.inFront()).toBe(false);
  });
});

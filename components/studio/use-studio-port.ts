// Preact hook: the studio window's port to the picker in the helpdesk tab; reconnects while the picker starts.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { STUDIO_PORT, type StudioCheck, type StudioCommand, type StudioEvent, type StudioState } from '../../lib/extension/studio/index.ts';

type Port = ReturnType<typeof browser.tabs.connect>;

export interface StudioConnection {
  state: StudioState | null;
  check: StudioCheck | null;
  /** Why the window cannot reach the page, in words. */
  trouble: string | null;
  send(command: StudioCommand): void;
}

export function useStudioPort(tabId: number, secret: string): StudioConnection {
  const [state, setState] = useState<StudioState | null>(null);
  const [check, setCheck] = useState<StudioCheck | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  const port = useRef<Port | null>(null);

  useEffect(() => {
    let stopped = false;
    let attempts = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      if (stopped) return;
      const next = browser.tabs.connect(tabId, { name: STUDIO_PORT });
      let answered = false;
      next.onMessage.addListener((raw: unknown) => {
        answered = true;
        attempts = 0;
        const event = raw as StudioEvent;
        if (event.type === 'state') {
          setState(event);
          setTrouble(null);
        } else if (event.type === 'check') setCheck(event.result);
        else setTrouble(event.message);
      });
      next.onDisconnect.addListener(() => {
        if (port.current === next) port.current = null;
        if (stopped) return;
        attempts += 1;
        if (answered || attempts > 10) setTrouble('The helpdesk page was reloaded or closed. Start the studio again from the Undertone button on that page.');
        if (attempts <= 10) timer = setTimeout(open, 300);
      });
      port.current = next;
      next.postMessage({ type: 'hello', secret } satisfies StudioCommand);
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      port.current?.disconnect();
    };
  }, [tabId, secret]);

  const send = useCallback((command: StudioCommand) => {
    port.current?.postMessage(command);
  }, []);
  return { state, check, trouble, send };
}

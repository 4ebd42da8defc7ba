// Preact hook: the background's view of things for the options page and the popup, refreshed when storage changes.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { askBackground, type PageState } from '../lib/extension/index.ts';

export function usePageState(): [PageState | null, () => void] {
  const [state, setState] = useState<PageState | null>(null);
  const refresh = useCallback(() => {
    void askBackground({ type: 'get_state' }).then(setState);
  }, []);
  useEffect(() => {
    refresh();
    const onChange = () => refresh();
    browser.storage.onChanged.addListener(onChange);
    // The retry countdown and "connecting" states move on without a storage change.
    const timer = setInterval(refresh, 2_000);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      clearInterval(timer);
    };
  }, [refresh]);
  return [state, refresh];
}

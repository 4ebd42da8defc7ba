// Content script for helpdesk tabs, registered at runtime for allowed sites: reports the tab, shows a quiet status.
import { askBackground, type TabMessage } from '../../lib/extension/messages.ts';
import type { ShownStatus } from '../../lib/extension/extension-state.ts';
import { mountStatusIndicator } from '../../components/status-indicator.ts';

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    // Everything below is owned by `ctx`: when the extension reloads or updates, the indicator and listeners go.
    const indicator = mountStatusIndicator();
    ctx.onInvalidated(() => indicator.remove());

    const show = (status: ShownStatus) => indicator.show(status);
    const onMessage = (message: unknown) => {
      const tabMessage = message as TabMessage;
      if (tabMessage.type === 'status') show(tabMessage.status);
      if (tabMessage.type === 'relay') indicator.noteEvent(tabMessage.frame);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    const report = () => {
      if (ctx.isInvalid) return;
      // The active conversation comes from the helpdesk adapter; until one recognises this page there is none.
      askBackground({ type: 'tab_report', conversationKey: null, url: location.href }).then(show, () => {});
    };
    report();
    ctx.addEventListener(window, 'wxt:locationchange', report);
  },
});

// The studio's picker, injected into a tab by the popup's "Teach Undertone this page" (never registered on sites):
// waits for the studio window to connect, then follows the admin's clicks on the page.
import { createPageOverlay } from '../components/studio/page-overlay.ts';
import { PickerSession, STUDIO_PORT, STUDIO_SECRET_GLOBAL } from '../lib/extension/studio/index.ts';

const SESSION = '__undertoneStudioSession';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as Record<string, unknown>;
  const secret = scope[STUDIO_SECRET_GLOBAL];
  if (typeof secret !== 'string') return;
  delete scope[STUDIO_SECRET_GLOBAL];
  const previous = scope[SESSION] as PickerSession | undefined;
  previous?.stop();
  const session = new PickerSession(createPageOverlay(), secret);
  scope[SESSION] = session;
  // One listener per tab, whichever session is current: started again, the studio replaces the old session.
  if (!previous) {
    browser.runtime.onConnect.addListener((port) => {
      if (port.name !== STUDIO_PORT || port.sender?.id !== browser.runtime.id) return;
      (scope[SESSION] as PickerSession).connect(port);
    });
  }
});

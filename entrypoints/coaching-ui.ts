// The coaching UI (Preact and the coaching components), injected into a helpdesk tab by the background only when
// the content script needs it, so pages that only get read (or are not recognised) do not load it.
import { CoachingView } from '../components/in-page/coaching-view.tsx';
import { withSafeSubstitutions } from '../lib/coaching/index.ts';
import { COACHING_UI_READY, type CoachingUi } from '../lib/extension/page/coaching-ui-contract.ts';

export default defineUnlistedScript(() => {
  const ui: CoachingUi = { createView: (t) => new CoachingView(withSafeSubstitutions(t)) };
  const scope = globalThis as unknown as Record<string, ((ui: CoachingUi) => void) | undefined>;
  scope[COACHING_UI_READY]?.(ui);
});

// Background: owns the one relay connection of this browser and routes its events to helpdesk tabs.
import { startBackground } from '../lib/extension/index.ts';

export default defineBackground({
  // Firefox MV2: a persistent page, so the socket lives as long as the browser (docs/extension.md).
  persistent: true,
  main() {
    startBackground();
  },
});

// Background worker: owns the one relay connection of this browser and routes its events to helpdesk tabs.
export default defineBackground(() => {
  // Wired to lib/client in the extension core.
});

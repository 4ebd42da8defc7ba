// The e2e harness: a real relay process, real browsers with the built extension, and policy files.
export { RelayProcess, type Provisioned } from './relay.ts';
export { ChromiumWithExtension } from './chromium.ts';
export { FirefoxWithExtension, type ExtensionBrowser } from './firefox.ts';
export { writeChromiumPolicy, writeFirefoxPolicy, CHROMIUM_POLICY_FILE, FIREFOX_POLICY_FILE } from './policy.ts';
export { poll, type UiPage } from './ui-page.ts';
export * from './paths.ts';
export { BROWSERS, launchBrowser, type BrowserName } from './browsers.ts';
export { launchUnderPolicy, type BrowserUnderPolicy } from './browser-under-policy.ts';
export { relayForFile, relayAndDemoForFile, demoAgentFor, type RelayStage, type DemoStage } from './file-stage.ts';
export { openWatchedDesk, watchBoard, type WatchedDesk } from './agent-desk.ts';
export { SupervisorClient } from './supervisor-client.ts';
export { Helpdesk } from './helpdesk.ts';
export { signIn, addSite, launchSignedIn, tabIdOf, openConsolePage, DEMO_SITE } from './extension-setup.ts';
export { FixtureHelpdesks } from './fixture-helpdesks.ts';
export { openStudio, teach, type StudioStep } from './studio-steps.ts';
export { chatStateSaying } from './agent-chat-state.ts';

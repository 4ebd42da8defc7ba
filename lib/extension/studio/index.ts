// The studio in the extension: the picker's session in the helpdesk tab, the window's messages, starting it.
export { PickerSession, type StudioOverlay, type StudioOverlayBox } from './picker-session.ts';
export { STUDIO_PORT, STUDIO_SECRET_GLOBAL, StudioCommandSchema, type StudioCommand, type StudioState, type StudioCheck, type StudioEvent } from './studio-messages.ts';
export { startStudio, injectPicker, studioPageUrl, type StartResult } from './start-studio.ts';
export { adapterNameFor, todayIso } from './naming.ts';
export { saveStudioAdapter, policySnippet } from './save-adapter.ts';

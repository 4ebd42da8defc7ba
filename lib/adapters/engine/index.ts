// The adapter engine's public surface (no zod: safe for the content script bundle).
export type * from './contract.ts';
export { createAdapterEngine, type AdapterEngine, type AdapterEngineOptions } from './engine.ts';
export { findAdapter } from './find-adapter.ts';
export { inspectPage } from './read-page.ts';
export { insertIntoReplyBox, type ReplyInsertMode, type ReplyInsertResult } from './reply-box.ts';
export { comparableText, readReplyDraft, SEND_TIMING, type PressResult } from './reply-send.ts';

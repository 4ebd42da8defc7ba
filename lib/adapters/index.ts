// Helpdesk adapters: the declarative format, the built-in adapters and the page engine.
// The content script should import './engine/index.ts' and './builtin/index.ts' directly to leave zod out.
export * from './format/index.ts';
export * from './engine/index.ts';
export * from './builtin/index.ts';

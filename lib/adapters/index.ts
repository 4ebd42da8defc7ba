// Helpdesk adapters: the declarative format, the built-in adapters, the page engine and the studio's selector logic.
// The content script should import './engine/index.ts' and './builtin/index.ts' directly to leave zod out.
export * from './format/index.ts';
export * from './engine/index.ts';
export * from './builtin/index.ts';
export * from './studio/index.ts';

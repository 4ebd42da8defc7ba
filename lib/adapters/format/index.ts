// The adapter format's public surface: the zod schema, its types and parseAdapterConfig (uses zod; keep it out of
// the content script bundle and validate custom adapters in the options page or background instead).
export * from './schema.ts';
export * from './parse.ts';

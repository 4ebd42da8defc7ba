// The wire protocol's public surface: schemas, inferred types, constants and frame decoding.
export * from './constants.ts';
export * from './entities.ts';
export * from './client-frames.ts';
export * from './relay-frames.ts';
export * from './guest-frames.ts';
export * from './customer-send-frames.ts';
export * from './adapter-health.ts';
export * from './http.ts';
export * from './parse.ts';
export * from './sso.ts';

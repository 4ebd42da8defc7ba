// The adapters Undertone ships with, in the declarative format (each JSON file records what it was checked against).
// Their validity is asserted by the unit tests through parseAdapterConfig; here they are only typed.
import type { AdapterConfig } from '../format/schema.ts';
import northwindDemo from './northwind-demo.json';

export const builtinAdapters: readonly AdapterConfig[] = [northwindDemo as AdapterConfig];

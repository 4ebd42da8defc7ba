// The adapters Undertone ships with, in the declarative format (each JSON file records what it was checked against).
// Their validity is asserted by the unit tests through parseAdapterConfig; here they are only typed.
import type { AdapterConfig } from '../format/schema.ts';
import chatwoot from './chatwoot.json';
import northwindDemo from './northwind-demo.json';
import zendeskAgentWorkspace from './zendesk-agent-workspace.json';

export const builtinAdapters: readonly AdapterConfig[] = [
  chatwoot as AdapterConfig,
  zendeskAgentWorkspace as AdapterConfig,
  northwindDemo as AdapterConfig,
];

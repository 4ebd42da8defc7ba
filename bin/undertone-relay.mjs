#!/usr/bin/env node
// The `undertone-relay` command: serves the relay and runs its admin subcommands (lib/relay-command/undertone-relay.ts).
import { register } from 'tsx/esm/api';

register();
await import(new URL('../lib/relay-command/undertone-relay.ts', import.meta.url).href);

// Guests: colleagues brought into one chat. Grant stores, the access rule that grants widen, and the hub's desk.
export * from './grant-store.ts';
export { SqliteGrantStore } from './sqlite-grant-store.ts';
export { canCoachChat, coachesByTeam, stillInChat, unknownAgent, type ChatAccess } from './chat-access.ts';
export { GuestDesk, type GrantChange, type GuestHubPort, type GuestSettings } from './guest-desk.ts';

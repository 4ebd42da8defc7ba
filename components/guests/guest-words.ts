// How a guest is named in the UI: "John Park (Accounts)", with the teams it belongs to.
import type { Colleague, GuestGrant } from '../../lib/protocol/index.ts';

export function colleagueLabel(c: Colleague): string {
  return c.teams.length ? `${c.name} (${c.teams.map((t) => t.name).join(', ')})` : c.name;
}

export function guestLabel(g: GuestGrant): string {
  return colleagueLabel(g.guest);
}

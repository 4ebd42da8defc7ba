// What a client is told about who it is signed in as (in `welcome`, the enrollment answer and single sign-on).
import type { SignedInUser } from '../../protocol/index.ts';
import type { Principal } from './identity-store.ts';

export function signedInUserOf(p: Principal): SignedInUser {
  return {
    id: p.userId,
    name: p.name,
    role: p.role,
    orgId: p.orgId,
    orgName: p.orgName,
    teams: p.teams,
    ...(p.helpdeskNames.length ? { helpdeskNames: p.helpdeskNames } : {}),
  };
}

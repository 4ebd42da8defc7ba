// Options page, for admins: a read-only view of what the relay knows of the organisation (teams, people by role,
// devices, single sign-on). Changes are made with the relay's command line.
import { useEffect, useState } from 'preact/hooks';
import type { OrgOverview as Overview } from '../../lib/protocol/index.ts';
import { askBackground } from '../../lib/extension/index.ts';

const ROLES = [
  { role: 'admin', title: 'Admins' },
  { role: 'supervisor', title: 'Supervisors' },
  { role: 'agent', title: 'Agents' },
] as const;

function when(ms: number | null): string {
  return ms === null ? 'never' : new Date(ms).toLocaleString();
}

export function OrgOverview() {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = () => {
    setMessage(null);
    void askBackground({ type: 'org_overview' }).then((outcome) => {
      if (outcome.ok) setOverview(outcome.overview);
      else setMessage(outcome.message);
    });
  };
  useEffect(load, []);

  return (
    <section id="org-overview" aria-labelledby="org-title">
      <h2 id="org-title">Your organisation{overview ? `: ${overview.org.name}` : ''}</h2>
      <p class="hint">
        What the relay knows, read-only. Changes are made with <code>undertone-relay</code> on the relay host (docs/admin.md).{' '}
        <button type="button" id="org-refresh" onClick={load}>
          Refresh
        </button>
      </p>
      {message && (
        <p id="org-message" class="message error" role="alert">
          {message}
        </p>
      )}
      {overview && (
        <>
          <h3>Sign-in</h3>
          {overview.sso ? (
            <div id="org-sso">
              <p>
                Single sign-on with <span id="org-sso-issuer">{overview.sso.issuer}</span> (client {overview.sso.clientId}, groups from the "{overview.sso.groupsClaim}" claim)
              </p>
              <ul>
                {overview.sso.mappings.map((m) => (
                  <li key={m.group}>
                    {m.group} → {m.grants}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p id="org-sso">Enrollment codes (no single sign-on).</p>
          )}
          <h3>Teams</h3>
          <ul id="org-teams">
            {overview.teams.map((t) => (
              <li key={t.id}>
                {t.name} ({t.members} {t.members === 1 ? 'person' : 'people'})
              </li>
            ))}
          </ul>
          {ROLES.map(({ role, title }) => {
            const people = overview.people.filter((p) => p.role === role);
            return (
              <div key={role}>
                <h3>
                  {title} ({people.length})
                </h3>
                <ul data-role={role}>
                  {people.map((p) => (
                    <li key={p.id}>
                      {p.name}
                      {p.teams.length ? `, ${p.teams.join(', ')}` : ''} ({p.signsInWith === 'sso' ? 'single sign-on' : 'enrollment code'})
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
          <h3>Devices ({overview.devices.filter((d) => d.revokedAt === null).length} active)</h3>
          <ul id="org-devices">
            {overview.devices.map((d) => (
              <li key={d.tokenId} data-token-id={d.tokenId}>
                {d.userName}: {d.deviceName}, last used {when(d.lastUsedAt)}
                {d.revokedAt === null ? '' : `, signed out by an administrator ${when(d.revokedAt)}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

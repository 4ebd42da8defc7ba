// Options page: "Sign in with <company>" for each organisation that signs in through its identity provider on the
// relay being entered (or set by policy), shown beside the enrollment-code form.
import { useEffect, useState } from 'preact/hooks';
import { listSsoProviders, type SsoProvider } from '../../lib/client/index.ts';
import { signInWithProvider } from '../../lib/extension/index.ts';

export function SsoSignIn({ relayUrl, onSignedIn }: { relayUrl: string; onSignedIn: () => void }) {
  const [providers, setProviders] = useState<SsoProvider[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setProviders([]);
    if (!relayUrl.trim()) return;
    // Asked a moment after typing stops; a relay without single sign-on simply shows no button.
    const timer = setTimeout(() => {
      void listSsoProviders(relayUrl).then((outcome) => {
        if (current && outcome.ok) setProviders(outcome.providers);
      });
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [relayUrl]);

  if (providers.length === 0) return null;
  const signIn = async (provider: SsoProvider) => {
    setBusy(provider.orgId);
    setMessage(null);
    const result = await signInWithProvider(relayUrl, provider.orgId);
    setBusy(null);
    if (result.ok) onSignedIn();
    else setMessage(result.message);
  };
  return (
    <div id="sso-sign-in">
      {providers.map((p) => (
        <button key={p.orgId} type="button" class="sso-button" data-org={p.orgId} disabled={busy !== null} onClick={() => void signIn(p)}>
          {busy === p.orgId ? 'Signing in…' : `Sign in with ${p.name}`}
        </button>
      ))}
      <p class="hint">Or use an enrollment code from your administrator.</p>
      {message && (
        <p id="sso-message" class="message error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}

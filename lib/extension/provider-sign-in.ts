// Single sign-on from an extension page: asks the relay to start, runs the browser's web-auth window
// (identity.launchWebAuthFlow, Chrome and Firefox) through the provider's own pages, and hands the relay's one-time
// code with this sign-in's verifier to the background, which redeems it and keeps the device token.
import { readSsoRedirect, startSsoSignIn } from '../client/index.ts';
import { askBackground, type SignInResult } from './messages.ts';

export async function signInWithProvider(relayUrl: string, orgId: string): Promise<SignInResult> {
  const started = await startSsoSignIn(relayUrl, orgId, browser.identity.getRedirectURL());
  if (!started.ok) return started;
  let finalUrl: string | undefined;
  try {
    finalUrl = await browser.identity.launchWebAuthFlow({ url: started.authorizeUrl, interactive: true });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    // Chrome and Firefox both report a closed window as an error.
    if (/cancel|closed|did not approve/i.test(text)) return { ok: false, message: 'The sign-in window was closed before the sign-in finished.' };
    return { ok: false, message: `The sign-in window failed: ${text}` };
  }
  const back = readSsoRedirect(finalUrl ?? '');
  if (!back.ok) return back;
  return askBackground({ type: 'sign_in_sso', relayUrl, code: back.code, codeVerifier: started.codeVerifier });
}

// The options page's note on a relay URL's transport: why a plain ws:// or http:// relay is refused, or the warning
// shown while policy allows a plain relay on the local network.
import { checkRelayUrl } from '../../lib/client/index.ts';

export function RelayUrlNote({ url, allowPlainLan, id }: { url: string; allowPlainLan: boolean; id: string }) {
  if (!/^(?:ws|http):\/\//i.test(url.trim())) return null;
  const check = checkRelayUrl(url, { allowPlainLan });
  if (check.ok && !check.warning) return null;
  return (
    <p id={id} class={check.ok ? 'message warning' : 'message error'} role={check.ok ? 'status' : 'alert'}>
      {check.ok ? check.warning : check.message}
    </p>
  );
}

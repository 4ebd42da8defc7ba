// Options page: sign-in, who you are, connection state, settings and the admin policy that locks them.
import { render } from 'preact';

function Options() {
  return <h1>Undertone</h1>;
}

render(<Options />, document.getElementById('app')!);

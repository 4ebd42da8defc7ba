// Toolbar popup: connection status, unread whispers, and "use Undertone on this site".
import { render } from 'preact';

function Popup() {
  return <h1>Undertone</h1>;
}

render(<Popup />, document.getElementById('app')!);

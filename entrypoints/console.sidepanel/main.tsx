// The supervisor console page: Chrome's side panel, Firefox's sidebar, or a full tab (console.html).
import { render } from 'preact';
import { coachingCss } from '../../components/coaching/index.ts';
import { ConsoleApp } from '../../components/console/console-app.tsx';

// The console renders into its own shadow root, with the same stylesheet the coaching components use everywhere.
const host = document.createElement('undertone-supervisor');
const root = host.attachShadow({ mode: 'open' });
const style = document.createElement('style');
style.textContent = `${coachingCss}\n:host { display: block; height: 100%; }\n.ut-console-root { height: 100%; }`;
const mount = document.createElement('div');
mount.className = 'ut-console-root';
root.append(style, mount);
document.getElementById('app')!.append(host);
render(<ConsoleApp />, mount);

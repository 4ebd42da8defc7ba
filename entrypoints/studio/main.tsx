// The studio window: teaches Undertone a helpdesk page by clicks (opened by the popup beside that tab).
import { render } from 'preact';
import '../../components/page-style.css';
import { StudioApp } from '../../components/studio/studio-app.tsx';

const params = new URLSearchParams(location.search);
render(<StudioApp tabId={Number(params.get('tab'))} secret={params.get('secret') ?? ''} />, document.getElementById('app')!);

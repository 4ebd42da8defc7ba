// The console's note about agents of the board's teams whose helpdesk page is not recognised: a headline, and on
// opening it who they are and what their page lacks. Text only.
import type { PageHealthAgent } from '../../lib/protocol/index.ts';
import { pageHealthWords, translateEnglish, type Translate } from '../../lib/coaching/index.ts';

export function PageHealthNote(props: { agents: readonly PageHealthAgent[]; t?: Translate }) {
  const words = pageHealthWords(props.agents, props.t ?? translateEnglish);
  if (!words) return null;
  return (
    <details class="ut-page-health" role="status">
      <summary>{words.headline}</summary>
      <ul>
        {words.agents.map((a) => (
          <li key={a.agentId} data-agent-id={a.agentId}>
            {a.text}
          </li>
        ))}
      </ul>
    </details>
  );
}

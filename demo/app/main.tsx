// Entry of the demo desk page: renders the Northwind Desk app for the signed-in agent.
import { render } from 'preact';
import { Desk } from './desk.tsx';

const root = document.getElementById('desk');
if (root) {
  const agent = { id: root.dataset.agentId ?? '', name: root.dataset.agentName ?? '' };
  render(<Desk agent={agent} />, root);
}

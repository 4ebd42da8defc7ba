// Places Undertone's own host elements (whisper thread, supervisor panel) where an adapter says, and only moves
// them when they are no longer there, so the page's framework and Undertone never fight over a node.
import type { MountRule } from '../format/schema.ts';

/** True when the host already sits in the place the rule describes for this target. */
export function isPlaced(host: Element, target: Element, rule: MountRule): boolean {
  if (!host.isConnected) return false;
  const position = rule.position ?? 'append';
  if (position === 'append' || position === 'prepend') return host.parentNode === target;
  return host.parentNode === target.parentNode && host.parentNode !== null;
}

/** Inserts the host at the rule's place relative to the target (moving it if it sits elsewhere). */
export function placeHost(host: Element, target: Element, rule: MountRule): void {
  if (isPlaced(host, target, rule)) return;
  const position = rule.position ?? 'append';
  if (position === 'append') target.appendChild(host);
  else if (position === 'prepend') target.insertBefore(host, target.firstChild);
  else if (position === 'before') target.parentNode?.insertBefore(host, target);
  else target.parentNode?.insertBefore(host, target.nextSibling);
}

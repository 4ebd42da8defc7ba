// A host element with its own closed shadow root and stylesheet: the helpdesk's styles neither leak in nor out, and
// the helpdesk's scripts (and session-replay tools on it) cannot read what is rendered (docs/security.md).
export type ShadowHost = { host: HTMLElement; container: HTMLElement };

/** Key and input events typed in Undertone stay inside: the page's own (bubbling) listeners never see them. */
const CONTAINED_EVENTS = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'compositionstart', 'compositionupdate', 'compositionend', 'paste', 'copy', 'cut'];

export function createShadowHost(tag: string, css: string, hostStyle = 'all: initial; display: block;'): ShadowHost {
  const host = document.createElement(tag);
  host.setAttribute('data-undertone', tag);
  host.setAttribute('style', hostStyle);
  const root = host.attachShadow({ mode: 'closed' });
  for (const type of CONTAINED_EVENTS) root.addEventListener(type, (event) => event.stopPropagation());
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  root.append(style, container);
  return { host, container };
}

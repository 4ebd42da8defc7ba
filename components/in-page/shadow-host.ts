// A host element with its own open shadow root and stylesheet, so the helpdesk's styles neither leak in nor out.
export type ShadowHost = { host: HTMLElement; container: HTMLElement };

export function createShadowHost(tag: string, css: string, hostStyle = 'all: initial; display: block;'): ShadowHost {
  const host = document.createElement(tag);
  host.setAttribute('data-undertone', tag);
  host.setAttribute('style', hostStyle);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  root.append(style, container);
  return { host, container };
}

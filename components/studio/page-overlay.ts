// The studio's marks on the helpdesk page: a box around every element each part finds, a box following the pointer
// while picking, and a one-line instruction. In a closed shadow root, click-through, text only.

export interface OverlayBox {
  element: Element;
  label: string;
  color: string;
}

export interface PageOverlay {
  render(boxes: readonly OverlayBox[], hover: OverlayBox | null, instruction: string | null): void;
  remove(): void;
}

const CSS = `:host { all: initial; position: fixed; inset: 0; z-index: 2147483647; pointer-events: none; }
.box { position: fixed; box-sizing: border-box; border: 2px solid; border-radius: 3px; }
.box span { position: absolute; left: -2px; top: -18px; padding: 1px 5px; font: 11px/16px system-ui, sans-serif; color: #fff;
  white-space: nowrap; border-radius: 3px 3px 0 0; max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
.box.inside span { top: 0; border-radius: 0 0 3px 0; }
.hover { border-style: dashed; background: rgba(37, 99, 235, .08); }
.bar { position: fixed; top: 8px; left: 50%; transform: translateX(-50%); padding: 6px 14px; border-radius: 16px;
  background: #1e293b; color: #fff; font: 13px/1.4 system-ui, sans-serif; box-shadow: 0 2px 8px rgba(0,0,0,.3); }`;

export function createPageOverlay(): PageOverlay {
  const host = document.createElement('undertone-studio');
  host.setAttribute('style', 'all: initial; position: fixed; inset: 0; z-index: 2147483647; pointer-events: none;');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const layer = document.createElement('div');
  root.append(style, layer);
  let last: { boxes: readonly OverlayBox[]; hover: OverlayBox | null; instruction: string | null } = { boxes: [], hover: null, instruction: null };

  const boxFor = (box: OverlayBox, extra = ''): HTMLElement | null => {
    if (!box.element.isConnected) return null;
    const rect = box.element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return null;
    const div = document.createElement('div');
    div.className = `box ${extra} ${rect.top < 20 ? 'inside' : ''}`;
    div.style.cssText = `left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px;border-color:${box.color}`;
    const label = document.createElement('span');
    label.textContent = box.label;
    label.style.background = box.color;
    div.append(label);
    return div;
  };

  const draw = () => {
    const nodes: HTMLElement[] = [];
    for (const box of last.boxes) {
      const node = boxFor(box);
      if (node) nodes.push(node);
    }
    if (last.hover) {
      const node = boxFor(last.hover, 'hover');
      if (node) nodes.push(node);
    }
    if (last.instruction) {
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.setAttribute('role', 'status');
      bar.textContent = last.instruction;
      nodes.push(bar);
    }
    layer.replaceChildren(...nodes);
    if (!host.isConnected) document.documentElement.append(host);
  };

  let frame = 0;
  const redraw = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      draw();
    });
  };
  window.addEventListener('scroll', redraw, true);
  window.addEventListener('resize', redraw);
  // Elements move when the page re-renders or scrolls inside its own panes.
  const timer = setInterval(redraw, 500);

  return {
    render(boxes, hover, instruction) {
      last = { boxes, hover, instruction };
      draw();
    },
    remove() {
      clearInterval(timer);
      window.removeEventListener('scroll', redraw, true);
      window.removeEventListener('resize', redraw);
      if (frame) cancelAnimationFrame(frame);
      host.remove();
    },
  };
}

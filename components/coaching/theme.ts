// Light or dark: the coaching UI's theme, and how to derive it from the host page's computed background colour.

export type Theme = 'light' | 'dark';

/** Red, green, blue (0-255) and alpha (0-1) of a CSS colour as getComputedStyle reports it; null when unreadable. */
export function parseCssColor(color: string): { r: number; g: number; b: number; a: number } | null {
  const text = color.trim().toLowerCase();
  if (text === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  if (text === 'white') return { r: 255, g: 255, b: 255, a: 1 };
  if (text === 'black') return { r: 0, g: 0, b: 0, a: 1 };
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(text);
  if (hex?.[1]) {
    const digits = hex[1].length <= 4 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    const part = (i: number) => parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    return { r: part(0), g: part(1), b: part(2), a: digits.length === 8 ? part(3) / 255 : 1 };
  }
  const fn = /^rgba?\(\s*([^)]*)\)$/.exec(text);
  if (!fn?.[1]) return null;
  const parts = fn[1].split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3) return null;
  const channel = (p: string) => (p.endsWith('%') ? (parseFloat(p) * 255) / 100 : parseFloat(p));
  const alphaPart = parts[3];
  const a = alphaPart === undefined ? 1 : alphaPart.endsWith('%') ? parseFloat(alphaPart) / 100 : parseFloat(alphaPart);
  const [r, g, b] = [channel(parts[0]!), channel(parts[1]!), channel(parts[2]!)];
  if ([r, g, b, a].some((n) => Number.isNaN(n))) return null;
  return { r, g, b, a };
}

/** WCAG relative luminance (0 black .. 1 white) of an sRGB colour. */
export function relativeLuminance({ r, g, b }: { r: number; g: number; b: number }): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * The theme that reads best on a background colour: dark when white text contrasts more than black text.
 * Null for a colour that is unreadable or mostly transparent (the page behind it decides).
 */
export function themeForBackground(color: string): Theme | null {
  const parsed = parseCssColor(color);
  if (!parsed || parsed.a < 0.5) return null;
  // Equal contrast against black and white falls at luminance ~0.179.
  return relativeLuminance(parsed) < 0.179 ? 'dark' : 'light';
}

/**
 * Derives the theme from the host page around `element`: the first ancestor (crossing shadow roots) with a
 * mostly opaque computed background colour decides; without one, `fallback` (the browser's default canvas is white).
 */
export function themeFromHostPage(element: Element, fallback: Theme = 'light'): Theme {
  const view = element.ownerDocument.defaultView;
  if (!view) return fallback;
  let node: Element | null = element;
  while (node) {
    const theme = themeForBackground(view.getComputedStyle(node).backgroundColor);
    if (theme) return theme;
    const parent: Node | null = node.parentNode;
    node = parent instanceof view.ShadowRoot ? parent.host : (node.parentElement ?? null);
  }
  return fallback;
}

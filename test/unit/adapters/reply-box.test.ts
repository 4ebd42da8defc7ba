// @vitest-environment happy-dom
// Reply-box insertion: textareas (through the native setter frameworks watch) and contenteditable editors,
// with input events fired and nothing sent.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { insertIntoReplyBox } from '../../../lib/adapters/engine/index.ts';

afterEach(() => {
  document.body.replaceChildren();
});

/** A form whose submit and Enter key would send: the test fails if either happens. */
function composer(field: HTMLElement) {
  const form = document.createElement('form');
  const send = vi.fn((event: Event) => event.preventDefault());
  form.addEventListener('submit', send);
  form.addEventListener('keydown', send);
  form.addEventListener('keypress', send);
  form.append(field);
  document.body.append(form);
  return { form, send };
}

describe('insertIntoReplyBox', () => {
  it('appends to a textarea draft through the native value setter and fires input and change', () => {
    const textarea = document.createElement('textarea');
    textarea.value = 'Hello';
    const { send } = composer(textarea);
    // A framework-style tracker: an own `value` property shadowing the prototype, as React installs.
    let tracked = textarea.value;
    const prototypeValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!;
    Object.defineProperty(textarea, 'value', {
      configurable: true,
      get: () => prototypeValue.get!.call(textarea),
      set: (next: string) => {
        tracked = next;
        prototypeValue.set!.call(textarea, next);
      },
    });
    const seen: string[] = [];
    textarea.addEventListener('input', (event) => seen.push(`input:${(event as InputEvent).inputType}:${textarea.value}`));
    textarea.addEventListener('change', () => seen.push('change'));

    expect(insertIntoReplyBox(textarea, 'we are on it.')).toEqual({ ok: true, method: 'value' });
    expect(textarea.value).toBe('Hello we are on it.');
    // The framework's own setter was bypassed, so on the input event it sees a value different from its record.
    expect(tracked).toBe('Hello');
    expect(seen).toEqual(['input:insertText:Hello we are on it.', 'change']);
    expect(send).not.toHaveBeenCalled();
  });

  it('replaces a textarea draft when asked', () => {
    const textarea = document.createElement('textarea');
    textarea.value = 'old draft';
    composer(textarea);
    insertIntoReplyBox(textarea, 'new text', 'replace');
    expect(textarea.value).toBe('new text');
  });

  it('finds the field inside the configured element and refuses a disabled one', () => {
    const wrapper = document.createElement('div');
    const input = document.createElement('input');
    input.disabled = true;
    wrapper.append(input);
    composer(wrapper);
    expect(insertIntoReplyBox(wrapper, 'x')).toEqual({ ok: false, reason: 'the reply box is disabled' });
    const empty = document.createElement('div');
    expect(insertIntoReplyBox(empty, 'x')).toEqual({ ok: false, reason: 'no text field or editor inside the reply box' });
  });

  it('appends to a contenteditable editor inside its last paragraph, as plain text, with beforeinput and input', () => {
    const editor = document.createElement('div');
    editor.contentEditable = 'true';
    const paragraph = document.createElement('p');
    paragraph.textContent = 'Draft';
    editor.append(paragraph);
    const { send } = composer(editor);
    const seen: string[] = [];
    editor.addEventListener('beforeinput', (event) => seen.push(`beforeinput:${(event as InputEvent).data}`));
    editor.addEventListener('input', (event) => seen.push(`input:${(event as InputEvent).inputType}`));

    const result = insertIntoReplyBox(editor, '<b>not bold</b>\nsecond line');
    expect(result.ok).toBe(true);
    expect(editor.children).toHaveLength(1);
    expect(paragraph.textContent).toBe('Draft <b>not bold</b>second line');
    expect(paragraph.querySelector('b')).toBeNull();
    expect(paragraph.querySelectorAll('br')).toHaveLength(1);
    expect(seen).toEqual(['beforeinput: <b>not bold</b>\nsecond line', 'input:insertText']);
    expect(send).not.toHaveBeenCalled();
  });

  it('leaves the insertion to an editor that handles beforeinput itself', () => {
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    composer(editor);
    editor.addEventListener('beforeinput', (event) => {
      event.preventDefault();
      editor.textContent = `[model] ${(event as InputEvent).data}`;
    });
    const input = vi.fn();
    editor.addEventListener('input', input);
    expect(insertIntoReplyBox(editor, 'hello')).toEqual({ ok: true, method: 'editor' });
    expect(editor.textContent).toBe('[model] hello');
    expect(input).not.toHaveBeenCalled();
  });

  it('replaces the content of a contenteditable editor', () => {
    const editor = document.createElement('div');
    editor.contentEditable = 'true';
    editor.append(document.createElement('p'), document.createElement('p'));
    editor.firstElementChild!.textContent = 'one';
    composer(editor);
    insertIntoReplyBox(editor, 'fresh', 'replace');
    expect(editor.textContent).toBe('fresh');
    expect(editor.querySelectorAll('p')).toHaveLength(1);
  });

  it('uses the browser insertText command when it works', () => {
    const textarea = document.createElement('textarea');
    composer(textarea);
    const command = vi.fn((_name: string, _ui: boolean, text: string) => {
      textarea.value += text;
      return true;
    });
    Object.defineProperty(document, 'execCommand', { configurable: true, value: command });
    try {
      expect(insertIntoReplyBox(textarea, 'via command')).toEqual({ ok: true, method: 'command' });
      expect(command).toHaveBeenCalledWith('insertText', false, 'via command');
      expect(textarea.value).toBe('via command');
    } finally {
      delete (document as { execCommand?: unknown }).execCommand;
    }
  });
});

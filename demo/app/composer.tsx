// The demo desk's rich reply box: a contenteditable editor with bold/italic, Enter to send, Shift+Enter for a line.
// It sends its own state (editor-state.ts), which follows input events only after a pause, like real rich editors.
import { useEffect, useRef, useState } from 'preact/hooks';
import { EditorState } from './editor-state.ts';

export function Composer(props: { onSend: (text: string) => Promise<unknown> }) {
  const editor = useRef<HTMLDivElement>(null);
  const state = useRef<EditorState | null>(null);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!editor.current) return;
    const current = new EditorState(editor.current, setDraft);
    state.current = current;
    return () => current.dispose();
  }, []);

  const send = async () => {
    const text = state.current?.text.trim() ?? '';
    if (!text || sending) return;
    setSending(true);
    setError('');
    try {
      await props.onSend(text);
      state.current?.clear();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSending(false);
    }
  };

  const format = (command: 'bold' | 'italic') => {
    editor.current?.focus();
    document.execCommand(command);
  };

  return (
    <div class="hd-composer">
      <div class="hd-composer__toolbar" role="toolbar">
        <button type="button" title="Bold" onMouseDown={(event) => event.preventDefault()} onClick={() => format('bold')}>
          <b>B</b>
        </button>
        <button type="button" title="Italic" onMouseDown={(event) => event.preventDefault()} onClick={() => format('italic')}>
          <i>I</i>
        </button>
        <span class="hd-composer__hint">Enter to send · Shift+Enter for a new line</span>
      </div>
      <div
        ref={editor}
        class="hd-composer__editor"
        contentEditable
        role="textbox"
        aria-multiline="true"
        aria-label="Reply"
        data-placeholder="Write a reply…"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            void send();
          }
        }}
      />
      <div class="hd-composer__footer">
        {error && <span class="hd-composer__error">{error}</span>}
        <button type="button" class="hd-composer__send" disabled={!draft.trim() || sending} onClick={() => void send()}>
          Send
        </button>
      </div>
    </div>
  );
}

import { useRef } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import Placeholder from '@tiptap/extension-placeholder';
import { newContentId } from '../../compose/html.js';
import { useTranslation } from 'react-i18next';
import { SignatureBlock } from './signatureNode.js';

/**
 * TipTap (ProseMirror underneath): a schema-based editor, so whatever is
 * pasted or prefilled is reduced to the nodes it models and the HTML it
 * produces is clean; it runs under script-src 'self' without eval.
 * Images keep a data-content-id so html.ts can turn them into cid: references.
 */
const InlineImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      contentId: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute('data-content-id'),
        renderHTML: (attrs: { contentId?: string | null }) => (attrs.contentId ? { 'data-content-id': attrs.contentId } : {}),
      },
    };
  },
});

interface Props {
  initialHtml: string;
  onChange: (html: string) => void;
  /** Pasted image files: each gets an upload with this contentId. Without it (a signature), pasted files are ignored. */
  onPasteImage?: (file: File, contentId: string) => void;
  /** The editor's accessible name and placeholder (another use than a message body: a signature). */
  label?: string;
  placeholder?: string;
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function BodyEditor({ initialHtml, onChange, onPasteImage, label, placeholder }: Props) {
  const { t } = useTranslation('compose');
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onPasteRef = useRef(onPasteImage);
  onPasteRef.current = onPasteImage;
  const editorRef = useRef<Editor | null>(null);

  const editor = useEditor({
    extensions: [
      StarterKit.configure({ link: { openOnClick: false, autolink: true } }),
      InlineImage.configure({ inline: false, allowBase64: true }),
      SignatureBlock,
      Placeholder.configure({ placeholder: placeholder ?? t('editor.placeholder') }),
    ],
    content: initialHtml,
    // The formatting buttons show aria-pressed from the selection, so they follow each transaction.
    shouldRerenderOnTransaction: true,
    onUpdate: ({ editor: e }) => onChangeRef.current(e.getHTML()),
    editorProps: {
      attributes: { 'aria-label': label ?? t('editor.body'), role: 'textbox', 'aria-multiline': 'true', class: 'editor-body' },
      handlePaste: (_view, event) => {
        const images = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
        if (images.length === 0) return false;
        event.preventDefault();
        if (!onPasteRef.current) return true;
        for (const file of images) {
          const contentId = newContentId();
          onPasteRef.current(file, contentId);
          // Shown as data: (the CSP refuses blob: images); sent as cid: (html.ts).
          void readAsDataUrl(file).then((src) =>
            editorRef.current?.chain().focus().insertContent({ type: 'image', attrs: { src, alt: file.name || 'image', contentId } }).run(),
          );
        }
        return true;
      },
    },
  });
  editorRef.current = editor;

  return (
    <div className="editor">
      <EditorToolbar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  );
}

function EditorToolbar({ editor }: { editor: Editor | null }) {
  const { t } = useTranslation('compose');
  if (!editor) return null;
  const button = (label: string, active: boolean, run: () => void) => (
    <button type="button" aria-pressed={active} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      {label}
    </button>
  );
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('editor.formatting')}>
      {button(t('editor.bold'), editor.isActive('bold'), () => editor.chain().focus().toggleBold().run())}
      {button(t('editor.italic'), editor.isActive('italic'), () => editor.chain().focus().toggleItalic().run())}
      {button(t('editor.bullets'), editor.isActive('bulletList'), () => editor.chain().focus().toggleBulletList().run())}
      {button(t('editor.numbers'), editor.isActive('orderedList'), () => editor.chain().focus().toggleOrderedList().run())}
      {button(t('editor.quote'), editor.isActive('blockquote'), () => editor.chain().focus().toggleBlockquote().run())}
    </div>
  );
}

import { Node } from '@tiptap/react';
import { SIGNATURE_CLASS } from '../../compose/signature.js';

/**
 * The signature block as a node of the editor's schema, so it keeps its
 * class and id through editing (a plain <div> would be flattened into its
 * paragraphs) and compose can replace it when the sender identity changes
 * (client/src/compose/signature.ts). Only the id is kept as an attribute.
 */
export const SignatureBlock = Node.create({
  name: 'signature',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (el: HTMLElement) => (/^[\w-]{1,80}$/.test(el.id) ? el.id : null),
        renderHTML: (attrs: { id?: string | null }) => (attrs.id ? { id: attrs.id } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: `div.${SIGNATURE_CLASS}` }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', { ...HTMLAttributes, class: SIGNATURE_CLASS }, 0];
  },
});

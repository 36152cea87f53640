/**
 * Reads a message's MIME tree (IMAP BODYSTRUCTURE, RFC 3501 §7.4.2, as parsed
 * by imapflow) into what the reader needs: which part is the HTML body, which
 * the plain-text body, and which parts are attachments (with their part ids,
 * so each can be streamed on its own). Pure: no IMAP here.
 */

/** The subset of imapflow's MessageStructureObject this module reads. */
export interface StructureNode {
  part?: string | undefined;
  type: string;
  parameters?: Record<string, string> | undefined;
  id?: string | undefined;
  encoding?: string | undefined;
  size?: number | undefined;
  disposition?: string | undefined;
  dispositionParameters?: Record<string, string> | undefined;
  childNodes?: StructureNode[] | undefined;
}

export interface BodyPartRef {
  partId: string;
  charset: string | null;
  size: number;
}

export interface AttachmentRef {
  partId: string;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
}

export interface MessageParts {
  html: BodyPartRef | null;
  text: BodyPartRef | null;
  attachments: AttachmentRef[];
  /**
   * The server could not make sense of the MIME tree: a multipart whose parts
   * are all empty is what Dovecot reports when the declared boundary never
   * occurs. The raw source then deserves the lenient parser.
   */
  suspect: boolean;
}

/** A single-part message's body is part "1" (RFC 3501 §6.4.5). */
function partIdOf(node: StructureNode): string {
  return node.part ?? '1';
}

function filenameOf(node: StructureNode): string | null {
  const name = node.dispositionParameters?.filename ?? node.parameters?.name;
  return name && name.trim() ? name.trim() : null;
}

function contentIdOf(node: StructureNode): string | null {
  return node.id ? node.id.replace(/^<|>$/g, '').trim() || null : null;
}

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': 'eml',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
};

/** Removes path separators and control characters: the name is shown and offered as a download name. */
export function safeFilename(name: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point: a download name must not keep them
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+/, '').trim();
  return cleaned.slice(0, 200) || 'attachment';
}

function toAttachment(node: StructureNode, inlineHint: boolean): AttachmentRef {
  const type = node.type.toLowerCase();
  const partId = partIdOf(node);
  const named = filenameOf(node);
  const fallback = `part-${partId}.${EXTENSIONS[type] ?? 'bin'}`;
  return {
    partId,
    filename: safeFilename(named ?? fallback),
    contentType: type,
    size: node.size ?? 0,
    contentId: contentIdOf(node),
    inline: inlineHint || node.disposition?.toLowerCase() === 'inline',
  };
}

function isAttachmentDisposition(node: StructureNode): boolean {
  return node.disposition?.toLowerCase() === 'attachment';
}

function bodyRef(node: StructureNode): BodyPartRef {
  return { partId: partIdOf(node), charset: node.parameters?.charset ?? null, size: node.size ?? 0 };
}

/**
 * Walks the tree the way mail clients agree on: in multipart/alternative the
 * last HTML and last plain alternative win (RFC 2046 §5.1.4: later is richer);
 * in multipart/related the root is the body and the rest are inline resources;
 * in multipart/mixed the first displayable text parts are the body and the rest
 * are attachments. A message/rfc822 part is an attachment (an .eml), never
 * descended into for the body.
 */
export function analyseStructure(root: StructureNode | null | undefined): MessageParts {
  const out: MessageParts = { html: null, text: null, attachments: [], suspect: !root };
  if (!root) return out;
  if (root.type.toLowerCase().startsWith('multipart/')) out.suspect = leaves(root).every((leaf) => !leaf.size);

  const visit = (node: StructureNode, inRelated: boolean): void => {
    const type = node.type.toLowerCase();
    const children = node.childNodes ?? [];

    if (type === 'multipart/alternative') {
      // Pick one branch per kind; other branches' resources still count as attachments.
      let html: StructureNode | null = null;
      let text: StructureNode | null = null;
      const rest: StructureNode[] = [];
      for (const child of children) {
        const ct = child.type.toLowerCase();
        if (ct === 'text/html' && !isAttachmentDisposition(child)) html = child;
        else if (ct === 'text/plain' && !isAttachmentDisposition(child)) text = child;
        else rest.push(child);
      }
      if (html && !out.html) out.html = bodyRef(html);
      if (text && !out.text) out.text = bodyRef(text);
      for (const child of rest) visit(child, inRelated);
      return;
    }

    if (type === 'multipart/related') {
      const startId = node.parameters?.start?.replace(/^<|>$/g, '');
      const rootIndex = Math.max(0, startId ? children.findIndex((c) => contentIdOf(c) === startId) : 0);
      children.forEach((child, i) => (i === rootIndex ? visit(child, false) : visit(child, true)));
      return;
    }

    if (type.startsWith('multipart/')) {
      for (const child of children) visit(child, inRelated);
      return;
    }

    const displayable = (type === 'text/html' || type === 'text/plain') && !isAttachmentDisposition(node) && !filenameOf(node);
    if (displayable && !inRelated) {
      if (type === 'text/html' && !out.html) return void (out.html = bodyRef(node));
      if (type === 'text/plain' && !out.text && !out.html) return void (out.text = bodyRef(node));
    }
    out.attachments.push(toAttachment(node, inRelated));
  };

  visit(root, false);
  return out;
}

function leaves(node: StructureNode): StructureNode[] {
  return node.childNodes?.length ? node.childNodes.flatMap(leaves) : [node];
}

/** Whether the list should show a paperclip: a part a person would call an attachment (not inline images of an HTML body). */
export function hasAttachments(root: StructureNode | null | undefined): boolean {
  return analyseStructure(root).attachments.some((a) => !(a.inline && a.contentId));
}

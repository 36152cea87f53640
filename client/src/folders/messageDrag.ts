import { z } from 'zod';

/**
 * Dragging messages onto folders (HTML5 drag and drop). The payload travels
 * under our own media type, so a drop of text or files from elsewhere is
 * never taken for messages, and is parsed like any input before use.
 */
export const MESSAGE_DRAG_TYPE = 'application/x-webmail-messages+json';

const messageDragSchema = z.object({
  mailbox: z.string().min(1).max(1000),
  uids: z.array(z.number().int().positive().max(0xffffffff)).min(1),
});
export type MessageDrag = z.infer<typeof messageDragSchema>;

/**
 * The drag under way in this tab. During dragover the browser hides the
 * payload (only its types are readable, HTML Living Standard "protected
 * mode"), so the source folder, which is no drop target, is known from here.
 */
let active: MessageDrag | null = null;

export function startMessageDrag(data: DataTransfer, drag: MessageDrag): void {
  data.setData(MESSAGE_DRAG_TYPE, JSON.stringify(drag));
  data.effectAllowed = 'move';
  active = drag;
}

export function endMessageDrag(): void {
  active = null;
}

export function activeMessageDrag(): MessageDrag | null {
  return active;
}

/** Whether a drag carries messages (readable during dragover). */
export function carriesMessages(data: DataTransfer | null): boolean {
  return data !== null && Array.from(data.types).includes(MESSAGE_DRAG_TYPE);
}

/** The payload of a drop, or null when it is not ours or not well formed. */
export function readMessageDrag(data: DataTransfer | null): MessageDrag | null {
  const raw = data?.getData(MESSAGE_DRAG_TYPE);
  if (!raw) return null;
  try {
    const parsed = messageDragSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { isBlockedAttachmentName, type DraftAttachment } from '../../../shared/compose.js';
import { describeError, ERROR_SENTENCES } from '../errors.js';
import { isAbort } from '../api/http.js';
import { deleteUpload, uploadTransport } from '../state/queries/uploads.js';
import { uploadFile } from './uploader.js';

export interface AttachmentItem {
  key: string;
  filename: string;
  size: number;
  contentType: string;
  /** Set for images pasted into the body. */
  contentId: string | null;
  received: number;
  state: 'uploading' | 'done' | 'failed' | 'refused';
  uploadId: string | null;
  /** The sentence shown when failed or refused. */
  error: string | null;
  /** Mail servers often bounce this type: suggest zipping it. */
  blocked: boolean;
}

let counter = 0;

function fromDraft(a: DraftAttachment): AttachmentItem {
  return {
    key: `a${++counter}`, filename: a.filename, size: a.size, contentType: a.contentType, contentId: a.contentId,
    received: a.size, state: 'done', uploadId: a.uploadId, error: null, blocked: isBlockedAttachmentName(a.filename),
  };
}

/**
 * The compose window's attachments: refuses files over the budget before any
 * byte is sent, uploads the rest in resumable chunks, and lists only finished
 * uploads in the draft.
 */
export function useAttachments(initial: DraftAttachment[], limits: { maxAttachmentBytes: number; uploadChunkBytes: number } | undefined) {
  const [items, setItems] = useState<AttachmentItem[]>(() => initial.map(fromDraft));
  const controllers = useRef(new Map<string, AbortController>());
  const itemsRef = useRef(items);
  itemsRef.current = items;

  // Leaving the compose window stops uploads still running (their server side expires).
  useEffect(() => {
    const map = controllers.current;
    return () => map.forEach((c) => c.abort());
  }, []);

  const update = (key: string, patch: Partial<AttachmentItem>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  const add = useCallback(
    (files: File[], contentId: string | null = null) => {
      const budget = limits?.maxAttachmentBytes ?? Infinity;
      let used = itemsRef.current.filter((i) => i.state === 'uploading' || i.state === 'done').reduce((n, i) => n + i.size, 0);
      const added: AttachmentItem[] = [];
      for (const file of files) {
        const item: AttachmentItem = {
          key: `a${++counter}`, filename: file.name || 'image.png', size: file.size, contentType: file.type || 'application/octet-stream',
          contentId, received: 0, state: 'uploading', uploadId: null, error: null, blocked: isBlockedAttachmentName(file.name),
        };
        if (used + file.size > budget) {
          added.push({ ...item, state: 'refused', error: ERROR_SENTENCES.MESSAGE_TOO_LARGE });
          continue;
        }
        used += file.size;
        added.push(item);
        const controller = new AbortController();
        controllers.current.set(item.key, controller);
        void uploadFile(file, {
          transport: uploadTransport,
          chunkBytes: limits?.uploadChunkBytes ?? 1024 * 1024,
          signal: controller.signal,
          onCreated: (uploadId) => update(item.key, { uploadId }),
          onProgress: (received) => update(item.key, { received }),
        })
          .then((status) => update(item.key, { state: 'done', received: status.size, uploadId: status.uploadId, contentType: status.contentType || item.contentType, filename: status.filename || item.filename }))
          .catch((err: unknown) => {
            if (!controller.signal.aborted && !isAbort(err)) update(item.key, { state: 'failed', error: describeError(err) });
          })
          .finally(() => controllers.current.delete(item.key));
      }
      setItems((list) => [...list, ...added]);
      return added;
    },
    [limits],
  );

  const remove = useCallback((key: string) => {
    const item = itemsRef.current.find((i) => i.key === key);
    controllers.current.get(key)?.abort();
    if (item?.uploadId && item.state !== 'done') deleteUpload(item.uploadId);
    setItems((list) => list.filter((i) => i.key !== key));
  }, []);

  const attachments: DraftAttachment[] = items
    .filter((i): i is AttachmentItem & { uploadId: string } => i.state === 'done' && i.uploadId !== null)
    .map((i) => ({ uploadId: i.uploadId, filename: i.filename, contentType: i.contentType, size: i.size, contentId: i.contentId }));

  return { items, attachments, add, remove, uploading: items.some((i) => i.state === 'uploading'), failed: items.some((i) => i.state === 'failed') };
}

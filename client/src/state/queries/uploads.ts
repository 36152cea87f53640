import { COMPOSE_API, uploadStatusSchema } from '../../../../shared/compose.js';
import { apiRequest } from '../../api/http.js';
import { rawRequest } from '../../api/raw.js';
import type { UploadTransport } from '../../compose/uploader.js';

/** The uploads endpoints, as the uploader's transport. Not cached: uploads are one-off work, not server state. */
export const uploadTransport: UploadTransport = {
  create: (meta, signal) => apiRequest(COMPOSE_API.uploads, uploadStatusSchema, { method: 'POST', body: meta, signal }),
  putChunk: (uploadId, offset, chunk, signal) =>
    rawRequest(COMPOSE_API.upload(uploadId), uploadStatusSchema, {
      method: 'PUT',
      body: chunk,
      headers: { 'upload-offset': String(offset) },
      signal,
    }),
  status: (uploadId, signal) => apiRequest(COMPOSE_API.upload(uploadId), uploadStatusSchema, { signal }),
};

/** Best effort: an upload left behind is swept by the server's expiry anyway. */
export function deleteUpload(uploadId: string): void {
  void apiRequest(COMPOSE_API.upload(uploadId), null, { method: 'DELETE' }).catch(() => undefined);
}

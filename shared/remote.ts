import { z } from 'zod';

/**
 * The remote-content contract (issue 6 part 5): the image proxy's URL, and
 * the per-user list of senders whose images load without asking.
 */
export const REMOTE_API = {
  /** GET ?url=<http(s) URL>: the image, fetched by the server; answers an image or a coded error. */
  image: '/api/remote-image',
  /** GET the list; PUT {address} adds one; DELETE ?address= removes one. */
  senders: '/api/remote-senders',
} as const;

/** What the browser may ask the proxy for: long tracker URLs exist, but not this long. */
export const REMOTE_URL_MAX = 4096;
export const REMOTE_SENDERS_MAX = 1000;

export const remoteImageQuerySchema = z.object({
  url: z.string().min(1).max(REMOTE_URL_MAX).regex(/^https?:\/\//i, 'an http or https URL'),
});

/** Sender addresses are compared in lower case: that is how mail programs show them alike. */
export const senderAddressSchema = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an email address')
  .transform((a) => a.toLowerCase());

export const remoteSenderRequestSchema = z.object({ address: senderAddressSchema });
export type RemoteSenderRequest = z.input<typeof remoteSenderRequestSchema>;

export const remoteSendersSchema = z.object({ senders: z.array(z.string()) });
export type RemoteSenders = z.infer<typeof remoteSendersSchema>;

/** The proxy URL for a remote image URL, relative to the webmail's origin. */
export function remoteImagePath(url: string): string {
  return `${REMOTE_API.image}?url=${encodeURIComponent(url)}`;
}

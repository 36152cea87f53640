import { z } from 'zod';
import { PAGE_SIZE_MAX } from './mail.js';

/**
 * A user's preferences (issue 7 part 3), stored per user on the server
 * (server/store), so they follow the user from browser to browser. Every
 * field has a default: a user who never opened the settings gets these, and
 * a stored document missing a newer field is completed from here.
 */

export const THEMES = ['system', 'light', 'dark'] as const;
export const QUOTE_STYLES = ['top', 'bottom'] as const;
export const REMOTE_CONTENT_POLICIES = ['ask', 'trusted', 'always'] as const;
export const DATE_FORMATS = ['auto', 'iso', 'dmy', 'mdy'] as const;
export type Theme = (typeof THEMES)[number];
export type QuoteStyle = (typeof QUOTE_STYLES)[number];
export type RemoteContentPolicy = (typeof REMOTE_CONTENT_POLICIES)[number];
export type DateFormat = (typeof DATE_FORMATS)[number];

export const settingsSchema = z.object({
  pageSize: z.number().int().min(10).max(PAGE_SIZE_MAX).default(50),
  /** The thread view of the message list (issue 5 part 1). */
  conversationView: z.boolean().default(false),
  /** Show the HTML part when a message has both. */
  preferHtml: z.boolean().default(true),
  /** ask: a "Load images" bar; trusted: load for senders on the list; always: load all (through the proxy). */
  remoteContent: z.enum(REMOTE_CONTENT_POLICIES).default('trusted'),
  /** Where replies put the cursor relative to the quoted original. */
  quoteStyle: z.enum(QUOTE_STYLES).default('top'),
  /** An IANA zone ("Europe/Paris"), or "" for the browser's own. */
  timeZone: z.string().max(64).default(''),
  dateFormat: z.enum(DATE_FORMATS).default('auto'),
  /** "" follows the browser's language. */
  language: z.enum(['', 'en', 'fr']).default(''),
  theme: z.enum(THEMES).default('system'),
  keyboardShortcuts: z.boolean().default(true),
  /**
   * Seconds a sent message waits in the outbox so it can be undone; 0 sends at
   * once. Same range as the admin's WEBMAIL_UNDO_SEND_SECONDS, which is the
   * default of a user who never chose (the server's GET answers with it).
   */
  undoSendSeconds: z.number().int().min(0).max(120).default(10),
  /** Seconds between draft autosaves while typing. */
  autosaveSeconds: z.number().int().min(2).max(300).default(3),
  /** Add the recipients of sent mail to the address book. */
  collectRecipients: z.boolean().default(true),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

type PatchShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K]> };

/**
 * The fields without their defaults, each optional. (`.partial()` would keep
 * the defaults, and zod fills an absent key with its default: a PATCH of one
 * field would silently reset all the others.)
 */
function patchShape<T extends z.ZodRawShape>(shape: T): PatchShape<T> {
  const out: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape) as Array<[string, z.ZodType]>) {
    out[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field).optional();
  }
  return out as PatchShape<T>;
}

/** PATCH body: any subset, unknown keys refused; the answer is the whole document. */
export const settingsPatchSchema = z.object(patchShape(settingsSchema.shape)).strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const SETTINGS_API = { settings: '/api/settings' } as const;

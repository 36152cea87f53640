/**
 * The few words the server writes into a reply or forward body, in the
 * language of the person writing (their UI language, sent with the prefill
 * request): the attribution line above a quote and the forwarded header block.
 */
export const QUOTE_LANGUAGES = ['en', 'fr'] as const;
export type QuoteLanguage = (typeof QUOTE_LANGUAGES)[number];

export interface QuotePhrases {
  locale: string;
  /** "On <date>, <who> wrote:" */
  wrote: (date: string, who: string) => string;
  someone: string;
  forwarded: string;
  from: string;
  date: string;
  subject: string;
  to: string;
}

export const QUOTE_PHRASES: Record<QuoteLanguage, QuotePhrases> = {
  en: {
    locale: 'en-GB',
    wrote: (date, who) => `On ${date}, ${who} wrote:`,
    someone: 'someone',
    forwarded: '---------- Forwarded message ----------',
    from: 'From',
    date: 'Date',
    subject: 'Subject',
    to: 'To',
  },
  fr: {
    locale: 'fr-FR',
    // French typography: a no-break space before the colon.
    wrote: (date, who) => `Le ${date}, ${who} a écrit\u00a0:`,
    someone: 'quelqu’un',
    forwarded: '---------- Message transféré ----------',
    from: 'De',
    date: 'Date',
    subject: 'Objet',
    to: 'À',
  },
};

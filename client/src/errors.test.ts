import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.js';
import { CLIENT_ERROR_CODES, ERROR_SENTENCES, describeError } from './errors.js';
import { ApiRequestError } from './api/http.js';

describe('error sentences', () => {
  it('has a sentence for every code in the shared registry and every client code', () => {
    for (const code of [...ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      expect(ERROR_SENTENCES[code], code).toMatch(/^[A-Z].{10,}[.!]$/);
    }
    expect(Object.keys(ERROR_SENTENCES).sort()).toEqual([...ERROR_CODES, ...CLIENT_ERROR_CODES].sort());
  });

  it('describes API errors by code, never by their developer message', () => {
    const err = new ApiRequestError('IMAP_UNAVAILABLE', 503, 'connect ECONNREFUSED 10.0.0.1:993');
    expect(describeError(err)).toMatch(/^The mail server is not answering right now/);
    expect(describeError(err)).not.toContain('ECONNREFUSED');
  });

  it('tells how long to wait when rate limited', () => {
    expect(describeError(new ApiRequestError('RATE_LIMITED', 429, 'x', 30))).toContain('30 seconds');
    expect(describeError(new ApiRequestError('RATE_LIMITED', 429, 'x', 600))).toContain('10 minutes');
  });

  it('has a fallback for anything else', () => {
    expect(describeError(new Error('boom'))).toBe('Something went wrong. Please try again.');
  });
});

describe('error sentences in French', () => {
  it('follow the UI language', async () => {
    const { setLanguage } = await import('./i18n/index.js');
    await setLanguage('fr');
    try {
      expect(describeError(new ApiRequestError('MAILBOX_NOT_FOUND', 404, 'x'))).toBe('Ce dossier n’existe plus. Il a peut-être été renommé ou supprimé.');
      expect(describeError(new ApiRequestError('RATE_LIMITED', 429, 'x', 30))).toBe('Trop de tentatives en peu de temps. Réessayez dans 30 secondes.');
      expect(describeError(new Error('boom'))).toBe('Une erreur s’est produite. Veuillez réessayer.');
    } finally {
      await setLanguage('en');
    }
  });
});

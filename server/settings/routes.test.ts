import { describe, expect, it } from 'vitest';
import { isKnownTimeZone } from './routes.js';

describe('isKnownTimeZone', () => {
  it('accepts IANA zones and their aliases', () => {
    for (const zone of ['Europe/Paris', 'America/Argentina/Buenos_Aires', 'UTC', 'Asia/Kolkata', 'Europe/Kiev']) expect(isKnownTimeZone(zone)).toBe(true);
  });

  it('refuses what is not a zone', () => {
    for (const zone of ['Mars/Olympus_Mons', 'Europe/', '../etc/passwd', 'Paris']) expect(isKnownTimeZone(zone)).toBe(false);
  });
});

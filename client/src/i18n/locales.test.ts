import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every language has every key English has, and no stray ones: "English and French complete". */
const dir = join(import.meta.dirname, 'locales');

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function load(lang: string, ns: string): unknown {
  return JSON.parse(readFileSync(join(dir, lang, `${ns}.json`), 'utf8'));
}

const languages = readdirSync(dir);
const namespaces = readdirSync(join(dir, 'en')).map((f) => f.replace(/\.json$/, ''));

describe('locales', () => {
  it('has English and French', () => {
    expect(languages.sort()).toEqual(['en', 'fr']);
  });
  for (const lang of languages.filter((l) => l !== 'en')) {
    for (const ns of namespaces) {
      it(`${lang}/${ns} has exactly the keys of en/${ns}`, () => {
        const en = keys(load('en', ns)).sort();
        const other = keys(load(lang, ns)).sort();
        expect(other).toEqual(en);
      });
      it(`${lang}/${ns} has no empty translation`, () => {
        const flat = keys(load(lang, ns));
        const obj = load(lang, ns) as Record<string, unknown>;
        const get = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
        expect(flat.filter((k) => typeof get(k) !== 'string' || (get(k) as string).trim() === '')).toEqual([]);
      });
    }
  }
});

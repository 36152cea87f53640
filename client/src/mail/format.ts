import type { Address } from '../../../shared/mail.js';
import type { DateFormat } from '../../../shared/settings.js';
import { i18n } from '../i18n/index.js';

/**
 * How dates are written (the user's settings): in which time zone, in which
 * order, in which language. `auto` is the locale's own way ("14 juin",
 * "Jun 14"); the others are fixed orders people ask for by name.
 */
export interface DateStyle {
  /** An IANA zone; empty or undefined is the browser's own. */
  timeZone?: string | undefined;
  dateFormat?: DateFormat | undefined;
  /** A BCP 47 tag; undefined is the browser's. */
  locale?: string | undefined;
}

const zoneChecks = new Map<string, boolean>();

/** A zone Intl knows, else undefined (the browser's zone): a stored zone its ICU lacks must not break the list. */
function usableZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  let ok = zoneChecks.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    zoneChecks.set(zone, ok);
  }
  return ok ? zone : undefined;
}

interface Parts {
  year: string;
  month: string;
  day: string;
}

/** Year, month and day as the calendar shows them in `timeZone` (two digits for month and day). */
function calendarDay(date: Date, timeZone: string | undefined): Parts {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: get('year'), month: get('month'), day: get('day') };
}

function time(date: Date, style: DateStyle, timeZone: string | undefined): string {
  // ISO 8601 times are 24-hour; the other formats keep the locale's clock (9:05 AM in the US).
  const hourCycle = style.dateFormat === 'iso' ? { hourCycle: 'h23' as const } : {};
  return new Intl.DateTimeFormat(style.locale, { hour: '2-digit', minute: '2-digit', timeZone, ...hourCycle }).format(date);
}

/** The day in a fixed order; `withYear` false drops the year (dmy, mdy only: an ISO date is always whole). */
function fixedDay(d: Parts, format: Exclude<DateFormat, 'auto'>, withYear: boolean): string {
  if (format === 'iso') return `${d.year}-${d.month}-${d.day}`;
  const dayMonth = format === 'dmy' ? `${d.day}/${d.month}` : `${d.month}/${d.day}`;
  return withYear ? `${dayMonth}/${d.year}` : dayMonth;
}

function validDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** List dates: today → time, this year → day and month, older → full date; "today" is the user's day, in their zone. */
export function formatListDate(iso: string, now: Date = new Date(), style: DateStyle = {}): string {
  const date = validDate(iso);
  if (!date) return '';
  const timeZone = usableZone(style.timeZone);
  const day = calendarDay(date, timeZone);
  const today = calendarDay(now, timeZone);
  if (day.year === today.year && day.month === today.month && day.day === today.day) return time(date, style, timeZone);
  const sameYear = day.year === today.year;
  const format = style.dateFormat ?? 'auto';
  if (format !== 'auto') return fixedDay(day, format, !sameYear);
  const options: Intl.DateTimeFormatOptions = sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(style.locale, { ...options, timeZone }).format(date);
}

/** The reader's date: weekday, full date and time, in the user's zone and format. */
export function formatFullDate(iso: string, style: DateStyle = {}): string {
  const date = validDate(iso);
  if (!date) return '';
  const timeZone = usableZone(style.timeZone);
  const format = style.dateFormat ?? 'auto';
  if (format === 'auto') return new Intl.DateTimeFormat(style.locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(date);
  const clock = time(date, style, timeZone);
  if (format === 'iso') return `${fixedDay(calendarDay(date, timeZone), 'iso', true)} ${clock}`;
  const weekday = new Intl.DateTimeFormat(style.locale, { weekday: 'short', timeZone }).format(date);
  return `${weekday} ${fixedDay(calendarDay(date, timeZone), format, true)} ${clock}`;
}

const SIZE_UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * Sizes in the units people read, in the UI language: 512 B, 2.4 KB, 13 MB in
 * English, 2,4 Ko in French (1 KB = 1024 B, as file managers show).
 */
export function formatSize(bytes: number, language: string = i18n.language): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const say = (unit: string, value: string) => i18n.t(`size.${unit}`, { ns: 'mail', lng: language, value });
  if (bytes < 1024) return say('B', String(bytes));
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // One decimal below 10, none above; rounded first, so only the decimal mark follows the language.
  const digits = value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(Number(value.toFixed(digits)));
  return say(SIZE_UNITS[unit]!, number);
}

/** "Name" when there is one, else the address. */
export function displayName(address: Address | null): string {
  if (!address) return i18n.t('noSender', { ns: 'mail' });
  return address.name.trim() || address.address;
}

/** "Name <address>" for the reader's header. */
export function fullAddress(address: Address): string {
  const name = address.name.trim();
  return name && name !== address.address ? `${name} <${address.address}>` : address.address;
}

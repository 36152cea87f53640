import type { Address } from '../../shared/mail.js';

/** imapflow's envelope address shape. */
export interface EnvelopeAddress {
  name?: string | undefined;
  address?: string | undefined;
}

export function toAddress(a: EnvelopeAddress | undefined): Address | null {
  if (!a || (!a.address && !a.name)) return null;
  return { name: (a.name ?? '').trim(), address: (a.address ?? '').trim() };
}

export function toAddresses(list: EnvelopeAddress[] | undefined): Address[] {
  return (list ?? []).map(toAddress).filter((a): a is Address => a !== null);
}

/** The Date header when it is a real date, else the arrival time (INTERNALDATE), else the epoch. */
export function messageDate(header: Date | string | undefined, internal: Date | string | undefined): string {
  for (const candidate of [header, internal]) {
    const date = candidate instanceof Date ? candidate : candidate ? new Date(candidate) : null;
    if (date && !Number.isNaN(date.getTime())) return date.toISOString();
  }
  return new Date(0).toISOString();
}

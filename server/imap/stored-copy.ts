import { AppError } from '../errors.js';

/** Where an APPEND put a message: the APPENDUID response code (UIDPLUS, RFC 4315 §3) names it. */
export interface StoredCopy {
  mailbox: string;
  uid: number;
  uidValidity: string;
}

/** A server without UIDPLUS stores the message but never says where, so the copy could never be replaced. */
export const noUidPlus = () => new AppError('IMAP_ERROR', 'The mail server stored the message without telling its UID (no UIDPLUS).');

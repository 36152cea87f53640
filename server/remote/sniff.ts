/**
 * Image types the proxy passes, recognised by their magic numbers (the
 * WHATWG MIME Sniffing §6.1 image patterns, plus AVIF's ISO-BMFF brand).
 * SVG is absent on purpose: it is an XML document that can carry script.
 */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'image/x-icon'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

function startsWith(buf: Buffer, bytes: readonly number[], at = 0): boolean {
  return buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** AVIF: an ISO-BMFF "ftyp" box whose major or a compatible brand is avif/avis. */
function isAvif(buf: Buffer): boolean {
  if (!startsWith(buf, ascii('ftyp'), 4)) return false;
  const boxSize = Math.min(buf.readUInt32BE(0), buf.length);
  for (let at = 8; at + 4 <= boxSize; at += 4) {
    if (at === 12) continue; // minor version, not a brand
    const brand = buf.toString('latin1', at, at + 4);
    if (brand === 'avif' || brand === 'avis') return true;
  }
  return false;
}

export function sniffImageType(head: Buffer): ImageType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBPVP'), 8)) return 'image/webp';
  if (head.length >= 12 && isAvif(head)) return 'image/avif';
  if (startsWith(head, ascii('BM')) && head.length >= 14) return 'image/bmp';
  if (startsWith(head, [0x00, 0x00, 0x01, 0x00]) || startsWith(head, [0x00, 0x00, 0x02, 0x00])) return 'image/x-icon';
  return null;
}

import { useMemo } from 'react';
import { linkify } from '../mail/linkify.js';

/** Plain text as text nodes (never innerHTML), with http(s) and mailto links as real elements. */
export function TextBody({ text }: { text: string }) {
  const segments = useMemo(() => linkify(text), [text]);
  return (
    <div className="text-body">
      {segments.map((s, i) =>
        s.kind === 'link' ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer">
            {s.text}
          </a>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </div>
  );
}

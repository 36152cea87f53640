import { useEffect, useState } from 'react';

/** Typed text, trimmed, once typing has paused for `ms`: so each keystroke does not cost a request. */
export function useSettledText(text: string, ms = 150): string {
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return settled;
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildSrcdoc } from '../mail/srcdoc.js';

/**
 * Shows sanitised HTML in an iframe that cannot run script (no allow-scripts)
 * and has its own CSP. allow-same-origin is there only so this component can
 * read the content height; with scripting off nothing inside can use it.
 * allow-popups lets links open in a new tab, outside the sandbox.
 */
export function HtmlBody({ html }: { html: string }) {
  const { t } = useTranslation('reader');
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(200);
  const srcDoc = useMemo(() => buildSrcdoc(html), [html]);

  const measure = useCallback(() => {
    const doc = frameRef.current?.contentDocument;
    if (!doc?.documentElement) return;
    // The root element's box is as tall as its content, whatever the frame's height.
    const h = Math.ceil(doc.documentElement.getBoundingClientRect().height);
    if (h > 0) setHeight(h + 2);
  }, []);

  // Text reflows when the frame gets narrower or wider.
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame || typeof ResizeObserver === 'undefined') return;
    let lastWidth = frame.clientWidth;
    const observer = new ResizeObserver(() => {
      if (frame.clientWidth === lastWidth) return;
      lastWidth = frame.clientWidth;
      measure();
    });
    observer.observe(frame);
    return () => observer.disconnect();
  }, [measure]);

  return (
    <iframe
      ref={frameRef}
      className="html-body"
      title={t('body')}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      style={{ height }}
      onLoad={measure}
    />
  );
}

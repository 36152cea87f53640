import { describe, expect, it } from 'vitest';
import { parseHeaderBlock, spamVerdict } from './headers.js';

describe('header blocks and spam verdicts', () => {
  it('unfolds continuation lines and lower-cases names', () => {
    const h = parseHeaderBlock(Buffer.from('X-Spam-Status: Yes, score=7.3\r\n required=5.0 tests=BAYES_99\r\nX-Spam-Flag: YES\r\n\r\n'));
    expect(h.get('x-spam-status')).toEqual(['Yes, score=7.3 required=5.0 tests=BAYES_99']);
    expect(h.get('x-spam-flag')).toEqual(['YES']);
  });

  it('reads SpamAssassin status and score', () => {
    expect(spamVerdict(parseHeaderBlock('X-Spam-Status: Yes, score=12.5 required=5.0'), 'Hi')).toEqual({ tagged: true, score: 12.5 });
    expect(spamVerdict(parseHeaderBlock('X-Spam-Status: No, score=-1.2 required=5.0'), 'Hi')).toEqual({ tagged: false, score: -1.2 });
    expect(spamVerdict(parseHeaderBlock('X-Spam-Flag: YES\r\nX-Spam-Score: 6.1'), 'Hi')).toEqual({ tagged: true, score: 6.1 });
  });

  it('recognises a [SPAM] subject tag, also behind Re:/Fwd:', () => {
    expect(spamVerdict(new Map(), '[SPAM] Cheap pills').tagged).toBe(true);
    expect(spamVerdict(new Map(), 'Re: [spam] offer').tagged).toBe(true);
    expect(spamVerdict(new Map(), 'About the [SPAM] folder').tagged).toBe(false);
    expect(spamVerdict(new Map(), 'Hello').tagged).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_DRAG_TYPE, activeMessageDrag, carriesMessages, endMessageDrag, readMessageDrag, startMessageDrag } from './messageDrag.js';

/** The part of the browser's DataTransfer these functions use. */
function transfer(initial: Record<string, string> = {}): DataTransfer {
  const data = new Map(Object.entries(initial));
  return {
    setData: (type: string, value: string) => void data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    get types() {
      return [...data.keys()];
    },
    effectAllowed: 'all',
    dropEffect: 'none',
  } as unknown as DataTransfer;
}

afterEach(endMessageDrag);

describe('message drag payload', () => {
  it('round-trips the mailbox and UIDs under its own type, and remembers the drag under way', () => {
    const dt = transfer();
    startMessageDrag(dt, { mailbox: 'Reçus/Été', uids: [7] });
    expect(carriesMessages(dt)).toBe(true);
    expect(dt.effectAllowed).toBe('move');
    expect(readMessageDrag(dt)).toEqual({ mailbox: 'Reçus/Été', uids: [7] });
    expect(activeMessageDrag()?.mailbox).toBe('Reçus/Été');
    endMessageDrag();
    expect(activeMessageDrag()).toBeNull();
  });

  it('ignores drags that are not messages, and malformed payloads', () => {
    expect(carriesMessages(transfer({ 'text/plain': 'hello' }))).toBe(false);
    expect(readMessageDrag(transfer({ 'text/plain': 'hello' }))).toBeNull();
    expect(readMessageDrag(transfer({ [MESSAGE_DRAG_TYPE]: '{not json' }))).toBeNull();
    expect(readMessageDrag(transfer({ [MESSAGE_DRAG_TYPE]: JSON.stringify({ mailbox: 'INBOX', uids: [] }) }))).toBeNull();
    expect(readMessageDrag(transfer({ [MESSAGE_DRAG_TYPE]: JSON.stringify({ mailbox: 'INBOX', uids: [-1] }) }))).toBeNull();
    expect(readMessageDrag(null)).toBeNull();
  });
});

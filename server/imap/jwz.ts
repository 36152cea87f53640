import { baseSubject, casemap } from './sort.js';
import { emptyThreads, type FlatThreads } from './thread-parse.js';

/**
 * Threading done here, for servers without THREAD: RFC 5256's REFERENCES
 * algorithm (§3, "THREAD=REFERENCES"), which is Jamie Zawinski's
 * (https://www.jwz.org/doc/threading.html) with the IMAP rules for ties.
 * Pure: the caller fetches what it reads.
 */

/** What threading reads of one message. */
export interface ThreadInput {
  uid: number;
  /** The Message-ID, angle brackets included; null when missing or invalid. */
  messageId: string | null;
  /** Message-IDs of References, oldest first; In-Reply-To's first ID when References has none (RFC 5256 §3). */
  references: string[];
  subject: string;
  /** The sent date in ms (Date header, else INTERNALDATE: RFC 5256 §2.2). */
  date: number;
}

interface Container {
  msg: ThreadInput | null;
  parent: Container | null;
  children: Container[];
}

const MESSAGE_ID = /<[^<>\s]+>/g;

/** The message IDs in a References or In-Reply-To value, in order. */
export function messageIds(header: string | null | undefined): string[] {
  return header ? (header.match(MESSAGE_ID) ?? []) : [];
}

/** RFC 5256 §3 "the message's references": References, else the first ID of In-Reply-To. */
export function referencesOf(references: string | null | undefined, inReplyTo: string | null | undefined): string[] {
  const refs = messageIds(references);
  if (refs.length > 0) return refs;
  const first = messageIds(inReplyTo)[0];
  return first ? [first] : [];
}

/** RFC 5256 §2.1: a subject is a reply or forward when a "Re:"/"Fwd:" prefix, "(fwd)" or "[fwd: …]" came off it. */
export function isReplyOrForward(subject: string): boolean {
  const s = subject.replace(/[\t\r\n ]+/g, ' ').trim();
  return /^(?:\[[^[\]]*\]\s*)*(?:re|fwd?)\s*(?:\[[^[\]]*\]\s*)*:/i.test(s) || /\(fwd\)\s*$/i.test(s) || /^\[fwd:/i.test(s);
}

function link(parent: Container, child: Container): void {
  if (child.parent) child.parent.children.splice(child.parent.children.indexOf(child), 1);
  child.parent = parent;
  parent.children.push(child);
}

/** Making `parent` the parent of `child` would close a loop (RFC 5256 §3 step 1.A). */
function wouldLoop(parent: Container, child: Container): boolean {
  // A container with nothing below it cannot be above its parent: the common case, answered at once.
  if (child.children.length === 0) return parent === child;
  for (let p: Container | null = parent; p; p = p.parent) if (p === child) return true;
  return false;
}

/** Step 1: containers linked by References, dummies for IDs no message here carries. */
function buildContainers(messages: readonly ThreadInput[]): Container[] {
  const byId = new Map<string, Container>();
  const all: Container[] = [];
  const containerFor = (id: string): Container => {
    let c = byId.get(id);
    if (!c) {
      c = { msg: null, parent: null, children: [] };
      byId.set(id, c);
      all.push(c);
    }
    return c;
  };
  for (const msg of [...messages].sort((a, b) => a.uid - b.uid)) {
    let own = msg.messageId ? byId.get(msg.messageId) : undefined;
    // A missing ID, or one an earlier message already carries, gets a container of its own (step 1.A).
    if (!msg.messageId || (own && own.msg)) {
      own = { msg, parent: null, children: [] };
      all.push(own);
    } else {
      own = containerFor(msg.messageId);
      own.msg = msg;
    }
    let prev: Container | null = null;
    for (const ref of msg.references) {
      const c = containerFor(ref);
      // An existing link is kept: References may have been truncated by a mail program.
      if (prev && !c.parent && !wouldLoop(prev, c)) link(prev, c);
      prev = c;
    }
    // Step 1.B: the last reference is the parent, replacing whatever 1.A guessed.
    if (own.parent) {
      own.parent.children.splice(own.parent.children.indexOf(own), 1);
      own.parent = null;
    }
    if (prev && !wouldLoop(prev, own)) link(prev, own);
  }
  return all.filter((c) => c.parent === null);
}

/** Every container below `roots`, children before parents: steps 3 and 6 work bottom up. */
function postOrder(roots: Container[]): Container[] {
  const out: Container[] = [];
  const stack: Array<[Container, boolean]> = roots.map((c) => [c, false]);
  while (stack.length > 0) {
    const [c, expanded] = stack.pop()!;
    if (expanded) out.push(c);
    else {
      stack.push([c, true]);
      for (const child of c.children) stack.push([child, false]);
    }
  }
  return out;
}

/**
 * Step 3: dummies without children go; a dummy's children take its place,
 * except at the top where a dummy with several children stays (their parent
 * is missing, but they belong together).
 */
function prune(roots: Container[]): Container[] {
  const top: Container = { msg: null, parent: null, children: roots };
  for (const c of roots) c.parent = top;
  for (const c of postOrder(roots)) {
    const parent = c.parent!;
    if (c.msg || (parent === top && c.children.length > 1)) continue;
    const at = parent.children.indexOf(c);
    for (const child of c.children) child.parent = parent;
    parent.children.splice(at, 1, ...c.children);
  }
  for (const c of top.children) c.parent = null;
  return top.children;
}

/** The date and place a container sorts by: its message, or a dummy's first child (§3 steps 4, 6). */
function sortKey(c: Container): ThreadInput | null {
  let x: Container | undefined = c;
  while (x && !x.msg) x = x.children[0];
  return x?.msg ?? null;
}

/** RFC 5256 §2.2: by sent date, ties by the mailbox order (UID order here). */
function byDate(a: Container, b: Container): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return (ka?.date ?? 0) - (kb?.date ?? 0) || (ka?.uid ?? 0) - (kb?.uid ?? 0);
}

/** Step 5: top-level threads whose base subjects match are gathered into one. */
function groupBySubject(roots: Container[]): Container[] {
  const subjectOf = (c: Container) => sortKey(c)?.subject ?? '';
  const keyOf = (c: Container) => casemap(baseSubject(subjectOf(c)));
  const reply = (c: Container) => isReplyOrForward(subjectOf(c));
  const table = new Map<string, Container>();
  for (const c of roots) {
    const key = keyOf(c);
    if (key === '') continue;
    const held = table.get(key);
    if (!held) table.set(key, c);
    else if (held.msg && (!c.msg || (reply(held) && !reply(c)))) table.set(key, c);
  }
  const out: Container[] = [];
  const adopt = (parent: Container, child: Container) => {
    child.parent = parent;
    parent.children.push(child);
  };
  for (const c of roots) {
    const key = keyOf(c);
    const held = key === '' ? undefined : table.get(key);
    if (!held || held === c) {
      out.push(c);
      continue;
    }
    if (!held.msg && !c.msg) {
      for (const child of c.children) adopt(held, child);
    } else if (!held.msg || (reply(c) && !reply(held))) {
      adopt(held, c);
    } else {
      // Neither is the other's reply: both go under a new dummy, which takes the held one's place.
      const dummy: Container = { msg: null, parent: null, children: [] };
      const at = out.indexOf(held);
      adopt(dummy, held);
      adopt(dummy, c);
      if (at >= 0) out[at] = dummy;
      else roots[roots.indexOf(held)] = dummy;
      table.set(key, dummy);
    }
  }
  return out;
}

/** Depth-first, as THREAD answers; a dummy's children stand at its depth. */
function flatten(roots: Container[], into: FlatThreads): void {
  for (const root of roots) {
    const start = into.uids.length;
    const stack: Array<[Container, number]> = [[root, 0]];
    while (stack.length > 0) {
      const [c, depth] = stack.pop()!;
      if (c.msg) {
        into.uids.push(c.msg.uid);
        into.depths.push(depth);
      }
      const below = c.msg ? depth + 1 : depth;
      for (let i = c.children.length - 1; i >= 0; i--) stack.push([c.children[i]!, below]);
    }
    if (into.uids.length > start) into.starts.push(start);
  }
}

export function jwzThreads(messages: readonly ThreadInput[]): FlatThreads {
  let roots = prune(buildContainers(messages));
  // Step 4: a dummy's children are sorted before the top level is, so its first child is its date.
  for (const c of roots) if (!c.msg) c.children.sort(byDate);
  roots.sort(byDate);
  roots = groupBySubject(roots);
  // Step 6: every set of siblings, the youngest generation first.
  for (const c of postOrder(roots)) c.children.sort(byDate);
  roots.sort(byDate);
  const out = emptyThreads();
  flatten(roots, out);
  return out;
}

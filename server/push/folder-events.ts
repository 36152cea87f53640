/**
 * Folder-list changes made through the API (created, renamed, moved,
 * deleted, subscribed, emptied), by account. The push hub turns each into a
 * `mailboxes:changed` event for every open tab of that account, which then
 * refetches its folder list: one LIST, only when something changed.
 */
export class FolderEvents {
  private readonly listeners = new Set<(address: string) => void>();

  changed(address: string): void {
    for (const listener of this.listeners) listener(address);
  }

  /** Returns the function that stops listening. */
  onChanged(listener: (address: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

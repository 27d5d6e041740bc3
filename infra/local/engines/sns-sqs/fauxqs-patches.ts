/**
 * Work-arounds for fauxqs defects that would lose messages. Each patch checks for the defect first,
 * so it switches itself off once fauxqs ships the fix.
 */

interface PersistenceManagerLike {
  db: { prepare(sql: string): { run(...params: unknown[]): unknown } }
  updateMessageReady(messageId: string): void
}

let applied: Promise<void> | undefined

/**
 * fauxqs 2.4.1: `ChangeMessageVisibility(VisibilityTimeout=0)` on a persistent engine writes NULL into
 * the NOT NULL `approximate_receive_count` column. The write throws after the message has already
 * left the in-flight set and before it rejoins the ready list, so the caller gets a 500 and the
 * message disappears until the next restart. The fix keeps the receive count and only clears the
 * in-flight columns.
 */
async function patchUpdateMessageReady(): Promise<void> {
  // The package exports only its entry point; a file URL beside it reaches the same module instance
  // that fauxqs itself loaded, so the patch applies to the running engine.
  const url = new URL('./persistence.js', import.meta.resolve('fauxqs'))
  const mod = (await import(url.href)) as { PersistenceManager?: { prototype: PersistenceManagerLike } }
  const proto = mod.PersistenceManager?.prototype
  if (!proto || !/run\(null, null, null, null/.test(String(proto.updateMessageReady))) return
  proto.updateMessageReady = function updateMessageReady(this: PersistenceManagerLike, messageId: string) {
    this.db
      .prepare(
        'UPDATE sqs_messages SET receipt_handle = NULL, visibility_deadline = NULL WHERE message_id = ?',
      )
      .run(messageId)
  }
}

/** Applies every patch once per process. */
export function applyFauxqsPatches(): Promise<void> {
  applied ??= patchUpdateMessageReady()
  return applied
}

/**
 * Work-arounds for fauxqs: a defect that would lose messages (the patch checks for the defect first,
 * so it switches itself off once fauxqs ships the fix), and a durability setting that made every
 * message operation wait for the disk.
 */

interface PersistenceManagerLike {
  db: { prepare(sql: string): { run(...params: unknown[]): unknown }; exec(sql: string): void }
  updateMessageReady(messageId: string): void
  prepareStatements(): unknown
}

type PersistenceProto = PersistenceManagerLike & { [synchronousPatched]?: true }

const synchronousPatched = Symbol('synchronousPatched')

/** The prototype of fauxqs's PersistenceManager, from the module instance fauxqs itself loaded. */
async function persistenceProto(): Promise<PersistenceProto | undefined> {
  // The package exports only its entry point; a file URL beside it reaches the same module instance
  // that fauxqs itself loaded, so the patch applies to the running engine.
  const url = new URL('./persistence.js', import.meta.resolve('fauxqs'))
  const mod = (await import(url.href)) as { PersistenceManager?: { prototype: PersistenceProto } }
  return mod.PersistenceManager?.prototype
}

/** What became of one patch: the code it replaces was found and patched, already fixed, or missing. */
export type PatchOutcome = 'applied' | 'not needed' | 'not found'

/** The outcome of each patch, so tests can tell a patch that applies from one that silently did not. */
export interface FauxqsPatchReport {
  updateMessageReady: PatchOutcome
  synchronousNormal: PatchOutcome
}

let applied: Promise<FauxqsPatchReport> | undefined

/**
 * fauxqs 2.4.1: `ChangeMessageVisibility(VisibilityTimeout=0)` on a persistent engine writes NULL into
 * the NOT NULL `approximate_receive_count` column. The write throws after the message has already
 * left the in-flight set and before it rejoins the ready list, so the caller gets a 500 and the
 * message disappears until the next restart. The fix keeps the receive count and only clears the
 * in-flight columns.
 */
async function patchUpdateMessageReady(): Promise<PatchOutcome> {
  const proto = await persistenceProto()
  if (typeof proto?.updateMessageReady !== 'function') return 'not found'
  if (!/run\(null, null, null, null/.test(String(proto.updateMessageReady))) return 'not needed'
  proto.updateMessageReady = function updateMessageReady(this: PersistenceManagerLike, messageId: string) {
    this.db
      .prepare(
        'UPDATE sqs_messages SET receipt_handle = NULL, visibility_deadline = NULL WHERE message_id = ?',
      )
      .run(messageId)
  }
  return 'applied'
}

/**
 * fauxqs opens its SQLite file in WAL mode with the default `synchronous = FULL`: every send, receive
 * and delete (each its own transaction) waits for an fsync, which capped the engine near 740
 * SNS→SQS messages/s on this project's bench machine. In WAL mode, `NORMAL` still writes each commit
 * to the log before answering, so a killed or crashed engine loses nothing (the restart tests kill
 * it mid-burst); only a power cut or OS crash could lose the last commits, which a local stack can
 * afford. Measured: ~1,140 messages/s.
 */
async function patchSynchronousNormal(): Promise<PatchOutcome> {
  const proto = await persistenceProto()
  if (typeof proto?.prepareStatements !== 'function') return 'not found'
  if (proto[synchronousPatched]) return 'applied'
  const prepareStatements = proto.prepareStatements
  // prepareStatements runs in the constructor right after the journal mode is set, before any write.
  proto.prepareStatements = function withSynchronousNormal(this: PersistenceManagerLike) {
    this.db.exec('PRAGMA synchronous = NORMAL')
    return prepareStatements.call(this)
  }
  proto[synchronousPatched] = true
  return 'applied'
}

/** Applies every patch once per process; resolves with what each patch did. */
export function applyFauxqsPatches(): Promise<FauxqsPatchReport> {
  applied ??= Promise.all([patchUpdateMessageReady(), patchSynchronousNormal()]).then(
    ([updateMessageReady, synchronousNormal]) => ({ updateMessageReady, synchronousNormal }),
  )
  return applied
}

/**
 * Appends to the PostgreSQL store, grouped: those asked for in one turn of
 * the event loop (by every room of the instance; a room has at most one in
 * flight) go to PostgreSQL as one statement, so one round trip and one commit
 * (one WAL flush) for all of them instead of one each. Each still resolves
 * only once committed. If the group fails (a pad deleted meanwhile, a
 * deadlock with another instance's group), each append is tried again alone,
 * so one pad's problem fails only its own write.
 *
 * Sequence numbers are per pad: each append bumps `pads.last_seq` under that
 * row's lock in the same statement that inserts the update, so that for one
 * pad seq order is commit order (postgres-store.ts says why).
 */
import { StoreError, type PendingAppend } from './store'
import { toBuffer, type PostgresPool } from './postgres-pool'

/** Appends `update` to the pad's log; resolves with its sequence number once committed. */
export type AppendUpdate = (padId: string, update: Uint8Array, atMs: number) => Promise<number>

export function createGroupedAppends(postgres: PostgresPool): AppendUpdate {
  let pending: PendingAppend[] = []

  async function commitPending(): Promise<void> {
    const group = pending
    pending = []
    if (group.length === 0) return
    if (group.length > 1 && new Set(group.map((append) => append.padId)).size === group.length) {
      try {
        const seqs = await appendGroup(postgres, group)
        // A pad missing from the answer is gone: the statement committed the
        // others, which are resolved; the rest fail alone below.
        for (const append of group) if (seqs.has(append.padId)) append.resolve(seqs.get(append.padId) as number)
        await appendEachAlone(group.filter((append) => !seqs.has(append.padId)))
        return
      } catch {
        // Nothing of the group was committed: each is tried alone.
      }
    }
    await appendEachAlone(group)
  }

  /** One pad's appends one after the other (in the order asked), different pads at once. */
  async function appendEachAlone(appends: readonly PendingAppend[]): Promise<void> {
    const byPad = new Map<string, PendingAppend[]>()
    for (const append of appends) byPad.set(append.padId, [...(byPad.get(append.padId) ?? []), append])
    await Promise.all(
      [...byPad.values()].map(async (padAppends) => {
        for (const append of padAppends) await appendAlone(append)
      }),
    )
  }

  async function appendAlone(append: PendingAppend): Promise<void> {
    try {
      append.resolve(await postgres.run('append update', () => appendOne(postgres, append)))
    } catch (error) {
      append.reject(error instanceof StoreError ? error : postgres.toStoreError('append update', error))
    }
  }

  return (padId, update, atMs) =>
    new Promise<number>((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void commitPending())
      pending.push({ padId, update, atMs, resolve, reject })
    })
}

/** Appends one update in its own transaction; resolves with its sequence number. */
async function appendOne(postgres: PostgresPool, append: PendingAppend): Promise<number> {
  // One statement, so one round trip and its own transaction: the UPDATE
  // locks the pad's row until the commit, which orders concurrent
  // appends to one pad from any number of instances.
  const { rows } = await postgres.pool.query<{ seq: string }>(
    `WITH bumped AS (
       UPDATE pads SET last_seq = last_seq + 1, updated_at_ms = $2, last_edit_at_ms = $2,
         first_edit_at_ms = COALESCE(first_edit_at_ms, $2)
       WHERE id = $1 RETURNING id, last_seq
     )
     INSERT INTO pad_updates (pad_id, seq, data) SELECT id, last_seq, $3 FROM bumped RETURNING seq`,
    [append.padId, append.atMs, toBuffer(append.update)],
  )
  const seq = rows[0]?.seq
  if (seq === undefined) throw new Error(`no pad ${JSON.stringify(append.padId)}`)
  return Number(seq)
}

/** Appends one update to each of several pads in one statement; the sequence number of each pad that still exists. */
async function appendGroup(postgres: PostgresPool, group: readonly PendingAppend[]): Promise<Map<string, number>> {
  if (postgres.isClosed) throw new Error('the store is closed')
  // Locked in one order by every instance, so that two groups cannot deadlock.
  const ordered = [...group].sort((a, b) => (a.padId < b.padId ? -1 : a.padId > b.padId ? 1 : 0))
  const { rows } = await postgres.pool.query<{ pad_id: string; seq: string }>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[]) AS t(pad_id, at_ms, data)
     ), locked AS (
       SELECT pads.id FROM pads JOIN input ON input.pad_id = pads.id ORDER BY pads.id FOR UPDATE OF pads
     ), bumped AS (
       UPDATE pads SET last_seq = pads.last_seq + 1, updated_at_ms = input.at_ms, last_edit_at_ms = input.at_ms,
         first_edit_at_ms = COALESCE(pads.first_edit_at_ms, input.at_ms)
       FROM input WHERE pads.id = input.pad_id AND pads.id IN (SELECT id FROM locked)
       RETURNING pads.id, pads.last_seq
     )
     INSERT INTO pad_updates (pad_id, seq, data)
     SELECT bumped.id, bumped.last_seq, input.data FROM bumped JOIN input ON input.pad_id = bumped.id
     RETURNING pad_id, seq`,
    [ordered.map((append) => append.padId), ordered.map((append) => append.atMs), ordered.map((append) => toBuffer(append.update))],
  )
  return new Map(rows.map((row) => [row.pad_id, Number(row.seq)]))
}

import { runJoinStorm, runReconnectStorm } from './storm'
import { noDisturbanceGuard } from '../disturbance'
import type { ServerKind } from '../server-process'
const kind = (process.argv[2] ?? 'atelier') as ServerKind
const which = process.argv[3] ?? 'join'
const context = { epochMs: Date.now(), guard: noDisturbanceGuard, log: console.log }
const run = which === 'join' ? runJoinStorm : runReconnectStorm
const rounded = (values: number[]): number[] => values.map((x) => Math.round(x * 10) / 10)
run(kind, context).then((r) => { console.log(JSON.stringify({ ...r, syncedMs: rounded(r.syncedMs), answerMs: rounded(r.answerMs), applyMs: rounded(r.applyMs) })); process.exit(0) }, (e) => { console.error(e); process.exit(1) })

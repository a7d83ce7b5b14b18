import { runJoinStorm, runReconnectStorm } from './storm'
import { noDisturbanceGuard } from '../disturbance'
import type { ServerKind } from '../server-process'
const kind = (process.argv[2] ?? 'atelier') as ServerKind
const which = process.argv[3] ?? 'join'
const context = { epochMs: Date.now(), guard: noDisturbanceGuard, log: console.log }
const run = which === 'join' ? runJoinStorm : runReconnectStorm
run(kind, context).then((r) => { console.log(JSON.stringify({ ...r, syncedMs: r.syncedMs.map((x) => Math.round(x)) })); process.exit(0) }, (e) => { console.error(e); process.exit(1) })

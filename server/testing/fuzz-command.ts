/**
 * `npm run fuzz`: runs update-fuzzing sessions (fuzz-session.ts) one seed
 * after another for as long as asked, prints one line per session and the
 * totals, and stops at the first failure with its seed and the updates in
 * flight (exit code 1). A seed replays in CI's slice too:
 * `FUZZ_SEED=<n> npx vitest run server/relay/update-fuzz.integration.test.ts`.
 *
 *   npm run fuzz -- --minutes 30 [--seed 1234] [--lanes 6]
 */
import { parseArgs } from 'node:util'
import { runFuzzSession, type FuzzSessionReport } from './fuzz-session'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    seed: { type: 'string' },
    lanes: { type: 'string', default: '6' },
  },
})
const minutes = Number(values.minutes)
const lanes = Number(values.lanes)
if (!(minutes > 0) || !Number.isInteger(lanes) || lanes < 1) {
  console.error('usage: npm run fuzz -- --minutes <positive number> [--seed <integer>] [--lanes <integer ≥ 1>]')
  process.exit(2)
}
const firstSeed = values.seed !== undefined ? Number(values.seed) >>> 0 : (Date.now() * 7919) >>> 0
const endsAt = Date.now() + minutes * 60_000

const totals = { sessions: 0, sent: 0, attackers: 0, rebuilds: 0, categories: {} as Record<string, number>, closes: {} as Record<string, number> }
const add = (into: Record<string, number>, from: Record<string, number>): void => {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count
}

console.log(`fuzzing for ${minutes} min from seed ${firstSeed}, ${lanes} attacker connections at once`)
let failed: FuzzSessionReport | null = null
for (let seed = firstSeed; Date.now() < endsAt; seed = (seed + 1) >>> 0) {
  const sendingBudgetMs = Math.max(1000, Math.min(20_000, endsAt - Date.now()))
  const report = await runFuzzSession({ seed, updateCount: 40_000, sendingBudgetMs, lanes })
  totals.sessions += 1
  totals.sent += report.sent
  totals.attackers += report.attackers
  totals.rebuilds += report.rebuilds
  add(totals.categories, report.categories)
  add(totals.closes, report.closes)
  console.log(
    `seed ${seed}: ${report.sent} updates from ${report.attackers} connections in ${report.durationMs} ms; closes ${JSON.stringify(report.closes)}; ` +
      `rebuilds ${report.rebuilds}; ${report.failures.length === 0 ? 'passed' : 'FAILED'}`,
  )
  if (report.failures.length > 0) {
    failed = report
    break
  }
}
console.log(`totals: ${JSON.stringify(totals)}`)
if (failed !== null) {
  console.log(`FAILED at seed ${failed.seed} (replay: FUZZ_SEED=${failed.seed} npx vitest run server/relay/update-fuzz.integration.test.ts)`)
  for (const failure of failed.failures) console.log(`  ${failure}`)
  console.log('updates in flight (base64):')
  for (const update of failed.inFlight) console.log(`  ${update}`)
  process.exit(1)
}

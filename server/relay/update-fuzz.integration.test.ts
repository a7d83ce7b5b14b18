/**
 * The seeded slice of the update fuzzer that CI runs: a few
 * seconds of hostile updates of every category against a live pad where two
 * honest clients type. `FUZZ_SEED=<n> npx vitest run server/relay/update-fuzz.integration.test.ts`
 * replays a seed; `npm run fuzz` runs the same sessions for as long as asked.
 */
import { describe, expect, it } from 'vitest'
import { HostileCategory } from '../testing/hostile-updates'
import { runFuzzSession } from '../testing/fuzz-session'

const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) >>> 0 : 0x13fa22

describe('update fuzzing against a live pad', () => {
  it(`closes only attackers, with a refusal code; the honest clients converge and the stored pad equals them after a restart (seed ${seed})`, async () => {
    console.log(`update fuzz seed ${seed} (replay with FUZZ_SEED=${seed} npx vitest run server/relay/update-fuzz.integration.test.ts)`)
    const report = await runFuzzSession({ seed, updateCount: 3000, sendingBudgetMs: 6000, lanes: 6 })
    console.log(`update fuzz: ${JSON.stringify(report)}`)
    expect(report.failures).toEqual([])
    // Long enough to mean something: every category went out, empty structs (the class that once failed a room) many times.
    expect(report.sent).toBeGreaterThanOrEqual(1000)
    for (const category of Object.values(HostileCategory)) expect(report.categories[category] ?? 0, category).toBeGreaterThan(0)
    expect(report.categories[HostileCategory.emptyStruct] ?? 0).toBeGreaterThanOrEqual(20)
    expect(report.rebuilds).toBe(0)
  }, 60_000)
})

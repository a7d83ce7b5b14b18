import { expect, it } from 'vitest'
import { atTurnEnd } from './turn-end'

it('runs the tasks deferred in one turn together, in order, after the code that deferred them', async () => {
  const ran: string[] = []
  atTurnEnd(() => ran.push('a'))
  atTurnEnd(() => {
    ran.push('b')
    // Deferred while the turn's tasks run: the next turn's.
    atTurnEnd(() => ran.push('later'))
  })
  ran.push('sync')
  // Microtasks of this run come first, the tasks before any later immediate.
  await Promise.resolve()
  ran.push('microtask')
  await new Promise((resolve) => setImmediate(resolve))
  expect(ran).toEqual(['sync', 'microtask', 'a', 'b'])
  await new Promise((resolve) => setImmediate(resolve))
  expect(ran).toEqual(['sync', 'microtask', 'a', 'b', 'later'])
})

it('lets the microtasks of the first task wait until every task of the turn has run', async () => {
  const ran: string[] = []
  atTurnEnd(() => {
    ran.push('first')
    queueMicrotask(() => ran.push('first’s microtask'))
  })
  atTurnEnd(() => ran.push('second'))
  await new Promise((resolve) => setImmediate(resolve))
  expect(ran).toEqual(['first', 'second', 'first’s microtask'])
})

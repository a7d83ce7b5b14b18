import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readLongestStall } from './storm'

describe('readLongestStall', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })
  const monitorFile = (text: string): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stall-test-'))
    dirs.push(dir)
    const file = path.join(dir, 'event-loop.txt')
    fs.writeFileSync(file, text)
    return file
  }

  it('takes the longest gap of the lines stamped in the storm, and the one just after it', () => {
    const file = monitorFile('1000 250.0\n2000 10.2\n2100 35.5\n2500 12.0\n2650 80.1\n2900 300.0\n')
    expect(readLongestStall(file, 2000, 2500)).toBe(80.1)
    expect(readLongestStall(file, 2000, 2400)).toBe(35.5)
  })

  it('says nothing was measured rather than zero, and skips a torn last line', () => {
    expect(readLongestStall(monitorFile(''), 0, 10)).toBeNaN()
    expect(readLongestStall(monitorFile('5 12.5\n6 '), 0, 10)).toBe(12.5)
  })
})

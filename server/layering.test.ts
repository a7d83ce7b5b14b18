/**
 * The direction of imports that the folder map promises (README,
 * "Architecture"): `client/` and `server/` never import each other,
 * `shared/` imports neither and no Node module, and no production file
 * imports test support (`testing/` folders, test files). The per-folder
 * tsconfig narrows `lib`/`types`, but an import is followed wherever it
 * points, so the direction itself is checked here, on the sources.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

interface SourceImport {
  from: string
  /** The imported path relative to the project root, or the bare specifier of a package. */
  to: string
}

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'))
    .map((file) => path.join(folder, file))
}

function importsOf(file: string): SourceImport[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8')
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
    .map((match) => match[1] ?? match[2] ?? '')
  return specifiers.map((specifier) => ({
    from: file,
    to: specifier.startsWith('.') ? path.normalize(path.join(path.dirname(file), specifier)) : specifier,
  }))
}

const isTestSupport = (file: string): boolean => /(^|\/)testing\//.test(file) || /\.test(\.ts)?$/.test(file)

describe('import direction', () => {
  const all = ['client', 'server', 'shared'].flatMap(sourceFiles)
  const production = all.filter((file) => !isTestSupport(file))

  it('finds the sources it checks', () => {
    expect(production.length).toBeGreaterThan(100)
    expect(importsOf('server/main.ts').some((entry) => entry.to === 'server/pad-server')).toBe(true)
  })

  it('no production file imports test support', () => {
    const offending = production.flatMap(importsOf).filter((entry) => isTestSupport(entry.to))
    expect(offending).toEqual([])
  })

  it('client and server never import each other; shared imports neither, nor any Node module', () => {
    const offending = all.flatMap(importsOf).filter(({ from, to }) =>
      (from.startsWith('client/') && to.startsWith('server/')) ||
      (from.startsWith('server/') && to.startsWith('client/')) ||
      (from.startsWith('shared/') && !isTestSupport(from) && (to.startsWith('client/') || to.startsWith('server/') || to.startsWith('node:'))),
    )
    expect(offending).toEqual([])
  })
})

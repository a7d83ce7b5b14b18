/**
 * The pad page's entry script must stay small: it sends the page's first
 * requests while the page's code downloads, and it cannot run before every
 * module it imports has been loaded and evaluated. A static import of a
 * module that needs Yjs or ProseMirror (a constant in shared/pad/attribution.ts
 * once did it) puts them in the entry's chunk, and the requests then wait for
 * 200 kB of code. This walks the entry's static imports from the sources.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const padDir = path.dirname(fileURLToPath(import.meta.url))

/** The modules `file` imports for their values (`import type` and dynamic `import()` are not loaded with it). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8')
  const found: string[] = []
  for (const match of source.matchAll(/^\s*(import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)) found.push(match[2] as string)
  for (const match of source.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(match[1] as string)
  return found
}

/** Every package reached from `entry` through static imports of local modules. */
function packagesReachedFrom(entry: string): Set<string> {
  const packages = new Set<string>()
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), `${specifier}.ts`))
      else packages.add(specifier)
    }
  }
  visit(entry)
  return packages
}

describe('the pad page entry script', () => {
  it('reaches neither Yjs nor ProseMirror through its static imports', () => {
    const packages = [...packagesReachedFrom(path.join(padDir, 'boot.ts'))]
    // It does reach the wire format's own helpers: the walk follows the imports.
    expect(packages).toContain('lib0/decoding')
    expect(packages.filter((name) => /^(yjs|y-|prosemirror-)/.test(name))).toEqual([])
  })
})

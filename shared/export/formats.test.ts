import { describe, expect, it } from 'vitest'
import { exportContentDisposition, exportFileName, exportFormatIds, exportFormats, isExportFormatId, maxFileStemLength } from './formats'
import type { Recipe } from './recipe'
import { buildFixtureRecipe } from '../testing/recipe-fixtures'

const collecte = buildFixtureRecipe('collecte')
const titled = (title: string, language: Recipe['language'] = 'fr'): Recipe => ({ ...collecte, title, language })

describe('export formats', () => {
  it('cover the formats of the API, each with a media type, an extension and a renderer', () => {
    expect(Object.keys(exportFormats).sort()).toEqual([...exportFormatIds].sort())
    expect(exportFormatIds).toEqual(['md', 'html', 'json', 'csv', 'csv-metadata', 'odt'])
    for (const id of exportFormatIds) {
      const output = exportFormats[id].render(collecte)
      expect(typeof output === 'string' ? output.length : output.byteLength).toBeGreaterThan(100)
    }
    expect(exportFormats.odt.render(collecte)).toBeInstanceOf(Uint8Array)
    expect(exportFormats.html.mediaType).toBe('text/html; charset=utf-8')
    expect(exportFormats.odt.mediaType).toBe('application/vnd.oasis.opendocument.text')
  })

  it('recognise format ids and nothing else', () => {
    expect(isExportFormatId('md')).toBe(true)
    expect(isExportFormatId('pdf')).toBe(false)
    expect(isExportFormatId('MD')).toBe(false)
    expect(isExportFormatId('toString')).toBe(false)
    expect(isExportFormatId(undefined)).toBe(false)
  })
})

describe('exportFileName', () => {
  it.each([
    ['Collecte de Villeurbanne', 'md', 'collecte-de-villeurbanne.md'],
    ['Économie sociale & solidaire — Lyon 8ᵉ', 'html', 'economie-sociale-solidaire-lyon-8e.html'],
    ['Cœur de ville : l’œuvre d’Ælis, Straße', 'odt', 'coeur-de-ville-l-oeuvre-d-aelis-strasse.odt'],
    ['../../etc/passwd', 'json', 'etc-passwd.json'],
    ['a/b\\c:d*e?f"g<h>i|j', 'md', 'a-b-c-d-e-f-g-h-i-j.md'],
    ['"; filename=evil.exe', 'md', 'filename-evil-exe.md'],
    ['Collecte de Villeurbanne', 'csv', 'collecte-de-villeurbanne-initiatives.csv'],
    ['   ', 'md', 'recette.md'],
    ['', 'html', 'recette.html'],
    ['工作坊 🥕', 'md', 'recette.md'],
    ['CON', 'md', 'con-recette.md'],
    ['nul', 'odt', 'nul-recette.odt'],
  ] as const)('names %j as %s', (title, format, expected) => {
    expect(exportFileName(titled(title), format)).toBe(expected)
  })

  it('falls back to the English word in an English pad', () => {
    expect(exportFileName(titled('🥕', 'en'), 'md')).toBe('recipe.md')
  })

  it('cuts a long title at a word, within the limit', () => {
    const name = exportFileName(titled('Une très longue rencontre '.repeat(20)), 'md')
    expect(name).toMatch(/^une-tres-longue-rencontre(-[a-z]+)*\.md$/)
    expect(name.length).toBeLessThanOrEqual(maxFileStemLength + '.md'.length)
    expect(exportFileName(titled('x'.repeat(500)), 'md')).toBe(`${'x'.repeat(maxFileStemLength)}.md`)
  })
})

describe('exportContentDisposition', () => {
  it('gives the ASCII name and the title’s own characters (RFC 5987)', () => {
    expect(exportContentDisposition(titled('Épicerie L’Épi (Buers)'), 'md')).toBe(
      "attachment; filename=\"epicerie-l-epi-buers.md\"; filename*=UTF-8''%C3%89picerie%20L%E2%80%99%C3%89pi%20%28Buers%29.md",
    )
    expect(exportContentDisposition(titled('Collecte'), 'csv')).toBe("attachment; filename=\"collecte-initiatives.csv\"; filename*=UTF-8''Collecte-initiatives.csv")
  })

  it.each([
    'Titre "avec" guillemets',
    'Ligne\r\nSet-Cookie: a=b',
    "l'apostrophe; filename=x.exe",
    'a/b\\c',
    '\u0000\u202Eexe.md',
    '\uD800',
    '',
    '日本語のタイトル',
    'x'.repeat(1000),
  ])('is one safe header value for %j', (title) => {
    const value = exportContentDisposition(titled(title), 'html')
    expect(value).toMatch(/^attachment; filename="[a-z0-9-]+\.html"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/)
    expect(value).not.toMatch(/[\r\n\u0000]/)
    expect(value.match(/"/g)).toHaveLength(2)
    const encoded = value.slice(value.indexOf("''") + 2)
    const decoded = decodeURIComponent(encoded)
    expect(decoded).not.toMatch(/[\\/\r\n"\u0000\u202E]/)
    expect(decoded.endsWith('.html')).toBe(true)
    expect(value.length).toBeLessThan(1000)
  })
})

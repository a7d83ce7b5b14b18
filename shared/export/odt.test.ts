import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { odtMediaType, renderOdtContent, renderRecipeOdt } from './odt'
import { buildFixtureRecipe, buildRecipeWithBody, pm } from '../testing/recipe-fixtures'
import { checkXmlWellFormed } from '../testing/xml-well-formedness'

interface ZipEntry {
  name: string
  compressionMethod: number
  extraFieldLength: number
  data: Uint8Array
}

/** The entries of a zip in the order they are stored, read from their local headers (APPNOTE 4.3.7). */
function readZipEntries(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const entries: ZipEntry[] = []
  let offset = 0
  while (view.getUint32(offset, true) === 0x04034b50) {
    const flags = view.getUint16(offset + 6, true)
    expect(flags & 0x08, 'sizes are in the local header, not in a data descriptor').toBe(0)
    const compressedSize = view.getUint32(offset + 18, true)
    const nameLength = view.getUint16(offset + 26, true)
    const extraFieldLength = view.getUint16(offset + 28, true)
    const dataStart = offset + 30 + nameLength + extraFieldLength
    entries.push({
      name: strFromU8(zip.subarray(offset + 30, offset + 30 + nameLength)),
      compressionMethod: view.getUint16(offset + 8, true),
      extraFieldLength,
      data: zip.subarray(dataStart, dataStart + compressedSize),
    })
    offset = dataStart + compressedSize
  }
  return entries
}

describe('ODT export', () => {
  const recipe = buildFixtureRecipe('collecte')
  const odt = renderRecipeOdt(recipe)

  it('starts with the mimetype entry, stored uncompressed, holding exactly the ODT media type', () => {
    const [first] = readZipEntries(odt)
    expect(first?.name).toBe('mimetype')
    expect(first?.compressionMethod).toBe(0)
    expect(first?.extraFieldLength).toBe(0)
    expect(strFromU8(first?.data ?? new Uint8Array())).toBe('application/vnd.oasis.opendocument.text')
    expect(strFromU8(odt.subarray(30, 38))).toBe('mimetype')
    expect(strFromU8(odt.subarray(38, 38 + odtMediaType.length))).toBe(odtMediaType)
  })

  it('lists every other file in its manifest, and every file is well-formed XML', () => {
    const files = unzipSync(odt)
    expect(Object.keys(files).sort()).toEqual(['META-INF/manifest.xml', 'content.xml', 'meta.xml', 'mimetype', 'styles.xml'])
    const manifest = strFromU8(files['META-INF/manifest.xml'] ?? new Uint8Array())
    const listed = [...manifest.matchAll(/manifest:full-path="([^"]+)"/g)].map((match) => match[1])
    expect(listed.sort()).toEqual(['/', 'content.xml', 'meta.xml', 'styles.xml'])
    expect(manifest).toContain(`manifest:full-path="/" manifest:version="1.2" manifest:media-type="${odtMediaType}"`)
    for (const [name, data] of Object.entries(files)) {
      if (name !== 'mimetype') expect(() => checkXmlWellFormed(strFromU8(data)), name).not.toThrow()
    }
  })

  it('gives the same bytes for the same recipe', () => {
    expect(renderRecipeOdt(buildFixtureRecipe('collecte'))).toEqual(odt)
  })

  it('describes the document in meta.xml: title, authors, dates, license', () => {
    const meta = strFromU8(unzipSync(odt)['meta.xml'] ?? new Uint8Array())
    expect(meta).toContain('<dc:title>Collecte de Villeurbanne</dc:title>')
    expect(meta).toContain('<dc:creator>Chloé Dubois, Bruno Lefèvre, Alice Martin et Djamel Haddad</dc:creator>')
    expect(meta).toContain('<meta:creation-date>2025-11-20T08:30:00.000Z</meta:creation-date>')
    expect(meta).toContain('<dc:date>2025-11-20T20:05:00.000Z</dc:date>')
    expect(meta).toContain('<meta:user-defined meta:name="License">CC-BY-SA-4.0</meta:user-defined>')
    expect(meta).toContain('<meta:user-defined meta:name="License URL">https://creativecommons.org/licenses/by-sa/4.0/deed.fr</meta:user-defined>')
  })

  it('keeps headings with their outline level, marks as automatic styles, links and initiative cards as tables', () => {
    const content = renderOdtContent(recipe)
    expect(content).toContain('<text:h text:style-name="Heading_20_2" text:outline-level="2">Tour de table</text:h>')
    expect(content).toContain('<text:span text:style-name="T_strong">attend</text:span>')
    expect(content).toContain('<text:a xlink:type="simple" xlink:href="https://pole-ess.example.org/" text:style-name="Internet_20_link" text:visited-style-name="Visited_20_Internet_20_Link">Pôle ESS</text:a>')
    expect(content.match(/<table:table /g)).toHaveLength(2)
    expect(content).toContain('table:name="Initiative1"')
    expect(content).toContain('table:name="Initiative2"')
  })

  it('numbers ordered lists from their start and nests lists', () => {
    const content = renderOdtContent(
      buildRecipeWithBody(pm.doc(pm.orderedList(3, pm.item(pm.paragraph('trois'), pm.bulletList(pm.item(pm.paragraph('puce')))), pm.item(pm.paragraph('quatre'))))),
    )
    expect(content).toContain(
      '<text:list text:style-name="Numbering_20_123">\n<text:list-item text:start-value="3"><text:p text:style-name="List_20_Contents">trois</text:p>\n<text:list text:style-name="List_20_Bullet">\n<text:list-item><text:p text:style-name="List_20_Contents">puce</text:p></text:list-item>\n</text:list></text:list-item>\n<text:list-item><text:p text:style-name="List_20_Contents">quatre</text:p></text:list-item>\n</text:list>',
    )
  })

  it('writes an initiative card inside a list as labelled paragraphs, where ODF allows no table', () => {
    const content = renderOdtContent(buildRecipeWithBody(pm.doc(pm.bulletList(pm.item(pm.paragraph('dans une liste'), pm.initiative({ name: 'Carte', theme: 'Thème' }))))))
    expect(content).not.toContain('<table:table ')
    expect(content).toContain('<text:p text:style-name="Initiative_20_Name">Carte</text:p>\n<text:p text:style-name="List_20_Contents"><text:span text:style-name="T_strong">Thématique</text:span>\u00A0: Thème</text:p>')
  })

  it('keeps runs of spaces, tabs and the lines of a code block', () => {
    const content = renderOdtContent(buildRecipeWithBody(pm.doc(pm.paragraph('a  b\tc'), pm.codeBlock('  x\ny'))))
    expect(content).toContain('<text:p text:style-name="Text_20_body">a <text:s text:c="1"/>b<text:tab/>c</text:p>')
    expect(content).toContain('<text:p text:style-name="Preformatted_20_Text"><text:s text:c="2"/>x</text:p>\n<text:p text:style-name="Preformatted_20_Text">y</text:p>')
  })

  it('warns that a non-commercial license is not free', () => {
    expect(renderOdtContent(buildFixtureRecipe('compte-rendu'))).toContain('<text:p text:style-name="License_20_Warning">Warning: this license forbids commercial use')
  })
})

/**
 * What changed between two versions of a pad, for the history panel: the
 * text each version reads as (its textblocks, each a list of runs of one
 * author, at their ProseMirror positions) is compared word by word, a word
 * being the same only when its text and its author are (Binta's full stop
 * is not Awa's, even where Awa's stood), and the result said in the newer
 * version's terms — the ranges of text it added,
 * with the author each is credited to, and the text it dropped, with the
 * author that text was credited to and the position where it stood.
 *
 * Two steps keep a megabyte pad quick: whole blocks are compared first (most
 * paragraphs of two versions a few minutes apart are the same), then words
 * only inside the blocks that differ (sequence-diff.ts). A paragraph break
 * is an item of its own (`paragraphSeparator`), so that a split or joined
 * paragraph shows as such; a line break inside a block reads as
 * `lineSeparator`. Who *deleted* text is not known from two states (Yjs
 * keeps who inserted an item, not who removed it): a deletion is credited
 * to the author of the words removed. It reads no names (the panel does,
 * as the credits read them) and draws nothing (version-preview.ts). Pure.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import type { AuthorKey } from '../../shared/pad/attribution'
import { diffSequences, type DiffStep } from './sequence-diff'

/** Stands for the start of a textblock in deleted text. */
export const paragraphSeparator = '\u2029'
/** Stands for an inline leaf node (a hard break) in deleted text. */
export const lineSeparator = '\u2028'

/** Past this many added or removed items, a part of two versions is shown as replaced whole. */
export const maxDiffEdits = 2000

/** A run of text of one author (null: credited to nobody, like a template's), starting at ProseMirror position `from`. */
export interface TextRun {
  from: number
  text: string
  author: AuthorKey | null
}

/** A textblock of a version: where its content starts, and its runs (contiguous). */
export interface TextBlock {
  start: number
  runs: TextRun[]
}

/** A stretch of author ranges as `author-ranges.ts` finds them: sorted, not overlapping. */
export interface CreditedRange {
  from: number
  to: number
  author: AuthorKey
}

/** Text the newer version has and the older one had not, as positions of the newer one. */
export interface Insertion {
  from: number
  to: number
  author: AuthorKey | null
}

/** Text the older version had and the newer one has not, and where (a position of the newer one) it stood. */
export interface Deletion {
  at: number
  text: string
  author: AuthorKey | null
}

export interface VersionChanges {
  insertions: Insertion[]
  deletions: Deletion[]
}

/** The textblocks of `doc`, each run credited by `ranges` (from `findAuthorRanges` on the version's fragment). */
export function readTextBlocks(doc: ProseMirrorNode, ranges: readonly CreditedRange[]): TextBlock[] {
  const blocks: TextBlock[] = []
  let rangeIndex = 0
  doc.descendants((node, position) => {
    if (!node.isTextblock) return true
    const start = position + 1
    const runs: TextRun[] = []
    node.forEach((child, offset) => {
      const from = start + offset
      if (!child.isText) {
        runs.push({ from, text: lineSeparator, author: null })
        return
      }
      const text = child.text ?? ''
      const to = from + text.length
      let at = from
      while (at < to) {
        while (rangeIndex < ranges.length && (ranges[rangeIndex] as CreditedRange).to <= at) rangeIndex++
        const range = ranges[rangeIndex]
        if (range === undefined || range.from >= to) {
          runs.push({ from: at, text: text.slice(at - from), author: null })
          break
        }
        if (range.from > at) {
          runs.push({ from: at, text: text.slice(at - from, range.from - from), author: null })
          at = range.from
          continue
        }
        const end = Math.min(range.to, to)
        runs.push({ from: at, text: text.slice(at - from, end - from), author: range.author })
        at = end
      }
    })
    blocks.push({ start, runs })
    return false
  })
  return blocks
}

/** What `current` added to `previous` and removed from it. */
export function diffVersions(previous: readonly TextBlock[], current: readonly TextBlock[]): VersionChanges {
  const changes = createChangeBuilder()
  const steps = diffSequences(previous.map(blockKey), current.map(blockKey), maxDiffEdits)
  let inPrevious = 0
  let inCurrent = 0
  let removedBlocks: TextBlock[] = []
  let addedBlocks: TextBlock[] = []
  const flushRegion = (): void => {
    if (removedBlocks.length === 0 && addedBlocks.length === 0) return
    diffRegion(removedBlocks, addedBlocks, changes)
    removedBlocks = []
    addedBlocks = []
  }
  for (const step of steps) {
    if (step.kind === 'equal') {
      flushRegion()
      for (let index = 0; index < step.count; index++) {
        const block = current[inCurrent + index] as TextBlock
        changes.keep(block.start, blockEnd(block))
      }
      inPrevious += step.count
      inCurrent += step.count
    } else if (step.kind === 'delete') {
      removedBlocks = removedBlocks.concat(previous.slice(inPrevious, inPrevious + step.count))
      inPrevious += step.count
    } else {
      addedBlocks = addedBlocks.concat(current.slice(inCurrent, inCurrent + step.count))
      inCurrent += step.count
    }
  }
  flushRegion()
  return changes.finish()
}

/** The blocks of `previous` and `current` between two equal ones, compared word by word. */
function diffRegion(previous: readonly TextBlock[], current: readonly TextBlock[], changes: ChangeBuilder): void {
  const removed = tokensOf(previous)
  const added = tokensOf(current)
  const steps: DiffStep[] = diffSequences(removed.map(tokenKey), added.map(tokenKey), maxDiffEdits)
  let inRemoved = 0
  let inAdded = 0
  /** Words removed and added between two kept ones: one replacement. */
  let replaced = { removed: [] as Token[], added: [] as Token[] }
  const flushReplacement = (): void => {
    replaceWords(replaced.removed, replaced.added, changes)
    replaced = { removed: [], added: [] }
  }
  for (const step of steps) {
    if (step.kind === 'equal') {
      flushReplacement()
      for (let index = 0; index < step.count; index++) {
        const token = added[inAdded++] as Token
        inRemoved++
        changes.keep(token.from, token.to)
      }
    } else if (step.kind === 'delete') {
      replaced.removed.push(...removed.slice(inRemoved, inRemoved + step.count))
      inRemoved += step.count
    } else {
      replaced.added.push(...added.slice(inAdded, inAdded + step.count))
      inAdded += step.count
    }
  }
  flushReplacement()
}

/**
 * Words `removed` replaced by words `added`: the characters both start and
 * end with (same text, same author) are kept, so that « Une » becoming « e »
 * shows « Un » removed, not a whole word removed and another added.
 */
function replaceWords(removed: readonly Token[], added: readonly Token[], changes: ChangeBuilder): void {
  if (removed.length === 0 || added.length === 0) {
    for (const token of removed) changes.remove(token)
    for (const token of added) changes.insert(token)
    return
  }
  const before = removed.flatMap(charactersOf)
  const after = added.flatMap(charactersOf)
  let prefix = 0
  while (prefix < before.length && prefix < after.length && tokenKey(before[prefix] as Token) === tokenKey(after[prefix] as Token)) prefix++
  let suffix = 0
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    tokenKey(before[before.length - 1 - suffix] as Token) === tokenKey(after[after.length - 1 - suffix] as Token)
  ) {
    suffix++
  }
  for (const character of after.slice(0, prefix)) changes.keep(character.from, character.to)
  for (const character of before.slice(prefix, before.length - suffix)) changes.remove(character)
  for (const character of after.slice(prefix, after.length - suffix)) changes.insert(character)
  for (const character of after.slice(after.length - suffix)) changes.keep(character.from, character.to)
}

/** A word's characters (code points) as tokens of their own; a paragraph break stays one. */
function charactersOf(token: Token): Token[] {
  if (token.from === token.to) return [token]
  const characters: Token[] = []
  let from = token.from
  for (const character of token.text) {
    characters.push({ text: character, from, to: from + character.length, author: token.author })
    from += character.length
  }
  return characters
}

/** A word, a run of spaces, one other character, or a block's start (`paragraphSeparator`, of no width). */
interface Token {
  text: string
  from: number
  to: number
  author: AuthorKey | null
}

// Words (letters, digits, combining marks), runs of white space, and any other character alone.
const tokenPattern = /[\p{L}\p{N}\p{M}_]+|\s+|[^]/gu

function tokensOf(blocks: readonly TextBlock[]): Token[] {
  const tokens: Token[] = []
  for (const block of blocks) {
    tokens.push({ text: paragraphSeparator, from: block.start, to: block.start, author: null })
    for (const run of block.runs) {
      for (const match of run.text.matchAll(tokenPattern)) {
        const from = run.from + (match.index ?? 0)
        tokens.push({ text: match[0], from, to: from + match[0].length, author: run.author })
      }
    }
  }
  return tokens
}

/** What makes two words the same: their text and their author. */
function tokenKey(token: Token): string {
  return `${token.author ?? ''}\u0000${token.text}`
}

/** What makes two blocks the same: the same runs of text by the same authors. */
function blockKey(block: TextBlock): string {
  return block.runs.map((run) => `${run.author ?? ''}\u0000${run.text}`).join('\u0001')
}

function blockEnd(block: TextBlock): number {
  const last = block.runs[block.runs.length - 1]
  return last === undefined ? block.start : last.from + last.text.length
}

interface ChangeBuilder {
  /** Text both versions have, at `from`–`to` of the newer one. */
  keep(from: number, to: number): void
  insert(token: Token): void
  remove(token: Token): void
  finish(): VersionChanges
}

/**
 * Gathers insertions (a run of one author's added text is one insertion) and
 * deletions (removed text between the same two kept or added pieces is one
 * deletion per author, at the end of what comes before it, or at the start of
 * what follows when nothing does). A removed paragraph break belongs to the
 * deleted text around it.
 */
function createChangeBuilder(): ChangeBuilder {
  const insertions: Insertion[] = []
  const deletions: Deletion[] = []
  /** Where removed text goes: the end of the last kept or added piece; null before any. */
  let anchor: number | null = null
  /** Deletions seen before anything kept or added: they go where the first one starts. */
  let unanchored: Deletion[] = []
  /** Whether the last thing seen was removed text (a new one may join it). */
  let isRemoving = false

  const reach = (from: number, to: number): void => {
    for (const deletion of unanchored) deletion.at = from
    unanchored = []
    anchor = to
    isRemoving = false
  }

  return {
    keep: reach,
    insert(token) {
      reach(token.from, token.to)
      if (token.to === token.from) return
      const last = insertions[insertions.length - 1]
      if (last !== undefined && last.author === token.author && last.to === token.from) last.to = token.to
      else insertions.push({ from: token.from, to: token.to, author: token.author })
    },
    remove(token) {
      const last = deletions[deletions.length - 1]
      const isSeparator = token.text === paragraphSeparator
      if (isRemoving && last !== undefined) {
        if (isSeparator || last.author === token.author) {
          last.text += token.text
          return
        }
        // A deletion that so far holds only paragraph breaks takes the author of the words after them.
        if (isOnlySeparators(last.text)) {
          last.text += token.text
          last.author = token.author
          return
        }
      }
      const deletion: Deletion = { at: anchor ?? 0, text: token.text, author: isSeparator ? null : token.author }
      deletions.push(deletion)
      if (anchor === null) unanchored.push(deletion)
      isRemoving = true
    },
    finish() {
      return { insertions, deletions }
    },
  }
}

function isOnlySeparators(text: string): boolean {
  return [...text].every((character) => character === paragraphSeparator)
}

/**
 * Input validation for Board writes. Every check throws a BoardError with a code the UI can
 * translate, so a bad call never writes a half-valid entry into the shared doc.
 * @module
 */
import { BoardError } from './BoardError'
import { IDEA_COLORS, type IdeaColor, isIdeaColor } from './colors'
import { type IdeaSource, isIdeaSource, MAX_TABLE_LABEL } from './ideaSource'
import { isValidId } from './ids'

/** Longest idea text, in UTF-16 code units (the unit of `string.length` and Y.Text). */
export const MAX_IDEA_TEXT = 2000

/** Longest cluster title, in UTF-16 code units. */
export const MAX_CLUSTER_TITLE = 200

/** Longest author id or display name, in UTF-16 code units. */
export const MAX_AUTHOR_FIELD = 200

export function checkIdeaText(text: unknown): string {
  if (typeof text !== 'string') throw new BoardError('invalid-input', 'idea text must be a string')
  if (text.length > MAX_IDEA_TEXT) {
    throw new BoardError('text-too-long', `idea text is ${text.length} > ${MAX_IDEA_TEXT} long`)
  }
  return text
}

export function checkClusterTitle(title: unknown): string {
  if (typeof title !== 'string') {
    throw new BoardError('invalid-input', 'cluster title must be a string')
  }
  if (title.length > MAX_CLUSTER_TITLE) {
    throw new BoardError(
      'title-too-long',
      `cluster title is ${title.length} > ${MAX_CLUSTER_TITLE} long`,
    )
  }
  return title
}

export function checkColor(color: unknown): IdeaColor {
  if (!isIdeaColor(color)) {
    throw new BoardError(
      'unknown-color',
      `unknown colour ${JSON.stringify(color)}; use one of ${IDEA_COLORS.join(', ')}`,
    )
  }
  return color
}

export function checkAuthorField(name: string, value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw new BoardError('invalid-input', `${name} must be a string`)
  if (value.length > MAX_AUTHOR_FIELD) {
    throw new BoardError('author-too-long', `${name} is longer than ${MAX_AUTHOR_FIELD}`)
  }
  return value
}

export function checkNewId(id: unknown): string {
  if (!isValidId(id)) {
    throw new BoardError(
      'invalid-id',
      `invalid id ${JSON.stringify(id)}: 1-64 of A-Z a-z 0-9 _ : -, not a name of Object.prototype`,
    )
  }
  return id
}

export function checkSource(source: unknown): IdeaSource {
  if (!isIdeaSource(source)) {
    throw new BoardError('invalid-input', `source must be 'own', 'table' or 'paper'`)
  }
  return source
}

/** A table idea's label: 1–{@link MAX_TABLE_LABEL} characters. */
export function checkTableLabel(label: unknown): string {
  if (typeof label !== 'string' || label.trim() === '') {
    throw new BoardError('invalid-input', 'a table idea needs the table label')
  }
  if (label.length > MAX_TABLE_LABEL) {
    throw new BoardError('author-too-long', `table label is longer than ${MAX_TABLE_LABEL}`)
  }
  return label
}

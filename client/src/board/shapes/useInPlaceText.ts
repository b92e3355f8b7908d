/**
 * Editing a shape's text in place, as the idea card (its text) and the cluster frame (its title)
 * do on double-click: while tldraw says the shape is being edited, a field holds a draft that
 * starts from the domain's current text and writes every change straight through (`write`:
 * `board.setIdeaText`, `board.renameCluster`), so others see it as it is typed. `done()` ends the
 * editing.
 */
import { type ChangeEvent, useEffect, useRef, useState } from 'react'
import { type TLShapeId, useEditor, useValue } from 'tldraw'

export interface InPlaceTextOptions<E extends HTMLInputElement | HTMLTextAreaElement> {
  shapeId: TLShapeId
  /** Reads the text when editing starts; `key` names what it reads (an idea or cluster id). */
  read: () => string
  key: string
  write: (text: string) => void
  /** Focuses the field once editing has started (caret at the end, or the whole text selected). */
  focus: (field: E) => (() => void) | undefined
}

export function useInPlaceText<E extends HTMLInputElement | HTMLTextAreaElement>({
  shapeId,
  read,
  key,
  write,
  focus,
}: InPlaceTextOptions<E>) {
  const editor = useEditor()
  const isEditing = useValue('isEditing', () => editor.getEditingShapeId() === shapeId, [
    editor,
    shapeId,
  ])
  const [draft, setDraft] = useState('')
  const ref = useRef<E>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: starts once per edit of `key`
  useEffect(() => {
    if (!isEditing) return
    setDraft(read())
    return ref.current ? focus(ref.current) : undefined
  }, [isEditing, key])

  return {
    isEditing,
    /** Props for the `<input>` or `<textarea>`. */
    field: {
      ref,
      value: draft,
      onChange: (event: ChangeEvent<E>) => {
        setDraft(event.target.value)
        write(event.target.value)
      },
    },
    done: () => editor.setEditingShape(null),
  }
}

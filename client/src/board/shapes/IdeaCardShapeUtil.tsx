/**
 * The idea card: a tldraw shape whose props only point at an idea (`ideaId`) and give its size.
 * Text, colour and author come from the domain model (`@ideenwand/board`), so the list view, the
 * phone and the report see exactly what the card shows. Double-click edits the text in place and
 * writes it back with `board.setIdeaText` (a minimal diff into the idea's Y.Text).
 */
import { MAX_IDEA_TEXT } from '@ideenwand/board'
import { useEffect, useRef, useState } from 'react'
import {
  BaseBoxShapeUtil,
  HTMLContainer,
  type RecordProps,
  stopEventPropagation,
  T,
  useEditor,
  useValue,
} from 'tldraw'
import { CardMarks, useCardFlow, VoteControls } from '../../flow/CardFlow.tsx'
import { useT } from '../../i18n/LangProvider.tsx'
import { useBoard, useIdea } from '../BoardContext.tsx'
import { CARD_BACKGROUND } from './palette.ts'
import { IDEA_CARD_SIZE, IDEA_CARD_TYPE, type IdeaCardShape } from './shapeTypes.ts'

function IdeaCardView({ shape }: { shape: IdeaCardShape }) {
  const editor = useEditor()
  const board = useBoard()
  const t = useT()
  const idea = useIdea(shape.props.ideaId)
  const isEditing = useValue('isEditing', () => editor.getEditingShapeId() === shape.id, [
    editor,
    shape.id,
  ])
  const [draft, setDraft] = useState('')
  const textareaRef = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    if (!isEditing) return
    setDraft(board.idea(shape.props.ideaId)?.text ?? '')
    const el = textareaRef.current
    if (el) {
      el.focus()
      el.setSelectionRange(el.value.length, el.value.length)
    }
  }, [isEditing, board, shape.props.ideaId])

  const background = idea ? CARD_BACKGROUND[idea.color] : '#f1f3f5'
  const flow = useCardFlow('idea', shape.props.ideaId, idea?.authorId ?? null)

  return (
    <HTMLContainer
      className={`iw-idea-card ${flow.className}`}
      data-testid="idea-card"
      data-idea-id={shape.props.ideaId}
      onPointerDown={isEditing ? stopEventPropagation : undefined}
      style={{
        width: shape.props.w,
        height: shape.props.h,
        background,
        pointerEvents: isEditing ? 'all' : 'none',
      }}
    >
      {isEditing && idea ? (
        <textarea
          ref={textareaRef}
          className="iw-idea-card-input"
          aria-label={t('editIdeaLabel')}
          value={draft}
          maxLength={MAX_IDEA_TEXT}
          onChange={(event) => {
            setDraft(event.target.value)
            board.setIdeaText(shape.props.ideaId, event.target.value)
          }}
          onKeyDown={(event) => {
            event.stopPropagation()
            if (
              event.key === 'Escape' ||
              (event.key === 'Enter' && (event.metaKey || event.ctrlKey))
            ) {
              editor.setEditingShape(null)
            }
          }}
        />
      ) : (
        <p className="iw-idea-card-text" data-testid="idea-card-text">
          {idea ? idea.text : t('missingIdea')}
        </p>
      )}
      {idea?.authorName && flow.showAuthor ? (
        <span className="iw-idea-card-author">{idea.authorName}</span>
      ) : null}
      <CardMarks marks={flow.marks} spotlit={flow.spotlit} />
      <VoteControls kind="idea" id={shape.props.ideaId} label={idea?.text ?? ''} />
    </HTMLContainer>
  )
}

export class IdeaCardShapeUtil extends BaseBoxShapeUtil<IdeaCardShape> {
  static override type = IDEA_CARD_TYPE
  static override props: RecordProps<IdeaCardShape> = {
    ideaId: T.string,
    w: T.nonZeroNumber,
    h: T.nonZeroNumber,
  }

  override canEdit() {
    return true
  }

  override hideRotateHandle() {
    return true
  }

  getDefaultProps(): IdeaCardShape['props'] {
    return { ideaId: '', ...IDEA_CARD_SIZE }
  }

  component(shape: IdeaCardShape) {
    return <IdeaCardView shape={shape} />
  }

  getIndicatorPath(shape: IdeaCardShape) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 8)
    return path
  }
}

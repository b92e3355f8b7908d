/**
 * The idea card: a tldraw shape whose props only point at an idea (`ideaId`) and give its size.
 * Text, colour and author come from the domain model (`@ideenwand/board`), so the list view, the
 * phone and the report see exactly what the card shows. Double-click edits the text in place and
 * writes it back with `board.setIdeaText` (a minimal diff into the idea's Y.Text).
 *
 * The whole text is always readable (issue 16): the font shrinks until the text fits, and a text
 * too long even at 12 px grows the card on a facilitator's whiteboard, which moves the cards
 * below down (growCard.ts); other whiteboards shrink the text further (down to 7 px). Marks ("★ Im Fokus", …) sit in a row above the text, never on it.
 * In an open voting round the +/− controls get a strip of their own under the text, scaled so
 * they stay at least 24×24 CSS pixels at any zoom (WCAG 2.5.8); the text shrinks into the rest.
 */
import { MAX_IDEA_TEXT } from '@ideenwand/board'
import { type CSSProperties, useLayoutEffect, useRef } from 'react'
import {
  BaseBoxShapeUtil,
  HTMLContainer,
  type RecordProps,
  stopEventPropagation,
  T,
  useEditor,
} from 'tldraw'
import { CardMarks, useCardControl, VoteControls } from '../../control/CardControls.tsx'
import { useControlContext } from '../../control/ControlContext.tsx'
import { useT } from '../../i18n/LangProvider.tsx'
import { isOwnIdea } from '../../views/shared/author.ts'
import { CarriedNote } from '../../views/shared/carried.tsx'
import { DraftHints } from '../../views/shared/SimilarHints.tsx'
import { SupportCount } from '../../views/shared/SupportCount.tsx'
import { sourceLabel } from '../../views/shared/source.tsx'
import { editorBoard, useBoard, useIdea } from '../BoardContext.tsx'
import { growCard } from '../growCard.ts'
import { CARD_BACKGROUND } from './palette.ts'
import { IDEA_CARD_SIZE, IDEA_CARD_TYPE, type IdeaCardShape } from './shapeTypes.ts'
import { useInPlaceText } from './useInPlaceText.ts'
import { useVoteScale } from './voteScale.ts'

/** Card text sizes in page pixels: the largest that fits; below GROW_FONT the card grows. */
const MAX_FONT = 17
const GROW_FONT = 12
const MIN_FONT = 7
/** The largest font size in [min, max] at which `el`'s text fits its box; leaves it applied. */
function fitFont(el: HTMLElement, min: number, max: number): { size: number; fits: boolean } {
  // Words are not broken while a smaller font still fits them ("Fahrradabstellanlag|e").
  el.style.overflowWrap = 'normal'
  const fitsAt = (size: number) => {
    el.style.fontSize = `${size}px`
    return el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1
  }
  if (fitsAt(max)) return { size: max, fits: true }
  let lo = min
  let hi = max - 1
  let best = min
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (fitsAt(mid)) {
      best = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  if (fitsAt(best)) return { size: best, fits: true }
  // A word too long even at the smallest size is broken after all.
  el.style.overflowWrap = 'anywhere'
  return { size: best, fits: el.scrollHeight <= el.clientHeight + 1 }
}

function IdeaCardView({ shape }: { shape: IdeaCardShape }) {
  const editor = useEditor()
  const board = useBoard()
  const t = useT()
  const idea = useIdea(shape.props.ideaId)
  const ideaId = shape.props.ideaId
  const { isEditing, field, done } = useInPlaceText<HTMLTextAreaElement>({
    shapeId: shape.id,
    key: ideaId,
    read: () => board.idea(ideaId)?.text ?? '',
    write: (text) => board.setIdeaText(ideaId, text),
    focus: (textarea) => {
      textarea.focus()
      textarea.setSelectionRange(textarea.value.length, textarea.value.length)
      return undefined
    },
  })

  const background = idea ? CARD_BACKGROUND[idea.color] : '#f1f3f5'
  const card = useCardControl('idea', shape.props.ideaId, idea?.authorId ?? null)
  const { votes, scale } = useVoteScale('idea', shape.props.ideaId)

  // Fit the text: shrink the font; grow the card when even GROW_FONT is too big.
  const textRef = useRef<HTMLParagraphElement>(null)
  const text = idea?.text
  const author = idea?.authorName && card.showAuthor ? idea.authorName : ''
  const markCount = card.marks.length + (card.spotlit ? 1 : 0)
  const control = useControlContext()?.control
  const grows = control?.me.role === 'facilitator'
  const supports = control?.support[ideaId]
  // Where it came from (table device, paper), for facilitators only (issue 19 §2).
  const v = useT('views')
  const source = grows && idea && idea.source !== 'own' ? sourceLabel(v, idea) : ''
  // Writing one's own idea: similar public ideas below the card, for a "+1" instead (issue 19 §3).
  const ownDraft =
    isEditing &&
    !!control &&
    !!idea &&
    isOwnIdea({ id: ideaId, authorId: idea.authorId }, control.me)
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-fit when what takes space changes
  useLayoutEffect(() => {
    const el = textRef.current
    if (!el) return
    // A facilitator's whiteboard grows a card whose text needs less than GROW_FONT; everyone
    // else shrinks the text further until it fits (growCard.ts).
    const canGrow = grows && !votes && !editor.getInstanceState().isReadonly
    const { fits } = fitFont(el, canGrow ? GROW_FONT : MIN_FONT, MAX_FONT)
    if (fits || !canGrow) return
    growCard(editor, shape, Math.ceil(shape.props.h + el.scrollHeight - el.clientHeight + 2))
  }, [
    text,
    author,
    source,
    idea?.carriedFrom,
    markCount,
    votes,
    scale,
    shape.props.w,
    shape.props.h,
    isEditing,
    grows,
  ])

  return (
    <HTMLContainer
      className={`iw-idea-card ${card.className}`}
      data-testid="idea-card"
      data-idea-id={shape.props.ideaId}
      data-drafting={ownDraft || undefined}
      onPointerDown={isEditing ? stopEventPropagation : undefined}
      style={
        {
          width: shape.props.w,
          height: shape.props.h,
          background,
          pointerEvents: isEditing ? 'all' : 'none',
          '--iw-vote-scale': scale,
        } as CSSProperties
      }
    >
      <CardMarks marks={card.marks} spotlit={card.spotlit} />
      {isEditing && idea ? (
        <textarea
          {...field}
          className="iw-idea-card-input"
          aria-label={t('editIdeaLabel')}
          maxLength={MAX_IDEA_TEXT}
          onKeyDown={(event) => {
            event.stopPropagation()
            if (
              event.key === 'Escape' ||
              (event.key === 'Enter' && (event.metaKey || event.ctrlKey))
            ) {
              done()
            }
          }}
        />
      ) : (
        <p ref={textRef} className="iw-idea-card-text" data-testid="idea-card-text">
          {idea ? idea.text : t('missingIdea')}
        </p>
      )}
      {author ? <span className="iw-idea-card-author">{author}</span> : null}
      {source ? (
        <span className="iw-idea-card-source" data-testid="idea-card-source">
          {source}
        </span>
      ) : null}
      {/* Carried from another workshop (issue 20 §1), for everyone; no link on the canvas. */}
      <CarriedNote
        from={idea?.carriedFrom ?? null}
        link={false}
        className="iw-idea-card-source iw-carried"
      />
      {votes ? <span className="iw-vote-strip" aria-hidden="true" /> : null}
      <SupportCount count={supports} />
      <VoteControls kind="idea" id={shape.props.ideaId} label={idea?.text ?? ''} />
      {ownDraft ? (
        <div className="iw-card-similar">
          <DraftHints
            text={field.value}
            source={{ ideas: board.ideas().filter((i) => i.id !== ideaId), control }}
          />
        </div>
      ) : null}
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

  /** What tldraw's live region says of a selected card: its idea's text. */
  override getAriaDescriptor(shape: IdeaCardShape) {
    return editorBoard(this.editor)?.idea(shape.props.ideaId)?.text
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

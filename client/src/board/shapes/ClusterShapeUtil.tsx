/**
 * The cluster frame: a frame-like container (tldraw's `BaseFrameLikeShapeUtil`: clips children,
 * reparents shapes dragged in and out). Its title and colour come from the domain cluster; the
 * title is edited in place on double-click and written with `board.renameCluster`.
 */
import { MAX_CLUSTER_TITLE } from '@ideenwand/board'
import type { CSSProperties } from 'react'
import {
  BaseFrameLikeShapeUtil,
  Group2d,
  HTMLContainer,
  type RecordProps,
  Rectangle2d,
  stopEventPropagation,
  T,
} from 'tldraw'
import { CardMarks, useCardControl, VoteControls } from '../../control/CardControls.tsx'
import { useT } from '../../i18n/LangProvider.tsx'
import { editorBoard, useBoard, useCluster } from '../BoardContext.tsx'
import { CARD_BACKGROUND, CLUSTER_ACCENT } from './palette.ts'
import { CLUSTER_FRAME_SIZE, CLUSTER_FRAME_TYPE, type ClusterFrameShape } from './shapeTypes.ts'
import { useInPlaceText } from './useInPlaceText.ts'
import { useVoteScale } from './voteScale.ts'

function ClusterFrameView({ shape }: { shape: ClusterFrameShape }) {
  const board = useBoard()
  const t = useT()
  const cluster = useCluster(shape.props.clusterId)
  const clusterId = shape.props.clusterId
  const { isEditing, field, done } = useInPlaceText<HTMLInputElement>({
    shapeId: shape.id,
    key: clusterId,
    read: () => board.cluster(clusterId)?.title ?? '',
    write: (title) => board.renameCluster(clusterId, title),
    // After tldraw has handled the double-click (it focuses the canvas on pointer up).
    focus: (input) => {
      const frame = requestAnimationFrame(() => {
        input.focus()
        input.select()
      })
      return () => cancelAnimationFrame(frame)
    },
  })

  const accent = cluster ? CLUSTER_ACCENT[cluster.color] : CLUSTER_ACCENT.grey
  const tint = cluster ? CARD_BACKGROUND[cluster.color] : CARD_BACKGROUND.grey
  const card = useCardControl('cluster', shape.props.clusterId)
  const { scale } = useVoteScale('cluster', shape.props.clusterId)

  return (
    <HTMLContainer
      className={`iw-cluster-frame ${card.className}`}
      data-testid="cluster-frame"
      data-cluster-id={shape.props.clusterId}
      style={
        {
          width: shape.props.w,
          height: shape.props.h,
          borderColor: accent,
          background: `color-mix(in srgb, ${tint} 35%, white)`,
          pointerEvents: isEditing ? 'all' : 'none',
          '--iw-vote-scale': scale,
        } as CSSProperties
      }
    >
      <div className="iw-cluster-title" style={{ background: accent }}>
        {isEditing && cluster ? (
          <input
            {...field}
            className="iw-cluster-title-input"
            maxLength={MAX_CLUSTER_TITLE}
            onPointerDown={stopEventPropagation}
            onKeyDown={(event) => {
              event.stopPropagation()
              if (event.key === 'Enter' || event.key === 'Escape') done()
            }}
          />
        ) : (
          <span>{cluster?.title || t('untitledCluster')}</span>
        )}
      </div>
      <CardMarks marks={card.marks} spotlit={card.spotlit} />
      <VoteControls kind="cluster" id={shape.props.clusterId} label={cluster?.title ?? ''} />
    </HTMLContainer>
  )
}

/** Height of the title bar (styles.css `.iw-cluster-title`) and width of the edge bands. */
const TITLE_BAR_H = 32
const EDGE_BAND = 10

export class ClusterShapeUtil extends BaseFrameLikeShapeUtil<ClusterFrameShape> {
  static override type = CLUSTER_FRAME_TYPE
  static override props: RecordProps<ClusterFrameShape> = {
    clusterId: T.string,
    w: T.nonZeroNumber,
    h: T.nonZeroNumber,
  }

  override canEdit() {
    return true
  }

  override hideRotateHandle() {
    return true
  }

  /** What tldraw's live region says of a selected cluster: its title. */
  override getAriaDescriptor(shape: ClusterFrameShape) {
    return editorBoard(this.editor)?.cluster(shape.props.clusterId)?.title
  }

  getDefaultProps(): ClusterFrameShape['props'] {
    return { clusterId: '', ...CLUSTER_FRAME_SIZE }
  }

  component(shape: ClusterFrameShape) {
    return <ClusterFrameView shape={shape} />
  }

  /**
   * The frame's box, plus what grabs it (issue 16): the title bar and a band along each edge
   * are "labels", which tldraw hits for frame-like shapes (a frame's inside is for its cards).
   * So a click on the title or the edge selects the cluster, a drag there moves it, and a
   * double-click on the title edits it.
   */
  override getGeometry(shape: ClusterFrameShape) {
    const { w, h } = shape.props
    const band = Math.min(EDGE_BAND, w / 4, h / 4)
    const label = (x: number, y: number, width: number, height: number) =>
      new Rectangle2d({ x, y, width, height, isFilled: true, isLabel: true })
    return new Group2d({
      children: [
        new Rectangle2d({ width: w, height: h, isFilled: true }),
        label(0, 0, w, Math.min(TITLE_BAR_H, h)),
        label(0, 0, band, h),
        label(w - band, 0, band, h),
        label(0, h - band, w, band),
      ],
    })
  }

  /** Cards are clipped by the frame's box (not by the outline of all its hit areas). */
  override getClipPath(shape: ClusterFrameShape) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true }).vertices
  }

  getIndicatorPath(shape: ClusterFrameShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}

/**
 * The cluster frame: a frame-like container (tldraw's `BaseFrameLikeShapeUtil`: clips children,
 * reparents shapes dragged in and out). Its title and colour come from the domain cluster; the
 * title is edited in place on double-click and written with `board.renameCluster`.
 */
import { MAX_CLUSTER_TITLE } from '@ideenwand/board'
import { useEffect, useRef, useState } from 'react'
import {
  BaseFrameLikeShapeUtil,
  HTMLContainer,
  type RecordProps,
  stopEventPropagation,
  T,
  useEditor,
  useValue,
} from 'tldraw'
import { CardMarks, useCardFlow, VoteControls } from '../../flow/CardFlow.tsx'
import { useT } from '../../i18n/LangProvider.tsx'
import { useBoard, useCluster } from '../BoardContext.tsx'
import { CARD_BACKGROUND, CLUSTER_ACCENT } from './palette.ts'
import { CLUSTER_FRAME_SIZE, CLUSTER_FRAME_TYPE, type ClusterFrameShape } from './shapeTypes.ts'

function ClusterFrameView({ shape }: { shape: ClusterFrameShape }) {
  const editor = useEditor()
  const board = useBoard()
  const t = useT()
  const cluster = useCluster(shape.props.clusterId)
  const isEditing = useValue('isEditing', () => editor.getEditingShapeId() === shape.id, [
    editor,
    shape.id,
  ])
  const [draft, setDraft] = useState('')
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (!isEditing) return
    setDraft(board.cluster(shape.props.clusterId)?.title ?? '')
    inputRef.current?.select()
  }, [isEditing, board, shape.props.clusterId])

  const accent = cluster ? CLUSTER_ACCENT[cluster.color] : CLUSTER_ACCENT.grey
  const tint = cluster ? CARD_BACKGROUND[cluster.color] : CARD_BACKGROUND.grey
  const flow = useCardFlow('cluster', shape.props.clusterId)

  return (
    <HTMLContainer
      className={`iw-cluster-frame ${flow.className}`}
      data-testid="cluster-frame"
      data-cluster-id={shape.props.clusterId}
      style={{
        width: shape.props.w,
        height: shape.props.h,
        borderColor: accent,
        background: `color-mix(in srgb, ${tint} 35%, white)`,
        pointerEvents: isEditing ? 'all' : 'none',
      }}
    >
      <div className="iw-cluster-title" style={{ background: accent }}>
        {isEditing && cluster ? (
          <input
            ref={inputRef}
            className="iw-cluster-title-input"
            value={draft}
            maxLength={MAX_CLUSTER_TITLE}
            onPointerDown={stopEventPropagation}
            onChange={(event) => {
              setDraft(event.target.value)
              board.renameCluster(shape.props.clusterId, event.target.value)
            }}
            onKeyDown={(event) => {
              event.stopPropagation()
              if (event.key === 'Enter' || event.key === 'Escape') editor.setEditingShape(null)
            }}
          />
        ) : (
          <span>{cluster?.title || t('untitledCluster')}</span>
        )}
      </div>
      <CardMarks marks={flow.marks} spotlit={flow.spotlit} />
      <VoteControls kind="cluster" id={shape.props.clusterId} label={cluster?.title ?? ''} />
    </HTMLContainer>
  )
}

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

  getDefaultProps(): ClusterFrameShape['props'] {
    return { clusterId: '', ...CLUSTER_FRAME_SIZE }
  }

  component(shape: ClusterFrameShape) {
    return <ClusterFrameView shape={shape} />
  }

  getIndicatorPath(shape: ClusterFrameShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}

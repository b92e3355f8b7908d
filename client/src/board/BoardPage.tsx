/**
 * The board route (`/b/:boardId`), loaded lazily once `BoardGate` has checked access: page chrome
 * (add idea / cluster, name, video-call link, language, session, connection state) above a tldraw
 * canvas bound to the board's Y.Doc. Viewers get a read-only canvas, a "view only" badge and
 * publish no cursor; a connection the server ends (removed, session ended, board deleted) stops
 * with a message, and "waiting for admission" hands back to the lobby.
 */

import type { BoardAccess } from '@ideenwand/protocol'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import {
  atom,
  createUserId,
  type Editor,
  type TLUser,
  type TLUserPreferences,
  Tldraw,
  UserRecordType,
  useTldrawCurrentUser,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { ControlAside } from '../control/ControlAside.tsx'
import { ControlProvider } from '../control/ControlContext.tsx'
import { HELD_COMPOSER_ID, holdsNewIdeas } from '../control/HeldIdeasPanel.tsx'
import { PhaseBar } from '../control/PhaseBar.tsx'
import { useCanvasControl } from '../control/useCanvasControl.ts'
import { addIdeaBlock, controlAllowsWrite, explainsBlock } from '../control/writeRules.ts'
import { cspNonce } from '../cspNonce.ts'
import { useLang, useT } from '../i18n/LangProvider.tsx'
import { LangSwitch } from '../i18n/LangSwitch.tsx'
import { isLang } from '../i18n/lang.ts'
import { useControlT } from '../i18n/useControlT.ts'
import { type LocalUser, MAX_NAME_LENGTH, useLocalUser, useNameOverride } from '../localUser.ts'
import { SessionControls } from '../ui/AppHeader.tsx'
import { Link } from '../ui/Link.tsx'
import { newIdeaAuthor } from '../views/shared/author.ts'
import { useControl } from '../views/shared/useControl.ts'
import { useWorkshopTitle } from '../views/shared/useWorkshopTitle.ts'
import type { BoardConnection } from './BoardConnection.ts'
import { BoardContext, setEditorBoard } from './BoardContext.tsx'
import { BoardHeaderLinks } from './BoardHeaderLinks.tsx'
import { boardUiComponents, boardUiOverrides } from './boardUi.ts'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import {
  addClusterAtCenter,
  addIdeaAtCenter,
  registerCanvasDomainRules,
} from './canvasDomainRules.ts'
import { landOnContent } from './canvasPlacement.ts'
import { closeKind } from './closeMessage.ts'
import { LicenceNotice } from './LicenceNotice.tsx'
import { participantRights, registerParticipantRules } from './participantCanvasRules.ts'
import { exposeForTests } from './testHooks.ts'
import {
  currentLicenceSituation,
  TLDRAW_LICENCE_GATE_SELECTOR,
  tldrawCountsAsProduction,
  tldrawWouldHideCanvas,
} from './tldrawLicence.ts'
import { customShapeUtils, useBoardSession } from './useBoardSession.ts'

// Self-hosted fonts, icons and translations: Vite bundles them; no request leaves our origin.
const assetUrls = getAssetUrlsByImport()
// tldraw's own `<style>` elements (watermark, exports) and the one TipTap injects for rich text
// carry the page's CSP nonce (docs/security.md, "Content Security Policy").
const nonce = cspNonce()
// A double-click on the canvas makes no text box: the board holds ideas and clusters only.
const tldrawOptions = {
  nonce,
  text: { tipTapConfig: { injectNonce: nonce } },
  createTextOnCanvasDoubleClick: false,
}
/** Participants and viewers get no drawing tools: the board holds ideas and clusters. */
const participantOverrides = boardUiOverrides()

function toTLUser(user: LocalUser): TLUser {
  return UserRecordType.create({ id: createUserId(user.id), name: user.name, color: user.color })
}

export interface BoardPageProps {
  boardId: string
  access: BoardAccess
  /** The name the person joined or signed in with ("Anonym" for anonymous guests). */
  displayName: string
  /** Guest or facilitator id: the local name override is kept per principal. */
  principalKey: string
  videoUrl: string | null
  /** The server put this guest back into the lobby. */
  onWaiting: () => void
}

const noopSubscribe = () => () => {}
const notClosed = () => false

type LicenceState = 'ok' | 'missing' | 'rejected'

/**
 * Whether the canvas can be shown: `missing` where tldraw would hide it for want of a key;
 * `rejected` once tldraw replaced the editor by its licence gate (a key for another host, or an
 * expired one) — watched only where that can happen.
 */
function useLicence(canvas: HTMLElement | null): LicenceState {
  const [situation] = useState(currentLicenceSituation)
  const [state, setState] = useState<LicenceState>(() =>
    tldrawWouldHideCanvas(situation) ? 'missing' : 'ok',
  )
  const watch = state === 'ok' && tldrawCountsAsProduction(situation)
  useEffect(() => {
    if (!watch || !canvas) return
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) {
          if (node instanceof Element && node.matches(TLDRAW_LICENCE_GATE_SELECTOR)) {
            setState('rejected')
          }
        }
      }
    })
    observer.observe(canvas, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [watch, canvas])
  return state
}

/** True once the server has ended the connection for good. */
function useClosed(connection: BoardConnection | null): boolean {
  return useSyncExternalStore(
    connection?.subscribe ?? noopSubscribe,
    connection ? () => connection.getSnapshot().state === 'closed' : notClosed,
  )
}

export default function BoardPage({
  boardId,
  access,
  displayName,
  principalKey,
  videoUrl,
  onWaiting,
}: BoardPageProps) {
  const { lang, setLang } = useLang()
  const t = useT()
  const guestName = useCallback((suffix: string) => t('guestName', { suffix }), [t])
  const [localUser, updateUser] = useLocalUser(guestName)
  const [nameOverride, setNameOverride] = useNameOverride(principalKey)
  const nameInput = nameOverride ?? displayName
  const user = useMemo<LocalUser>(
    () => ({ ...localUser, name: nameInput.trim() || displayName }),
    [localUser, nameInput, displayName],
  )
  const viewer = access.role === 'viewer'
  // The header and the tab name the workshop (not the board's raw id).
  const workshopTitle = useWorkshopTitle(access.workshopId)
  const tabTitle = workshopTitle ? t('boardTabTitle', { workshop: workshopTitle }) : null
  useEffect(() => {
    document.title = `${tabTitle ?? t('board.tabTitle')} – ${t('appName')}`
  }, [tabTitle, t])
  const canWrite = access.canWrite
  const nameHintId = useId()

  const [$user] = useState(() => atom<TLUser | null>('current user', toTLUser(user)))
  useEffect(() => {
    $user.set(toTLUser(user))
  }, [$user, user])
  const [$mode] = useState(() =>
    atom<'readonly' | 'readwrite'>('collaboration mode', canWrite ? 'readwrite' : 'readonly'),
  )
  const [$publish] = useState(() => atom('publish presence', !viewer))

  const session = useBoardSession(boardId, {
    $user,
    $mode,
    $publish,
    restamp: access.role === 'facilitator',
  })
  const closed = useClosed(session.connection)
  // The server's control state (phase, lock) also decides whether this connection may write.
  const control = useControl(session.connection)
  const controlWrite = controlAllowsWrite(control)
  useEffect(() => {
    $mode.set(canWrite && controlWrite && !closed ? 'readwrite' : 'readonly')
    $publish.set(!viewer && !closed)
  }, [$mode, $publish, canWrite, controlWrite, viewer, closed])

  // "Waiting for admission" is not an end: back to the lobby, which reconnects once admitted.
  const connection = session.connection
  useEffect(() => {
    if (!connection) return
    const check = () => {
      const info = connection.getSnapshot().closed
      if (info && closeKind(info) === 'waiting') onWaiting()
    }
    check()
    return connection.subscribe(check)
  }, [connection, onWaiting])
  const [editor, setEditor] = useState<Editor | null>(null)
  const [canvasElement, setCanvasElement] = useState<HTMLElement | null>(null)
  const licence = useLicence(canvasElement)

  // tldraw's own preferences (snap mode, …) live for this page; identity and locale are ours.
  const [extraPrefs, setExtraPrefs] = useState<Partial<TLUserPreferences>>({})
  const userPreferences = useMemo<TLUserPreferences>(
    () => ({
      colorScheme: 'light',
      ...extraPrefs,
      id: user.id,
      name: user.name,
      color: user.color,
      locale: lang,
    }),
    [extraPrefs, user, lang],
  )
  // tldraw re-creates the editor when `user` changes identity, so the setter must be stable:
  // it reads the latest values through a ref.
  const latest = useRef({ user, lang, updateUser, setLang, setName: setNameOverride })
  latest.current = { user, lang, updateUser, setLang, setName: setNameOverride }
  const setUserPreferences = useCallback((next: TLUserPreferences) => {
    const { id: _id, name, color, locale, ...rest } = next
    const current = latest.current
    setExtraPrefs(rest)
    if (name && name !== current.user.name) current.setName(name)
    if (color && color !== current.user.color) current.updateUser({ color })
    if (isLang(locale) && locale !== current.lang) current.setLang(locale)
  }, [])
  const tlUser = useTldrawCurrentUser({ userPreferences, setUserPreferences })

  const board = session.connection?.board ?? null
  const getShapeVisibility = useCanvasControl(editor, board, control)
  const ct = useControlT()
  const ideaBlock = addIdeaBlock(control)
  const ideaBlockId = useId()
  // A participant in a phase or lock that forbids writing keeps the (disabled, explained) tools.
  const showTools = canWrite || (access.role === 'participant' && explainsBlock(ideaBlock))
  useEffect(() => {
    if (!editor || !board) return
    const forget = setEditorBoard(editor, board)
    const unregister = registerCanvasDomainRules(editor, board, {
      alignMembership: access.role === 'facilitator',
    })
    return () => {
      unregister()
      forget()
    }
  }, [editor, board, access.role])
  // Participants only change what the server lets them (their own cards, arranging when allowed).
  const participant = access.role === 'participant'
  const controlRef = useRef(control)
  controlRef.current = control
  useEffect(() => {
    if (!editor || !board || !participant) return
    return registerParticipantRules(editor, board, () => participantRights(controlRef.current))
  }, [editor, board, participant])

  // "Idee hinzufügen": the header button and, for facilitators, tldraw's note tool (N).
  const addIdeaRef = useRef<() => void>(() => {})
  addIdeaRef.current = () => {
    if (!editor || !board || closed || ideaBlock !== null) return
    // The server holds a participant's new idea now: it is written in the panel beside the canvas.
    if (participant && holdsNewIdeas(control)) {
      document.getElementById(HELD_COMPOSER_ID)?.focus()
      return
    }
    // Authors are the server identity and the name the server knows (so "own ideas" work, and
    // the server accepts the authorship: updateRights.ts); anonymity as set.
    addIdeaAtCenter(editor, board, {
      text: '',
      ...(control ? newIdeaAuthor(control) : { authorId: null, authorName: null }),
    })
  }
  const addIdea = useCallback(() => addIdeaRef.current(), [])
  const [facilitatorOverrides] = useState(() => boardUiOverrides(addIdea))

  useEffect(() => {
    if (!editor || !session.connection) return
    return exposeForTests({ editor, doc: session.connection.doc, board: session.connection.board })
  }, [editor, session.connection])

  const page = (
    <div className="iw-board-page">
      <header className="iw-board-header">
        {/* The app's icon as the home link: the header has room for one row at 1366 px. */}
        <Link className="iw-brand iw-brand-icon" href="/">
          <img src="/icon.svg" alt={t('appName')} width={28} height={28} />
        </Link>
        <span className="iw-board-id" data-testid="board-title" title={workshopTitle ?? undefined}>
          {workshopTitle ?? t('boardLabel', { id: boardId })}
        </span>
        <BoardHeaderLinks boardId={boardId} />
        {showTools ? null : (
          <span className="iw-badge iw-badge-readonly" data-testid="read-only-badge">
            {t('board.viewOnly')}
          </span>
        )}
        {videoUrl ? (
          <a
            className="iw-button iw-button-video"
            href={videoUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="video-link"
          >
            {t('board.videoCall')}
          </a>
        ) : null}
        {showTools ? (
          <div className="iw-toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
            <button
              type="button"
              className="iw-button iw-button-primary"
              data-testid="add-idea"
              disabled={!editor || !board || closed || ideaBlock !== null}
              aria-describedby={ideaBlock ? ideaBlockId : undefined}
              onClick={addIdea}
            >
              {t('addIdea')}
            </button>
            {ideaBlock ? (
              <span id={ideaBlockId} className="iw-add-idea-hint" data-testid="add-idea-hint">
                {ideaBlock === 'locked' ? ct('addIdeaLocked') : ct('addIdeaPhase')}
              </span>
            ) : null}
            <button
              type="button"
              className="iw-button"
              data-testid="add-cluster"
              disabled={!editor || !board || closed || !controlWrite}
              onClick={() => {
                if (editor && board) addClusterAtCenter(editor, board, t('newClusterTitle'))
              }}
            >
              {t('addCluster')}
            </button>
          </div>
        ) : (
          <span className="iw-toolbar" />
        )}
        {viewer ? null : (
          <label className="iw-name" title={t('yourNameHint')}>
            <span>{t('yourName')}</span>
            <span
              className="iw-name-swatch"
              style={{ background: user.color }}
              aria-hidden="true"
            />
            <input
              value={nameInput}
              placeholder={displayName}
              maxLength={MAX_NAME_LENGTH}
              data-testid="user-name"
              aria-describedby={nameHintId}
              onChange={(event) => setNameOverride(event.target.value)}
            />
            <span id={nameHintId} className="iw-visually-hidden">
              {t('yourNameHint')}
            </span>
          </label>
        )}
        <div className="iw-board-session">
          <SessionControls />
        </div>
        <LangSwitch />
        <ConnectionStatus connection={session.connection} />
      </header>
      <PhaseBar connection={session.connection} />
      <main className="iw-canvas" ref={setCanvasElement}>
        {licence !== 'ok' ? (
          <LicenceNotice boardId={boardId} reason={licence} />
        ) : session.phase === 'ready' && board ? (
          <BoardContext.Provider value={board}>
            <Tldraw
              store={session.store}
              shapeUtils={customShapeUtils}
              user={tlUser}
              getShapeVisibility={getShapeVisibility}
              assetUrls={assetUrls}
              licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
              options={tldrawOptions}
              overrides={
                access.role === 'facilitator' ? facilitatorOverrides : participantOverrides
              }
              components={boardUiComponents}
              onMount={(mounted) => {
                landOnContent(mounted)
                setEditor(mounted)
                return () => setEditor(null)
              }}
            />
          </BoardContext.Provider>
        ) : session.phase === 'schema-too-new' ? null : (
          <p className="iw-loading" aria-busy="true">
            {t('loadingBoard')}
          </p>
        )}
      </main>
      <ControlAside />
      {session.phase === 'schema-too-new' ? (
        <div className="iw-overlay">
          <div
            className="iw-dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="iw-reload-title"
            aria-describedby="iw-reload-body"
            data-testid="reload-notice"
          >
            <h2 id="iw-reload-title">{t('reloadTitle')}</h2>
            <p id="iw-reload-body">{t('reloadBody')}</p>
            <button
              type="button"
              className="iw-button iw-button-primary"
              // biome-ignore lint/a11y/noAutofocus: the only action in a modal dialog
              autoFocus
              onClick={() => window.location.reload()}
            >
              {t('reload')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
  return (
    <ControlProvider
      control={control}
      connection={session.connection}
      editor={editor}
      board={board}
    >
      {page}
    </ControlProvider>
  )
}

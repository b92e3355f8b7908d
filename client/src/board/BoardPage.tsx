/**
 * The board route (`/b/:boardId`), loaded lazily: page chrome (add idea / cluster, name,
 * language, connection state) above a tldraw canvas bound to the board's Y.Doc.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
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
import { useLang } from '../i18n/LangProvider.tsx'
import { LangSwitch } from '../i18n/LangSwitch.tsx'
import { isLang } from '../i18n/messages.ts'
import { type LocalUser, MAX_NAME_LENGTH, useLocalUser } from '../localUser.ts'
import { navigate } from '../router.ts'
import { BoardContext } from './BoardContext.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import {
  addClusterAtCenter,
  addIdeaAtCenter,
  registerCanvasDomainRules,
} from './canvasDomainRules.ts'
import { exposeForTests } from './testHooks.ts'
import { customShapeUtils, useBoardSession } from './useBoardSession.ts'

// Self-hosted fonts, icons and translations: Vite bundles them; no request leaves our origin.
const assetUrls = getAssetUrlsByImport()

function toTLUser(user: LocalUser): TLUser {
  return UserRecordType.create({ id: createUserId(user.id), name: user.name, color: user.color })
}

export default function BoardPage({ boardId }: { boardId: string }) {
  const { lang, setLang, t } = useLang()
  const [user, updateUser] = useLocalUser(t.guestName)
  const [$user] = useState(() => atom<TLUser | null>('current user', toTLUser(user)))
  useEffect(() => {
    $user.set(toTLUser(user))
  }, [$user, user])

  const session = useBoardSession(boardId, $user, t.firstPageName)
  const [editor, setEditor] = useState<Editor | null>(null)

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
  const latest = useRef({ user, lang, updateUser, setLang })
  latest.current = { user, lang, updateUser, setLang }
  const setUserPreferences = useCallback((next: TLUserPreferences) => {
    const { id: _id, name, color, locale, ...rest } = next
    const current = latest.current
    setExtraPrefs(rest)
    if ((name && name !== current.user.name) || (color && color !== current.user.color)) {
      current.updateUser({ name: name ?? current.user.name, color: color ?? current.user.color })
    }
    if (isLang(locale) && locale !== current.lang) current.setLang(locale)
  }, [])
  const tlUser = useTldrawCurrentUser({ userPreferences, setUserPreferences })

  const board = session.connection?.board ?? null
  useEffect(() => {
    if (!editor || !board) return
    return registerCanvasDomainRules(editor, board)
  }, [editor, board])

  useEffect(() => {
    if (!editor || !session.connection) return
    return exposeForTests({ editor, doc: session.connection.doc, board: session.connection.board })
  }, [editor, session.connection])

  return (
    <div className="iw-board-page">
      <header className="iw-board-header">
        <a
          className="iw-brand"
          href="/"
          onClick={(event) => {
            event.preventDefault()
            navigate('/')
          }}
        >
          {t.appName}
        </a>
        <span className="iw-board-id">{t.boardLabel(boardId)}</span>
        <div className="iw-toolbar" role="toolbar" aria-label={t.toolbarLabel}>
          <button
            type="button"
            className="iw-button iw-button-primary"
            data-testid="add-idea"
            disabled={!editor || !board}
            onClick={() => {
              if (!editor || !board) return
              addIdeaAtCenter(editor, board, {
                text: t.newIdeaText,
                authorId: user.id,
                authorName: user.name,
              })
            }}
          >
            {t.addIdea}
          </button>
          <button
            type="button"
            className="iw-button"
            data-testid="add-cluster"
            disabled={!editor || !board}
            onClick={() => {
              if (editor && board) addClusterAtCenter(editor, board, t.newClusterTitle)
            }}
          >
            {t.addCluster}
          </button>
        </div>
        <label className="iw-name">
          <span>{t.yourName}</span>
          <span className="iw-name-swatch" style={{ background: user.color }} aria-hidden="true" />
          <input
            value={user.name}
            maxLength={MAX_NAME_LENGTH}
            data-testid="user-name"
            onChange={(event) => updateUser({ name: event.target.value })}
          />
        </label>
        <LangSwitch />
        <ConnectionStatus connection={session.connection} />
      </header>
      <main className="iw-canvas">
        {session.phase === 'ready' && board ? (
          <BoardContext.Provider value={board}>
            <Tldraw
              store={session.store}
              shapeUtils={customShapeUtils}
              user={tlUser}
              assetUrls={assetUrls}
              licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
              onMount={(mounted) => {
                setEditor(mounted)
                return () => setEditor(null)
              }}
            />
          </BoardContext.Provider>
        ) : session.phase === 'schema-too-new' ? null : (
          <p className="iw-loading" aria-busy="true">
            {t.loadingBoard}
          </p>
        )}
      </main>
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
            <h2 id="iw-reload-title">{t.reloadTitle}</h2>
            <p id="iw-reload-body">{t.reloadBody}</p>
            <button
              type="button"
              className="iw-button iw-button-primary"
              // biome-ignore lint/a11y/noAutofocus: the only action in a modal dialog
              autoFocus
              onClick={() => window.location.reload()}
            >
              {t.reload}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
}

/**
 * What tldraw's own UI offers on an Ideenwand board. Everything on the board is an idea card or a
 * cluster frame of the domain model (`@ideenwand/board`), for every role:
 *
 * - participants (and viewers) keep select, hand, laser and zoom (`participantCanvasRules.ts`;
 *   the server refuses anything else, `server/src/sync/updateRights.ts`);
 * - facilitators keep the same, and tldraw's note tool (N, "Idee hinzufügen") creates a real idea
 *   through the same path as the header's "Idee hinzufügen" button — never a sticky note that no
 *   phone, list, ballot or export would know. Drawing, text, shapes, arrows, frames and media are
 *   not offered (they would be content outside the domain model, missing from every export);
 *   what a facilitator pastes or drops is removed like a participant's (`canvasDomainRules.ts`);
 * - the style panel (no styles on our shapes) and the page menu (a board is one page) are hidden;
 * - tldraw strings our shapes bring into its UI (the live region names a selected shape by
 *   `tool.<type>`) are translated, and a few of tldraw's own German strings are corrected.
 */
import type {
  TLUiComponents,
  TLUiOverrides,
  TLUiToolItem,
  TLUiToolsContextType,
  TLUiTranslationProviderProps,
} from 'tldraw'
import { participantTools } from './participantCanvasRules.ts'
import { CLUSTER_FRAME_TYPE, IDEA_CARD_TYPE } from './shapes/shapeTypes.ts'

/** Actions that would put content outside the domain model on the board. */
const REMOVED_ACTIONS = ['insert-media', 'insert-embed', 'convert-to-embed', 'convert-to-bookmark']

const translations: NonNullable<TLUiTranslationProviderProps['overrides']> = {
  de: {
    [`tool.${IDEA_CARD_TYPE}`]: 'Idee',
    [`tool.${CLUSTER_FRAME_TYPE}`]: 'Cluster',
    'tool.note': 'Idee hinzufügen',
    'style-panel.dash': 'Strichart',
    'dash-style.dotted': 'Gepunktet',
  },
  en: {
    [`tool.${IDEA_CARD_TYPE}`]: 'Idea',
    [`tool.${CLUSTER_FRAME_TYPE}`]: 'Cluster',
    'tool.note': 'Add idea',
  },
}

/** tldraw UI parts a board does not show. */
export const boardUiComponents: TLUiComponents = { StylePanel: null, PageMenu: null }

/**
 * The overrides for one board page. `addIdea` is what the header's "Idee hinzufügen" does; it is
 * undefined for participants and viewers (their toolbar has no note tool).
 */
export function boardUiOverrides(addIdea?: () => void): TLUiOverrides {
  return {
    translations,
    actions: (_editor, actions) => {
      const kept = { ...actions }
      for (const id of REMOVED_ACTIONS) delete kept[id]
      return kept
    },
    tools: (_editor, tools) => {
      const kept: TLUiToolsContextType = participantTools(tools)
      const note = tools.note
      if (addIdea && note) {
        // The note tool's place, icon and key (N), but it adds an idea instead of a note.
        const ideaTool: TLUiToolItem = {
          id: 'note',
          label: 'tool.note',
          icon: note.icon,
          kbd: note.kbd,
          onSelect: () => addIdea(),
        }
        kept.note = ideaTool
      }
      return kept
    },
  }
}

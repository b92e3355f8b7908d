/** How the domain's colour names look on the canvas (the domain stores names, not hex). */
import type { IdeaColor } from '@ideenwand/board'

export const CARD_BACKGROUND: Record<IdeaColor, string> = {
  yellow: '#fff3a8',
  orange: '#ffd8a8',
  green: '#c3f0c8',
  blue: '#c5e3ff',
  violet: '#e2d4ff',
  red: '#ffc9c9',
  grey: '#e9ecef',
}

export const CLUSTER_ACCENT: Record<IdeaColor, string> = {
  yellow: '#e6b800',
  orange: '#f08c00',
  green: '#2f9e44',
  blue: '#1971c2',
  violet: '#7048e8',
  red: '#e03131',
  grey: '#868e96',
}

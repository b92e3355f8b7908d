/**
 * Every UI string of the client, German first, English second. One typed dictionary so a full
 * i18n library (a later issue) can take the strings over without hunting through components.
 * @module
 */

export const LANGS = ['de', 'en'] as const
export type Lang = (typeof LANGS)[number]
export const DEFAULT_LANG: Lang = 'de'

export interface Messages {
  appName: string
  tagline: string
  intro: string
  newBoard: string
  openBoardLabel: string
  openBoardPlaceholder: string
  openBoard: string
  invalidBoardId: string
  language: string
  langName: Record<Lang, string>
  backToStart: string
  loadingBoard: string
  yourName: string
  addIdea: string
  addCluster: string
  newIdeaText: string
  newClusterTitle: string
  editIdeaLabel: string
  untitledCluster: string
  missingIdea: string
  connection: {
    offline: string
    connecting: string
    saving: string
    saved: string
  }
  closed: (reason: string) => string
  reloadTitle: string
  reloadBody: string
  reload: string
  notFoundTitle: string
  notFoundBody: string
  guestName: (suffix: string) => string
  firstPageName: string
  boardLabel: (id: string) => string
  toolbarLabel: string
}

const de: Messages = {
  appName: 'Ideenwand',
  tagline: 'Gemeinsam Ideen sammeln – im Saal und von zu Hause.',
  intro:
    'Ideenwand ist eine digitale Pinnwand für Bürgerwerkstätten: Alle Teilnehmenden, ob im ' +
    'Rathaussaal oder zu Hause, schreiben Ideen auf Karten, ordnen sie gemeinsam in Gruppen und ' +
    'sehen live, was die anderen beitragen.',
  newBoard: 'Neues Board',
  openBoardLabel: 'Board-ID',
  openBoardPlaceholder: 'z. B. k3b9x2',
  openBoard: 'Öffnen',
  invalidBoardId: 'Bitte eine gültige Board-ID eingeben (Buchstaben, Ziffern, - und _).',
  language: 'Sprache',
  langName: { de: 'Deutsch', en: 'English' },
  backToStart: 'Zur Startseite',
  loadingBoard: 'Board wird geladen …',
  yourName: 'Dein Name',
  addIdea: 'Idee hinzufügen',
  addCluster: 'Cluster hinzufügen',
  newIdeaText: '',
  newClusterTitle: 'Neuer Cluster',
  editIdeaLabel: 'Text der Idee bearbeiten',
  untitledCluster: 'Cluster ohne Titel',
  missingIdea: '(Idee gelöscht)',
  connection: {
    offline: 'Offline – Änderungen bleiben auf diesem Gerät',
    connecting: 'Verbinde …',
    saving: 'Speichert …',
    saved: 'Gespeichert',
  },
  closed: (reason) => `Verbindung beendet: ${reason}`,
  reloadTitle: 'Neue Version verfügbar',
  reloadBody:
    'Dieses Board wurde mit einer neueren Version von Ideenwand bearbeitet. Bitte neu laden, ' +
    'damit nichts verloren geht.',
  reload: 'Neu laden',
  notFoundTitle: 'Seite nicht gefunden',
  notFoundBody: 'Diese Adresse gibt es nicht.',
  guestName: (suffix) => `Gast ${suffix}`,
  firstPageName: 'Seite 1',
  boardLabel: (id) => `Board ${id}`,
  toolbarLabel: 'Board-Werkzeuge',
}

const en: Messages = {
  appName: 'Ideenwand',
  tagline: 'Collect ideas together – in the room and from home.',
  intro:
    'Ideenwand is a digital idea wall for civic workshops: everyone, whether in the town hall or ' +
    'at home, writes ideas on cards, groups them together and sees live what the others add.',
  newBoard: 'New board',
  openBoardLabel: 'Board id',
  openBoardPlaceholder: 'e.g. k3b9x2',
  openBoard: 'Open',
  invalidBoardId: 'Please enter a valid board id (letters, digits, - and _).',
  language: 'Language',
  langName: { de: 'Deutsch', en: 'English' },
  backToStart: 'Back to start',
  loadingBoard: 'Loading board …',
  yourName: 'Your name',
  addIdea: 'Add idea',
  addCluster: 'Add cluster',
  newIdeaText: '',
  newClusterTitle: 'New cluster',
  editIdeaLabel: 'Edit the idea text',
  untitledCluster: 'Untitled cluster',
  missingIdea: '(idea deleted)',
  connection: {
    offline: 'Offline – changes stay on this device',
    connecting: 'Connecting …',
    saving: 'Saving …',
    saved: 'Saved',
  },
  closed: (reason) => `Connection closed: ${reason}`,
  reloadTitle: 'New version available',
  reloadBody:
    'This board was edited with a newer version of Ideenwand. Please reload so nothing gets lost.',
  reload: 'Reload',
  notFoundTitle: 'Page not found',
  notFoundBody: 'This address does not exist.',
  guestName: (suffix) => `Guest ${suffix}`,
  firstPageName: 'Page 1',
  boardLabel: (id) => `Board ${id}`,
  toolbarLabel: 'Board tools',
}

export const messages: Record<Lang, Messages> = { de, en }

export function isLang(value: unknown): value is Lang {
  return value === 'de' || value === 'en'
}

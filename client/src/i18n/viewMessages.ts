/**
 * Strings of the phone, projector and list views (German first, English second), kept apart from
 * `messages.ts` so the views can grow without touching the shared dictionary. Same typed style:
 * one `ViewMessages` object per language.
 * @module
 */
import type { Lang } from './messages.ts'

export type ViewPhase = 'collect' | 'cluster' | 'vote' | 'discuss'

export interface ViewMessages {
  phase: Record<ViewPhase, string>
  /** One line: what to do now, per phase, for participants. */
  instruction: Record<ViewPhase, string>
  phaseLabel: string
  timerLabel: string
  timerPaused: string
  timeLeft: (minutes: number, seconds: number) => string
  links: {
    label: string
    whiteboard: string
    list: string
    phone: string
    projector: string
  }
  state: {
    offlineBanner: string
    closed: string
    connecting: string
    saving: string
    saved: string
    offline: string
  }
  idea: {
    yourIdea: string
    send: string
    sentStatus: string
    savedOffline: string
    tooLong: (max: number) => string
    empty: string
    notNow: string
    readOnly: string
    mine: string
    mineBadge: string
    mineEmpty: string
    pending: string
    sent: string
    edit: string
    editLabel: string
    save: string
    cancel: string
    delete: string
    deleteConfirm: string
    deleteYes: string
    deleted: string
    by: (name: string) => string
    anonymous: string
    unsorted: string
    untitledCluster: string
    hiddenBadge: string
    pendingBadge: string
  }
  vote: {
    heading: string
    dotsLeft: (n: number) => string
    myDots: (n: number) => string
    plus: (label: string) => string
    minus: (label: string) => string
    waiting: string
    closed: string
    noTargets: string
    failed: string
  }
  results: {
    heading: (round: number) => string
    dots: (n: number) => string
    rank: (n: number) => string
    tied: string
    soon: string
    voters: (n: number) => string
    none: string
  }
  projector: {
    title: string
    join: string
    code: string
    qrAlt: string
    ideaCount: (n: number) => string
    ideaCountLabel: string
    codeUnavailable: string
  }
  list: {
    title: (phase: string) => string
    addHeading: string
    addText: string
    addCluster: string
    add: string
    move: string
    moveTo: (idea: string) => string
    moveButton: string
    moved: (cluster: string) => string
    clusterCount: (n: number) => string
    empty: string
    clustersHeading: string
    newCluster: string
    newClusterLabel: string
    createCluster: string
    rename: string
    renameLabel: (title: string) => string
    deleteCluster: (title: string) => string
    deleteClusterConfirm: (title: string) => string
    voteCount: (n: number) => string
  }
  announce: {
    newIdea: (text: string) => string
    phase: (phase: string) => string
    oneMinute: string
    timeUp: string
    resultsShown: string
    roundOpen: string
  }
}

const de: ViewMessages = {
  phase: {
    collect: 'Ideen sammeln',
    cluster: 'Ordnen',
    vote: 'Abstimmen',
    discuss: 'Besprechen',
  },
  instruction: {
    collect: 'Schreiben Sie Ihre Ideen auf – jede Idee einzeln.',
    cluster: 'Die Ideen werden jetzt in Gruppen geordnet.',
    vote: 'Verteilen Sie Ihre Punkte auf die Ideen, die Ihnen am wichtigsten sind.',
    discuss: 'Wir besprechen die Ergebnisse gemeinsam.',
  },
  phaseLabel: 'Phase',
  timerLabel: 'Verbleibende Zeit',
  timerPaused: 'pausiert',
  timeLeft: (m, s) =>
    m > 0 ? `noch ${m} Minute${m === 1 ? '' : 'n'} ${s} Sekunden` : `noch ${s} Sekunden`,
  links: {
    label: 'Ansichten',
    whiteboard: 'Zum Whiteboard',
    list: 'Listenansicht',
    phone: 'Handy-Ansicht',
    projector: 'Beamer-Ansicht',
  },
  state: {
    offlineBanner:
      'Keine Verbindung. Ihre Ideen bleiben auf diesem Gerät und werden gesendet, sobald die Verbindung zurück ist.',
    closed: 'Verbindung beendet',
    connecting: 'Verbinde …',
    saving: 'Wird gesendet …',
    saved: 'Alles gesendet',
    offline: 'Offline',
  },
  idea: {
    yourIdea: 'Deine Idee',
    send: 'Senden',
    sentStatus: 'Idee gesendet.',
    savedOffline: 'Idee gespeichert – sie wird gesendet, sobald die Verbindung zurück ist.',
    tooLong: (max) => `Höchstens ${max} Zeichen.`,
    empty: 'Bitte zuerst eine Idee eingeben.',
    notNow: 'In dieser Phase können keine Ideen hinzugefügt werden.',
    readOnly: 'Nur ansehen – Sie können hier nichts ändern.',
    mine: 'Meine Ideen',
    mineBadge: 'Meine Idee',
    mineEmpty: 'Noch keine eigenen Ideen.',
    pending: 'wartet auf Verbindung',
    sent: 'gesendet',
    edit: 'Bearbeiten',
    editLabel: 'Text der Idee',
    save: 'Speichern',
    cancel: 'Abbrechen',
    delete: 'Löschen',
    deleteConfirm: 'Diese Idee wirklich löschen?',
    deleteYes: 'Ja, löschen',
    deleted: 'Idee gelöscht.',
    by: (name) => `von ${name}`,
    anonymous: 'anonym',
    unsorted: 'Noch nicht zugeordnet',
    untitledCluster: 'Cluster ohne Titel',
    hiddenBadge: 'ausgeblendet',
    pendingBadge: 'wartet auf Freigabe',
  },
  vote: {
    heading: 'Ihre Punkte',
    dotsLeft: (n) => (n === 1 ? 'Noch 1 Punkt übrig' : `Noch ${n} Punkte übrig`),
    myDots: (n) => (n === 1 ? '1 Punkt von mir' : `${n} Punkte von mir`),
    plus: (label) => `Punkt geben: ${label}`,
    minus: (label) => `Punkt zurücknehmen: ${label}`,
    waiting: 'Die Abstimmung hat noch nicht begonnen.',
    closed: 'Die Abstimmung ist beendet.',
    noTargets: 'Keine Einträge zur Abstimmung.',
    failed: 'Der Punkt konnte nicht gesetzt werden.',
  },
  results: {
    heading: (round) => `Ergebnis der Abstimmung ${round}`,
    dots: (n) => (n === 1 ? '1 Punkt' : `${n} Punkte`),
    rank: (n) => `Platz ${n}`,
    tied: 'gleichauf',
    soon: 'Ergebnisse werden gleich gezeigt',
    voters: (n) => (n === 1 ? '1 Person hat abgestimmt' : `${n} Personen haben abgestimmt`),
    none: 'Noch keine Ergebnisse.',
  },
  projector: {
    title: 'Beamer',
    join: 'Jetzt mitmachen',
    code: 'Code',
    qrAlt: 'QR-Code zum Beitreten',
    ideaCount: (n) => (n === 1 ? '1 Idee' : `${n} Ideen`),
    ideaCountLabel: 'Ideen bisher',
    codeUnavailable: 'Beitritt mit Code ist gerade nicht möglich.',
  },
  list: {
    title: (phase) => `Phase: ${phase}`,
    addHeading: 'Idee hinzufügen',
    addText: 'Text der Idee',
    addCluster: 'Cluster',
    add: 'Hinzufügen',
    move: 'Verschieben nach',
    moveTo: (idea) => `Cluster für „${idea}“`,
    moveButton: 'Verschieben',
    moved: (cluster) => `Verschoben nach „${cluster}“.`,
    clusterCount: (n) => (n === 1 ? '1 Idee' : `${n} Ideen`),
    empty: 'Keine Ideen.',
    clustersHeading: 'Cluster verwalten',
    newCluster: 'Neuer Cluster',
    newClusterLabel: 'Titel des neuen Clusters',
    createCluster: 'Cluster anlegen',
    rename: 'Umbenennen',
    renameLabel: (title) => `Neuer Titel für „${title}“`,
    deleteCluster: (title) => `Cluster „${title}“ löschen`,
    deleteClusterConfirm: (title) =>
      `Cluster „${title}“ löschen? Seine Ideen werden „Noch nicht zugeordnet“.`,
    voteCount: (n) => (n === 1 ? '1 Punkt von mir' : `${n} Punkte von mir`),
  },
  announce: {
    newIdea: (text) => `Neue Idee: ${text}`,
    phase: (phase) => `Phase: ${phase}`,
    oneMinute: 'Noch 1 Minute',
    timeUp: 'Die Zeit ist um',
    resultsShown: 'Die Ergebnisse sind da.',
    roundOpen: 'Die Abstimmung hat begonnen.',
  },
}

const en: ViewMessages = {
  phase: {
    collect: 'Collect ideas',
    cluster: 'Cluster',
    vote: 'Vote',
    discuss: 'Discuss',
  },
  instruction: {
    collect: 'Write down your ideas – one idea at a time.',
    cluster: 'The ideas are being sorted into groups now.',
    vote: 'Give your dots to the ideas that matter most to you.',
    discuss: 'We are discussing the results together.',
  },
  phaseLabel: 'Phase',
  timerLabel: 'Time left',
  timerPaused: 'paused',
  timeLeft: (m, s) =>
    m > 0 ? `${m} minute${m === 1 ? '' : 's'} ${s} seconds left` : `${s} seconds left`,
  links: {
    label: 'Views',
    whiteboard: 'Open whiteboard',
    list: 'List view',
    phone: 'Phone view',
    projector: 'Projector view',
  },
  state: {
    offlineBanner:
      'No connection. Your ideas stay on this device and are sent as soon as the connection is back.',
    closed: 'Connection ended',
    connecting: 'Connecting …',
    saving: 'Sending …',
    saved: 'All sent',
    offline: 'Offline',
  },
  idea: {
    yourIdea: 'Your idea',
    send: 'Send',
    sentStatus: 'Idea sent.',
    savedOffline: 'Idea saved – it will be sent once the connection is back.',
    tooLong: (max) => `At most ${max} characters.`,
    empty: 'Please type an idea first.',
    notNow: 'Ideas cannot be added in this phase.',
    readOnly: 'View only – you cannot change anything here.',
    mine: 'My ideas',
    mineBadge: 'Mine',
    mineEmpty: 'No ideas of yours yet.',
    pending: 'waiting for connection',
    sent: 'sent',
    edit: 'Edit',
    editLabel: 'Text of the idea',
    save: 'Save',
    cancel: 'Cancel',
    delete: 'Delete',
    deleteConfirm: 'Really delete this idea?',
    deleteYes: 'Yes, delete',
    deleted: 'Idea deleted.',
    by: (name) => `by ${name}`,
    anonymous: 'anonymous',
    unsorted: 'Not sorted yet',
    untitledCluster: 'Untitled cluster',
    hiddenBadge: 'hidden',
    pendingBadge: 'awaiting approval',
  },
  vote: {
    heading: 'Your dots',
    dotsLeft: (n) => (n === 1 ? '1 dot left' : `${n} dots left`),
    myDots: (n) => (n === 1 ? '1 dot from me' : `${n} dots from me`),
    plus: (label) => `Give a dot: ${label}`,
    minus: (label) => `Take back a dot: ${label}`,
    waiting: 'Voting has not started yet.',
    closed: 'Voting has ended.',
    noTargets: 'Nothing to vote on.',
    failed: 'The dot could not be placed.',
  },
  results: {
    heading: (round) => `Result of vote ${round}`,
    dots: (n) => (n === 1 ? '1 dot' : `${n} dots`),
    rank: (n) => `Rank ${n}`,
    tied: 'tied',
    soon: 'Results will be shown shortly',
    voters: (n) => (n === 1 ? '1 person voted' : `${n} people voted`),
    none: 'No results yet.',
  },
  projector: {
    title: 'Projector',
    join: 'Join now',
    code: 'Code',
    qrAlt: 'QR code to join',
    ideaCount: (n) => (n === 1 ? '1 idea' : `${n} ideas`),
    ideaCountLabel: 'Ideas so far',
    codeUnavailable: 'Joining with a code is not possible right now.',
  },
  list: {
    title: (phase) => `Phase: ${phase}`,
    addHeading: 'Add an idea',
    addText: 'Text of the idea',
    addCluster: 'Cluster',
    add: 'Add',
    move: 'Move to',
    moveTo: (idea) => `Cluster for “${idea}”`,
    moveButton: 'Move',
    moved: (cluster) => `Moved to “${cluster}”.`,
    clusterCount: (n) => (n === 1 ? '1 idea' : `${n} ideas`),
    empty: 'No ideas.',
    clustersHeading: 'Manage clusters',
    newCluster: 'New cluster',
    newClusterLabel: 'Title of the new cluster',
    createCluster: 'Create cluster',
    rename: 'Rename',
    renameLabel: (title) => `New title for “${title}”`,
    deleteCluster: (title) => `Delete cluster “${title}”`,
    deleteClusterConfirm: (title) =>
      `Delete cluster “${title}”? Its ideas become “Not sorted yet”.`,
    voteCount: (n) => (n === 1 ? '1 dot from me' : `${n} dots from me`),
  },
  announce: {
    newIdea: (text) => `New idea: ${text}`,
    phase: (phase) => `Phase: ${phase}`,
    oneMinute: '1 minute left',
    timeUp: 'Time is up',
    resultsShown: 'The results are in.',
    roundOpen: 'Voting has started.',
  },
}

export const viewMessages: Record<Lang, ViewMessages> = { de, en }

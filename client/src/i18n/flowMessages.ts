/**
 * Strings of the workshop flow on the canvas (phase bar, timer, facilitator panel, dot voting,
 * results, suggested clusters), German first, English second — the same typed style as
 * `messages.ts`, kept apart so the flow UI does not grow the shared dictionary. Read them with
 * `useFlowT()`.
 * @module
 */
import type { Phase } from '@ideenwand/board'
import { useLang } from './LangProvider.tsx'
import type { Lang } from './messages.ts'

export type FlowRoleKey = 'facilitator' | 'participant' | 'viewer'

export interface FlowMessages {
  phaseBarLabel: string
  phases: Record<Phase, string>
  /** Screen-reader suffix for the current step ("(aktuelle Phase)"). */
  currentStep: string
  stepDone: string
  /** "Schritt 2 von 4" */
  stepOf: (n: number, total: number) => string
  /** One line: what to do now, per phase and role. */
  instruction: Record<Phase, Record<FlowRoleKey, string>>
  /** Extra line while a vote phase has no open round. */
  waitingForRound: string
  roundClosed: string
  /** Vote phase, no open round, a result revealed. */
  resultIn: string
  timer: {
    label: string
    stopped: string
    paused: string
    timeUp: string
    /** The end-of-time signal toggle (aria-pressed). */
    sound: string
  }
  dotsLeft: (n: number) => string
  announce: {
    phase: (name: string) => string
    oneMinute: string
    timeUp: string
    roundOpen: (dots: number) => string
    revealed: (n: number) => string
  }
  voteErrors: Record<'budget-exhausted' | 'target-maximum' | 'invalid-target' | 'other', string>
  noOpenRound: string
  vote: {
    plus: (label: string) => string
    minus: (label: string) => string
    mine: (n: number) => string
    group: (label: string) => string
    tallyDots: (n: number) => string
  }
  marks: {
    hidden: string
    pending: string
    spotlight: string
    privateOwn: string
  }
  addIdeaLocked: string
  addIdeaPhase: string
  panel: {
    title: string
    open: string
    close: string
    phaseHeading: string
    back: string
    next: string
    goTo: (phase: string) => string
    timerHeading: string
    startMinutes: (n: number) => string
    customMinutes: string
    start: string
    pause: string
    resume: string
    addMinute: string
    reset: string
    boardHeading: string
    lock: string
    lockHint: string
    privateCollection: string
    reveal: string
    revealed: string
    premoderation: string
    pendingQueue: (n: number) => string
    noPending: string
    approve: (text: string) => string
    hide: (text: string) => string
    approveShort: string
    hideShort: string
    anonymous: string
    anonymousHint: string
    canvasHeading: string
    followMe: string
    stopFollow: string
    following: string
    spotlight: string
    clearSpotlight: string
    hideSelected: string
    unhideSelected: string
    selectFirst: string
    suggest: string
    roundHeading: string
    dotsPerPerson: string
    maxPerTarget: string
    targetKind: string
    targetIdeas: string
    targetClusters: string
    timeLimit: string
    timeLimitHint: string
    fromRound: string
    fromRoundNone: string
    fromRoundOption: (n: number) => string
    topN: string
    startRound: string
    closeRound: string
    revealRound: string
    showTally: string
    turnout: (voters: number, dots: number) => string
    roundStatus: (n: number, status: 'open' | 'closed' | 'revealed') => string
    noRound: string
    busy: string
  }
  results: {
    title: string
    round: (n: number) => string
    voters: (n: number) => string
    rank: (n: number) => string
    tied: string
    dots: (n: number) => string
    chartTitle: (n: number) => string
    history: string
    empty: string
    liveTally: string
    close: string
    show: string
    untitled: string
  }
  suggest: {
    title: string
    intro: string
    none: string
    clusterTitle: (n: number) => string
    include: (text: string) => string
    unsorted: (n: number) => string
    apply: string
    cancel: string
    tooMany: string
  }
  errorGeneric: (detail: string) => string
}

const de: FlowMessages = {
  phaseBarLabel: 'Ablauf des Workshops',
  phases: { collect: 'Sammeln', cluster: 'Ordnen', vote: 'Bewerten', discuss: 'Besprechen' },
  currentStep: '(aktuelle Phase)',
  stepDone: '(erledigt)',
  stepOf: (n, total) => `Schritt ${n} von ${total}`,
  instruction: {
    collect: {
      facilitator: 'Ideen werden gesammelt. Starten Sie bei Bedarf den Timer.',
      participant: 'Schreiben Sie Ihre Ideen: „Idee hinzufügen“ – eine Idee pro Karte.',
      viewer: 'Die Teilnehmenden sammeln jetzt Ideen.',
    },
    cluster: {
      facilitator: 'Ideen ordnen: Cluster anlegen oder vorschlagen lassen.',
      participant: 'Ziehen Sie ähnliche Ideen zusammen in einen Cluster.',
      viewer: 'Die Ideen werden jetzt geordnet.',
    },
    vote: {
      facilitator: 'Bewertung: Runde starten, Beteiligung verfolgen, dann aufdecken.',
      participant: 'Verteilen Sie Ihre Punkte mit „+“ auf die Ideen, die Ihnen wichtig sind.',
      viewer: 'Jetzt wird abgestimmt.',
    },
    discuss: {
      facilitator: 'Ergebnisse besprechen: Ideen in den Fokus holen.',
      participant: 'Wir besprechen die Ergebnisse gemeinsam.',
      viewer: 'Die Ergebnisse werden besprochen.',
    },
  },
  waitingForRound: 'Die Abstimmung beginnt gleich.',
  roundClosed: 'Die Abstimmung ist beendet. Das Ergebnis kommt gleich.',
  resultIn: 'Das Ergebnis ist da – Sie sehen es unter „Ergebnis“.',
  timer: {
    label: 'Verbleibende Zeit',
    stopped: 'Kein Timer',
    paused: 'pausiert',
    timeUp: 'Zeit ist um',
    sound: 'Signalton am Ende',
  },
  dotsLeft: (n) => (n === 1 ? 'noch 1 Punkt' : `noch ${n} Punkte`),
  announce: {
    phase: (name) => `Neue Phase: ${name}`,
    oneMinute: 'Noch 1 Minute',
    timeUp: 'Die Zeit ist um',
    roundOpen: (dots) => `Abstimmung gestartet: Sie haben ${dots} Punkte`,
    revealed: (n) => `Ergebnis der Runde ${n} ist da`,
  },
  voteErrors: {
    'budget-exhausted': 'Alle Ihre Punkte sind vergeben. Nehmen Sie erst einen Punkt zurück.',
    'target-maximum': 'Mehr Punkte können Sie dieser Idee nicht geben.',
    'invalid-target': 'Darüber wird in dieser Runde nicht abgestimmt.',
    other: 'Der Punkt konnte nicht gespeichert werden.',
  },
  noOpenRound: 'Die Abstimmung ist nicht mehr offen.',
  vote: {
    plus: (label) => `Punkt vergeben für „${label}“`,
    minus: (label) => `Punkt zurücknehmen von „${label}“`,
    mine: (n) => (n === 1 ? '1 Punkt von Ihnen' : `${n} Punkte von Ihnen`),
    group: (label) => `Abstimmung: ${label}`,
    tallyDots: (n) => (n === 1 ? '1 Punkt bisher' : `${n} Punkte bisher`),
  },
  marks: {
    hidden: 'verborgen',
    pending: 'wartet auf Freigabe',
    spotlight: 'Im Fokus',
    privateOwn: 'nur für Sie sichtbar',
  },
  addIdeaLocked: 'Das Board ist gerade gesperrt – Sie können nichts ändern.',
  addIdeaPhase: 'In dieser Phase werden keine neuen Ideen gesammelt.',
  panel: {
    title: 'Moderation',
    open: 'Moderation öffnen',
    close: 'Moderation schließen',
    phaseHeading: 'Phase',
    back: 'Zurück',
    next: 'Weiter',
    goTo: (phase) => `Zur Phase ${phase}`,
    timerHeading: 'Timer',
    startMinutes: (n) => `${n} min`,
    customMinutes: 'Minuten',
    start: 'Starten',
    pause: 'Pause',
    resume: 'Fortsetzen',
    addMinute: '+1 min',
    reset: 'Zurücksetzen',
    boardHeading: 'Board',
    lock: 'Board sperren',
    lockHint: 'Teilnehmende können nichts ändern.',
    privateCollection: 'Verdeckt sammeln (jede Person sieht nur ihre Ideen)',
    reveal: 'Ideen aufdecken',
    revealed: 'Ideen sind aufgedeckt',
    premoderation: 'Vorab prüfen (neue Ideen erst nach Freigabe zeigen)',
    pendingQueue: (n) => (n === 1 ? '1 Idee wartet' : `${n} Ideen warten`),
    noPending: 'Keine Idee wartet.',
    approve: (text) => `Freigeben: ${text}`,
    hide: (text) => `Verbergen: ${text}`,
    approveShort: 'Freigeben',
    hideShort: 'Verbergen',
    anonymous: 'Ideen anonym (ohne Namen)',
    anonymousHint: 'Namen werden nicht angezeigt; neue Ideen werden ohne Namen gespeichert.',
    canvasHeading: 'Auf dem Board',
    followMe: 'Alle zu mir holen',
    stopFollow: 'Nicht mehr folgen lassen',
    following: 'Alle folgen Ihrer Ansicht.',
    spotlight: 'Auswahl in den Fokus',
    clearSpotlight: 'Fokus aufheben',
    hideSelected: 'Ausgewählte Idee verbergen',
    unhideSelected: 'Ausgewählte Idee wieder zeigen',
    selectFirst: 'Wählen Sie zuerst eine Idee oder einen Cluster auf dem Board aus.',
    suggest: 'Cluster vorschlagen',
    roundHeading: 'Abstimmung',
    dotsPerPerson: 'Punkte pro Person',
    maxPerTarget: 'Höchstens pro Idee',
    targetKind: 'Abstimmen über',
    targetIdeas: 'Ideen',
    targetClusters: 'Cluster',
    timeLimit: 'Zeitlimit in Minuten',
    timeLimitHint: 'Leer lassen für kein Zeitlimit.',
    fromRound: 'Nur die besten aus',
    fromRoundNone: 'alle Ideen',
    fromRoundOption: (n) => `Runde ${n}`,
    topN: 'Anzahl der besten',
    startRound: 'Runde starten',
    closeRound: 'Runde beenden',
    revealRound: 'Ergebnis aufdecken',
    showTally: 'Zwischenstand für mich anzeigen',
    turnout: (voters, dots) =>
      `${voters} ${voters === 1 ? 'Person hat' : 'Personen haben'} abgestimmt, ${dots} ${dots === 1 ? 'Punkt' : 'Punkte'}`,
    roundStatus: (n, status) =>
      `Runde ${n}: ${status === 'open' ? 'läuft' : status === 'closed' ? 'beendet, nicht aufgedeckt' : 'aufgedeckt'}`,
    noRound: 'Keine Runde offen.',
    busy: 'Wird gespeichert …',
  },
  results: {
    title: 'Ergebnis',
    round: (n) => `Runde ${n}`,
    voters: (n) => (n === 1 ? '1 Person hat abgestimmt' : `${n} Personen haben abgestimmt`),
    rank: (n) => `Platz ${n}`,
    tied: 'gleichauf',
    dots: (n) => (n === 1 ? '1 Punkt' : `${n} Punkte`),
    chartTitle: (n) => `Punkte je Idee, Runde ${n}`,
    history: 'Frühere Runden',
    empty: 'Noch keine Punkte.',
    liveTally: 'Zwischenstand (nur für Sie)',
    close: 'Ergebnis ausblenden',
    show: 'Ergebnis zeigen',
    untitled: '(ohne Text)',
  },
  suggest: {
    title: 'Vorgeschlagene Cluster',
    intro:
      'Ähnliche Ideen, nach Wörtern gruppiert. Passen Sie Titel an und wählen Sie ab, was nicht passt.',
    none: 'Keine Gruppen gefunden – die Ideen haben zu wenige gemeinsame Wörter.',
    clusterTitle: (n) => `Titel von Cluster ${n}`,
    include: (text) => `In diesen Cluster: ${text}`,
    unsorted: (n) => (n === 1 ? '1 Idee bleibt unsortiert.' : `${n} Ideen bleiben unsortiert.`),
    apply: 'Übernehmen',
    cancel: 'Abbrechen',
    tooMany: 'Zu viele Ideen für einen Vorschlag.',
  },
  errorGeneric: (detail) => `Das hat nicht geklappt (${detail}).`,
}

const en: FlowMessages = {
  phaseBarLabel: 'Workshop steps',
  phases: { collect: 'Collect', cluster: 'Cluster', vote: 'Vote', discuss: 'Discuss' },
  currentStep: '(current step)',
  stepDone: '(done)',
  stepOf: (n, total) => `Step ${n} of ${total}`,
  instruction: {
    collect: {
      facilitator: 'Ideas are being collected. Start the timer if you like.',
      participant: 'Write your ideas: "Add idea" – one idea per card.',
      viewer: 'Participants are collecting ideas now.',
    },
    cluster: {
      facilitator: 'Sort the ideas: add clusters or let the board suggest some.',
      participant: 'Drag similar ideas together into a cluster.',
      viewer: 'The ideas are being sorted now.',
    },
    vote: {
      facilitator: 'Voting: start a round, watch the turnout, then reveal.',
      participant: 'Give your dots with "+" to the ideas that matter to you.',
      viewer: 'Voting is under way.',
    },
    discuss: {
      facilitator: 'Discuss the results: spotlight ideas.',
      participant: 'We are discussing the results together.',
      viewer: 'The results are being discussed.',
    },
  },
  waitingForRound: 'Voting starts in a moment.',
  roundClosed: 'Voting has ended. The result follows shortly.',
  resultIn: 'The result is in – see "Result".',
  timer: {
    label: 'Time left',
    stopped: 'No timer',
    paused: 'paused',
    timeUp: "Time's up",
    sound: 'Sound at the end',
  },
  dotsLeft: (n) => (n === 1 ? '1 dot left' : `${n} dots left`),
  announce: {
    phase: (name) => `New step: ${name}`,
    oneMinute: '1 minute left',
    timeUp: "Time's up",
    roundOpen: (dots) => `Voting has started: you have ${dots} dots`,
    revealed: (n) => `Results of round ${n} are in`,
  },
  voteErrors: {
    'budget-exhausted': 'All your dots are used. Take one back first.',
    'target-maximum': 'You cannot give this idea more dots.',
    'invalid-target': 'This is not part of this round.',
    other: 'The dot could not be saved.',
  },
  noOpenRound: 'Voting is no longer open.',
  vote: {
    plus: (label) => `Give a dot to "${label}"`,
    minus: (label) => `Take a dot back from "${label}"`,
    mine: (n) => (n === 1 ? '1 dot from you' : `${n} dots from you`),
    group: (label) => `Voting: ${label}`,
    tallyDots: (n) => (n === 1 ? '1 dot so far' : `${n} dots so far`),
  },
  marks: {
    hidden: 'hidden',
    pending: 'awaiting approval',
    spotlight: 'In focus',
    privateOwn: 'only visible to you',
  },
  addIdeaLocked: 'The board is locked right now – you cannot change anything.',
  addIdeaPhase: 'No new ideas are collected in this step.',
  panel: {
    title: 'Facilitation',
    open: 'Open facilitation',
    close: 'Close facilitation',
    phaseHeading: 'Step',
    back: 'Back',
    next: 'Next',
    goTo: (phase) => `Go to step ${phase}`,
    timerHeading: 'Timer',
    startMinutes: (n) => `${n} min`,
    customMinutes: 'Minutes',
    start: 'Start',
    pause: 'Pause',
    resume: 'Resume',
    addMinute: '+1 min',
    reset: 'Reset',
    boardHeading: 'Board',
    lock: 'Lock the board',
    lockHint: 'Participants cannot change anything.',
    privateCollection: 'Collect privately (everyone sees only their own ideas)',
    reveal: 'Reveal ideas',
    revealed: 'Ideas are revealed',
    premoderation: 'Pre-moderation (new ideas show after approval)',
    pendingQueue: (n) => (n === 1 ? '1 idea waiting' : `${n} ideas waiting`),
    noPending: 'No idea is waiting.',
    approve: (text) => `Approve: ${text}`,
    hide: (text) => `Hide: ${text}`,
    approveShort: 'Approve',
    hideShort: 'Hide',
    anonymous: 'Anonymous ideas (no names)',
    anonymousHint: 'Names are not shown; new ideas are stored without a name.',
    canvasHeading: 'On the board',
    followMe: 'Bring everyone to me',
    stopFollow: 'Stop bringing everyone',
    following: 'Everyone follows your view.',
    spotlight: 'Spotlight the selection',
    clearSpotlight: 'Clear spotlight',
    hideSelected: 'Hide the selected idea',
    unhideSelected: 'Show the selected idea again',
    selectFirst: 'Select an idea or a cluster on the board first.',
    suggest: 'Suggest clusters',
    roundHeading: 'Voting',
    dotsPerPerson: 'Dots per person',
    maxPerTarget: 'At most per idea',
    targetKind: 'Vote on',
    targetIdeas: 'Ideas',
    targetClusters: 'Clusters',
    timeLimit: 'Time limit in minutes',
    timeLimitHint: 'Leave empty for no time limit.',
    fromRound: 'Only the best from',
    fromRoundNone: 'all ideas',
    fromRoundOption: (n) => `Round ${n}`,
    topN: 'Number of best',
    startRound: 'Start round',
    closeRound: 'End round',
    revealRound: 'Reveal result',
    showTally: 'Show me the running tally',
    turnout: (voters, dots) =>
      `${voters} ${voters === 1 ? 'person has' : 'people have'} voted, ${dots} ${dots === 1 ? 'dot' : 'dots'}`,
    roundStatus: (n, status) =>
      `Round ${n}: ${status === 'open' ? 'open' : status === 'closed' ? 'ended, not revealed' : 'revealed'}`,
    noRound: 'No open round.',
    busy: 'Saving …',
  },
  results: {
    title: 'Result',
    round: (n) => `Round ${n}`,
    voters: (n) => (n === 1 ? '1 person voted' : `${n} people voted`),
    rank: (n) => `Rank ${n}`,
    tied: 'tied',
    dots: (n) => (n === 1 ? '1 dot' : `${n} dots`),
    chartTitle: (n) => `Dots per idea, round ${n}`,
    history: 'Earlier rounds',
    empty: 'No dots yet.',
    liveTally: 'Running tally (only for you)',
    close: 'Hide result',
    show: 'Show result',
    untitled: '(no text)',
  },
  suggest: {
    title: 'Suggested clusters',
    intro: 'Similar ideas, grouped by their words. Edit titles and untick what does not fit.',
    none: 'No groups found – the ideas share too few words.',
    clusterTitle: (n) => `Title of cluster ${n}`,
    include: (text) => `In this cluster: ${text}`,
    unsorted: (n) => (n === 1 ? '1 idea stays unsorted.' : `${n} ideas stay unsorted.`),
    apply: 'Apply',
    cancel: 'Cancel',
    tooMany: 'Too many ideas for a suggestion.',
  },
  errorGeneric: (detail) => `That did not work (${detail}).`,
}

export const flowMessages: Record<Lang, FlowMessages> = { de, en }

/** The flow strings in the active UI language. */
export function useFlowT(): FlowMessages {
  return flowMessages[useLang().lang]
}

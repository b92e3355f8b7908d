/**
 * Every UI string of the client, German first, English second. One typed dictionary so a full
 * i18n library (a later issue) can take the strings over without hunting through components.
 * @module
 */

export const LANGS = ['de', 'en'] as const
export type Lang = (typeof LANGS)[number]
export const DEFAULT_LANG: Lang = 'de'

export type GuestRole = 'participant' | 'viewer'
export type GuestStatus = 'waiting' | 'admitted' | 'removed'

export interface Messages {
  appName: string
  tagline: string
  intro: string
  language: string
  langName: Record<Lang, string>
  backToStart: string
  loading: string
  loadingBoard: string
  anonymous: string
  yourName: string
  yourNameHint: string
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
    closed: string
  }
  reloadTitle: string
  reloadBody: string
  reload: string
  notFoundTitle: string
  notFoundBody: string
  guestName: (suffix: string) => string
  firstPageName: string
  boardLabel: (id: string) => string
  toolbarLabel: string
  nav: {
    label: string
    signedInAs: (name: string) => string
    guestIn: (name: string, workshop: string) => string
    workshops: string
    account: string
    logout: string
    login: string
  }
  footer: {
    label: string
    accessibility: string
    help: string
  }
  common: {
    save: string
    saved: string
    cancel: string
    copy: string
    copied: string
    optional: string
    retry: string
  }
  errors: {
    summary: string
    required: string
    email: string
    passwordShort: string
    passwordMismatch: string
    url: string
    invalidCredentials: string
    wrongPassword: string
    rateLimited: (seconds: number | null) => string
    setupDone: string
    invalidCode: string
    invalidInvite: string
    emailTaken: string
    ownerOnly: string
    network: string
    notFound: string
    invalidRequest: (detail: string) => string
    unknown: (detail: string) => string
  }
  start: {
    joinHeading: string
    joinIntro: string
    codeLabel: string
    codeHint: string
    join: string
    facilitatorHeading: string
    facilitatorIntro: string
    continueBoard: (title: string) => string
  }
  setup: {
    title: string
    intro: string
    submit: string
  }
  login: {
    title: string
    submit: string
  }
  person: {
    name: string
    email: string
    password: string
    passwordRepeat: string
    passwordHint: string
  }
  account: {
    title: string
    passwordHeading: string
    currentPassword: string
    newPassword: string
    newPasswordRepeat: string
    submit: string
    changed: string
    logoutHeading: string
    logoutBody: string
  }
  workshops: {
    title: string
    listHeading: string
    showArchived: string
    empty: string
    emptyArchived: string
    archived: string
    createHeading: string
    create: string
    noDate: string
  }
  fields: {
    title: string
    date: string
    place: string
    description: string
    language: string
    videoUrl: string
    videoUrlHint: string
    lobby: string
    lobbyHint: string
  }
  workshop: {
    back: string
    detailsHeading: string
    openBoard: string
    handout: string
    archiveHeading: string
    archive: string
    unarchive: string
    archivedNote: string
    delete: string
    deleteConfirm: (title: string) => string
    deleteConfirmButton: string
    facilitatorsHeading: string
    owner: string
    cofacilitator: string
    removeCofacilitator: (name: string) => string
    inviteCofacilitator: string
    cofacilitatorLink: (expires: string) => string
  }
  invites: {
    heading: string
    role: Record<GuestRole, string>
    roleHint: Record<GuestRole, string>
    code: string
    joinUrl: string
    qrAlt: (role: string) => string
    rotate: string
    rotateConfirm: string
    enable: string
    disable: string
    disabled: string
  }
  participants: {
    heading: string
    count: (n: number) => string
    empty: string
    name: string
    role: string
    status: string
    joinedAt: string
    actions: string
    statusName: Record<GuestStatus, string>
    admit: string
    remove: string
    roleFor: (name: string) => string
  }
  handout: {
    back: string
    print: string
    scan: string
    orType: string
    steps: readonly [string, string, string]
  }
  join: {
    title: string
    lookUp: string
    otherCode: string
    role: Record<GuestRole, string>
    nameLabel: string
    nameHint: string
    nameRequired: string
    join: string
    joinAnonymous: string
  }
  lobby: {
    title: string
    body: string
    polling: string
  }
  board: {
    signInTitle: string
    signInBody: string
    notFoundTitle: string
    notFoundBody: string
    viewOnly: string
    videoCall: string
    closedRemoved: string
    closedEnded: string
    closedNotFound: string
    closedForbidden: string
    closedOther: (reason: string) => string
    rejoin: string
  }
  invite: {
    title: string
    body: (workshop: string) => string
    accept: string
    createAccount: string
    haveAccount: string
  }
}

const de: Messages = {
  appName: 'Ideenwand',
  tagline: 'Gemeinsam Ideen sammeln – im Saal und von zu Hause.',
  intro:
    'Ideenwand ist eine digitale Pinnwand für Bürgerwerkstätten: Alle Teilnehmenden, ob im ' +
    'Rathaussaal oder zu Hause, schreiben Ideen auf Karten, ordnen sie gemeinsam in Gruppen und ' +
    'sehen live, was die anderen beitragen.',
  language: 'Sprache',
  langName: { de: 'Deutsch', en: 'English' },
  backToStart: 'Zur Startseite',
  loading: 'Wird geladen …',
  loadingBoard: 'Board wird geladen …',
  anonymous: 'Anonym',
  yourName: 'Ihr Name',
  yourNameHint: 'Nur auf diesem Gerät; die Moderation sieht den Namen vom Beitritt.',
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
    closed: 'Verbindung beendet',
  },
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
  nav: {
    label: 'Hauptnavigation',
    signedInAs: (name) => `Angemeldet als ${name}`,
    guestIn: (name, workshop) => `${name} in „${workshop}“`,
    workshops: 'Workshops',
    account: 'Konto',
    logout: 'Abmelden',
    login: 'Anmelden (Moderation)',
  },
  footer: {
    label: 'Rechtliches und Hilfe',
    accessibility: 'Barrierefreiheit',
    help: 'Leitfaden für die Moderation',
  },
  common: {
    save: 'Speichern',
    saved: 'Gespeichert.',
    cancel: 'Abbrechen',
    copy: 'Kopieren',
    copied: 'Kopiert.',
    optional: 'optional',
    retry: 'Erneut versuchen',
  },
  errors: {
    summary: 'Bitte die markierten Felder prüfen.',
    required: 'Bitte ausfüllen.',
    email: 'Bitte eine gültige E-Mail-Adresse eingeben.',
    passwordShort: 'Das Passwort braucht mindestens 10 Zeichen.',
    passwordMismatch: 'Die beiden Passwörter stimmen nicht überein.',
    url: 'Bitte eine Adresse eingeben, die mit http:// oder https:// beginnt.',
    invalidCredentials: 'E-Mail oder Passwort ist falsch.',
    wrongPassword: 'Das aktuelle Passwort ist falsch.',
    rateLimited: (seconds) =>
      seconds
        ? `Zu viele Versuche. Bitte in ${seconds} Sekunden erneut versuchen.`
        : 'Zu viele Versuche. Bitte gleich erneut versuchen.',
    setupDone: 'Ideenwand ist schon eingerichtet. Bitte anmelden.',
    invalidCode: 'Dieser Code ist nicht (mehr) gültig. Bitte prüfen Sie ihn.',
    invalidInvite: 'Diese Einladung ist nicht (mehr) gültig.',
    emailTaken: 'Für diese E-Mail gibt es schon ein Konto. Bitte zuerst anmelden.',
    ownerOnly: 'Das darf nur die Person, die den Workshop angelegt hat.',
    network: 'Der Server ist nicht erreichbar. Bitte die Verbindung prüfen.',
    notFound: 'Nicht gefunden.',
    invalidRequest: (detail) => `Die Eingaben wurden nicht angenommen (${detail}).`,
    unknown: (detail) => `Etwas ist schiefgegangen (${detail}).`,
  },
  start: {
    joinHeading: 'Mit Code teilnehmen',
    joinIntro:
      'Sie sind zu einem Workshop eingeladen? Geben Sie den Code von der Leinwand oder vom Handzettel ein.',
    codeLabel: 'Code',
    codeHint: 'Sechs Zeichen, z. B. K7P-2QX',
    join: 'Teilnehmen',
    facilitatorHeading: 'Für die Moderation',
    facilitatorIntro: 'Workshops anlegen, Einladungen drucken und Teilnehmende einlassen.',
    continueBoard: (title) => `Zurück zum Workshop „${title}“`,
  },
  setup: {
    title: 'Ideenwand einrichten',
    intro:
      'Legen Sie das erste Konto für die Moderation an. Weitere Moderierende laden Sie später ein.',
    submit: 'Konto anlegen',
  },
  login: { title: 'Anmelden (Moderation)', submit: 'Anmelden' },
  person: {
    name: 'Name',
    email: 'E-Mail',
    password: 'Passwort',
    passwordRepeat: 'Passwort wiederholen',
    passwordHint: 'Mindestens 10 Zeichen. Ein Satz ist leichter zu merken als Sonderzeichen.',
  },
  account: {
    title: 'Konto',
    passwordHeading: 'Passwort ändern',
    currentPassword: 'Aktuelles Passwort',
    newPassword: 'Neues Passwort',
    newPasswordRepeat: 'Neues Passwort wiederholen',
    submit: 'Passwort ändern',
    changed: 'Passwort geändert. Ihre anderen Sitzungen wurden beendet.',
    logoutHeading: 'Abmelden',
    logoutBody: 'Beendet die Sitzung in diesem Browser.',
  },
  workshops: {
    title: 'Workshops',
    listHeading: 'Ihre Workshops',
    showArchived: 'Archivierte Workshops anzeigen',
    empty: 'Noch keine Workshops. Legen Sie unten den ersten an.',
    emptyArchived: 'Keine archivierten Workshops.',
    archived: 'archiviert',
    createHeading: 'Neuer Workshop',
    create: 'Workshop anlegen',
    noDate: 'ohne Datum',
  },
  fields: {
    title: 'Titel',
    date: 'Datum',
    place: 'Ort',
    description: 'Beschreibung',
    language: 'Sprache des Workshops',
    videoUrl: 'Link zur Videokonferenz',
    videoUrlHint: 'Für Teilnehmende zu Hause; wird auf dem Board angezeigt.',
    lobby: 'Warteraum: Teilnehmende erst nach Freigabe einlassen',
    lobbyHint: 'Neue Teilnehmende warten, bis Sie sie in der Liste einlassen.',
  },
  workshop: {
    back: 'Alle Workshops',
    detailsHeading: 'Angaben',
    openBoard: 'Board öffnen',
    handout: 'Handout drucken',
    archiveHeading: 'Archivieren und löschen',
    archive: 'Archivieren',
    unarchive: 'Wieder aktivieren',
    archivedNote: 'Archiviert: Das Board ist schreibgeschützt, die Codes funktionieren nicht.',
    delete: 'Workshop löschen …',
    deleteConfirm: (title) =>
      `„${title}“ mit Board, Ideen und Teilnehmenden endgültig löschen? Das lässt sich nicht rückgängig machen.`,
    deleteConfirmButton: 'Endgültig löschen',
    facilitatorsHeading: 'Moderation',
    owner: 'Eigentümer/in',
    cofacilitator: 'Co-Moderation',
    removeCofacilitator: (name) => `${name} entfernen`,
    inviteCofacilitator: 'Einladungslink für Co-Moderation erstellen',
    cofacilitatorLink: (expires) => `Einladungslink, einmal nutzbar, gültig bis ${expires}`,
  },
  invites: {
    heading: 'Einladungen',
    role: { participant: 'Teilnehmende', viewer: 'Nur ansehen' },
    roleHint: {
      participant: 'Können Ideen schreiben und ordnen.',
      viewer: 'Für Beamer und Publikum: sehen das Board, schreiben nicht.',
    },
    code: 'Code',
    joinUrl: 'Beitrittslink',
    qrAlt: (role) => `QR-Code mit dem Beitrittslink (${role})`,
    rotate: 'Neuen Code erzeugen',
    rotateConfirm:
      'Neuen Code erzeugen? Der bisherige Code und gedruckte Handouts gelten dann nicht mehr.',
    enable: 'Code aktivieren',
    disable: 'Code deaktivieren',
    disabled: 'Deaktiviert – mit diesem Code kann niemand beitreten.',
  },
  participants: {
    heading: 'Teilnehmende',
    count: (n) => (n === 1 ? '1 Person' : `${new Intl.NumberFormat('de').format(n)} Personen`),
    empty: 'Noch niemand beigetreten.',
    name: 'Name',
    role: 'Rolle',
    status: 'Status',
    joinedAt: 'Beigetreten',
    actions: 'Aktionen',
    statusName: { waiting: 'Wartet', admitted: 'Dabei', removed: 'Entfernt' },
    admit: 'Einlassen',
    remove: 'Entfernen',
    roleFor: (name) => `Rolle von ${name}`,
  },
  handout: {
    back: 'Zurück zum Workshop',
    print: 'Drucken',
    scan: 'QR-Code mit der Handykamera scannen',
    orType: 'oder im Browser aufrufen und Code eingeben:',
    steps: [
      'QR-Code scannen oder die Adresse aufrufen.',
      'Code eingeben und einen Namen wählen – oder anonym teilnehmen.',
      'Ideen auf Karten schreiben. Alle sehen sie sofort.',
    ],
  },
  join: {
    title: 'Workshop beitreten',
    lookUp: 'Weiter',
    otherCode: 'Anderen Code eingeben',
    role: {
      participant: 'Sie nehmen teil und können Ideen schreiben.',
      viewer: 'Sie sehen das Board an, ohne zu schreiben.',
    },
    nameLabel: 'Ihr Name',
    nameHint: 'Andere sehen diesen Namen an Ihren Ideen. Sie können auch anonym teilnehmen.',
    nameRequired: 'Bitte einen Namen eingeben – oder „Anonym teilnehmen“ wählen.',
    join: 'Beitreten',
    joinAnonymous: 'Anonym teilnehmen',
  },
  lobby: {
    title: 'Warteraum',
    body: 'Die Moderation lässt Sie gleich herein. Diese Seite geht dann von selbst weiter.',
    polling: 'Warte auf Freigabe …',
  },
  board: {
    signInTitle: 'Bitte anmelden oder mit Code beitreten',
    signInBody:
      'Dieses Board gehört zu einem Workshop. Treten Sie mit dem Code bei oder melden Sie sich als Moderation an.',
    notFoundTitle: 'Board nicht gefunden',
    notFoundBody: 'Dieses Board gibt es nicht (mehr).',
    viewOnly: 'Nur ansehen',
    videoCall: 'Zur Videokonferenz',
    closedRemoved: 'Sie wurden aus dem Workshop entfernt.',
    closedEnded: 'Sitzung beendet – bitte erneut beitreten.',
    closedNotFound: 'Board gelöscht.',
    closedForbidden: 'Sie haben keinen Zugang zu diesem Board.',
    closedOther: (reason) => `Verbindung beendet: ${reason}`,
    rejoin: 'Erneut beitreten',
  },
  invite: {
    title: 'Einladung zur Co-Moderation',
    body: (workshop) => `Sie sind eingeladen, den Workshop „${workshop}“ mit zu moderieren.`,
    accept: 'Einladung annehmen',
    createAccount: 'Neues Konto anlegen und annehmen',
    haveAccount:
      'Sie haben schon ein Konto? Melden Sie sich zuerst an und öffnen Sie diesen Link dann erneut.',
  },
}

const en: Messages = {
  appName: 'Ideenwand',
  tagline: 'Collect ideas together – in the room and from home.',
  intro:
    'Ideenwand is a digital idea wall for civic workshops: everyone, whether in the town hall or ' +
    'at home, writes ideas on cards, groups them together and sees live what the others add.',
  language: 'Language',
  langName: { de: 'Deutsch', en: 'English' },
  backToStart: 'Back to start',
  loading: 'Loading …',
  loadingBoard: 'Loading board …',
  anonymous: 'Anonymous',
  yourName: 'Your name',
  yourNameHint: 'Only on this device; facilitators see the name you joined with.',
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
    closed: 'Connection closed',
  },
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
  nav: {
    label: 'Main navigation',
    signedInAs: (name) => `Signed in as ${name}`,
    guestIn: (name, workshop) => `${name} in “${workshop}”`,
    workshops: 'Workshops',
    account: 'Account',
    logout: 'Sign out',
    login: 'Sign in (facilitators)',
  },
  footer: {
    label: 'Legal and help',
    accessibility: 'Accessibility',
    help: 'Facilitator guide',
  },
  common: {
    save: 'Save',
    saved: 'Saved.',
    cancel: 'Cancel',
    copy: 'Copy',
    copied: 'Copied.',
    optional: 'optional',
    retry: 'Try again',
  },
  errors: {
    summary: 'Please check the marked fields.',
    required: 'Please fill this in.',
    email: 'Please enter a valid e-mail address.',
    passwordShort: 'The password needs at least 10 characters.',
    passwordMismatch: 'The two passwords do not match.',
    url: 'Please enter an address starting with http:// or https://.',
    invalidCredentials: 'E-mail or password is wrong.',
    wrongPassword: 'The current password is wrong.',
    rateLimited: (seconds) =>
      seconds
        ? `Too many attempts. Please try again in ${seconds} seconds.`
        : 'Too many attempts. Please try again shortly.',
    setupDone: 'Ideenwand is set up already. Please sign in.',
    invalidCode: 'This code is not valid (any more). Please check it.',
    invalidInvite: 'This invitation is not valid (any more).',
    emailTaken: 'This e-mail has an account already. Please sign in first.',
    ownerOnly: 'Only the person who created the workshop may do this.',
    network: 'The server cannot be reached. Please check the connection.',
    notFound: 'Not found.',
    invalidRequest: (detail) => `The input was not accepted (${detail}).`,
    unknown: (detail) => `Something went wrong (${detail}).`,
  },
  start: {
    joinHeading: 'Join with a code',
    joinIntro: 'Invited to a workshop? Enter the code from the screen or the handout.',
    codeLabel: 'Code',
    codeHint: 'Six characters, e.g. K7P-2QX',
    join: 'Join',
    facilitatorHeading: 'For facilitators',
    facilitatorIntro: 'Create workshops, print invitations and let participants in.',
    continueBoard: (title) => `Back to the workshop “${title}”`,
  },
  setup: {
    title: 'Set up Ideenwand',
    intro: 'Create the first facilitator account. You can invite more facilitators later.',
    submit: 'Create account',
  },
  login: { title: 'Sign in (facilitators)', submit: 'Sign in' },
  person: {
    name: 'Name',
    email: 'E-mail',
    password: 'Password',
    passwordRepeat: 'Repeat password',
    passwordHint: 'At least 10 characters. A sentence is easier to remember than symbols.',
  },
  account: {
    title: 'Account',
    passwordHeading: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    newPasswordRepeat: 'Repeat new password',
    submit: 'Change password',
    changed: 'Password changed. Your other sessions were ended.',
    logoutHeading: 'Sign out',
    logoutBody: 'Ends the session in this browser.',
  },
  workshops: {
    title: 'Workshops',
    listHeading: 'Your workshops',
    showArchived: 'Show archived workshops',
    empty: 'No workshops yet. Create the first one below.',
    emptyArchived: 'No archived workshops.',
    archived: 'archived',
    createHeading: 'New workshop',
    create: 'Create workshop',
    noDate: 'no date',
  },
  fields: {
    title: 'Title',
    date: 'Date',
    place: 'Place',
    description: 'Description',
    language: 'Workshop language',
    videoUrl: 'Video call link',
    videoUrlHint: 'For participants at home; shown on the board.',
    lobby: 'Lobby: let participants in only after approval',
    lobbyHint: 'New participants wait until you admit them in the list.',
  },
  workshop: {
    back: 'All workshops',
    detailsHeading: 'Details',
    openBoard: 'Open board',
    handout: 'Print handout',
    archiveHeading: 'Archive and delete',
    archive: 'Archive',
    unarchive: 'Reactivate',
    archivedNote: 'Archived: the board is read-only and the codes do not work.',
    delete: 'Delete workshop …',
    deleteConfirm: (title) =>
      `Delete “${title}” with its board, ideas and participants for good? This cannot be undone.`,
    deleteConfirmButton: 'Delete for good',
    facilitatorsHeading: 'Facilitators',
    owner: 'Owner',
    cofacilitator: 'Co-facilitator',
    removeCofacilitator: (name) => `Remove ${name}`,
    inviteCofacilitator: 'Create a co-facilitator invitation link',
    cofacilitatorLink: (expires) => `Invitation link, single use, valid until ${expires}`,
  },
  invites: {
    heading: 'Invitations',
    role: { participant: 'Participants', viewer: 'View only' },
    roleHint: {
      participant: 'Can write and arrange ideas.',
      viewer: 'For the projector and audience: see the board, do not write.',
    },
    code: 'Code',
    joinUrl: 'Join link',
    qrAlt: (role) => `QR code with the join link (${role})`,
    rotate: 'Generate a new code',
    rotateConfirm: 'Generate a new code? The current code and printed handouts stop working.',
    enable: 'Enable code',
    disable: 'Disable code',
    disabled: 'Disabled – nobody can join with this code.',
  },
  participants: {
    heading: 'Participants',
    count: (n) => (n === 1 ? '1 person' : `${new Intl.NumberFormat('en').format(n)} people`),
    empty: 'Nobody has joined yet.',
    name: 'Name',
    role: 'Role',
    status: 'Status',
    joinedAt: 'Joined',
    actions: 'Actions',
    statusName: { waiting: 'Waiting', admitted: 'In', removed: 'Removed' },
    admit: 'Admit',
    remove: 'Remove',
    roleFor: (name) => `Role of ${name}`,
  },
  handout: {
    back: 'Back to the workshop',
    print: 'Print',
    scan: 'Scan the QR code with your phone camera',
    orType: 'or open this address and enter the code:',
    steps: [
      'Scan the QR code or open the address.',
      'Enter the code and choose a name – or join anonymously.',
      'Write ideas on cards. Everyone sees them at once.',
    ],
  },
  join: {
    title: 'Join a workshop',
    lookUp: 'Continue',
    otherCode: 'Enter another code',
    role: {
      participant: 'You take part and can write ideas.',
      viewer: 'You watch the board without writing.',
    },
    nameLabel: 'Your name',
    nameHint: 'Others see this name on your ideas. You can also join anonymously.',
    nameRequired: 'Please enter a name – or choose “Join anonymously”.',
    join: 'Join',
    joinAnonymous: 'Join anonymously',
  },
  lobby: {
    title: 'Lobby',
    body: 'The facilitators will let you in shortly. This page then continues by itself.',
    polling: 'Waiting for approval …',
  },
  board: {
    signInTitle: 'Please sign in or join with a code',
    signInBody: 'This board belongs to a workshop. Join with the code or sign in as a facilitator.',
    notFoundTitle: 'Board not found',
    notFoundBody: 'This board does not exist (any more).',
    viewOnly: 'View only',
    videoCall: 'Join the video call',
    closedRemoved: 'You were removed from the workshop.',
    closedEnded: 'Session ended – please join again.',
    closedNotFound: 'Board deleted.',
    closedForbidden: 'You have no access to this board.',
    closedOther: (reason) => `Connection closed: ${reason}`,
    rejoin: 'Join again',
  },
  invite: {
    title: 'Co-facilitator invitation',
    body: (workshop) => `You are invited to co-facilitate the workshop “${workshop}”.`,
    accept: 'Accept invitation',
    createAccount: 'Create an account and accept',
    haveAccount: 'Already have an account? Sign in first, then open this link again.',
  },
}

export const messages: Record<Lang, Messages> = { de, en }

export function isLang(value: unknown): value is Lang {
  return value === 'de' || value === 'en'
}

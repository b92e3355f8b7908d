/**
 * German strings of pages, header and footer, forms, errors, workshops, join
 * and the board chrome (namespace `common`).
 * Plain JSON-compatible values: `{{name}}` interpolates, `_one`/`_other` are plurals.
 */
export const common = {
  appName: 'Ideenwand',
  tagline: 'Gemeinsam Ideen sammeln – im Saal und von zu Hause.',
  intro:
    'Ideenwand ist eine digitale Pinnwand für Bürgerwerkstätten: Alle Teilnehmenden, ob im Rathaussaal oder zu Hause, schreiben Ideen auf Karten, ordnen sie gemeinsam in Gruppen und sehen live, was die anderen beitragen.',
  language: 'Sprache',
  langName: {
    de: 'Deutsch',
    en: 'English',
  },
  backToStart: 'Zur Startseite',
  loading: 'Wird geladen …',
  loadingBoard: 'Board wird geladen …',
  anonymous: 'Anonym',
  yourName: 'Ihr Name',
  yourNameHint: 'Nur auf diesem Gerät; die Moderation sieht den Namen vom Beitritt.',
  addIdea: 'Idee hinzufügen',
  addCluster: 'Cluster hinzufügen',
  newClusterTitle: 'Neuer Cluster',
  editIdeaLabel: 'Text der Idee bearbeiten',
  untitledCluster: 'Cluster ohne Titel',
  missingIdea: '(Idee gelöscht)',
  connection: {
    offline: 'Offline – Änderungen bleiben auf diesem Gerät',
    connecting: 'Verbinde …',
    saving: 'Speichert …',
    delayed: 'Speichern verzögert',
    delayedNotice:
      'Speichern verzögert – Ihre Beiträge sind nicht verloren. Sie sind bei allen angekommen und werden gespeichert, sobald die Datenbank wieder erreichbar ist.',
    saved: 'Gespeichert',
    closed: 'Verbindung beendet',
  },
  reloadTitle: 'Neue Version verfügbar',
  reloadBody:
    'Dieses Board wurde mit einer neueren Version von Ideenwand bearbeitet. Bitte neu laden, damit nichts verloren geht.',
  reload: 'Neu laden',
  notFoundTitle: 'Seite nicht gefunden',
  notFoundBody: 'Diese Adresse gibt es nicht.',
  guestName: 'Gast {{suffix}}',
  boardLabel: 'Board {{id}}',
  boardTabTitle: '{{workshop}} – Whiteboard',
  toolbarLabel: 'Board-Werkzeuge',
  nav: {
    label: 'Hauptnavigation',
    signedInAs: 'Angemeldet als {{name}}',
    guestIn: '{{name}} in „{{workshop}}“',
    workshops: 'Workshops',
    account: 'Konto',
    logout: 'Abmelden',
    login: 'Anmelden (Moderation)',
  },
  receipt: {
    heading: 'Beleg',
    button: 'Beleg behalten',
    hint: 'Ein Link zu Ihren eigenen Ideen und was aus ihnen wird – auch nach dem Workshop, ohne Konto. Speichern Sie ihn als Lesezeichen oder fotografieren Sie den QR-Code darauf.',
    link: 'Link zu Ihrem Beleg (nicht teilen)',
    open: 'Beleg öffnen (neues Fenster)',
  },
  forget: {
    button: 'Meine Beiträge löschen und gehen',
    question:
      'Ihre Ideen, Ihre Punkte in laufenden Abstimmungen und Ihr Name werden gelöscht – endgültig. Fortfahren?',
    confirm: 'Ja, alles löschen',
  },
  easyRead: {
    switch: 'Leichte Sprache',
    on: 'Leichte Sprache ist an.',
    off: 'Leichte Sprache ist aus.',
    link: 'Erklärung in Leichter Sprache',
    howLink: 'Wie funktioniert das? In Leichter Sprache',
  },
  footer: {
    label: 'Rechtliches und Hilfe',
    privacy: 'Datenschutz',
    accessibility: 'Barrierefreiheit',
    help: 'Leitfaden für die Moderation',
  },
  common: {
    save: 'Speichern',
    saved: 'Gespeichert.',
    cancel: 'Abbrechen',
    copy: 'Kopieren',
    copied: 'Kopiert.',
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
    rateLimited_one: 'Zu viele Versuche. Bitte in {{count}} Sekunde erneut versuchen.',
    rateLimited_other: 'Zu viele Versuche. Bitte in {{count, number}} Sekunden erneut versuchen.',
    rateLimitedSoon: 'Zu viele Versuche. Bitte gleich erneut versuchen.',
    setupDone: 'Ideenwand ist schon eingerichtet. Bitte anmelden.',
    invalidCode: 'Dieser Code ist nicht (mehr) gültig. Bitte prüfen Sie ihn.',
    invalidInvite: 'Diese Einladung ist nicht (mehr) gültig.',
    inviteNotAccepted:
      'Mit diesen Angaben ließ sich die Einladung nicht annehmen; sie ist jetzt verbraucht. Wer schon ein Konto hat, meldet sich zuerst an und bittet dann um eine neue Einladung.',
    ownerOnly: 'Das darf nur die Person, die den Workshop angelegt hat.',
    carrySameWorkshop: 'Ideen werden in einen anderen Workshop übernommen, nicht in denselben.',
    carryTooMany: 'Zu viele Ideen auf einmal (höchstens 500). Wählen Sie weniger.',
    clusterNotFound: 'Diesen Cluster gibt es nicht mehr. Laden Sie die Seite neu.',
    workshopArchived:
      'Dieser Workshop ist archiviert und lässt sich nicht mehr ändern. Holen Sie ihn zuerst aus dem Archiv zurück.',
    retentionOwnerOnly:
      'Nur die Person, die den Workshop angelegt hat, darf festlegen, dass der ganze Workshop gelöscht wird, oder diese Frist verkürzen. Sie können ihn länger oder dauerhaft aufbewahren.',
    network: 'Der Server ist nicht erreichbar. Bitte die Verbindung prüfen.',
    notFound: 'Nicht gefunden.',
    invalidRequest: 'Die Eingaben wurden nicht angenommen ({{detail}}).',
    unknown: 'Etwas ist schiefgegangen ({{detail}}).',
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
    continueBoard: 'Zurück zum Workshop „{{title}}“',
  },
  setup: {
    title: 'Ideenwand einrichten',
    intro:
      'Legen Sie das erste Konto für die Moderation an. Weitere Moderierende laden Sie später ein.',
    submit: 'Konto anlegen',
  },
  login: {
    title: 'Anmelden (Moderation)',
    submit: 'Anmelden',
  },
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
    importHeading: 'Workshop importieren',
    importIntro:
      'Um einen Workshop auf einen anderen Server umzuziehen oder als Vorlage wiederzuverwenden: Laden Sie das Open-Data-Paket (ZIP) hoch, das Sie auf der Seite eines Workshops exportiert haben.',
    importFile: 'Open-Data-Paket (ZIP) oder ideenwand-export.json',
    importSubmit: 'Importieren',
    importing: 'Wird importiert …',
    importChooseFile: 'Bitte zuerst eine Datei auswählen.',
    importInvalid: 'Diese Datei lässt sich nicht importieren ({{detail}}).',
    importTooLarge: 'Die Datei ist zu groß; importiert werden bis zu 20 MB.',
    importUnpacksTooLarge:
      'Der Export in dieser ZIP-Datei wäre entpackt größer als 20 MB – ein Ideenwand-Export ist viel kleiner. Es wurde nichts importiert; bitte die unveränderte Datei aus dem Export verwenden.',
    importTooManyEntries:
      'Diese ZIP-Datei enthält zu viele Dateien für einen Ideenwand-Export. Es wurde nichts importiert; bitte das Open-Data-Paket so hochladen, wie es exportiert wurde, oder nur die ideenwand-export.json.',
    importOverlappingEntries:
      'Diese ZIP-Datei ist fehlerhaft aufgebaut (Dateien darin überlappen sich oder kommen doppelt vor) und wird nicht gelesen. Bitte die unveränderte Datei aus dem Export verwenden.',
    importTooDeep:
      'Die Datei verschachtelt ihre Daten zu tief für einen Ideenwand-Export. Es wurde nichts importiert.',
    importTooManyIdeas:
      'Der Workshop hat mehr Ideen, als ein Board auf diesem Server fassen darf. Es wurde nichts importiert; bitten Sie den Betrieb, das Limit (BOARD_MAX_IDEAS) zu erhöhen.',
    importBoardTooLarge:
      'Das Board dieses Workshops ist größer, als ein Board auf diesem Server sein darf. Es wurde nichts importiert; bitten Sie den Betrieb, das Limit (BOARD_MAX_BYTES) zu erhöhen.',
    importNeedsTooMuchMemory:
      'Der Import dieser Datei bräuchte mehr Speicher, als der Server einem Import zugesteht. Es wurde nichts importiert.',
    importTimeout:
      'Der Import hat zu lange gedauert und wurde abgebrochen; es wurde nichts importiert. Versuchen Sie es später noch einmal.',
    importBusy: 'Gerade laufen andere Importe. Bitte versuchen Sie es in einer Minute noch einmal.',
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
    deleteConfirm:
      '„{{title}}“ mit Board, Ideen und Teilnehmenden endgültig löschen? Das lässt sich nicht rückgängig machen.',
    deleteConfirmButton: 'Endgültig löschen',
    facilitatorsHeading: 'Moderation',
    owner: 'Eigentümer/in',
    cofacilitator: 'Co-Moderation',
    removeCofacilitator: '{{name}} entfernen',
    inviteCofacilitator: 'Einladungslink für Co-Moderation erstellen',
    cofacilitatorLink: 'Einladungslink, einmal nutzbar, gültig bis {{expires}}',
  },
  operatorHint: {
    title: 'Datenschutzerklärung noch nicht eingerichtet.',
    body: 'Sie nennt als Verantwortliche und Kontakt noch Platzhalter (z. B. datenschutz@example.org). Teilnehmende müssen wissen, wer ihre Daten verarbeitet.',
    fix: 'Setzen Sie beim Bauen des Clients (siehe README, Einstellungen) und bauen Sie neu:',
  },
  invites: {
    localTitle: 'Handys erreichen diese Links nicht.',
    localBody:
      'Link und QR-Code zeigen auf {{host}} – das ist auf jedem Handy das Handy selbst, nicht dieser Server.',
    localFix:
      'Öffnen Sie diese Seite über die Adresse des Servers im Netz (z. B. http://192.168.1.20:3000), oder lassen Sie beim Start PUBLIC_URL auf diese Adresse setzen (siehe README unter PUBLIC_URL). Danach stimmen Links, QR-Codes und Handout.',
    heading: 'Einladungen',
    role: {
      participant: 'Teilnehmende',
      viewer: 'Nur ansehen',
    },
    roleHint: {
      participant: 'Können Ideen schreiben und ordnen.',
      viewer: 'Für Beamer und Publikum: sehen das Board, schreiben nicht.',
    },
    code: 'Code',
    joinUrl: 'Beitrittslink',
    qrAlt: 'QR-Code mit dem Beitrittslink ({{role}})',
    rotate: 'Neuen Code erzeugen',
    rotateConfirm:
      'Neuen Code erzeugen? Der bisherige Code und gedruckte Handouts gelten dann nicht mehr.',
    enable: 'Code aktivieren',
    disable: 'Code deaktivieren',
    disabled: 'Deaktiviert – mit diesem Code kann niemand beitreten.',
  },
  participants: {
    heading: 'Teilnehmende',
    table_one: 'Tischgerät: {{label}} · {{count}} Person',
    table_other: 'Tischgerät: {{label}} · {{count, number}} Personen',
    count_one: '{{count}} Person',
    count_other: '{{count, number}} Personen',
    empty: 'Noch niemand beigetreten.',
    name: 'Name',
    role: 'Rolle',
    status: 'Status',
    joinedAt: 'Beigetreten',
    actions: 'Aktionen',
    statusName: {
      waiting: 'Wartet',
      admitted: 'Dabei',
      removed: 'Entfernt',
    },
    admit: 'Einlassen',
    remove: 'Entfernen',
    roleFor: 'Rolle von {{name}}',
  },
  handout: {
    back: 'Zurück zum Workshop',
    print: 'Drucken',
    scan: 'QR-Code mit der Handykamera scannen',
    orType: 'oder im Browser aufrufen und Code eingeben:',
    steps: {
      step1: 'QR-Code scannen oder die Adresse aufrufen.',
      step2: 'Code eingeben und einen Namen wählen – oder anonym teilnehmen.',
      step3: 'Ideen auf Karten schreiben. Alle sehen sie sofort.',
    },
  },
  join: {
    title: 'Workshop beitreten',
    otherCode: 'Anderen Code eingeben',
    role: {
      participant: 'Sie nehmen teil und können Ideen schreiben.',
      viewer: 'Sie sehen das Board an, ohne zu schreiben.',
    },
    nameLabel: 'Ihr Name',
    nameHint: 'Andere sehen diesen Namen an Ihren Ideen. Sie können auch anonym teilnehmen.',
    nameHintViewer: 'Nur die Moderation sieht diesen Namen. Sie können auch anonym teilnehmen.',
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
    tabTitle: 'Whiteboard',
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
    closedTooManyIdeas:
      'So viele Ideen in so kurzer Zeit nimmt das Board nicht an. Bitte laden Sie die Seite in einer Minute neu.',
    closedBoardFull:
      'Das Board ist voll – Ihre letzte Änderung wurde nicht gespeichert. Bitten Sie die Moderation, Platz zu schaffen (z. B. doppelte Ideen zu löschen), und laden Sie die Seite dann neu.',
    closedUpdateTooCostly:
      'Diese Änderung ist zu umfangreich, um sie auf einmal zu übernehmen (z. B. sehr viele einzelne Löschungen), und wurde nicht gespeichert. Laden Sie die Seite neu und nehmen Sie die Änderung in kleineren Schritten vor.',
    closedTooMuchWork:
      'Ihre Änderungen kamen in zu kurzer Zeit zu umfangreich an – die Verbindung wurde getrennt. Bitte laden Sie die Seite in einer Minute neu.',
    closedChangeRefused:
      'Diese Änderung ist Ihnen gerade nicht erlaubt (z. B. die Idee einer anderen Person, oder die Phase lässt es nicht zu) und wurde nicht gespeichert. Laden Sie die Seite neu, um den aktuellen Stand zu sehen.',
    closedTooManyConnections:
      'Zu viele offene Verbindungen: Das Board ist in zu vielen Tabs oder von zu vielen Geräten in diesem Netz geöffnet. Schließen Sie andere Tabs mit diesem Board und laden Sie die Seite neu.',
    closedRateLimited:
      'Zu viele Nachrichten in kurzer Zeit – die Verbindung wurde getrennt. Bitte laden Sie die Seite neu.',
    closedOther: 'Verbindung beendet: {{reason}}',
    rejoin: 'Erneut beitreten',
  },
  invite: {
    title: 'Einladung zur Co-Moderation',
    body: 'Sie sind eingeladen, den Workshop „{{workshop}}“ mit zu moderieren.',
    accept: 'Einladung annehmen',
    createAccount: 'Neues Konto anlegen und annehmen',
    haveAccount:
      'Sie haben schon ein Konto? Melden Sie sich zuerst an und öffnen Sie diesen Link dann erneut.',
  },
  tableDevice: {
    title: 'Tischgerät einrichten',
    body: 'Dieser Browser wird das gemeinsame Gerät eines Tisches im Saal: Ideen von hier werden für den ganzen Tisch eingetragen, ohne Namen, und beim Abstimmen hat der Tisch die Punkte aller Personen am Tisch. Öffnen Sie diesen Link nur auf dem Gerät, das am Tisch bleibt – er gilt einmal.',
    signedIn:
      'Sie sind in diesem Browser als Moderation angemeldet. Wenn Sie fortfahren, endet diese Anmeldung hier.',
    use: 'Als Tischgerät verwenden',
    invalid:
      'Dieser Tisch-Link ist nicht (mehr) gültig. Bitte holen Sie bei der Moderation einen neuen.',
  },
} as const

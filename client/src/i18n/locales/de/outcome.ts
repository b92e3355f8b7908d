/**
 * German strings of what comes out of a workshop, on the workshop page and the facilitation
 * panel: the export (report, open-data package), the versions of the open data, carrying ideas
 * into another workshop, what became of the ideas with the public results page, and the data
 * retention (namespace `outcome`, loaded with those pages by `useOutcomeT.ts`, so the phone
 * bundle does not carry them).
 * Plain JSON-compatible values: `{{name}}` interpolates, `_one`/`_other` are plurals.
 */
export const outcome = {
  outcome: {
    heading: 'Ergebnis exportieren',
    intro:
      'Jederzeit, auch während des Workshops: der Bericht für Rathaus und Presse und das Open-Data-Paket für das Datenportal. Verborgene Ideen bleiben draußen.',
    language: 'Sprache des Berichts',
    names: 'Namen der Teilnehmenden nennen',
    format: {
      pdf: 'Bericht als PDF',
      html: 'Bericht als HTML',
      md: 'Bericht als Markdown',
    },
    openData: 'Open-Data-Paket',
    licence: 'Lizenz',
    dlDe: 'Datenlizenz Deutschland – Namensnennung 2.0',
    publisher: 'Herausgeber (z. B. Stadt Bad Belzig)',
    csv: 'CSV-Format',
    csvStandard: 'Standard (Komma) – für Datenportale',
    csvExcel: 'Excel (deutsch): Semikolon, UTF-8 mit BOM',
    contributor: 'Kennung der Datenportal-Stelle (dcatde:contributorID, optional)',
    contributorHint:
      'Aus der Liste Ihres Datenportals. Ohne sie bleibt die Angabe in der DCAT-Datei leer; das Portal ergänzt sie beim Einsammeln.',
    downloadZip: 'Open-Data-Paket herunterladen (ZIP)',
    preparing: '{{what}} wird erstellt …',
    done: '{{what}} ist heruntergeladen.',
  },
  openData: {
    heading: 'Versionen der offenen Daten',
    intro:
      'Jede Änderung an Stand, übernommenen Ideen oder am Board ergibt eine neue Version des Open-Data-Pakets, mit Änderungsliste (changelog.csv). Die DCAT-Datei verweist auf feste Adressen, die immer die neueste Version liefern; jede Version bleibt unter ihrer Nummer abrufbar.',
    url: 'Öffentliche Adresse der offenen Daten',
    unpublished:
      'Die Adressen antworten, sobald die Ergebnisseite veröffentlicht ist (oben unter „Was aus den Ideen wurde“).',
    none: 'Noch keine Version veröffentlicht.',
    version: 'Version {{n}} vom {{date}}',
    more_one: '… und {{count}} weitere Änderung',
    more_other: '… und {{count}} weitere Änderungen',
    publish: 'Aktuellen Stand als neue Version veröffentlichen',
    published: 'Version {{n}} ist veröffentlicht.',
    unchanged: 'Nichts hat sich geändert; Version {{n}} ist aktuell.',
  },
  carry: {
    heading: 'Ideen in einen anderen Workshop übernehmen',
    intro:
      'Wählen Sie Ideen oder ganze Cluster, die in einem anderen Workshop der Reihe weiterbearbeitet werden. Jede übernommene Idee zeigt dort, woher sie kommt und wie viele Punkte sie hier bekam. Namen werden nicht übernommen.',
    roundNote: 'Punkte aus der zuletzt veröffentlichten Abstimmungsrunde ({{number}}).',
    noIdeas: 'Noch keine öffentlichen Ideen.',
    choose: 'Ideen und Cluster wählen',
    wholeCluster_one: 'Ganzer Cluster: {{title}} ({{count}} Idee)',
    wholeCluster_other: 'Ganzer Cluster: {{title}} ({{count, number}} Ideen)',
    untitled: 'Ohne Titel',
    unsorted: 'Nicht zugeordnete Ideen',
    target: 'Ziel-Workshop',
    newWorkshop: 'Neuer Workshop',
    newTitle: 'Titel des neuen Workshops',
    submit: 'Übernehmen ({{count}} gewählt)',
    nothingChosen: 'Wählen Sie mindestens eine Idee oder einen Cluster.',
    done_one: '{{count}} Idee in „{{title}}“ übernommen.',
    done_other: '{{count, number}} Ideen in „{{title}}“ übernommen.',
    skipped_one: '{{count}} Idee war dort schon und wurde übersprungen.',
    skipped_other: '{{count, number}} Ideen waren dort schon und wurden übersprungen.',
    openTarget: 'Ziel-Workshop öffnen',
  },
  ideaStatus: {
    heading: 'Was aus den Ideen wurde',
    intro:
      'Geben Sie jeder Idee einen Stand, auch lange nach dem Workshop. Jede Änderung wird mit Datum festgehalten; Bericht, Open-Data-Paket und die öffentliche Ergebnisseite zeigen sie (ohne Ihren Namen).',
    pageHeading: 'Öffentliche Ergebnisseite',
    publish: 'Ergebnisseite öffentlich zeigen',
    publishHint:
      'Titel, Datum, Ort, die Cluster und Ideen mit Rangfolge (nur aus veröffentlichten Abstimmungen) und Stand – ohne Namen, außer der Bericht darf Namen nennen. Ohne JavaScript, druckbar, mit Atom-Feed der Änderungen.',
    pageUrl: 'Adresse der Ergebnisseite',
    openPage: 'Ergebnisseite öffnen',
    feed: 'Atom-Feed der Änderungen',
    notPublished:
      'Noch nicht veröffentlicht: Unter dieser Adresse antwortet der Server mit „nicht gefunden“.',
    published: 'Die Ergebnisseite ist öffentlich.',
    unpublished: 'Die Ergebnisseite ist nicht mehr öffentlich.',
    ideasHeading: 'Stand der Ideen',
    noIdeas: 'Noch keine öffentlichen Ideen.',
    unsorted: 'Nicht zugeordnet',
    current: 'Stand',
    status: 'Neuer Stand',
    reason: 'Begründung',
    reasonRequired: 'Begründung (nötig bei „nicht umgesetzt“)',
    note: 'Notiz (freiwillig)',
    mergedInto: 'Zusammengelegt mit',
    chooseIdea: 'Idee wählen …',
    save: 'Stand speichern',
    saved: 'Stand gespeichert: {{status}}.',
    unchanged: 'Die Idee hat diesen Stand schon.',
    history: 'Verlauf ({{count}})',
    by: 'von {{name}}',
    since: 'seit {{date}}',
    panelHeading: 'Ergebnisseite',
    panelNotPublished:
      'Noch nicht öffentlich. Auf der Workshop-Seite geben Sie den Ideen ihren Stand und veröffentlichen die Seite.',
    manage: 'Stand der Ideen und Veröffentlichung',
  },
  retention: {
    heading: 'Datenschutz / Aufbewahrung',
    intro:
      'Was nach dem Workshop automatisch gelöscht wird. Die Tage zählen ab seinem Ende – dem Späteren von Workshop-Datum, letztem Phasenwechsel und letzter Nutzung der Wand (zurzeit: {{end}}).',
    defaults: 'Es gilt die Voreinstellung dieses Servers, bis Sie speichern.',
    names: {
      legend: 'Namen der Gäste',
      toggle: 'Namen der Gäste automatisch löschen',
      days: 'Tage bis zum Löschen der Namen',
      deleteAt:
        'Namen werden gelöscht am {{date}} – aus der Teilnehmerliste, von den Ideen, aus dem gespeicherten Verlauf und allen Exporten.',
    },
    workshop: {
      legend: 'Ganzer Workshop',
      toggle: 'Workshop vollständig löschen',
      days: 'Tage bis zum Löschen des Workshops',
      deleteAt:
        'Wird gelöscht am {{date}} – mit Board, Ideen, Stimmen, Teilnehmenden und Einladungscodes.',
    },
    kept: 'Wird nicht automatisch gelöscht.',
    namesDeleted: 'Die Namen der Gäste wurden am {{date}} gelöscht.',
    invalidDays: 'Bitte eine ganze Zahl von 1 bis {{max}} Tagen eingeben.',
    save: 'Aufbewahrung speichern',
    saved: 'Aufbewahrung gespeichert.',
  },
} as const

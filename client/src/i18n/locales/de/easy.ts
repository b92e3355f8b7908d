/**
 * Leichte Sprache: the participant views' fixed texts in easy German, laid over `common` and
 * `views` while the switch "Leichte Sprache" is on (see `i18n/easy.ts`). Rules of the Netzwerk
 * Leichte Sprache: short main clauses, one statement per line (`\n`, shown as a line break),
 * no passive, no genitive, no abbreviations, numbers as digits, long words split with a
 * Mediopunkt. Only keys that exist in the base namespace; the variables stay the same.
 */
import type { EasyTexts } from '../../easy.ts'
import type { common } from './common.ts'
import type { views } from './views.ts'

export const easy = {
  common: {
    start: {
      codeHint: 'Der Code hat 6 Zeichen.\nZum Beispiel: K7P-2QX',
    },
    join: {
      role: {
        participant: 'Sie machen mit.\nSie können Ideen schreiben.',
        viewer: 'Sie schauen zu.\nSie können keine Ideen schreiben.',
      },
      nameHint:
        'Schreiben Sie hier Ihren Namen.\nDie anderen sehen den Namen bei Ihren Ideen.\nSie wollen keinen Namen zeigen?\nDann tippen Sie auf: Anonym teilnehmen.\nAnonym bedeutet: ohne Namen.',
      nameHintViewer:
        'Schreiben Sie hier Ihren Namen.\nNur die Leitung sieht den Namen.\nSie wollen keinen Namen zeigen?\nDann tippen Sie auf: Anonym teilnehmen.\nAnonym bedeutet: ohne Namen.',
      nameRequired: 'Bitte schreiben Sie Ihren Namen.\nOder tippen Sie auf: Anonym teilnehmen.',
    },
  },
  views: {
    instruction: {
      collect:
        'Jetzt sammeln alle Ideen.\nSchreiben Sie Ihre Idee in das Feld.\nSchreiben Sie immer nur 1 Idee.\nDann tippen Sie auf: Senden.',
      cluster:
        'Jetzt sortiert die Leitung die Ideen.\nÄhnliche Ideen kommen in 1 Gruppe.\nSie müssen jetzt nichts tun.',
      vote: 'Jetzt stimmen alle ab.\nSie haben Punkte.\nWelche Ideen finden Sie wichtig?\nGeben Sie diesen Ideen Ihre Punkte.',
      discuss: 'Jetzt sprechen alle über das Ergebnis.\nSie können mit·reden.',
    },
    timerLabel: 'So viel Zeit ist noch',
    state: {
      offlineBanner:
        'Das Internet ist gerade weg.\nIhre Ideen sind nicht verloren.\nDie Ideen bleiben auf Ihrem Handy.\nSpäter schickt das Handy die Ideen von selbst.',
      closed: 'Die Verbindung ist zu Ende.',
      connecting: 'Bitte kurz warten …',
      saving: 'Das Handy schickt …',
      delayed: 'Speichern dauert länger',
      delayedBanner:
        'Das Speichern dauert gerade länger.\nIhre Ideen sind nicht verloren.\nDie Ideen·wand speichert die Ideen später.',
      offline: 'Kein Internet',
    },
    idea: {
      sentStatus: 'Ihre Idee ist angekommen.',
      savedOffline: 'Ihre Idee ist auf dem Handy.\nDas Handy schickt die Idee später.',
      tooLong: 'Die Idee ist zu lang.\nSchreiben Sie höchstens {{max}} Zeichen.',
      empty: 'Das Feld ist leer.\nBitte schreiben Sie zuerst Ihre Idee.',
      notNow: 'Gerade können Sie keine Ideen schreiben.',
      readOnly: 'Sie können hier nur lesen.\nSie können nichts schreiben.',
      mineEmpty: 'Sie haben noch keine Idee geschrieben.',
      pending: 'wartet auf Internet',
      sent: 'angekommen',
      deleteConfirm: 'Wollen Sie diese Idee wirklich löschen?',
      deleted: 'Die Idee ist gelöscht.',
      pendingBadge: 'Die Leitung prüft die Idee noch',
      privateBadge: 'Nur Sie sehen die Idee. Später sehen alle die Idee.',
      withdrawFailed: 'Das Löschen hat nicht geklappt.\nBitte versuchen Sie es noch einmal.',
    },
    vote: {
      dotsLeft_one: 'Sie haben noch {{count}} Punkt.',
      dotsLeft_other: 'Sie haben noch {{count, number}} Punkte.',
      waiting: 'Die Abstimmung hat noch nicht angefangen.\nBitte warten Sie.',
      noTargets: 'Es gibt nichts zum Abstimmen.',
      failed: 'Das hat nicht geklappt.\nDer Punkt ist nicht gespeichert.',
      stranded: 'Diese Punkte können Sie neu verteilen',
      strandedHint:
        'Diese Ideen sind nicht mehr bei der Abstimmung.\nNehmen Sie die Punkte zurück.\nDann können Sie die Punkte neu verteilen.',
    },
    results: {
      soon: 'Gleich sehen Sie das Ergebnis.',
    },
    announce: {
      timeUp: 'Die Zeit ist vorbei.',
      resultsShown: 'Jetzt sehen Sie das Ergebnis.',
      roundOpen: 'Die Abstimmung fängt jetzt an.',
    },
  },
} as const satisfies { common: EasyTexts<typeof common>; views: EasyTexts<typeof views> }

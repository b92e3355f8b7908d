/**
 * Die Seiten in Leichter Sprache: Start (`/leicht`) und „Wie funktioniert das?“
 * (`/leicht/so-gehts`). Regeln des Netzwerks Leichte Sprache: kurze Haupt·sätze, 1 Aussage pro
 * Zeile, kein Passiv, kein Genitiv, keine Abkürzungen, Zahlen als Ziffern, lange Wörter mit
 * Medio·punkt, schwere Wörter im Kasten erklärt, Anrede „Sie“.
 */
import { EASY_HOW_PATH, EASY_START_PATH } from '../router.ts'
import type { EasyTexts } from './content.ts'

export const de: EasyTexts = {
  wordLabel: 'Schweres Wort:',
  start: {
    title: 'Ideenwand in Leichter Sprache',
    intro: ['Hier erklären wir Ideenwand.', 'Und wir erklären: So machen Sie mit.'],
    sections: [
      {
        heading: 'Was ist Ideenwand?',
        blocks: [
          {
            kind: 'step',
            picture: 'idea',
            lines: [
              'Ideenwand ist eine Internet·seite.',
              'Dort sammeln viele Menschen zusammen Ideen.',
              'Zum Beispiel: Ideen für Ihre Stadt.',
            ],
          },
          {
            kind: 'step',
            picture: 'group',
            lines: [
              'Manche Menschen treffen sich in einem Raum.',
              'Zum Beispiel im Rathaus.',
              'Sie machen mit dem Handy mit.',
            ],
          },
          {
            kind: 'step',
            picture: 'home',
            lines: [
              'Andere Menschen sind zu Hause.',
              'Sie machen am Computer mit.',
              'Alle sehen die gleichen Ideen.',
            ],
          },
          {
            kind: 'word',
            word: 'Workshop',
            lines: [
              'Ein Workshop ist ein Treffen.',
              'Bei dem Treffen arbeiten Menschen zusammen.',
              'Das Treffen hat eine Leitung.',
              'Die Leitung erklärt alles.',
            ],
          },
        ],
      },
      {
        heading: 'So machen Sie mit',
        blocks: [
          {
            kind: 'step',
            picture: 'qr',
            lines: ['Im Raum gibt es ein Blatt.', 'Auf dem Blatt ist ein QR-Code.'],
          },
          {
            kind: 'word',
            word: 'QR-Code',
            lines: [
              'Ein QR-Code ist ein Bild aus vielen kleinen Vierecken.',
              'Ihr Handy kann das Bild lesen.',
              'Dann öffnet das Handy eine Internet·seite.',
            ],
          },
          {
            kind: 'step',
            picture: 'phone',
            lines: [
              'Öffnen Sie die Kamera von Ihrem Handy.',
              'Halten Sie die Kamera auf den QR-Code.',
              'Auf dem Handy erscheint ein Link.',
              'Tippen Sie auf den Link.',
              'Jetzt sehen Sie Ideenwand.',
            ],
          },
          {
            kind: 'step',
            picture: 'code',
            lines: [
              'Sie haben keinen QR-Code?',
              'Dann geben Sie den Code ein.',
              'Der Code steht auf dem Blatt.',
              'Oder die Leitung sagt Ihnen den Code.',
              'Der Code hat 6 Zeichen.',
              'Zum Beispiel: K7P-2QX',
            ],
          },
          { kind: 'link', href: '/join', text: 'Code eingeben' },
          {
            kind: 'step',
            picture: 'hand',
            lines: [
              'Sie brauchen Hilfe?',
              'Dann heben Sie die Hand.',
              'Die Leitung hilft Ihnen gern.',
            ],
          },
        ],
      },
      {
        heading: 'Mehr wissen',
        blocks: [
          {
            kind: 'step',
            picture: 'switch',
            lines: [
              'Auf der nächsten Seite steht: So funktioniert Ideenwand.',
              'Schritt für Schritt.',
            ],
          },
          { kind: 'link', href: EASY_HOW_PATH, text: 'Wie funktioniert das?' },
        ],
      },
    ],
  },
  how: {
    title: 'Wie funktioniert das?',
    intro: ['Hier steht: So machen Sie bei Ideenwand mit.', 'Schritt für Schritt.'],
    sections: [
      {
        heading: 'Schritt 1: Mit·machen',
        blocks: [
          {
            kind: 'step',
            picture: 'qr',
            lines: [
              'Halten Sie die Kamera von Ihrem Handy auf den QR-Code.',
              'Oder geben Sie den Code ein.',
              'Dann schreiben Sie Ihren Namen.',
              'Sie wollen keinen Namen zeigen?',
              'Dann tippen Sie auf: Anonym teilnehmen.',
            ],
          },
          {
            kind: 'word',
            word: 'anonym',
            lines: ['Anonym bedeutet: ohne Namen.', 'Die anderen wissen nicht: Wer sind Sie?'],
          },
        ],
      },
      {
        heading: 'Schritt 2: Eine Idee schreiben',
        blocks: [
          {
            kind: 'step',
            picture: 'idea',
            lines: [
              'Auf dem Handy gibt es ein Feld.',
              'Über dem Feld steht: Ihre Idee.',
              'Schreiben Sie Ihre Idee in das Feld.',
              'Dann tippen Sie auf: Senden.',
              'Sie können viele Ideen schreiben.',
              'Schreiben Sie jede Idee einzeln.',
            ],
          },
          {
            kind: 'word',
            word: 'Idee',
            lines: ['Eine Idee ist ein Vorschlag.', 'Zum Beispiel: Im Park soll eine Bank stehen.'],
          },
          {
            kind: 'step',
            picture: 'clock',
            lines: [
              'Manchmal läuft eine Uhr.',
              'Die Uhr zeigt: So viel Zeit ist noch.',
              'Dann sagt die Leitung: So geht es weiter.',
            ],
          },
          {
            kind: 'step',
            picture: 'phone',
            lines: [
              'Das Internet ist weg?',
              'Ihre Idee ist nicht verloren.',
              'Das Handy schickt die Idee später.',
            ],
          },
        ],
      },
      {
        heading: 'Schritt 3: Mit Punkten abstimmen',
        blocks: [
          {
            kind: 'step',
            picture: 'dots',
            lines: [
              'Dann stimmen alle ab.',
              'Sie bekommen Punkte.',
              'Zum Beispiel: 3 Punkte.',
              'Welche Ideen finden Sie gut?',
              'Geben Sie diesen Ideen Ihre Punkte.',
              'Tippen Sie dafür auf das Plus.',
              'Sie haben sich vertan?',
              'Dann tippen Sie auf das Minus.',
              'Sie bekommen den Punkt zurück.',
            ],
          },
          {
            kind: 'word',
            word: 'abstimmen',
            lines: [
              'Abstimmen bedeutet: Alle sagen ihre Meinung.',
              'Dann zählt Ideenwand die Punkte.',
              'So sehen alle: Diese Ideen finden viele Menschen gut.',
            ],
          },
        ],
      },
      {
        heading: 'Schritt 4: Das Ergebnis sehen',
        blocks: [
          {
            kind: 'step',
            picture: 'group',
            lines: [
              'Ideenwand zählt alle Punkte.',
              'Die Idee mit den meisten Punkten ist auf Platz 1.',
              'Die Leitung zeigt das Ergebnis.',
              'Alle sehen das Ergebnis.',
              'Dann sprechen alle zusammen über das Ergebnis.',
            ],
          },
        ],
      },
      {
        heading: 'Ihre Daten',
        blocks: [
          {
            kind: 'step',
            picture: 'lock',
            lines: [
              'Sie müssen Ihren Namen nicht zeigen.',
              'Ihre Punkte sind geheim.',
              'Niemand sieht: Wem haben Sie Ihre Punkte gegeben?',
              'Alle sehen nur: So viele Punkte hat jede Idee.',
              'Ideenwand zeigt keine Werbung.',
              'Ideenwand beobachtet Sie nicht.',
            ],
          },
          {
            kind: 'word',
            word: 'Daten',
            lines: ['Daten sind Angaben über Sie.', 'Zum Beispiel: Ihr Name.', 'Oder Ihre Ideen.'],
          },
          {
            kind: 'step',
            picture: 'phone',
            lines: [
              'Sie wollen gehen?',
              'Und Sie wollen Ihre Ideen löschen?',
              'Dann tippen Sie auf dem Handy auf: Meine Beiträge löschen und gehen.',
              'Dann löscht Ideenwand Ihre Ideen und Ihren Namen.',
            ],
          },
          {
            kind: 'link',
            href: '/datenschutz',
            text: 'Mehr zum Daten·schutz (nicht in Leichter Sprache)',
          },
        ],
      },
      {
        heading: 'Leichte Sprache auf dem Handy',
        blocks: [
          {
            kind: 'step',
            picture: 'switch',
            lines: [
              'Auf dem Handy gibt es oben einen Knopf.',
              'Auf dem Knopf steht: Leichte Sprache.',
              'Tippen Sie auf den Knopf.',
              'Dann sind die Erklärungen auf dem Handy in Leichter Sprache.',
            ],
          },
          { kind: 'link', href: EASY_START_PATH, text: 'Zurück zum Anfang' },
        ],
      },
    ],
  },
}

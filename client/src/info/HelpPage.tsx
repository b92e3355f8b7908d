/**
 * The facilitator guide, in German and English: preparing a hybrid session, the QR handout,
 * running the phases, and getting the outcome. Short on purpose — one screen per topic.
 */
import { useLang } from '../i18n/LangProvider.tsx'
import { EASY_HOW_PATH, EASY_START_PATH } from '../router.ts'
import { Link } from '../ui/Link.tsx'
import { Page } from '../ui/Page.tsx'

export function HelpPage() {
  const { lang } = useLang()
  return lang === 'de' ? <German /> : <English />
}

function German() {
  return (
    <Page title="Leitfaden für die Moderation">
      <div className="iw-prose">
        <p>
          Für Teilnehmende gibt es eine Erklärung in Leichter Sprache:{' '}
          <Link href={EASY_START_PATH}>Ideenwand in Leichter Sprache</Link> und{' '}
          <Link href={EASY_HOW_PATH}>Wie funktioniert das?</Link> Auf dem Handy und in der
          Listenansicht schaltet der Knopf „Leichte Sprache“ die Erklärungen um.
        </p>
        <h2 id="vorbereiten">Eine hybride Sitzung vorbereiten</h2>
        <ol>
          <li>
            Legen Sie unter „Workshops“ einen Workshop an: Titel, Datum, Ort und – für Menschen zu
            Hause – den Link zur Videokonferenz (z. B. den BigBlueButton-Raum des Labs).
          </li>
          <li>
            Entscheiden Sie, ob eine <em>Lobby</em> nötig ist: Dann lassen Sie jede Person selbst
            herein. Für öffentliche Runden hilft die <em>Vorab-Moderation</em> von Ideen.
          </li>
          <li>
            Testen Sie vorher den Beamer: Öffnen Sie dort den Zuschauer-Code – die Projektor-Ansicht
            zeigt Code, QR-Code, Zeitgeber und später die Ergebnisse groß und kontrastreich.
          </li>
          <li>
            Das WLAN im Saal ist schwach? Die Handy-Ansicht speichert Ideen auch ohne Verbindung und
            schickt sie, sobald das Netz wieder da ist.
          </li>
          <li>
            Arbeiten Tische mit einem gemeinsamen Laptop oder Tablet? Legen Sie im
            Moderationsbereich unter „Tischgeräte“ je Tisch ein <em>Tischgerät</em> an („Tisch 3“, 5
            Personen) und öffnen Sie den einmaligen Link (oder QR-Code) auf dem Gerät. Es trägt
            Ideen für den Tisch ein, ohne Namen, und hat beim Abstimmen die Punkte aller Personen am
            Tisch. Ideen von Karten tragen Sie in der Listenansicht mit „Von Papier übertragen“ ein
            (auch nachträglich, am Kästchen bei der Idee). Sie sehen bei jeder Idee, woher sie
            kommt; der Bericht zählt es.
          </li>
        </ol>
        <h2 id="handout">Das QR-Handout</h2>
        <p>
          Auf der Workshop-Seite finden Sie „Handout drucken“: eine A4-Seite mit QR-Code, dem Code
          in großer Schrift und drei Schritten zur Teilnahme. Legen Sie sie auf die Plätze oder
          zeigen Sie sie am Eingang. Codes lassen sich jederzeit erneuern oder abschalten.
        </p>
        <h2 id="phasen">Die Phasen leiten</h2>
        <ol>
          <li>
            <strong>Sammeln:</strong> Alle schreiben Ideen – am Whiteboard, in der Liste oder am
            Handy. Mit „privat sammeln“ sieht jede Person zunächst nur ihre eigenen Ideen; decken
            Sie sie gemeinsam auf.
          </li>
          <li>
            <strong>Ordnen:</strong> Ordnen Sie Ideen in Cluster. „Cluster vorschlagen“ gruppiert
            ähnliche Ideen automatisch und lokal – Sie prüfen und übernehmen den Vorschlag.
          </li>
          <li>
            <strong>Abstimmen:</strong> Starten Sie eine Punkte-Runde (z. B. 3 Punkte, höchstens 2
            pro Idee). Die Stimmen bleiben geheim, bis Sie aufdecken; Sie sehen nur die Beteiligung.
            Oder wählen Sie „Widerstand messen (Systemisches Konsensieren)“: Jede Person gibt jeder
            Option 0 bis 10 Punkte Widerstand, die Passivlösung („alles bleibt, wie es ist“) ist
            immer dabei, und es gewinnt die Option mit dem geringsten Gesamtwiderstand. Gut für
            wenige Vorschläge (höchstens 20) – etwa die besten aus einer Punkte-Runde. Eine Stimme
            zählt, wenn alle Optionen bewertet sind; Zahlen sehen Sie erst beim Aufdecken. Liegt die
            Passivlösung vorn, trägt keine Option.
          </li>
          <li>
            <strong>Besprechen:</strong> Die Rangfolge ist für alle sichtbar. Mit „Alle zu mir
            holen“ und dem Spotlight lenken Sie den Blick auf eine Idee.
          </li>
        </ol>
        <p>
          Der Zeitgeber läuft für alle gleich, auch für Menschen zu Hause. Sperren Sie das Board,
          während Sie etwas vorstellen.
        </p>
        <h2 id="ergebnis">Das Ergebnis sichern</h2>
        <p>
          Auf der Workshop-Seite laden Sie den Bericht (HTML, PDF, Markdown) und das Open-Data-Paket
          (Frictionless Data Package mit DCAT-AP.de-Metadaten) herunter – jederzeit, auch während
          des Workshops. Verborgene Ideen bleiben draußen, Namen nur, wenn Sie es ausdrücklich
          wählen.
        </p>
        <p>
          Nach dem Workshop halten Sie unter „Was aus den Ideen wurde“ fest, was aus jeder Idee
          geworden ist, und veröffentlichen die Ergebnisseite. Jede Änderung ergibt eine neue
          Version der offenen Daten mit Änderungsliste; das Datenportal findet die neueste immer
          unter derselben Adresse (…/daten/), frühere Versionen bleiben abrufbar. Was Sie verbergen,
          verschwindet auch aus allen veröffentlichten Versionen.
        </p>
        <p>
          Eine Reihe von Treffen: Unter „Ideen in einen anderen Workshop übernehmen“ nehmen Sie
          ausgewählte Ideen oder ganze Cluster mit ihren Punkten in einen neuen oder bestehenden
          Workshop mit. Jede übernommene Idee zeigt dort, woher sie kommt – ohne Namen.
        </p>
      </div>
    </Page>
  )
}

function English() {
  return (
    <Page title="Facilitator guide">
      <div className="iw-prose">
        <p>
          For participants there is an explanation in Easy Read (Leichte Sprache in German):{' '}
          <Link href={EASY_START_PATH}>Ideenwand in Easy Read</Link> and{' '}
          <Link href={EASY_HOW_PATH}>How does it work?</Link> On the phone and in the list view, the
          button “Easy Read” switches the explanations.
        </p>
        <h2 id="prepare">Preparing a hybrid session</h2>
        <ol>
          <li>
            Create a workshop under “Workshops”: title, date, place and — for people at home — the
            video-call link (for example the lab’s BigBlueButton room).
          </li>
          <li>
            Decide whether you need a <em>lobby</em> (you let each person in yourself). For public
            sessions, <em>pre-moderation</em> of ideas helps.
          </li>
          <li>
            Test the projector beforehand: open the viewer code there — the projector view shows the
            code, QR code, timer and later the results, large and high-contrast.
          </li>
          <li>
            Poor Wi-Fi in the room? The phone view keeps ideas without a connection and sends them
            when the network is back.
          </li>
          <li>
            Tables sharing a laptop or tablet? In the facilitator panel, under “Table devices”, add
            a <em>table device</em> per table (“Table 3”, 5 people) and open its one-time link (or
            QR code) on that device. It adds ideas for the table, without names, and has the dots of
            everyone at the table when voting. Type in ideas from cards in the list view with “Typed
            in from paper” (also later, with the box at the idea). You see where each idea came
            from; the report counts it.
          </li>
        </ol>
        <h2 id="handout">The QR handout</h2>
        <p>
          On the workshop page, “Print handout” gives one A4 page with the QR code, the code in
          large type and three steps to join. Put it on the seats or show it at the door. Codes can
          be renewed or switched off at any time.
        </p>
        <h2 id="phases">Running the phases</h2>
        <ol>
          <li>
            <strong>Collect:</strong> everyone writes ideas — on the whiteboard, in the list or on a
            phone. With “private collection” each person first sees only their own ideas; reveal
            them together.
          </li>
          <li>
            <strong>Cluster:</strong> sort ideas into clusters. “Suggest clusters” groups similar
            ideas automatically and locally — you review and accept the suggestion.
          </li>
          <li>
            <strong>Vote:</strong> start a dot-voting round (for example 3 dots, at most 2 per
            idea). Votes stay secret until you reveal them; you only see the turnout. Or choose
            “Measure resistance (Systemic Consensing)”: everyone gives each option 0 to 10 points of
            resistance, the passive solution (“everything stays as it is”) is always included, and
            the option with the least total resistance wins. Good for a few proposals (at most 20) —
            for example the best of a dot round. A vote counts once every option is rated; you see
            figures only at the reveal. When the passive solution leads, no option carries.
          </li>
          <li>
            <strong>Discuss:</strong> the ranking is visible to everyone. “Bring everyone to me” and
            the spotlight direct attention to one idea.
          </li>
        </ol>
        <p>The timer runs the same for everyone, at home too. Lock the board while you present.</p>
        <h2 id="outcome">Getting the outcome</h2>
        <p>
          On the workshop page, download the report (HTML, PDF, Markdown) and the open-data package
          (a Frictionless Data Package with DCAT-AP.de metadata) — at any time, also during the
          workshop. Hidden ideas stay out; names only if you explicitly choose so.
        </p>
        <p>
          After the workshop, record under “What became of the ideas” what became of each idea, and
          publish the results page. Every change makes a new version of the open data with a list of
          changes; the data portal always finds the newest at the same address (…/daten/), earlier
          versions stay available. What you hide disappears from every published version too.
        </p>
      </div>
    </Page>
  )
}

/**
 * Datenschutzerklärung / privacy notice (GDPR Art. 13): what Ideenwand stores about whom, why,
 * for how long, and people's rights. The operator (a town hall, a lab) names itself and its
 * data protection officer at build time (`VITE_PRIVACY_CONTROLLER`, `VITE_PRIVACY_CONTACT`).
 */
import { useLang } from '../i18n/LangProvider.tsx'
import { Page } from '../ui/Page.tsx'
import { OperatorHint } from './OperatorHint.tsx'
import { PRIVACY_CONTACT as CONTACT, PRIVACY_CONTROLLER as CONTROLLER } from './operator.ts'

export function PrivacyPage() {
  const { lang } = useLang()
  return lang === 'de' ? <German /> : <English />
}

function German() {
  return (
    <Page title="Datenschutz">
      <OperatorHint />
      <div className="iw-prose">
        <p>
          Verantwortlich für die Verarbeitung ist {CONTROLLER}. Fragen zum Datenschutz und Anträge
          richten Sie an <a href={`mailto:${CONTACT}`}>{CONTACT}</a>.
        </p>
        <h2>Was gespeichert wird</h2>
        <ul>
          <li>
            <strong>Teilnehmende</strong> geben nur einen Anzeigenamen an – oder keinen (anonym).
            Kein Konto, keine E-Mail-Adresse. Gespeichert werden der Name, die Rolle im Workshop,
            der Zeitpunkt des Beitritts, ob Sie von einem Handy (im Saal) oder einem anderen Gerät
            (zu Hause) beigetreten sind und ob Sie schon eine Idee eingebracht haben. Die Moderation
            sieht davon nur Summen („Beteiligung“), nie wer.
          </li>
          <li>
            <strong>Beiträge</strong>: Ideen mit Text, Farbe, Cluster und Zeitpunkt; mit dem Namen
            nur, wenn der Workshop nicht anonym ist. Stimmen (Punkte) sind geheim: Niemand außer dem
            Server sieht, wer wofür gestimmt hat; veröffentlicht wird nur die Summe je Idee.
          </li>
          <li>
            <strong>Beleg</strong> (auf Wunsch, „Beleg behalten“ auf dem Handy): ein Link zu Ihren
            eigenen Ideen und was aus ihnen wurde, der auch nach dem Ende Ihrer Sitzung gilt.
            Gespeichert wird nur ein Prüfwert (Hash) des Links, verknüpft mit Ihrer Teilnahme – kein
            Name, keine weiteren Daten. Wer den Link hat, sieht diese Ideen; andere Personen zeigt
            er nicht.
          </li>
          <li>
            <strong>Moderation</strong>: Name, E-Mail-Adresse und ein Passwort, das nur als
            Argon2id-Hash gespeichert wird.
          </li>
          <li>
            <strong>Ein Sitzungs-Cookie</strong>, technisch notwendig für die Anmeldung (§ 25 Abs. 2
            Nr. 2 TDDDG); keine Einwilligung nötig, kein Tracking, keine Analyse, keine Anfragen an
            fremde Server – auch Schriften und Symbole kommen von diesem Server.
          </li>
        </ul>
        <h2>Zweck und Rechtsgrundlage</h2>
        <p>
          Die Daten dienen allein der Durchführung und Dokumentation des Beteiligungs-Workshops
          (Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit der jeweiligen Aufgabe der Kommune, bei
          freiwilliger Teilnahme ergänzend lit. a). Berichte und offene Daten enthalten keine Namen,
          außer die Moderation wählt das für einen Bericht ausdrücklich.
        </p>
        <h2>Speicherdauer</h2>
        <p>
          Sitzungen enden für Gäste nach spätestens drei Tagen. Für jeden Workshop legt die
          Moderation fest, wie lange gespeichert wird: Die Namen der Gäste werden eine bestimmte
          Zahl von Tagen nach dem Ende des Workshops gelöscht (voreingestellt: nach 30 Tagen, sofern
          der Betreiber nichts anderes festlegt), und auf Wunsch der ganze Workshop. Als Ende gilt
          das Spätere von Workshop-Datum, letztem Phasenwechsel und letzter Nutzung der Wand.
          Gelöscht wird automatisch: die Namen aus der Teilnehmerliste, von den Ideen, aus dem
          gespeicherten Verlauf und damit aus allen Berichten und Exporten; beim Löschen des
          Workshops alles – Board mit allen Änderungen und Sicherungsständen, Beiträge, Stimmen,
          Teilnehmende und Einladungscodes. Die Moderation kann einen Workshop auch jederzeit von
          Hand löschen. Protokolliert wird nur, dass und wann gelöscht wurde, ohne Namen oder
          Inhalte.
        </p>
        <p>
          Ihre eigenen Beiträge können Sie jederzeit selbst löschen: „Meine Beiträge löschen und
          gehen“ in der Handy- und der Listenansicht entfernt Ihre Ideen (auch aus dem gespeicherten
          Verlauf), Ihre Punkte in laufenden Abstimmungen und Ihren Namen. Ein Beleg gilt, bis Sie
          so Ihre Beiträge löschen oder der Workshop gelöscht wird (von Hand oder nach der
          Speicherdauer des Workshops); das Löschen der Namen lässt ihn bestehen, er enthält keine.
        </p>
        <h2>Ihre Rechte</h2>
        <p>
          Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung,
          Widerspruch und Datenübertragbarkeit (Art. 15–21 DSGVO) sowie das Recht, sich bei einer
          Aufsichtsbehörde zu beschweren – in Brandenburg bei der Landesbeauftragten für den
          Datenschutz und für das Recht auf Akteneinsicht.
        </p>
      </div>
    </Page>
  )
}

function English() {
  return (
    <Page title="Privacy">
      <OperatorHint />
      <div className="iw-prose">
        <p>
          The controller is {CONTROLLER}. Send questions and requests about your data to{' '}
          <a href={`mailto:${CONTACT}`}>{CONTACT}</a>.
        </p>
        <h2>What is stored</h2>
        <ul>
          <li>
            <strong>Participants</strong> give only a display name — or none (anonymous). No
            account, no e-mail address. Stored are the name, the role in the workshop, when you
            joined, whether you joined from a phone (in the room) or another device (at home) and
            whether you have contributed an idea yet. Facilitators see only totals of these
            ("Participation"), never who.
          </li>
          <li>
            <strong>Contributions</strong>: ideas with text, colour, cluster and time; with your
            name only when the workshop is not anonymous. Votes (dots) are secret: nobody but the
            server sees who voted for what; only the total per idea is published.
          </li>
          <li>
            <strong>Receipt</strong> (if you ask for one, “Keep a receipt” on the phone): a link to
            your own ideas and what became of them that works after your session has ended. Only a
            check value (hash) of the link is stored, tied to your participation – no name, nothing
            else. Whoever has the link sees these ideas; it shows no other person.
          </li>
          <li>
            <strong>Facilitators</strong>: name, e-mail address and a password stored only as an
            Argon2id hash.
          </li>
          <li>
            <strong>One session cookie</strong>, strictly necessary for signing in (§ 25 (2) no. 2
            TDDDG); no consent needed, no tracking, no analytics, no requests to other servers —
            fonts and icons come from this server too.
          </li>
        </ul>
        <h2>Purpose and legal basis</h2>
        <p>
          The data serve only to run and document the participatory workshop (Art. 6 (1) (e) GDPR
          with the municipality's task, for voluntary participation also (a)). Reports and open data
          contain no names unless the facilitators explicitly choose so for a report.
        </p>
        <h2>How long</h2>
        <p>
          Guest sessions end after three days at the latest. For each workshop, the facilitators
          decide how long data are kept: guests' names are deleted a set number of days after the
          workshop's end (by default after 30 days, unless the operator sets otherwise), and, if
          they choose, the whole workshop too. The end is the latest of the workshop's date, its
          last phase change and the last use of the board. Deletion is automatic: names go from the
          participant list, from ideas and from the stored history, and so from every report and
          export; deleting a workshop removes everything — the board with every change and snapshot,
          contributions, votes, participants and invite codes. Facilitators can also delete a
          workshop by hand at any time. Only the fact and time of a deletion are logged, without
          names or content.
        </p>
        <p>
          You can delete your own contributions at any time: “Delete my contributions and leave” in
          the phone and list views removes your ideas (also from the stored history), your dots in
          open votes and your name. A receipt works until you delete your contributions this way or
          the workshop is deleted (by hand or after the workshop's retention period); deleting the
          names leaves it, as it holds none.
        </p>
        <h2>Your rights</h2>
        <p>
          You have the right of access, rectification, erasure, restriction, objection and data
          portability (Art. 15–21 GDPR), and the right to lodge a complaint with a supervisory
          authority — in Brandenburg, the state commissioner for data protection.
        </p>
      </div>
    </Page>
  )
}

/**
 * Erklärung zur Barrierefreiheit / accessibility statement, as BITV 2.0 § 12b and EN 301 549
 * require: the standard, the state of conformity, known limits with their alternatives, a
 * feedback contact and the enforcement procedure (Schlichtungsstelle). Operators fill in their
 * contact via the settings documented in the README; the text names where.
 */
import { useLang } from '../i18n/LangProvider.tsx'
import { EASY_HOW_PATH, EASY_START_PATH } from '../router.ts'
import { Link } from '../ui/Link.tsx'
import { Page } from '../ui/Page.tsx'
import { ACCESSIBILITY_CONTACT as CONTACT } from './operator.ts'

export function AccessibilityPage() {
  const { lang } = useLang()
  return lang === 'de' ? <German /> : <English />
}

function German() {
  return (
    <Page title="Erklärung zur Barrierefreiheit">
      <div className="iw-prose">
        <p>
          Diese Erklärung gilt für Ideenwand, eine Anwendung für Beteiligungs-Workshops. Wir wollen
          sie für alle Menschen nutzbar machen. Maßstab sind die Barrierefreie-Informationstechnik-
          Verordnung (BITV 2.0) und die harmonisierte Norm EN 301 549, also die Erfolgskriterien der
          WCAG 2.1 auf den Stufen A und AA.
        </p>
        <h2>Stand der Vereinbarkeit</h2>
        <p>
          Ideenwand ist <strong>teilweise</strong> mit der BITV 2.0 vereinbar. Alle Seiten und
          Ansichten werden bei jeder Änderung automatisch mit axe-core gegen die Regeln der WCAG 2.1
          A/AA geprüft, auf Deutsch und auf Englisch; außerdem wird die Teilnahme nur mit der
          Tastatur getestet.
        </p>
        <h2>Leichte Sprache</h2>
        <p>
          Nach § 4 BITV 2.0 erklären wir Ideenwand in Leichter Sprache:{' '}
          <Link href={EASY_START_PATH}>Ideenwand in Leichter Sprache</Link> und{' '}
          <Link href={EASY_HOW_PATH}>Wie funktioniert das?</Link> Auf dem Handy, in der
          Listenansicht und beim Beitreten schaltet der Knopf „Leichte Sprache“ die Erklärungen und
          Hinweise in Leichte Sprache um.
        </p>
        <h2>Nicht barrierefreie Inhalte und Alternativen</h2>
        <ul>
          <li>
            Die <strong>Whiteboard-Ansicht</strong> (freie Zeichenfläche) ist für Screenreader nicht
            zugänglich. Alles, was dort möglich ist – Ideen lesen, hinzufügen, bearbeiten, in
            Cluster verschieben und abstimmen –, geht auch in der <strong>Listenansicht</strong>,
            die aus jeder Ansicht verlinkt ist. Nur freies Zeichnen gibt es dort nicht.
          </li>
          <li>
            Der Zeitgeber gibt am Ende auf Wunsch einen Ton aus; das Ende wird zusätzlich angezeigt
            und für Screenreader angesagt.
          </li>
        </ul>
        <h2>Erstellung dieser Erklärung</h2>
        <p>
          Die Erklärung beruht auf einer Selbstbewertung mit automatischen Prüfungen und
          Tastaturtests. Sie wird mit jeder Version überprüft.
        </p>
        <h2>Feedback und Kontakt</h2>
        <p>
          Sind Ihnen Barrieren aufgefallen, oder brauchen Sie Inhalte in einer anderen Form?
          Schreiben Sie uns: <a href={`mailto:${CONTACT}`}>{CONTACT}</a>. Wir antworten innerhalb
          von zwei Wochen.
        </p>
        <h2>Schlichtungsverfahren</h2>
        <p>
          Bleibt Ihre Rückmeldung unbeantwortet oder ist die Antwort nicht zufriedenstellend, können
          Sie sich an die Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes (BGG)
          wenden, bei Landesbehörden in Brandenburg an die Schlichtungsstelle nach dem
          Brandenburgischen Behindertengleichstellungsgesetz. Das Verfahren ist kostenfrei; Sie
          brauchen keinen Rechtsbeistand. Die Schlichtungsstelle des Bundes erreichen Sie unter
          www.schlichtungsstelle-bgg.de.
        </p>
      </div>
    </Page>
  )
}

function English() {
  return (
    <Page title="Accessibility statement">
      <div className="iw-prose">
        <p>
          This statement applies to Ideenwand, an application for participatory workshops. We want
          everyone to be able to use it. The standard is the German accessibility regulation BITV
          2.0 and the harmonised standard EN 301 549, that is the WCAG 2.1 success criteria at
          levels A and AA.
        </p>
        <h2>Compliance status</h2>
        <p>
          Ideenwand is <strong>partially</strong> compliant with BITV 2.0. Every page and view is
          checked automatically with axe-core against the WCAG 2.1 A/AA rules with every change, in
          German and in English; taking part with the keyboard alone is tested as well.
        </p>
        <h2>Easy Read</h2>
        <p>
          As § 4 BITV 2.0 asks, Ideenwand is explained in Easy Read (Leichte Sprache in German):{' '}
          <Link href={EASY_START_PATH}>Ideenwand in Easy Read</Link> and{' '}
          <Link href={EASY_HOW_PATH}>How does it work?</Link> On the phone, in the list view and
          when joining, the button “Easy Read” switches the explanations and hints to Easy Read.
        </p>
        <h2>Content that is not accessible, and alternatives</h2>
        <ul>
          <li>
            The <strong>whiteboard</strong> (free canvas) is not accessible to screen readers.
            Everything it offers — reading, adding, editing and clustering ideas, and voting — is
            also available in the <strong>list view</strong>, linked from every view. Only free
            drawing is not.
          </li>
          <li>
            The timer can play a sound at the end; the end is also shown and announced to screen
            readers.
          </li>
        </ul>
        <h2>How this statement was prepared</h2>
        <p>
          It is based on a self-assessment with automated checks and keyboard tests, reviewed with
          every release.
        </p>
        <h2>Feedback and contact</h2>
        <p>
          Did you find a barrier, or do you need content in another form? Write to us:{' '}
          <a href={`mailto:${CONTACT}`}>{CONTACT}</a>. We answer within two weeks.
        </p>
        <h2>Enforcement procedure</h2>
        <p>
          If you receive no answer or the answer does not satisfy you, you can turn to the
          arbitration body under § 16 of the German Disability Equality Act (BGG),
          www.schlichtungsstelle-bgg.de — for authorities of the state of Brandenburg, the
          arbitration body under the Brandenburg Disability Equality Act. The procedure is free of
          charge and needs no lawyer.
        </p>
      </div>
    </Page>
  )
}

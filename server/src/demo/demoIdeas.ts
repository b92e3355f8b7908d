/**
 * The demo workshop's content: "Themenlabor Freizeit" of the OK Lab Fläming — ideas residents of
 * Bad Belzig and Wiesenburg might bring about leisure, sport and tourism, in three clusters.
 */
export const DEMO_WORKSHOP = {
  title: 'Themenlabor Freizeit (Demo)',
  date: '2026-09-22',
  place: 'Rathaus Bad Belzig, Ratssaal',
  description:
    'Was fehlt in Bad Belzig und Wiesenburg für Freizeit, Sport und Tourismus? Ein Demo-Workshop des OK Lab Fläming.',
  language: 'de' as const,
}

export const DEMO_PEOPLE = [
  'Anna',
  'Bernd',
  'Carla',
  'Deniz',
  'Elke',
  'Frank',
  'Gül',
  'Hannes',
  'Ines',
  'Jonas',
  'Katrin',
  'Lutz',
]

export const DEMO_CLUSTERS: { title: string; ideas: string[] }[] = [
  {
    title: 'Radfahren & Wandern',
    ideas: [
      'Durchgehender Radweg zwischen Bad Belzig und Wiesenburg',
      'Beschilderung des Burgenwanderwegs erneuern',
      'Fahrradabstellanlagen am Bahnhof Bad Belzig überdachen',
      'Wanderkarte Hoher Fläming als kostenlose App',
      'Rastplätze mit Bänken entlang des Kunstwanderwegs',
      'E-Bike-Ladestation am Marktplatz',
      'Geführte Radtouren für Familien am Wochenende',
      'Radweg nach Schmerwitz sicherer machen',
      'Trinkwasserbrunnen an beliebten Wanderstrecken',
      'Mountainbike-Strecke im Wald bei Wiesenburg',
      'Fahrradverleih im Bahnhof Wiesenburg',
      'Bessere Beleuchtung auf dem Weg zur Burg Eisenhardt',
      'Nordic-Walking-Treff für Seniorinnen und Senioren',
    ],
  },
  {
    title: 'Jugend & Sport',
    ideas: [
      'Skatepark für Jugendliche am Sportplatz',
      'Jugendclub auch am Freitagabend öffnen',
      'Beachvolleyballfeld am Freibad',
      'Öffentliche Tischtennisplatten im Stadtpark',
      'Bolzplatz in Wiesenburg erneuern',
      'Kletterwand in der Turnhalle der Grundschule',
      'Schwimmkurse für alle Kinder in der SteinTherme',
      'Sportangebote in den Ferien für Zehn- bis Vierzehnjährige',
      'Calisthenics-Geräte am Spielplatz aufstellen',
      'Bandproberaum für junge Musikerinnen und Musiker',
      'Bus am Wochenende öfter nach Wiesenburg',
      'E-Sport-Treff in der Stadtbibliothek',
      'Laufstrecke mit Kilometerangaben im Stadtwald',
    ],
  },
  {
    title: 'Tourismus & Kultur',
    ideas: [
      'Öffnungszeiten der SteinTherme am Abend verlängern',
      'Sommerkino auf der Burg Eisenhardt',
      'Mehrsprachige Führungen durch die Altstadt',
      'Wochenmarkt mit regionalen Produkten am Samstag',
      'Schlosspark Wiesenburg besser ausschildern',
      'Ferienwohnungen auf einer gemeinsamen Webseite zeigen',
      'Kulturkalender für die ganze Region',
      'Café mit Aussicht am Aussichtsturm',
      'Stellplätze für Wohnmobile am Stadtrand',
      'Museumsnacht mit Bus-Shuttle zwischen den Orten',
      'Kunstwanderweg mit neuen Werken erweitern',
      'Offenes WLAN in der Innenstadt',
    ],
  },
]

/** Two ideas nobody has sorted yet. */
export const DEMO_UNSORTED = [
  'Öffentliche Toiletten am Bahnhof',
  'Mehr Mülleimer an den Spielplätzen',
]

/**
 * Who gives dots to what, as indexes into the flattened idea list: a fixed pattern, so the demo
 * ranking is the same every time (with a tie at the top to show how ties look).
 */
export const DEMO_VOTES: number[][] = [
  [0, 0, 13],
  [0, 13, 26],
  [13, 13, 0],
  [26, 27, 0],
  [0, 26, 14],
  [13, 26, 3],
  [27, 14, 0],
  [13, 1, 26],
  [26, 13, 2],
  [14, 27, 28],
  [0, 3, 13],
  [29, 26, 14],
]

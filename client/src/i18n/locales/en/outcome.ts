/**
 * English strings of what comes out of a workshop (namespace `outcome`, loaded by
 * `useOutcomeT.ts`). Same keys and variables as `de/outcome.ts`.
 */
import type { Translation } from '../../Translation.ts'
import type { outcome as de } from '../de/outcome.ts'

export const outcome: Translation<typeof de> = {
  outcome: {
    heading: 'Export the outcome',
    intro:
      'At any time, also during the workshop: the report for the town hall and the press, and the open-data package for the data portal. Hidden ideas stay out.',
    language: 'Language of the report',
    names: 'Name the participants',
    format: {
      pdf: 'Report as PDF',
      html: 'Report as HTML',
      md: 'Report as Markdown',
    },
    openData: 'Open-data package',
    licence: 'Licence',
    dlDe: 'Data licence Germany – attribution 2.0',
    publisher: 'Publisher (e.g. the town of Bad Belzig)',
    csv: 'CSV format',
    csvStandard: 'Standard (comma) – for data portals',
    csvExcel: 'Excel (German): semicolon, UTF-8 with BOM',
    contributor: 'Data portal contributor id (dcatde:contributorID, optional)',
    contributorHint:
      'From your data portal’s list. Without it the DCAT file leaves it out; the portal adds it when harvesting.',
    downloadZip: 'Download the open-data package (ZIP)',
    preparing: 'Preparing {{what}} …',
    done: '{{what}} is downloaded.',
  },
  openData: {
    heading: 'Versions of the open data',
    intro:
      'Every change of a status, of carried ideas or on the board makes a new version of the open-data package, with a list of changes (changelog.csv). The DCAT file points to fixed addresses that always give the newest version; every version stays available under its number.',
    url: 'Public address of the open data',
    unpublished:
      'The addresses answer once the results page is published (above, under “What became of the ideas”).',
    none: 'No version published yet.',
    version: 'Version {{n}} of {{date}}',
    more_one: '… and {{count}} more change',
    more_other: '… and {{count}} more changes',
    publish: 'Publish the current state as a new version',
    published: 'Version {{n}} is published.',
    unchanged: 'Nothing has changed; version {{n}} is current.',
  },
  carry: {
    heading: 'Carry ideas into another workshop',
    intro:
      'Choose ideas or whole clusters to be taken further in another workshop of the series. Each carried idea shows there where it came from and how many dots it got here. Names are not carried.',
    roundNote: 'Dots from the latest revealed voting round ({{number}}).',
    noIdeas: 'No public ideas yet.',
    choose: 'Choose ideas and clusters',
    wholeCluster_one: 'Whole cluster: {{title}} ({{count}} idea)',
    wholeCluster_other: 'Whole cluster: {{title}} ({{count, number}} ideas)',
    untitled: 'Untitled',
    unsorted: 'Unsorted ideas',
    target: 'Target workshop',
    newWorkshop: 'New workshop',
    newTitle: 'Title of the new workshop',
    submit: 'Carry over ({{count}} chosen)',
    nothingChosen: 'Choose at least one idea or cluster.',
    done_one: '{{count}} idea carried into “{{title}}”.',
    done_other: '{{count, number}} ideas carried into “{{title}}”.',
    skipped_one: '{{count}} idea was there already and was skipped.',
    skipped_other: '{{count, number}} ideas were there already and were skipped.',
    openTarget: 'Open the target workshop',
  },
  ideaStatus: {
    heading: 'What became of the ideas',
    intro:
      'Give each idea a status, also long after the workshop. Every change is kept with its date; the report, the open-data package and the public results page show it (without your name).',
    pageHeading: 'Public results page',
    publish: 'Show the results page publicly',
    publishHint:
      'Title, date, place, the clusters and ideas with their ranking (from revealed votes only) and status – no names unless the report may name people. Without JavaScript, printable, with an Atom feed of the changes.',
    pageUrl: 'Address of the results page',
    openPage: 'Open the results page',
    feed: 'Atom feed of the changes',
    notPublished: 'Not published yet: at this address the server answers "not found".',
    published: 'The results page is public.',
    unpublished: 'The results page is no longer public.',
    ideasHeading: 'Status of the ideas',
    noIdeas: 'No public ideas yet.',
    unsorted: 'Unsorted',
    current: 'Status',
    status: 'New status',
    reason: 'Reason',
    reasonRequired: 'Reason (required for "not implemented")',
    note: 'Note (optional)',
    mergedInto: 'Merged with',
    chooseIdea: 'Choose an idea …',
    save: 'Save status',
    saved: 'Status saved: {{status}}.',
    unchanged: 'The idea has this status already.',
    history: 'History ({{count}})',
    by: 'by {{name}}',
    since: 'since {{date}}',
    panelHeading: 'Results page',
    panelNotPublished:
      'Not public yet. On the workshop page you give the ideas their status and publish the page.',
    manage: 'Status of the ideas and publishing',
  },
  retention: {
    heading: 'Data protection / retention',
    intro:
      "What is deleted automatically after the workshop. The days count from its end – the latest of the workshop's date, its last phase change and the last use of the board (currently: {{end}}).",
    defaults: "This server's defaults apply until you save.",
    names: {
      legend: "Guests' names",
      toggle: "Delete guests' names automatically",
      days: 'Days until the names are deleted',
      deleteAt:
        'Names will be deleted on {{date}} – from the participant list, from ideas, from the stored history and from every export.',
    },
    workshop: {
      legend: 'Whole workshop',
      toggle: 'Delete the workshop completely',
      days: 'Days until the workshop is deleted',
      deleteAt:
        'Will be deleted on {{date}} – with board, ideas, votes, participants and invite codes.',
    },
    kept: 'Not deleted automatically.',
    namesDeleted: "Guests' names were deleted on {{date}}.",
    invalidDays: 'Please enter a whole number of days from 1 to {{max}}.',
    save: 'Save retention',
    saved: 'Retention saved.',
  },
}

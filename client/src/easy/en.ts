/**
 * The pages in Easy Read (simple English), the counterpart of the Leichte Sprache pages in
 * `de.ts`: short sentences, one statement per line, hard words explained, numbers as digits.
 */
import { EASY_HOW_PATH, EASY_START_PATH } from '../router.ts'
import type { EasyTexts } from './content.ts'

export const en: EasyTexts = {
  wordLabel: 'Hard word:',
  start: {
    title: 'Ideenwand in Easy Read',
    intro: ['This page explains Ideenwand.', 'It also explains how you can take part.'],
    sections: [
      {
        heading: 'What is Ideenwand?',
        blocks: [
          {
            kind: 'step',
            picture: 'idea',
            lines: [
              'Ideenwand is a website.',
              'Many people collect ideas there together.',
              'For example: ideas for your town.',
            ],
          },
          {
            kind: 'step',
            picture: 'group',
            lines: [
              'Some people meet in a room.',
              'For example in the town hall.',
              'They take part with their phone.',
            ],
          },
          {
            kind: 'step',
            picture: 'home',
            lines: [
              'Other people are at home.',
              'They take part on their computer.',
              'Everyone sees the same ideas.',
            ],
          },
          {
            kind: 'word',
            word: 'workshop',
            lines: [
              'A workshop is a meeting.',
              'At the meeting people work together.',
              'Some people lead the meeting.',
              'We call them the organisers.',
              'The organisers explain everything.',
            ],
          },
        ],
      },
      {
        heading: 'How to take part',
        blocks: [
          {
            kind: 'step',
            picture: 'qr',
            lines: ['There is a sheet of paper in the room.', 'The sheet has a QR code on it.'],
          },
          {
            kind: 'word',
            word: 'QR code',
            lines: [
              'A QR code is a picture made of many small squares.',
              'Your phone can read the picture.',
              'Then your phone opens a website.',
            ],
          },
          {
            kind: 'step',
            picture: 'phone',
            lines: [
              'Open the camera on your phone.',
              'Point the camera at the QR code.',
              'A link shows up on your phone.',
              'Tap the link.',
              'Now you see Ideenwand.',
            ],
          },
          {
            kind: 'step',
            picture: 'code',
            lines: [
              'You do not have a QR code?',
              'Then type in the code.',
              'The code is on the sheet.',
              'Or the organisers tell you the code.',
              'The code has 6 characters.',
              'For example: K7P-2QX',
            ],
          },
          { kind: 'link', href: '/join', text: 'Type in the code' },
          {
            kind: 'step',
            picture: 'hand',
            lines: ['You need help?', 'Then raise your hand.', 'The organisers are happy to help.'],
          },
        ],
      },
      {
        heading: 'Find out more',
        blocks: [
          {
            kind: 'step',
            picture: 'switch',
            lines: ['The next page explains how Ideenwand works.', 'Step by step.'],
          },
          { kind: 'link', href: EASY_HOW_PATH, text: 'How does it work?' },
        ],
      },
    ],
  },
  how: {
    title: 'How does it work?',
    intro: ['This page explains how you take part in Ideenwand.', 'Step by step.'],
    sections: [
      {
        heading: 'Step 1: Join',
        blocks: [
          {
            kind: 'step',
            picture: 'qr',
            lines: [
              'Point the camera of your phone at the QR code.',
              'Or type in the code.',
              'Then write your name.',
              'You do not want to show your name?',
              'Then tap: Join anonymously.',
            ],
          },
          {
            kind: 'word',
            word: 'anonymous',
            lines: ['Anonymous means: without a name.', 'The others do not know who you are.'],
          },
        ],
      },
      {
        heading: 'Step 2: Write an idea',
        blocks: [
          {
            kind: 'step',
            picture: 'idea',
            lines: [
              'There is a box on your phone.',
              'Above the box it says: Your idea.',
              'Write your idea in the box.',
              'Then tap: Send.',
              'You can write many ideas.',
              'Write each idea on its own.',
            ],
          },
          {
            kind: 'word',
            word: 'idea',
            lines: [
              'An idea is a suggestion.',
              'For example: There should be a bench in the park.',
            ],
          },
          {
            kind: 'step',
            picture: 'clock',
            lines: [
              'Sometimes a clock is running.',
              'The clock shows how much time is left.',
              'Then the organisers tell you what comes next.',
            ],
          },
          {
            kind: 'step',
            picture: 'phone',
            lines: [
              'The internet is gone?',
              'Your idea is not lost.',
              'Your phone sends the idea later.',
            ],
          },
        ],
      },
      {
        heading: 'Step 3: Vote with dots',
        blocks: [
          {
            kind: 'step',
            picture: 'dots',
            lines: [
              'Then everyone votes.',
              'You get dots.',
              'For example: 3 dots.',
              'Which ideas do you like?',
              'Give these ideas your dots.',
              'To do this, tap the plus.',
              'You made a mistake?',
              'Then tap the minus.',
              'You get the dot back.',
            ],
          },
          {
            kind: 'word',
            word: 'vote',
            lines: [
              'To vote means: everyone says what they think.',
              'Then Ideenwand counts the dots.',
              'Now everyone sees which ideas many people like.',
            ],
          },
        ],
      },
      {
        heading: 'Step 4: See the result',
        blocks: [
          {
            kind: 'step',
            picture: 'group',
            lines: [
              'Ideenwand counts all dots.',
              'The idea with the most dots is number 1.',
              'The organisers show the result.',
              'Everyone sees the result.',
              'Then everyone talks about the result together.',
            ],
          },
        ],
      },
      {
        heading: 'Your data',
        blocks: [
          {
            kind: 'step',
            picture: 'lock',
            lines: [
              'You do not have to show your name.',
              'Your dots are secret.',
              'Nobody sees who you gave your dots to.',
              'Everyone only sees how many dots each idea has.',
              'Ideenwand shows no adverts.',
              'Ideenwand does not watch what you do.',
            ],
          },
          {
            kind: 'word',
            word: 'data',
            lines: ['Data is information about you.', 'For example: your name.', 'Or your ideas.'],
          },
          {
            kind: 'step',
            picture: 'phone',
            lines: [
              'You want to leave?',
              'And you want to delete your ideas?',
              'Then tap on your phone: Delete my contributions and leave.',
              'Then Ideenwand deletes your ideas and your name.',
            ],
          },
          {
            kind: 'link',
            href: '/datenschutz',
            text: 'More about privacy (not in Easy Read)',
          },
        ],
      },
      {
        heading: 'Easy Read on your phone',
        blocks: [
          {
            kind: 'step',
            picture: 'switch',
            lines: [
              'At the top of your phone there is a button.',
              'The button says: Easy Read.',
              'Tap the button.',
              'Then your phone explains everything in Easy Read.',
            ],
          },
          { kind: 'link', href: EASY_START_PATH, text: 'Back to the start' },
        ],
      },
    ],
  },
}

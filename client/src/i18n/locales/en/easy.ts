/**
 * Easy Read: the participant views' fixed texts in simple English, laid over `common` and
 * `views` while the switch "Easy Read" is on (see `i18n/easy.ts`). The same keys as the German
 * Leichte Sprache; one statement per line (`\n`).
 */
import type { Translation } from '../../Translation.ts'
import type { easy as de } from '../de/easy.ts'

export const easy: Translation<typeof de> = {
  common: {
    start: {
      codeHint: 'The code has 6 characters.\nFor example: K7P-2QX',
    },
    join: {
      role: {
        participant: 'You take part.\nYou can write ideas.',
        viewer: 'You watch.\nYou cannot write ideas.',
      },
      nameHint:
        'Write your name here.\nThe others see the name next to your ideas.\nYou do not want to show a name?\nThen tap: Join anonymously.\nAnonymous means: without a name.',
      nameHintViewer:
        'Write your name here.\nOnly the organisers see the name.\nYou do not want to show a name?\nThen tap: Join anonymously.\nAnonymous means: without a name.',
      nameRequired: 'Please write your name.\nOr tap: Join anonymously.',
    },
  },
  views: {
    instruction: {
      collect:
        'Now everyone collects ideas.\nWrite your idea in the box.\nWrite only 1 idea at a time.\nThen tap: Send.',
      cluster:
        'Now the organisers sort the ideas.\nIdeas that are alike go into 1 group.\nYou do not have to do anything now.',
      vote: 'Now everyone votes.\nYou have dots.\nWhich ideas are important to you?\nGive these ideas your dots.',
      discuss: 'Now everyone talks about the result.\nYou can join in.',
    },
    timerLabel: 'Time left',
    state: {
      offlineBanner:
        'The internet is gone for now.\nYour ideas are not lost.\nThe ideas stay on your phone.\nYour phone sends them later by itself.',
      closed: 'The connection has ended.',
      connecting: 'Please wait a moment …',
      saving: 'Sending …',
      delayed: 'Saving takes longer',
      delayedBanner:
        'Saving takes longer right now.\nYour ideas are not lost.\nIdeenwand saves them later.',
      offline: 'No internet',
    },
    idea: {
      sentStatus: 'Your idea has arrived.',
      savedOffline: 'Your idea is on your phone.\nYour phone sends it later.',
      tooLong: 'The idea is too long.\nWrite {{max}} characters at most.',
      empty: 'The box is empty.\nPlease write your idea first.',
      notNow: 'You cannot write ideas right now.',
      readOnly: 'You can only read here.\nYou cannot write.',
      mineEmpty: 'You have not written an idea yet.',
      pending: 'waiting for internet',
      sent: 'arrived',
      deleteConfirm: 'Do you really want to delete this idea?',
      deleted: 'The idea is deleted.',
      pendingBadge: 'The organisers are still checking the idea',
      privateBadge: 'Only you see the idea. Later everyone sees it.',
      withdrawFailed: 'Deleting did not work.\nPlease try again.',
    },
    vote: {
      dotsLeft_one: 'You have {{count}} dot left.',
      dotsLeft_other: 'You have {{count, number}} dots left.',
      waiting: 'The vote has not started yet.\nPlease wait.',
      noTargets: 'There is nothing to vote on.',
      failed: 'That did not work.\nThe dot is not saved.',
      stranded: 'You can give these dots again',
      strandedHint:
        'These ideas are not in the vote any more.\nTake the dots back.\nThen you can give them to other ideas.',
    },
    results: {
      soon: 'You will see the result in a moment.',
    },
    announce: {
      timeUp: 'The time is over.',
      resultsShown: 'Now you can see the result.',
      roundOpen: 'The vote starts now.',
    },
  },
}

import type { Messages } from './messages.ts';

export const en: Messages = {
  meta: {
    siteTitle: 'Spirit of Chongqing · City Spirit',
    pageTitle: '{{page}} · City Spirit',
  },
  skipLink: 'Skip to main content',
  language: {
    switchTo: '中文',
    switchToLang: 'zh-CN',
  },
  header: {
    siteName: 'Spirit of Chongqing',
    tagline: 'A civic participation platform',
    navLabel: 'Main',
    nav: {
      campaign: 'The campaign',
      process: 'How it works',
      about: 'About',
    },
  },
  phase: {
    tag: 'Beta',
    text: 'This platform is opening step by step. Submitting, browsing and voting on phrases will arrive in coming releases.',
  },
  campaign: {
    eyebrow: 'Citywide public call',
    sealCharacter: '渝',
    nicknames: ['Mountain city', 'River city', 'City of bridges'],
    stageBadge: 'Current stage: {{stage}}',
    stepOf: 'Step {{step}} of {{total}}',
    nowHeading: 'What you can do in this stage',
    stageEnds: 'This stage ends on {{date}}.',
    stageStarts: 'This stage began on {{date}}.',
    countsHeading: 'Participation so far',
    counts: {
      submissions: 'Phrases published',
      participants: 'Residents who submitted',
      districts: 'Districts represented',
    },
    countsUpdated: 'Updated {{time}} · refreshes every 15 seconds',
    countsStale: 'The latest figures could not be fetched; these are the last ones received.',
    timelineHeading: 'How it works',
    timelineIntro:
      'The city spirit starts with residents’ own words, is discussed and refined by experts, and is then announced to the whole city. Every stage happens in the open.',
    aboutHeading: 'About this call',
    stageStatus: {
      done: 'Finished',
      current: 'Current stage',
      upcoming: 'Not started',
    },
    dates: {
      range: '{{start}} – {{end}}',
      from: 'From {{date}}',
      until: 'Until {{date}}',
      tbd: 'Dates to be announced',
    },
    untranslatedNote: 'The organisers have published this text in Chinese only.',
  },
  stages: {
    collect: {
      name: 'Collect',
      summary: 'Write down the spirit of Chongqing as you see it, and vote for phrases you agree with.',
      now: [
        'Put the spirit of Chongqing into a few words of your own, and say why.',
        'Vote for phrases you agree with, or leave a comment.',
        'Report anything inappropriate; moderators publish how they handled it.',
      ],
    },
    discuss: {
      name: 'Discuss',
      summary: 'Compare and discuss the phrases collected; moderators shortlist them in the open.',
      now: [
        'Read the phrases collected and say whether you support or oppose them.',
        'Keep voting, or pick the better of two phrases shown side by side.',
        'Follow the shortlist and the reasons moderators give for each choice.',
      ],
    },
    refine: {
      name: 'Refine',
      summary: 'Experts draft the wording from the shortlist; residents review the published drafts.',
      now: [
        'Read the experts’ published drafts and the reason behind every revision.',
        'Comment on the drafts and vote for the one you prefer.',
      ],
    },
    announced: {
      name: 'Announced',
      summary: 'The final wording is announced, with a full record of how it came about.',
      now: [
        'Read the final wording of the spirit of Chongqing.',
        'See which residents’ phrases it grew from, and the full record of discussion, votes and expert opinion.',
      ],
    },
  },
  loading: {
    campaign: 'Loading the campaign…',
  },
  error: {
    heading: 'This page can’t be shown right now',
    network: 'We couldn’t reach the server. Check your connection and try again in a moment.',
    generic: 'The server couldn’t handle this request just now. Please try again later.',
    code: 'Error code: {{code}}',
    retry: 'Try again',
    retrying: 'Trying again…',
  },
  empty: {
    heading: 'There is no open call at the moment',
    text: 'New calls will appear here once they are published. Please check back later.',
  },
  notFound: {
    title: 'Page not found',
    status: '404',
    heading: 'Page not found',
    text: 'The address you visited doesn’t exist or the page has moved. Check that it was typed correctly.',
    campaignText: 'We couldn’t find this campaign. It may have been removed, or the address may be wrong.',
    home: 'Go to the home page',
  },
  footer: {
    aboutHeading: 'About the platform',
    aboutText:
      'City Spirit is an open-source civic participation platform. Its first call invites every resident to put the spirit of Chongqing into a few words: people submit, discuss and vote, moderators shortlist in the open, experts refine the wording, and the result is announced to the city.',
    openHeading: 'Open source, open data',
    openText:
      'The source code is open for anyone to read, run and improve. Campaign data is available through the public API, without any personal data.',
    apiLead: 'Documentation: ',
    api: 'API',
    privacyHeading: 'Data protection',
    privacyText:
      'We collect only what taking part requires. Your phone number and email are never shown; only the display name you choose and your district are public. You can export or delete your data at any time.',
    bottomLine: 'City Spirit · open-source civic participation',
  },
};

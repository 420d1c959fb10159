import type { Catalog } from './catalog.ts';
import { formatNumber, plural } from './format.ts';

/** The server's words in English (en-US): the same Catalog as zh-CN.ts, key for key. */
export const enUS: Catalog = {
  ratings: {
    very_satisfied: 'very satisfied',
    satisfied: 'satisfied',
    basically_satisfied: 'basically satisfied',
    dissatisfied: 'dissatisfied',
    very_dissatisfied: 'very dissatisfied',
  },

  portal: {
    siteName: 'Government Open Day',
    siteTagline: 'See the programme, read what units disclose, ask a question and follow its answer',
    skipToContent: 'Skip to main content',
    navHome: 'Home',
    navTrack: 'Track a question',
    navMain: 'Main navigation',
    languageSwitch: '中文',
    languageSwitchLabel: 'Switch to Chinese',
    footer: 'This site gives information on the Government Open Day. What you ask is used only to answer you.',
    colon: ': ',
    separator: ' · ',
    deskTopics: (topics) => ` (${new Intl.ListFormat('en-US', { type: 'unit' }).format(topics)})`,

    homeTitle: 'Government Open Days',
    homeIntro: 'Choose an open day to see the units taking part, the sites and desks, or to ask a question online.',
    homeCurrent: 'Current and coming open days',
    homePast: 'Past open days',
    homeEmpty: 'There is no open day at the moment.',
    campaignEnded: (day: string) => `This open day ended on ${day}; its Q&A and case tracking still work.`,
    campaignDates: (from, to) => `From ${from} to ${to}`,
    campaignOpenDay: (day) => `Open day: ${day}`,

    campaignTheme: 'Theme',
    campaignReplyLimit: (days) =>
      `Questions asked online are answered within ${plural('en-US', days, { one: '# working day', other: '# working days' })}.`,
    campaignActions: 'You can',
    campaignAsk: 'Ask a question online',
    campaignQa: 'Read the public questions and answers',
    campaignTrack: 'Track a question',
    campaignCalendar: 'Download the programme as a calendar file',
    campaignCollection: 'Collection of summaries',
    campaignCollectionLink: (format, language, bytes) =>
      `Download the collection of summaries (${format === 'pdf' ? 'PDF' : 'Word'}${language === 'en-US' ? '' : ', in Chinese'}, ${(bytes / 1024 / 1024).toFixed(1)} MB)`,
    campaignNotice: 'The notice',
    noticeOffice: 'Issued by',
    noticeNumber: 'Document number',
    noticePlansDue: 'Plans due',
    noticeSummaryDue: 'Summaries due',
    noticeFullText: 'Full text (in Chinese)',
    noticeAttachments: 'Attachments',
    campaignFigures: 'The day in figures',
    campaignFiguresNone: 'Nothing has been recorded yet.',
    campaignFiguresHint: "Counted from the units' records as they are entered: totals only, never anything personal.",
    figurePeople: 'People received',
    figurePeopleValue: (n) => n,
    figureConsultations: 'Questions asked',
    figureCount: (n) => n,
    figureAnsweredOnSpot: 'Answered on the spot',
    figureRepliedOnTime: 'Cases replied to on time',
    figureRepliedOnTimeValue: (onTime, due, rate) =>
      `${formatNumber('en-US', onTime)} of ${plural('en-US', due, { one: '# case', other: '# cases' })} due${rate ? ` (${rate})` : ''}`,
    figureSatisfaction: 'Satisfaction',
    figureSatisfactionValue: (rate, rated) =>
      rate
        ? `${rate} (${plural('en-US', rated, { one: '# rating', other: '# ratings' })})`
        : `Too few ratings to say (${formatNumber('en-US', rated)})`,
    campaignUnits: 'Units taking part',
    campaignUnitsCount: (n) => plural('en-US', n, { one: '# unit', other: '# units' }),
    campaignSites: 'Sites and desks',
    campaignSitesEmpty: 'The units have not published their sites yet.',
    siteWhen: 'When',
    siteAddress: 'Address',
    siteUnit: 'Unit',
    siteDesks: 'Desks',
    siteNoDesks: 'No desk',
    hours: (day, from, to) => `${day}, ${from}–${to}`,

    unitTitle: (unit) => unit,
    unitDisclosures: 'What the unit discloses',
    unitNoDisclosures: 'The unit has not published any disclosures yet.',
    unitSites: "The unit's sites",
    unitAsk: 'Ask this unit a question',
    unitCalendar: "Download the unit's programme as a calendar file",
    kind_functions: 'Functions',
    kind_service_matter: 'Service matters and procedures',
    kind_service_guide: 'Service guide',
    kind_phone: 'Phone numbers',

    askTitle: 'Ask a question',
    askLater: (day) =>
      `This open day ended on ${day}. You may still ask: your question will be handled and answered as a later question, counted apart from the open day's figures.`,
    askIntro: (days) =>
      `Write your question. You will get a tracking code to follow the answer (within ${plural('en-US', days, { one: '# working day', other: '# working days' })}).`,
    askKind: 'Kind',
    kind_question: 'A question',
    kind_suggestion: 'A suggestion',
    kind_complaint: 'A complaint',
    askTarget: 'Who should answer',
    askTargetHint: 'Choose a unit or a topic',
    askTargetChoose: 'Choose',
    askUnits: 'Units',
    askTopics: 'Topics',
    askText: 'Your question',
    askTextHint: 'Do not write ID numbers or other personal details in the question. At most 2000 characters.',
    askContact: 'Contact details (optional)',
    askContactHint: 'If you want us to call or e-mail you, fill them in and tick your consent.',
    askName: 'Name',
    askPhone: 'Phone',
    askEmail: 'E-mail',
    askConsent: 'I agree that these contact details are kept, only to answer this question',
    askHoneypot: 'Leave this empty',
    askSubmit: 'Send',
    askDoneTitle: 'We have received your question',
    askDoneLater: 'This open day has ended: your question will be handled as a later question and answered in time.',
    askDoneCode: 'Your tracking code',
    askDoneKeep: 'Keep the tracking code: it shows the progress and the answer, and lets you rate the answer.',
    askDoneUnit: (unit) => `Answered by: ${unit}`,
    askDoneDue: (day) => `Answer due by: ${day}`,
    askDoneTrack: 'Follow your question',

    trackTitle: 'Track a question',
    trackIntro: 'Enter the tracking code you got when you asked.',
    trackCode: 'Tracking code',
    trackCodeHint: 'Like ABCD-EFGH-JKLM',
    trackSubmit: 'Track',
    trackNotFound: 'There is no question with this tracking code. Please check it and try again.',
    trackStatus: 'Status',
    trackUnit: 'Handled by',
    trackOpened: 'Received',
    trackDue: 'Answer due by',
    trackQuestion: 'Your question',
    trackDueUnconfirmed:
      "To be confirmed: that year's public holidays have not been announced yet, so the date is counted Monday to Friday and may change.",
    trackChain: 'What happened',
    trackReply: 'The answer',
    trackRepliedAt: (at) => `Answered on ${at}`,
    trackNoReply: 'Not answered yet.',
    trackYourRating: (level) => `Your rating: ${level}`,
    rateTitle: 'Rate the answer',
    rateLegend: 'Are you satisfied with the answer?',
    rateSubmit: 'Send my rating',
    rateComment: 'Why (optional)',
    rateCommentHint:
      'Say why: the unit will read it. Please do not write your name, phone number or other personal details.',
    rateThanks: 'Thank you for your rating.',
    rating_very_satisfied: 'Very satisfied',
    rating_satisfied: 'Satisfied',
    rating_basically_satisfied: 'Basically satisfied',
    rating_dissatisfied: 'Dissatisfied',
    rating_very_dissatisfied: 'Very dissatisfied',

    qaTitle: 'Public questions and answers',
    qaIntro: 'Answered questions are published here without personal details.',
    qaSearch: 'Search',
    qaQuery: 'Words',
    qaUnit: 'Unit',
    qaTopic: 'Topic',
    qaAny: 'All',
    qaSubmit: 'Search',
    qaEmpty: 'No question and answer found.',
    qaCount: (n) => `${plural('en-US', n, { one: '# answer', other: '# answers' })} on this page`,
    qaQuestion: 'Question',
    qaAnswer: 'Answer',
    qaRepliedAt: (at) => `Answered on ${at}`,
    qaMore: 'Next page',

    errorTitle: 'Something is wrong',
    errorCheck: 'Please check the following:',
    errorNotFound: 'The page or item you asked for was not found.',
    errorTooMany: 'Too many requests. Please try again later.',
    errorForm: 'The form has expired. Please send it again.',
    errorServer: 'We cannot handle this right now. Please try again later.',
    errorBack: 'Back to the home page',
    field_text: 'Your question',
    field_target: 'Who should answer',
    field_kind: 'Kind',
    field_contactName: 'Name',
    field_contactPhone: 'Phone',
    field_contactEmail: 'E-mail',
    field_contactConsent: 'Consent to keep contact details',
    field_website: 'Leave this empty',
    field_code: 'Tracking code',
    field_rating: 'Rating',
    field_q: 'Words',
    reason_required: 'is required',
    reason_invalid: 'is not valid',
    reason_tooLong: 'is too long',
    reason_consent: 'tick your consent when you give contact details',
    reason_notParticipating: 'is not a unit or topic of this open day',
    reason_honeypot: 'must be left empty',
    reason_alreadyRated: 'has already been rated',
  },

  notifications: {
    kinds: {
      'case.opened': {
        title: 'New case: {reference}',
        body: 'Your unit has a new case ({reference}); please reply by {dueOn}.',
      },
      'case.transferred': {
        title: 'Case passed to your unit: {reference}',
        body: 'The case {reference} was passed to your unit to answer; please reply by {dueOn}. Reason: {reason}',
      },
      'case.withdrawn': {
        title: 'Case withdrawn: {reference}',
        body: 'The case {reference} passed to your unit was withdrawn the same day by the desk that recorded it; nothing is left to do.',
      },
      'case.reopened': {
        title: 'Case reopened: {reference}',
        body: 'The citizen was not satisfied with the reply to case {reference}; it is open again and due on {dueOn}.',
      },
      'case.rated': {
        title: 'Case rated: {reference}',
        body: 'The citizen rated the reply to case {reference}: {rating}.',
      },
      'case.due_soon': {
        title: 'Case due soon: {reference}',
        body: 'The case {reference} your unit handles is due on {dueOn}; please reply in time.',
      },
      'case.due_today': {
        title: 'Case due today: {reference}',
        body: 'The case {reference} your unit handles is due today ({dueOn}); please reply today.',
      },
      'case.overdue': {
        title: 'Case overdue: {reference}',
        body: 'The case {reference} your unit handles was due on {dueOn} and has not been answered; please reply as soon as possible.',
      },
      'plan.owed': {
        title: 'Plan owed: {campaignTitle}',
        body: "Plans are due on {plansDueOn} and your unit's plan has not been filed yet; please complete and file it under Unit → Plan in the console.",
      },
      'summary.owed': {
        title: 'Summary owed: {campaignTitle}',
        body: "The open day ({openDay}) was {days, plural, one {# day} other {# days}} ago and your unit's summary has not been submitted yet; please submit it.",
      },
      'summary.reminded': {
        title: 'The organizer reminds you: summary owed',
        body: 'The organizer reminds you that your unit\'s summary of "{campaignTitle}" has not been submitted (or was returned for changes); please generate, complete and submit it under Unit → Summary in the console.',
      },
    },
    generic: { title: 'You have a new notification', body: '{details}' },
    emailSubjectPrefix: '[Open Day] ',
    emailFooter: 'This email was sent by the Open Day system; sign in to see the details.',
  },

  cases: {
    status: {
      open: 'Being handled',
      transferred: 'Passed to the unit able to answer, being handled',
      replied: 'Replied',
      closed: 'Closed',
      reopened: 'Being handled again',
    },
    event: (e) => {
      const from = e.fromUnitNameEn ?? e.fromUnitName ?? '';
      const to = e.toUnitNameEn ?? e.toUnitName ?? '';
      switch (e.kind) {
        case 'opened':
          return `Received; ${to} is handling it`;
        case 'transferred':
          return `Passed to the unit able to answer: ${to}`;
        case 'extended':
          return `Time limit extended${e.days === null ? '' : ` by ${plural('en-US', e.days, { one: '# working day', other: '# working days' })}`}; reply due by ${e.dueOn ?? ''}`;
        case 'replied':
          return `${from} replied`;
        case 'closed':
          return 'Closed';
        case 'rated':
          return e.rating ? `Your rating: ${enUS.ratings[e.rating]}` : 'Rated';
        case 'reopened':
          return `Being handled again after your rating; reply due by ${e.dueOn ?? ''}`;
        case 'published':
          return 'Published in the public Q&A, without personal data';
        case 'due_recomputed':
          return `Reply due date moved to ${e.dueOn ?? ''} after a change in the holiday calendar`;
        case 'return_visit':
          return e.rating ? `Followed up by phone; your rating: ${enUS.ratings[e.rating]}` : 'Followed up by phone';
      }
    },
  },

  summaries: {
    headings: {
      organization: 'Organization and planning',
      publicity: 'Publicity',
      service: 'On-site service',
      followUp: 'Opinions and follow-up',
      problems: 'Problems found and what to correct',
      nextSteps: 'Next steps',
      remarks: 'Remarks',
    },
    nextStepsMissing: 'The unit has not yet written its next steps.',
    nextStepsUntranslated: '[Not yet translated]',
    noProblems: 'The records show no problem to correct.',
    missingItem: {
      plan: 'the plan',
      leader: 'the leader in charge',
      planIssuedOn: 'the date the plan was issued',
      staff: 'the number of staff',
      printRuns: 'the print runs of the materials',
      desks: 'the service desks',
      ratings: 'the ratings of the answers',
      topics: 'the topics of the consultations',
    },
  },

  imports: {
    forms: { consultations: 'Visit records', publicity: 'Publicity items', materials: 'Materials' },
    file: {
      empty: 'is empty',
      oldExcel: 'is an old Excel workbook (.xls); save it as an Excel workbook (.xlsx) or as CSV and import that',
      notText: (encoding) => `is not ${encoding} text throughout`,
      noHeader: 'has no header row',
      noRecords: 'has a header row but no records under it',
      changed: 'changed while it was being imported; nothing was imported',
      interrupted:
        'the import stopped before it finished (its server stopped); nothing was imported: send the file again',
    },
    header: {
      unknownColumn: (form) => `is not a column of the ${form} form`,
      repeatedColumn: (label) => `repeats the column ${label}`,
      missingColumn: (columnEn) => `is missing (${columnEn}); the header row must name it`,
    },
    cell: {
      required: 'is required',
      tooLong: (max) => `is longer than ${max} characters`,
      oneOf: (labels) => `must be one of: ${labels}`,
      notDate: (example) => `is not a date such as ${example}`,
      notTime: 'is not a time such as 09:30',
      notUnitDesk: "is not one of this unit's desks in the campaign's plan",
      notUnitChannelPoint: "is not the name or number of one of this unit's hotlines or mailboxes in the campaign",
      channelOfPoint: (kind, channel) =>
        `is a ${kind === 'hotline' ? 'hotline (热线)' : 'mailbox (信箱)'}: the channel must be ${channel}`,
      handledMatterRequired: 'is required when handled on the spot',
      handledMatterOnlyHandled: 'needs the outcome 现场办理',
      notStaffOnDuty: "is not one of this unit's staff on duty in the plan",
      notUnitPartner: "is not a partner organisation at this unit's desks",
      notDeskPartner: 'is not a partner at this desk',
      notPhone: 'is not a phone number',
      yesOrNo: 'must be 是 or 否 (yes or no)',
      consentNeeded: 'a name or phone may be kept only with the visitor’s consent (是)',
      needsQuestion: 'needs a question in the same row',
      atLeastOne: 'must be a whole number, at least 1',
      httpUrl: 'must be an http(s):// address',
      ledNeedsText: 'an LED slogan needs its text',
      onlineNeedsUrl: 'an online post needs its address',
      wholeReach: 'must be a whole number of views or reads',
      mediaNeedsOutlet: 'a media report needs its outlet',
      mediaNeedsMedium: 'a media report needs its medium',
      mediaNeedsTitle: 'a media report needs its title',
      onlyMedia: 'is only for a media report or an online post',
      onlineMedium: 'of an online post is a website or an online platform',
      wholeCopies: 'must be a whole number of copies',
    },
  },
};

/** The languages a user can read the app in. */
export type Language = 'zh-CN' | 'en-US';

export type MessageParams = Record<string, string | number>;

interface MessageText {
  /** The inbox title and the email's subject. */
  title: string;
  body: string;
}

/**
 * What each kind of notification says, in Chinese first and English. `{name}` is replaced by the
 * notification's parameter of that name. A kind missing here is shown with a generic text.
 */
export const MESSAGES: Record<string, Record<Language, MessageText>> = {
  'case.opened': {
    'zh-CN': {
      title: '新办件：{reference}',
      body: '贵单位有一件新的办件（编号 {reference}），请于{dueOn}前答复。',
    },
    'en-US': {
      title: 'New case: {reference}',
      body: 'Your unit has a new case ({reference}); please reply by {dueOn}.',
    },
  },
  'case.transferred': {
    'zh-CN': {
      title: '转来的办件：{reference}',
      body: '办件（编号 {reference}）已转交贵单位办理，请于{dueOn}前答复。转办理由：{reason}',
    },
    'en-US': {
      title: 'Case passed to your unit: {reference}',
      body: 'The case {reference} was passed to your unit to answer; please reply by {dueOn}. Reason: {reason}',
    },
  },
  'case.withdrawn': {
    'zh-CN': {
      title: '办件已撤回：{reference}',
      body: '转给贵单位的办件（编号 {reference}）已由登记的咨询台当天撤回，无需再办理。',
    },
    'en-US': {
      title: 'Case withdrawn: {reference}',
      body: 'The case {reference} passed to your unit was withdrawn the same day by the desk that recorded it; nothing is left to do.',
    },
  },
  'case.reopened': {
    'zh-CN': {
      title: '办件重新办理：{reference}',
      body: '群众对办件（编号 {reference}）的答复不满意，办件已重新打开，请于{dueOn}前重新答复。',
    },
    'en-US': {
      title: 'Case reopened: {reference}',
      body: 'The citizen was not satisfied with the reply to case {reference}; it is open again and due on {dueOn}.',
    },
  },
  'case.rated': {
    'zh-CN': {
      title: '办件已评价：{reference}',
      body: '群众已对办件（编号 {reference}）的答复作出评价：{rating}。',
    },
    'en-US': {
      title: 'Case rated: {reference}',
      body: 'The citizen rated the reply to case {reference}: {rating}.',
    },
  },
  'case.due_soon': {
    'zh-CN': {
      title: '办件即将到期：{reference}',
      body: '贵单位承办的办件（编号 {reference}）将于{dueOn}到期，请在期限内答复。',
    },
    'en-US': {
      title: 'Case due soon: {reference}',
      body: 'The case {reference} your unit handles is due on {dueOn}; please reply in time.',
    },
  },
  'case.due_today': {
    'zh-CN': {
      title: '办件今日到期：{reference}',
      body: '贵单位承办的办件（编号 {reference}）今天（{dueOn}）到期，请今日内答复。',
    },
    'en-US': {
      title: 'Case due today: {reference}',
      body: 'The case {reference} your unit handles is due today ({dueOn}); please reply today.',
    },
  },
  'case.overdue': {
    'zh-CN': {
      title: '办件已超期：{reference}',
      body: '贵单位承办的办件（编号 {reference}）已于{dueOn}到期，尚未答复，请尽快答复。',
    },
    'en-US': {
      title: 'Case overdue: {reference}',
      body: 'The case {reference} your unit handles was due on {dueOn} and has not been answered; please reply as soon as possible.',
    },
  },
  'plan.owed': {
    'zh-CN': {
      title: '请报送活动方案：{campaignTitle}',
      body: '活动方案报送截止日期为{plansDueOn}，贵单位的活动方案尚未报送，请在控制台“本单位 → 活动方案”中完善并报送。',
    },
    'en-US': {
      title: 'Plan owed: {campaignTitle}',
      body: "Plans are due on {plansDueOn} and your unit's plan has not been filed yet; please complete and file it under Unit → Plan in the console.",
    },
  },
  'summary.owed': {
    'zh-CN': {
      title: '请提交活动总结：{campaignTitle}',
      body: '政务公开日（{openDay}）已过去{days}天，贵单位的活动总结尚未提交，请尽快提交。',
    },
    'en-US': {
      title: 'Summary owed: {campaignTitle}',
      body: "The open day ({openDay}) was {days} days ago and your unit's summary has not been submitted yet; please submit it.",
    },
  },
  'summary.reminded': {
    'zh-CN': {
      title: '组织单位提醒：请提交活动总结',
      body: '组织单位提醒：贵单位“{campaignTitle}”的活动总结尚未报送（或已退回修改），请在控制台“本单位 → 活动总结”中生成、完善并报送。',
    },
    'en-US': {
      title: 'The organizer reminds you: summary owed',
      body: 'The organizer reminds you that your unit\'s summary of "{campaignTitle}" has not been submitted (or was returned for changes); please generate, complete and submit it under Unit → Summary in the console.',
    },
  },
};

const GENERIC: Record<Language, MessageText> = {
  'zh-CN': { title: '您有一条新通知', body: '{details}' },
  'en-US': { title: 'You have a new notification', body: '{details}' },
};

const EMAIL_PREFIX: Record<Language, string> = { 'zh-CN': '【政务公开日】', 'en-US': '[Open Day] ' };

const RATING_WORDS: Record<Language, Record<string, string>> = {
  'zh-CN': {
    very_satisfied: '非常满意',
    satisfied: '满意',
    basically_satisfied: '基本满意',
    dissatisfied: '不满意',
    very_dissatisfied: '非常不满意',
  },
  'en-US': {
    very_satisfied: 'very satisfied',
    satisfied: 'satisfied',
    basically_satisfied: 'basically satisfied',
    dissatisfied: 'dissatisfied',
    very_dissatisfied: 'very dissatisfied',
  },
};

function fill(template: string, params: MessageParams): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** The title and body of a notification in the reader's language. */
export function renderMessage(kind: string, given: MessageParams, language: Language): MessageText {
  const rating = typeof given.rating === 'string' ? RATING_WORDS[language][given.rating] : undefined;
  const params = rating ? { ...given, rating } : given;
  const text = MESSAGES[kind]?.[language];
  if (!text) {
    const details = Object.entries(params)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    return { title: GENERIC[language].title, body: fill(GENERIC[language].body, { details: details || kind }) };
  }
  return { title: fill(text.title, params), body: fill(text.body, params) };
}

/** The email of a notification: its subject marked as coming from the open day, and its text. */
export function renderEmail(
  kind: string,
  params: MessageParams,
  language: Language,
): { subject: string; text: string } {
  const { title, body } = renderMessage(kind, params, language);
  const footer =
    language === 'zh-CN'
      ? '此邮件由政务公开日系统自动发送，请登录系统查看详情。'
      : 'This email was sent by the Open Day system; sign in to see the details.';
  return { subject: `${EMAIL_PREFIX[language]}${title}`, text: `${body}\n\n${footer}\n` };
}

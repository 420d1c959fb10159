import { formatMessage, messages, type Locale, type MessageValues } from '../../messages/index.ts';

/** The languages a user can read the app in. */
export type Language = Locale;

export type MessageParams = Record<string, string | number>;

interface MessageText {
  /** The inbox title and the email's subject. */
  title: string;
  body: string;
}

/** The title and body of a notification in the reader's language (src/messages: `notifications`). */
export function renderMessage(kind: string, given: MessageParams, language: Language): MessageText {
  const words = messages(language);
  const rating = typeof given.rating === 'string' ? (words.ratings as MessageValues)[given.rating] : undefined;
  const params = rating ? { ...given, rating } : given;
  const text = (words.notifications.kinds as Readonly<Record<string, MessageText | undefined>>)[kind];
  if (!text) {
    const details = Object.entries(params)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    const { generic } = words.notifications;
    return { title: generic.title, body: formatMessage(language, generic.body, { details: details || kind }) };
  }
  return { title: formatMessage(language, text.title, params), body: formatMessage(language, text.body, params) };
}

/** The email of a notification: its subject marked as coming from the open day, and its text. */
export function renderEmail(
  kind: string,
  params: MessageParams,
  language: Language,
): { subject: string; text: string } {
  const { title, body } = renderMessage(kind, params, language);
  const { emailSubjectPrefix, emailFooter } = messages(language).notifications;
  return { subject: `${emailSubjectPrefix}${title}`, text: `${body}\n\n${emailFooter}\n` };
}

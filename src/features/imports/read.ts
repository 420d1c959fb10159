/**
 * The columns of a record file and their words in each language, which exports write so that an
 * exported file imports again, and the blank visit-record form prints (ARCHITECTURE.md "Modules and walls").
 */
export {
  channels,
  CONSULTATION_COLUMNS,
  EXPORT_ONLY_HEADERS,
  LANGUAGES,
  outcomes,
  ratings,
  yesNo,
  type Column,
  type Language,
} from './columns.ts';

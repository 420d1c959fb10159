/**
 * Searching records for words, Chinese included: one rule for every list that takes `q` (the
 * public Q&A, the cases, the records). The words are the query split at whitespace (at most ten);
 * a record matches when each word occurs in its text, whatever the case. Where a GIN index on
 * openday_search_grams(text) exists (the Q&A, migration 20261128T040000), `gramsSql` lets it find
 * the candidates first.
 */

/** The words of a search: split at whitespace, at most ten; none for an empty query. */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '').split(/\s+/u).filter(Boolean).slice(0, 10);
}

/** A condition: every term occurs in `text` (an SQL expression), ignoring case. Adds its parameter. */
export function everyTermSql(text: string, terms: readonly string[], params: unknown[]): string {
  return `(SELECT bool_and(strpos(lower(${text}), lower(term)) > 0) FROM unnest($${params.push(terms)}::text[]) AS term)`;
}

/**
 * A condition the gram index of `text` answers: the text holds every character pair of the terms.
 * Only narrows down; `everyTermSql` keeps the true matches.
 */
export function gramsSql(text: string, terms: readonly string[], params: unknown[]): string {
  return `openday_search_grams(${text}) @> openday_query_grams($${params.push(terms.join(' '))})`;
}

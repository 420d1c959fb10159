-- An answer given on the spot, published to the campaign's public Q&A by the unit's admin from the
-- records list: the question and answer as published (personal data removed), beside the
-- consultation they come from. A table of its own rather than columns of consultations, so the
-- intake path (one statement for many desks, figures kept by triggers) is not touched; deleting
-- the consultation takes its publication with it. The Q&A lists these with the published cases
-- and searches them the same way (openday_search_grams, migration 20261128T040000).
CREATE TABLE consultation_publications (
  consultation_id uuid PRIMARY KEY REFERENCES consultations (id) ON DELETE CASCADE,
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  unit_id uuid NOT NULL REFERENCES units (id),
  public_question text NOT NULL CHECK (btrim(public_question) <> ''),
  public_answer text NOT NULL CHECK (btrim(public_answer) <> ''),
  published_at timestamptz NOT NULL,
  published_by uuid REFERENCES users (id)
);
-- The expression must be written exactly so in queries for the index to be used
-- (src/features/public/repository.ts: QA_TEXT).
CREATE INDEX consultation_publications_grams_idx ON consultation_publications
  USING gin (openday_search_grams(public_question || ' ' || public_answer));
CREATE INDEX consultation_publications_published_idx
  ON consultation_publications (campaign_id, published_at DESC, consultation_id DESC);

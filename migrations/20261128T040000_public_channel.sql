-- The public channel (citizens ask online; staff enter hotline calls and letters the same way),
-- the public Q&A of published answers, and Open311 GeoReport v2.

-- 咨询主题: what a campaign answers (heating, legal aid, social insurance …) and the unit that
-- answers it. A question addressed to a topic goes to that unit; Open311 lists the topics as its
-- services, code being the stable service_code.
CREATE TABLE campaign_topics (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text NOT NULL,
  name_en text,
  description text NOT NULL DEFAULT '',
  keywords text[] NOT NULL DEFAULT '{}',
  -- "group" in the API and in Open311; a reserved word in SQL.
  group_name text,
  unit_id uuid NOT NULL REFERENCES units (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, code)
);
CREATE INDEX campaign_topics_unit_idx ON campaign_topics (unit_id);

-- What came with a case asked through the public channel, beyond its consultation: the kind, the
-- topic it was addressed to, who entered it (the citizen online, staff for a call or a letter, an
-- Open311 client), an e-mail address given with consent, and the place an Open311 client names.
CREATE TABLE case_requests (
  case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  topic_id uuid REFERENCES campaign_topics (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('question', 'suggestion', 'complaint')),
  source text NOT NULL CHECK (source IN ('public', 'staff', 'open311')),
  contact_email text,
  address text,
  address_id text,
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon BETWEEN -180 AND 180),
  device_id text,
  account_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX case_requests_campaign_idx ON case_requests (campaign_id, created_at);
CREATE INDEX case_requests_topic_idx ON case_requests (topic_id);

-- Searching the public Q&A for Chinese text. PostgreSQL's text search does not segment Chinese,
-- and pg_trgm does not fit either: it keeps CJK characters only when the database's ctype calls
-- them alphanumeric (C.UTF-8 does, the "C" locale many servers are created with does not), and
-- the most common Chinese query is a two-character word (暖气, 低保, 医保), which has no trigram
-- at all, so a trigram index cannot narrow it down. Instead every published text is indexed by
-- its single characters and character pairs (unigrams and bigrams, lower-cased, no whitespace):
-- the grams of any substring are a subset of the grams of the text, so "grams @> grams(query)"
-- finds every candidate through a GIN index on both PGlite and PostgreSQL whatever the locale,
-- and an exact substring check then keeps the true matches. English works the same way.
CREATE FUNCTION openday_search_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g.gram), '{}'::text[])
  FROM (SELECT lower(t) AS s) AS x
  CROSS JOIN LATERAL generate_series(1, char_length(x.s)) AS i
  CROSS JOIN LATERAL (VALUES (substr(x.s, i, 1)), (substr(x.s, i, 2))) AS g(gram)
  WHERE g.gram !~ '[[:space:]]'
$$;

-- The grams a query must find: its character pairs, or its characters when it has no pair (a
-- one-character query). Every single character of a longer query is already inside a pair.
CREATE FUNCTION openday_query_grams(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN cardinality(p.pairs) > 0 THEN p.pairs ELSE openday_search_grams(q) END
  FROM (SELECT array(SELECT gram FROM unnest(openday_search_grams(q)) AS gram WHERE char_length(gram) = 2) AS pairs) AS p
$$;

-- The expression must be written exactly so in queries for the index to be used
-- (src/features/public/repository.ts: QA_TEXT).
CREATE INDEX cases_public_grams_idx ON cases
  USING gin (openday_search_grams(public_question || ' ' || public_answer))
  WHERE published_at IS NOT NULL;
CREATE INDEX cases_published_idx ON cases (campaign_id, published_at DESC, id DESC) WHERE published_at IS NOT NULL;

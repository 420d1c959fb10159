-- The day's records keyed by the unit that owns them, so that they can be spread over machines
-- (Citus shards, or PostgreSQL's hash partitions) by that unit (ADR 38): every primary and unique
-- key of a distributed table includes its distribution column, and every foreign key between two
-- distributed tables includes it on both sides, so that a record and the records it refers to are
-- always on the same shard. The distribution column of each table is named in
-- src/platform/db/distribution.ts, which the catalog test checks against this schema.
--
--   consultations, consultation_publications          unit_id (the unit whose consultation it is)
--   cases, case_events, case_requests, return_visits   origin_unit_id (the consultation's unit)
--   photos, publicity_items, disclosures, imports,
--   import_progress                                    unit_id

-- Foreign keys into the tables whose keys change go first, and come back composite.
ALTER TABLE cases DROP CONSTRAINT cases_consultation_id_fkey;
ALTER TABLE consultation_publications DROP CONSTRAINT consultation_publications_consultation_id_fkey;
ALTER TABLE case_events DROP CONSTRAINT case_events_case_id_fkey;
ALTER TABLE case_requests DROP CONSTRAINT case_requests_case_id_fkey;
ALTER TABLE return_visits DROP CONSTRAINT return_visits_case_id_fkey;
-- An opinion raised at a meeting may name a consultation or case of any unit of the campaign: a
-- reference across shards, which no foreign key can hold there. The link stays a plain id; the
-- one path that deletes a consultation (and its case) clears it (consultations/repository.ts).
ALTER TABLE meeting_opinions DROP CONSTRAINT meeting_opinions_consultation_id_fkey;
ALTER TABLE meeting_opinions DROP CONSTRAINT meeting_opinions_case_id_fkey;

ALTER TABLE consultations DROP CONSTRAINT consultations_pkey, ADD PRIMARY KEY (id, unit_id);

ALTER TABLE cases DROP CONSTRAINT cases_pkey, ADD PRIMARY KEY (id, origin_unit_id);
ALTER TABLE cases DROP CONSTRAINT cases_consultation_id_key,
  ADD CONSTRAINT cases_consultation_id_key UNIQUE (consultation_id, origin_unit_id);
-- A consultation moved to another unit takes its case along (this replaces the trigger that did).
ALTER TABLE cases ADD CONSTRAINT cases_consultation_id_fkey FOREIGN KEY (consultation_id, origin_unit_id)
  REFERENCES consultations (id, unit_id) ON DELETE CASCADE ON UPDATE CASCADE;
DROP TRIGGER consultations_case_origin ON consultations;
DROP FUNCTION openday_consultation_unit_moved();

-- A tracking code is unique in the whole country, not per unit: kept in a table of its own,
-- distributed by the code, that the citizen's lookup reads first.
ALTER TABLE cases DROP CONSTRAINT cases_tracking_code_key;
CREATE INDEX cases_tracking_code_idx ON cases (tracking_code);
CREATE TABLE tracking_codes (
  code text PRIMARY KEY,
  case_id uuid NOT NULL,
  origin_unit_id uuid NOT NULL
);
INSERT INTO tracking_codes (code, case_id, origin_unit_id) SELECT tracking_code, id, origin_unit_id FROM cases;

-- Kept by the database as cases are written. Writers that load with triggers skipped (the bench's
-- generator, a restore) write it themselves.
CREATE FUNCTION openday_tracking_codes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM tracking_codes WHERE code = OLD.tracking_code AND case_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO tracking_codes (code, case_id, origin_unit_id) VALUES (NEW.tracking_code, NEW.id, NEW.origin_unit_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_tracking_codes AFTER INSERT OR DELETE OR UPDATE OF tracking_code, origin_unit_id ON cases
  FOR EACH ROW EXECUTE FUNCTION openday_tracking_codes();

-- A case's events and request carry the case's origin.
ALTER TABLE case_events ADD COLUMN origin_unit_id uuid;
UPDATE case_events e SET origin_unit_id = k.origin_unit_id FROM cases k WHERE k.id = e.case_id;
ALTER TABLE case_events ALTER COLUMN origin_unit_id SET NOT NULL;
ALTER TABLE case_requests ADD COLUMN origin_unit_id uuid;
UPDATE case_requests r SET origin_unit_id = k.origin_unit_id FROM cases k WHERE k.id = r.case_id;
ALTER TABLE case_requests ALTER COLUMN origin_unit_id SET NOT NULL;

-- Set from the case when a writer leaves it out (on one machine; writers on shards give it).
CREATE FUNCTION openday_case_child_origin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.origin_unit_id IS NULL THEN
    SELECT k.origin_unit_id INTO NEW.origin_unit_id FROM cases k WHERE k.id = NEW.case_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_events_origin BEFORE INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION openday_case_child_origin();
CREATE TRIGGER case_requests_origin BEFORE INSERT ON case_requests
  FOR EACH ROW EXECUTE FUNCTION openday_case_child_origin();

ALTER TABLE case_events DROP CONSTRAINT case_events_pkey, ADD PRIMARY KEY (id, origin_unit_id);
ALTER TABLE case_events ADD CONSTRAINT case_events_case_id_fkey FOREIGN KEY (case_id, origin_unit_id)
  REFERENCES cases (id, origin_unit_id) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE case_requests DROP CONSTRAINT case_requests_pkey, ADD PRIMARY KEY (case_id, origin_unit_id);
ALTER TABLE case_requests ADD CONSTRAINT case_requests_case_id_fkey FOREIGN KEY (case_id, origin_unit_id)
  REFERENCES cases (id, origin_unit_id) ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE return_visits DROP CONSTRAINT return_visits_pkey, ADD PRIMARY KEY (id, origin_unit_id);
ALTER TABLE return_visits ADD CONSTRAINT return_visits_case_id_fkey FOREIGN KEY (case_id, origin_unit_id)
  REFERENCES cases (id, origin_unit_id) ON DELETE CASCADE ON UPDATE CASCADE;
DROP TRIGGER cases_return_visit_origin ON cases;
DROP FUNCTION openday_case_origin_moved();

ALTER TABLE consultation_publications DROP CONSTRAINT consultation_publications_pkey,
  ADD PRIMARY KEY (consultation_id, unit_id);
ALTER TABLE consultation_publications ADD CONSTRAINT consultation_publications_consultation_id_fkey
  FOREIGN KEY (consultation_id, unit_id) REFERENCES consultations (id, unit_id) ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE photos DROP CONSTRAINT photos_pkey, ADD PRIMARY KEY (id, unit_id);
ALTER TABLE publicity_items DROP CONSTRAINT publicity_items_pkey, ADD PRIMARY KEY (id, unit_id);
ALTER TABLE disclosures DROP CONSTRAINT disclosures_pkey, ADD PRIMARY KEY (id, unit_id);
ALTER TABLE imports DROP CONSTRAINT imports_pkey, ADD PRIMARY KEY (id, unit_id);
ALTER TABLE import_progress DROP CONSTRAINT import_progress_pkey, ADD PRIMARY KEY (id, unit_id);

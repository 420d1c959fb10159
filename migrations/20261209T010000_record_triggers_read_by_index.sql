-- The triggers on the day's records look up the rows a statement touched by their keys: the
-- consultations of the visits it changed, a case's row, a case's consultation. PL/pgSQL plans
-- their statements once per connection and keeps the plan, with the costs of the moment it was
-- made; a plan made while a table was nearly empty (the first records of a new database, before
-- any ANALYZE) reads the whole table, and went on doing so on that connection as the table grew.
-- Each intake statement then scanned every consultation of the day to count four visits (26,555
-- rows, and growing), and the embedded database's intake fell from 2,100 to 500 records a second
-- within a minute, on some connections and not others, until an ANALYZE replaced the plans. These
-- functions see a statement's rows, a handful to a batch: a sequential scan of the records is never
-- their plan, so it is ruled out inside them. The triggers that recount a whole campaign (a unit
-- joining, leaving or moving, a calendar change) are left to the planner.
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
    'openday_consultations_insert_figures', 'openday_consultations_update_figures',
    'openday_consultations_delete_figures', 'openday_cases_insert_figures', 'openday_cases_update_figures',
    'openday_cases_delete_figures', 'openday_return_visits_insert_figures',
    'openday_return_visits_update_figures', 'openday_return_visits_delete_figures', 'openday_case_origin',
    'openday_tracking_codes', 'openday_mark_transferred', 'openday_case_child_origin',
    'openday_return_visit_later', 'openday_return_visit_origin'
  ] LOOP
    EXECUTE format('ALTER FUNCTION %I() SET enable_seqscan = off', f);
  END LOOP;
END $$;

-- Staff no longer see a citizen's tracking code (it unlocks the citizen's personal data on the
-- public routes): notices name the case by its reference, the last eight hex digits of its id.
-- Notices already sent carry the code among their parameters; they get the reference instead.
UPDATE notifications
SET params = (params - 'trackingCode')
  || jsonb_build_object('reference', 'K-' || upper(right(replace(case_id::text, '-', ''), 8)))
WHERE params ? 'trackingCode' AND case_id IS NOT NULL;
UPDATE notifications SET params = params - 'trackingCode' WHERE params ? 'trackingCode';

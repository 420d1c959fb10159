-- 另定活动日期: the organizer may allow a unit to hold its open day on other dates than the
-- campaign's window (a unit that could not open in May). The summary then states those dates
-- without naming them as a problem, and says they were agreed.
ALTER TABLE campaign_units
  ADD COLUMN days_from date,
  ADD COLUMN days_to date,
  ADD COLUMN days_reason text,
  ADD CONSTRAINT campaign_units_days_check CHECK (
    (days_from IS NULL AND days_to IS NULL AND days_reason IS NULL)
    OR (days_from IS NOT NULL AND days_to IS NOT NULL AND days_from <= days_to AND days_reason IS NOT NULL)
  );

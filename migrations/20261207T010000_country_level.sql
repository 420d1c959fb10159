-- A region above the provinces: the root of a national campaign, whose organizer (the national
-- open-government office) sees every province below it. Nothing else about regions changes: a
-- region's path still starts at its root, so a province under the country has the path
-- /100000/390000/.
ALTER TABLE regions DROP CONSTRAINT regions_level_check;
ALTER TABLE regions ADD CONSTRAINT regions_level_check
  CHECK (level IN ('country', 'province', 'city', 'district', 'street', 'community'));

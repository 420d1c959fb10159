-- A unit's live figures read from the primary key alone: the key (campaign, scope, figure, key)
-- carries the count, so reading every unit's counts (the campaign's statistics, a unit's summary)
-- is an index-only scan instead of a visit to a table page for each of its rows. n is already in
-- figure_counts_figure_idx, so an update of a count was never a heap-only one; nothing is lost.
ALTER TABLE figure_counts DROP CONSTRAINT figure_counts_pkey;
ALTER TABLE figure_counts ADD CONSTRAINT figure_counts_pkey PRIMARY KEY (campaign_id, scope, figure, key) INCLUDE (n);

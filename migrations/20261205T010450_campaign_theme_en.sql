-- The campaign's theme in English, for the English portal and summaries (the Chinese theme was
-- shown in the middle of English text).
ALTER TABLE campaigns ADD COLUMN theme_en text;

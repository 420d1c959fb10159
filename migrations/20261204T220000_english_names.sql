-- English names of what a summary names, entered by the unit: the sites and desks of its plan, its
-- leader in charge, its printed materials. The English summary writes them; a name left empty is
-- written as entered in Chinese and listed for the unit to translate.
ALTER TABLE plans ADD COLUMN leader_name_en text;
ALTER TABLE sites ADD COLUMN name_en text;
ALTER TABLE desks ADD COLUMN name_en text;
ALTER TABLE materials ADD COLUMN title_en text;

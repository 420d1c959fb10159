-- The unit's own paragraphs (section 六 next steps, remarks) are kept per language:
-- { "zh-CN": { nextSteps, remarks }, "en-US": { nextSteps, remarks } }. Writing the English text no
-- longer replaces the Chinese. Text stored in the old shape { nextSteps, remarks } moves to the
-- language it is written in: Chinese when it holds a Chinese character, English otherwise.
UPDATE unit_summary_versions
   SET own_text = CASE
         WHEN coalesce(own_text ->> 'nextSteps', '') || coalesce(own_text ->> 'remarks', '') ~ '[㐀-鿿豈-﫿]'
         THEN jsonb_build_object(
                'zh-CN', jsonb_build_object('nextSteps', coalesce(own_text ->> 'nextSteps', ''),
                                            'remarks', coalesce(own_text ->> 'remarks', '')),
                'en-US', jsonb_build_object('nextSteps', '', 'remarks', ''))
         ELSE jsonb_build_object(
                'zh-CN', jsonb_build_object('nextSteps', '', 'remarks', ''),
                'en-US', jsonb_build_object('nextSteps', coalesce(own_text ->> 'nextSteps', ''),
                                            'remarks', coalesce(own_text ->> 'remarks', '')))
       END
 WHERE own_text ? 'nextSteps' OR own_text ? 'remarks';

COMMENT ON COLUMN unit_summary_versions.own_text IS
  'The unit''s own paragraphs per language: {"zh-CN": {nextSteps, remarks}, "en-US": {nextSteps, remarks}}';

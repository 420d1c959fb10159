-- 媒体报道和网络发布: a report by an outside outlet (a newspaper, a TV or radio station, a news
-- site …) and a post of the unit's own (its government website, its WeChat account) are publicity
-- items with the outlet, the medium, the date (shown_from), the title (text), the link (url) and
-- the reach (views or reads, where known). Items recorded before keep their medium unknown.
ALTER TABLE publicity_items DROP CONSTRAINT publicity_items_kind_check;
ALTER TABLE publicity_items ADD CONSTRAINT publicity_items_kind_check
  CHECK (kind IN ('banner', 'panel', 'led_slogan', 'poster', 'newspaper_window', 'online_post', 'media_report'));
ALTER TABLE publicity_items ADD COLUMN outlet text;
ALTER TABLE publicity_items ADD COLUMN outlet_en text;
ALTER TABLE publicity_items ADD COLUMN medium text CHECK (medium IN ('newspaper', 'tv', 'radio', 'news_site', 'wechat',
  'weibo', 'gov_website', 'short_video'));
ALTER TABLE publicity_items ADD COLUMN reach integer CHECK (reach >= 0);

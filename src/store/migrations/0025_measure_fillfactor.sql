-- Every second's clicks update their links' rows and their posts' Measure rows. A tenth of each
-- page left free keeps a row's new version on its page, so the update writes no index entry
-- (a HOT update: none of the changed columns is indexed). Pages written before this fill up
-- as vacuum frees them.
ALTER TABLE "measure_units" SET (fillfactor = 90);--> statement-breakpoint
ALTER TABLE "measure_posts" SET (fillfactor = 90);--> statement-breakpoint
ALTER TABLE "link_clicks" SET (fillfactor = 90);--> statement-breakpoint
ALTER TABLE "link_visitors" SET (fillfactor = 90);

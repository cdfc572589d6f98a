ALTER TABLE "listen_matches" ADD COLUMN "network" text;--> statement-breakpoint
-- Hand-written: existing matches take the network their ids showed (core/listen/match-origin.ts
-- before this column): `at://` URIs are Bluesky's, `feed:<source>` authors are feed items (none),
-- the rest were Mastodon statuses.
UPDATE "listen_matches" SET "network" = 'bluesky' WHERE "network" IS NULL AND "uri" LIKE 'at://%';--> statement-breakpoint
UPDATE "listen_matches" SET "network" = 'mastodon' WHERE "network" IS NULL AND "uri" NOT LIKE 'at://%' AND "did" NOT LIKE 'feed:%';

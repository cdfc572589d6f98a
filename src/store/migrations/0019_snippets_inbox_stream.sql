DROP INDEX "snippets_workspace_id_index";--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD COLUMN "snippet_id" uuid;--> statement-breakpoint
ALTER TABLE "inbox_sync" ADD COLUMN "stream_since_id" text;--> statement-breakpoint
ALTER TABLE "snippets" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_snippet_id_snippets_id_fk" FOREIGN KEY ("snippet_id") REFERENCES "public"."snippets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_replies_snippet_id_index" ON "inbox_replies" USING btree ("snippet_id") WHERE "inbox_replies"."snippet_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "snippets_name" ON "snippets" USING btree ("workspace_id","name");
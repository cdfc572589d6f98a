CREATE TABLE "curate_topics" (
	"workspace_id" uuid NOT NULL,
	"term" text NOT NULL,
	"weight" real NOT NULL,
	CONSTRAINT "curate_topics_workspace_id_term_pk" PRIMARY KEY("workspace_id","term")
);
--> statement-breakpoint
CREATE TABLE "feed_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"suggestion_id" uuid NOT NULL,
	"key" text NOT NULL,
	"url" text NOT NULL,
	"canonical_url" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"author" text,
	"image_url" text,
	"published_at" timestamp with time zone NOT NULL,
	"dated" boolean NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"title_words" text[] NOT NULL,
	"title_bands" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"url" text NOT NULL,
	"host" text NOT NULL,
	"site_url" text,
	"title" text NOT NULL,
	"format" text,
	"category" text,
	"weight" real DEFAULT 1 NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_polled_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"failing_since" timestamp with time zone,
	"failing" boolean DEFAULT false NOT NULL,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"polling_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"state" text DEFAULT 'new' NOT NULL,
	"source_id" uuid,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"author" text,
	"image_url" text,
	"published_at" timestamp with time zone NOT NULL,
	"dated" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"matched_topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"post_id" uuid
);
--> statement-breakpoint
ALTER TABLE "curate_topics" ADD CONSTRAINT "curate_topics_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_items" ADD CONSTRAINT "feed_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_items" ADD CONSTRAINT "feed_items_source_id_feed_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."feed_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_items" ADD CONSTRAINT "feed_items_suggestion_id_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."suggestions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_sources" ADD CONSTRAINT "feed_sources_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_sources" ADD CONSTRAINT "feed_sources_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_source_id_feed_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."feed_sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feed_items_source_key" ON "feed_items" USING btree ("source_id","key");--> statement-breakpoint
CREATE INDEX "feed_items_canonical" ON "feed_items" USING btree ("workspace_id","canonical_url");--> statement-breakpoint
CREATE INDEX "feed_items_suggestion" ON "feed_items" USING btree ("suggestion_id");--> statement-breakpoint
CREATE INDEX "feed_items_bands" ON "feed_items" USING gin ("title_bands");--> statement-breakpoint
CREATE UNIQUE INDEX "feed_sources_workspace_url" ON "feed_sources" USING btree ("workspace_id","url");--> statement-breakpoint
CREATE INDEX "feed_sources_next_poll" ON "feed_sources" USING btree ("next_poll_at");--> statement-breakpoint
CREATE INDEX "feed_sources_host_polling" ON "feed_sources" USING btree ("host") WHERE "feed_sources"."polling_until" is not null;--> statement-breakpoint
CREATE INDEX "suggestions_queue" ON "suggestions" USING btree ("workspace_id","state","published_at");--> statement-breakpoint
CREATE INDEX "suggestions_decided" ON "suggestions" USING btree ("workspace_id","decided_at");
CREATE TABLE "crisis_watches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"sensitivity" text DEFAULT 'medium' NOT NULL,
	"enabled_at" timestamp with time zone,
	"last_alert_at" timestamp with time zone,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crisis_watches_workspaceId_unique" UNIQUE("workspace_id")
);
--> statement-breakpoint
CREATE TABLE "listen_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"search_id" uuid NOT NULL,
	"search_name" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"volume" integer NOT NULL,
	"baseline" real NOT NULL,
	"threshold" integer NOT NULL,
	"samples" jsonb NOT NULL,
	"brake_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listen_leases" (
	"source" text PRIMARY KEY NOT NULL,
	"holder" text,
	"expires_at" timestamp with time zone,
	"cursor" bigint,
	"state" text DEFAULT 'idle' NOT NULL,
	"detail" text,
	"last_event_at" timestamp with time zone,
	"lag_seconds" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listen_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"search_id" uuid NOT NULL,
	"did" text NOT NULL,
	"rkey" text NOT NULL,
	"uri" text NOT NULL,
	"text" text NOT NULL,
	"langs" text[] DEFAULT '{}'::text[] NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listen_volume" (
	"search_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "listen_volume_search_id_minute_pk" PRIMARY KEY("search_id","minute")
);
--> statement-breakpoint
CREATE TABLE "saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"broad" boolean DEFAULT false NOT NULL,
	"alert" jsonb,
	"inbox" boolean DEFAULT true NOT NULL,
	"last_alert_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crisis_watches" ADD CONSTRAINT "crisis_watches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_watches" ADD CONSTRAINT "crisis_watches_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listen_alerts" ADD CONSTRAINT "listen_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listen_alerts" ADD CONSTRAINT "listen_alerts_brake_id_brakes_id_fk" FOREIGN KEY ("brake_id") REFERENCES "public"."brakes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listen_matches" ADD CONSTRAINT "listen_matches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listen_alerts_workspace_id_created_at_id_index" ON "listen_alerts" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "listen_matches_post" ON "listen_matches" USING btree ("search_id","did","rkey");--> statement-breakpoint
CREATE INDEX "listen_matches_page" ON "listen_matches" USING btree ("search_id","matched_at","id");--> statement-breakpoint
CREATE INDEX "saved_searches_workspace_id_created_at_index" ON "saved_searches" USING btree ("workspace_id","created_at");
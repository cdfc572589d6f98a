ALTER TABLE "workspaces" ADD COLUMN "require_alt_text" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "broadcast_warning_share" real DEFAULT 0.7 NOT NULL;
ALTER TABLE "users" ADD COLUMN "instance_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The person who set Sous up (the first user) administers the instance.
UPDATE "users" SET "instance_admin" = true WHERE "id" = (SELECT "id" FROM "users" ORDER BY "created_at", "id" LIMIT 1);
--> statement-breakpoint
-- Append-only includes TRUNCATE, which row-level triggers do not see.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- Failed logins stored whatever was typed as the email (sometimes a password). Scrub it once;
-- the one sanctioned rewrite of the audit log, with the trigger off for this statement only.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
UPDATE audit_log SET data = data - 'email' WHERE action = 'login.failed' AND data ? 'email';
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
DELETE FROM login_throttle WHERE key LIKE 'email:%';

-- measure_unit_days and measure_post_days (schema/measure-days.ts) follow every write to
-- measure_units and measure_posts: a statement's new rows are added and its old rows taken
-- away, by key, in the key's order, so two writers of one statement each (a rewrite, a
-- second's clicks: both tables, in the same order) wait for each other, never deadlock. A
-- cascade (a deleted post, account or workspace) or a campaign's "set null" is a delete or an
-- update like any other. The trigger's arguments: the day table, its key, a unit's posts.
CREATE FUNCTION "measure_days_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The transition tables a trigger has depend on its event, hence the statement's text.
  EXECUTE format($q$
    INSERT INTO %1$I AS d (%2$s,
      n, posts, replies, reposts, quotes, likes, people, conversations, clicks, visitors,
      bot_clicks, answered, conversations_squares, people_squares, replies_squares,
      quotes_squares, reposts_squares, likes_squares, clicks_squares, visitors_squares)
    SELECT %2$s,
      sum(s)::int, sum(s * %3$s)::int, sum(s * replies), sum(s * reposts), sum(s * quotes),
      sum(s * likes), sum(s * people), sum(s * conversations), sum(s * clicks),
      sum(s * visitors), sum(s * bot_clicks), sum(s * answered),
      sum(s * conversations::bigint * conversations), sum(s * people::bigint * people),
      sum(s * replies::bigint * replies), sum(s * quotes::bigint * quotes),
      sum(s * reposts::bigint * reposts), sum(s * likes::bigint * likes),
      sum(s * clicks::bigint * clicks), sum(s * visitors::bigint * visitors)
    FROM (%4$s) c
    GROUP BY %2$s
    -- An update that changed nothing counted (a rewrite of the same numbers) writes no row.
    HAVING sum(s) <> 0 OR sum(s * %3$s) <> 0 OR sum(s * replies) <> 0 OR
      sum(s * reposts) <> 0 OR sum(s * quotes) <> 0 OR sum(s * likes) <> 0 OR
      sum(s * people) <> 0 OR sum(s * conversations) <> 0 OR sum(s * clicks) <> 0 OR
      sum(s * visitors) <> 0 OR sum(s * bot_clicks) <> 0 OR sum(s * answered) <> 0 OR
      sum(s * conversations::bigint * conversations) <> 0 OR
      sum(s * people::bigint * people) <> 0 OR sum(s * replies::bigint * replies) <> 0 OR
      sum(s * quotes::bigint * quotes) <> 0 OR sum(s * reposts::bigint * reposts) <> 0 OR
      sum(s * likes::bigint * likes) <> 0 OR sum(s * clicks::bigint * clicks) <> 0 OR
      sum(s * visitors::bigint * visitors) <> 0
    ORDER BY %2$s
    ON CONFLICT (%2$s) DO UPDATE SET
      n = d.n + excluded.n, posts = d.posts + excluded.posts,
      replies = d.replies + excluded.replies, reposts = d.reposts + excluded.reposts,
      quotes = d.quotes + excluded.quotes, likes = d.likes + excluded.likes,
      people = d.people + excluded.people,
      conversations = d.conversations + excluded.conversations,
      clicks = d.clicks + excluded.clicks, visitors = d.visitors + excluded.visitors,
      bot_clicks = d.bot_clicks + excluded.bot_clicks,
      answered = d.answered + excluded.answered,
      conversations_squares = d.conversations_squares + excluded.conversations_squares,
      people_squares = d.people_squares + excluded.people_squares,
      replies_squares = d.replies_squares + excluded.replies_squares,
      quotes_squares = d.quotes_squares + excluded.quotes_squares,
      reposts_squares = d.reposts_squares + excluded.reposts_squares,
      likes_squares = d.likes_squares + excluded.likes_squares,
      clicks_squares = d.clicks_squares + excluded.clicks_squares,
      visitors_squares = d.visitors_squares + excluded.visitors_squares
  $q$, TG_ARGV[0], TG_ARGV[1], TG_ARGV[2], CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS s, * FROM old_rows'
    ELSE 'SELECT 1 AS s, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows' END);
  RETURN NULL;
END $$;--> statement-breakpoint
INSERT INTO measure_unit_days (workspace_id, published_day, account_id, network, campaign_id,
  n, posts, replies, reposts, quotes, likes, people, conversations, clicks, visitors,
  bot_clicks, answered, conversations_squares, people_squares, replies_squares,
  quotes_squares, reposts_squares, likes_squares, clicks_squares, visitors_squares)
SELECT workspace_id, published_day, account_id, network, campaign_id,
  sum(1)::int, sum(first_of_post::int)::int, sum(replies), sum(reposts), sum(quotes),
  sum(likes), sum(people), sum(conversations), sum(clicks), sum(visitors),
  sum(bot_clicks), sum(answered), sum(conversations::bigint * conversations),
  sum(people::bigint * people), sum(replies::bigint * replies),
  sum(quotes::bigint * quotes), sum(reposts::bigint * reposts),
  sum(likes::bigint * likes), sum(clicks::bigint * clicks),
  sum(visitors::bigint * visitors)
FROM measure_units GROUP BY workspace_id, published_day, account_id, network, campaign_id;--> statement-breakpoint
CREATE TRIGGER "measure_unit_days_insert" AFTER INSERT ON measure_units
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "measure_days_keep"('measure_unit_days', 'workspace_id, published_day, account_id, network, campaign_id', 'first_of_post::int');--> statement-breakpoint
CREATE TRIGGER "measure_unit_days_update" AFTER UPDATE ON measure_units
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "measure_days_keep"('measure_unit_days', 'workspace_id, published_day, account_id, network, campaign_id', 'first_of_post::int');--> statement-breakpoint
CREATE TRIGGER "measure_unit_days_delete" AFTER DELETE ON measure_units
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "measure_days_keep"('measure_unit_days', 'workspace_id, published_day, account_id, network, campaign_id', 'first_of_post::int');--> statement-breakpoint
INSERT INTO measure_post_days (workspace_id, published_day, topics, approach, campaign_id,
  n, posts, replies, reposts, quotes, likes, people, conversations, clicks, visitors,
  bot_clicks, answered, conversations_squares, people_squares, replies_squares,
  quotes_squares, reposts_squares, likes_squares, clicks_squares, visitors_squares)
SELECT workspace_id, published_day, topics, approach, campaign_id,
  sum(1)::int, sum(1)::int, sum(replies), sum(reposts), sum(quotes), sum(likes),
  sum(people), sum(conversations), sum(clicks), sum(visitors), sum(bot_clicks),
  sum(answered), sum(conversations::bigint * conversations),
  sum(people::bigint * people), sum(replies::bigint * replies),
  sum(quotes::bigint * quotes), sum(reposts::bigint * reposts),
  sum(likes::bigint * likes), sum(clicks::bigint * clicks),
  sum(visitors::bigint * visitors)
FROM measure_posts GROUP BY workspace_id, published_day, topics, approach, campaign_id;--> statement-breakpoint
CREATE TRIGGER "measure_post_days_insert" AFTER INSERT ON measure_posts
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "measure_days_keep"('measure_post_days', 'workspace_id, published_day, topics, approach, campaign_id', '1');--> statement-breakpoint
CREATE TRIGGER "measure_post_days_update" AFTER UPDATE ON measure_posts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "measure_days_keep"('measure_post_days', 'workspace_id, published_day, topics, approach, campaign_id', '1');--> statement-breakpoint
CREATE TRIGGER "measure_post_days_delete" AFTER DELETE ON measure_posts
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "measure_days_keep"('measure_post_days', 'workspace_id, published_day, topics, approach, campaign_id', '1');

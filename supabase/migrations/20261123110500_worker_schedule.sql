-- Production scheduling: pg_cron calls the `sync-worker` Edge Function every minute. The
-- function itself decides what is due (each integration's cron expression in Europe/Oslo
-- time, delta polling, stale-data alerts), so this is the only cron entry however many
-- organizations there are.
--
-- Supabase provides pg_cron, pg_net and Vault. The function's URL and its bearer secret
-- are read from Vault at call time (names `sync_worker_url`, `sync_worker_secret`), so no
-- secret sits in this migration or in cron.job. Where those extensions are not installed
-- (PGlite, a plain PostgreSQL server in tests, the embedded demo) this migration does
-- nothing: those hosts run the in-process worker loop instead.
do $migration$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron')
     and exists (select 1 from pg_available_extensions where name = 'pg_net')
     and exists (select 1 from pg_namespace where nspname = 'vault') then
    create extension if not exists pg_cron;
    create extension if not exists pg_net;
    perform cron.schedule(
      'sync-worker',
      '* * * * *',
      $job$
        select net.http_post(
          url := (select decrypted_secret from vault.decrypted_secrets where name = 'sync_worker_url'),
          headers := jsonb_build_object(
            'Content-Type', 'application/json',
            'Authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'sync_worker_secret')),
          body := '{}'::jsonb,
          timeout_milliseconds := 5000)
      $job$);
  else
    raise notice 'pg_cron, pg_net or Vault is not available: the sync worker is scheduled by its host instead';
  end if;
end
$migration$;

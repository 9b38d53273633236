-- Terminal logins with limits, and the security reports kept (Art. 30).
--
-- A terminal's login connects to this database only and carries a
-- connection limit and time limits on its role (functions/accounts.sql,
-- wc_admin.terminal_limit); the logins made before get them here. The
-- security report names any login without them.
--
-- Runs as the administrator who migrates first: roles and the server's
-- own databases are not wc_owner's.
DO $$
DECLARE
	d record;
BEGIN
	-- A new database lets PUBLIC connect and make temporary tables; the
	-- server's own two are closed to every login but their owner's and the
	-- superusers'. Only their owner or a superuser may: anyone else is told
	-- here, and the security report lists each database a terminal can
	-- still reach (doc/deployment.md says what to run).
	FOR d IN SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database
	          WHERE datname IN ('postgres', 'template1') LOOP
		IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
		   OR pg_has_role(current_user, d.owner, 'USAGE') THEN
			EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', d.datname);
		ELSE
			RAISE NOTICE 'could not close database "%" to the terminals', d.datname
				USING HINT = 'As its owner or a superuser: REVOKE CONNECT, TEMPORARY ON DATABASE '
				             || quote_ident(d.datname) || ' FROM PUBLIC;';
		END IF;
	END LOOP;
	EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC, wc_kiosk, wc_staff',
	               current_database());
	PERFORM wc_admin.terminal_limit(t.role_name)
	   FROM wc.terminal t JOIN pg_roles r ON r.rolname = t.role_name
	  WHERE r.rolcanlogin;
END
$$;

SET LOCAL ROLE wc_owner;

-- Each run of the security report, from the command line or a staff
-- member's console, kept with its rows so that the next one can be
-- compared with it. Append-only, as the audit log (functions/audit.sql).
CREATE TABLE wc.security_report (
	id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	made_at  timestamptz NOT NULL DEFAULT now(),
	staff_id bigint REFERENCES wc.staff (id), -- NULL: wanchuang-admin security-report
	made_by  text NOT NULL -- the staff member's user name, or the administrator's login
);

CREATE TABLE wc.security_report_row (
	report_id bigint NOT NULL REFERENCES wc.security_report (id),
	section   text NOT NULL,
	item      text NOT NULL,
	detail    text NOT NULL
);
CREATE INDEX ON wc.security_report_row (report_id);
REVOKE UPDATE, DELETE, TRUNCATE ON wc.security_report, wc.security_report_row FROM wc_owner;
-- The foreign key's check locks the report's row FOR KEY SHARE, which asks
-- for UPDATE on some column of it; the trigger (functions/audit.sql)
-- refuses every update all the same.
GRANT UPDATE (id) ON wc.security_report TO wc_owner;

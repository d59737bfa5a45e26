-- Issue 19: credentials that end when they should, and lockouts that cannot lock everyone out.
-- throttled_until: after repeated failed logins an account waits (increasing delays) instead of being locked for good;
--   'locked' now means only an admin's lock (lifted by `user unlock`, or by `user break-glass` on the server host).
-- credentials_version: bumped when the password changes or is reset, the account is locked or its roles change; a
--   browser session remembers the version it logged in with and ends when it differs.
-- api_tokens.expires_at: every token ends (ISO time, UTC); tokens issued before this version never expire until revoked.
ALTER TABLE users ADD COLUMN throttled_until VARCHAR(40);
ALTER TABLE users ADD COLUMN credentials_version INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE api_tokens ADD COLUMN expires_at VARCHAR(40);
-- Locks set by failed logins under the old rule become throttles that have already run out.
UPDATE users SET locked = FALSE WHERE locked = TRUE;

-- Tact schema v3: what the tact engine reads besides the ledger.
-- settings: one row per named setting, its value as JSON (the policy of the ladder, key 'policy'); a missing
-- row means the default.
-- client_overrides: per-client exceptions to the policy: a pause until a date (« Reporter »), and a phone call
-- before any written reminder.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE client_overrides (
    client_id         INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    pause_until       TEXT CHECK (pause_until IS NULL OR date(pause_until) IS pause_until),
    always_call_first INTEGER NOT NULL DEFAULT 0 CHECK (always_call_first IN (0, 1))
) STRICT;

-- Tact schema v10: the messages Tact sends through the user's own mail server (issue 17). Each row is one step's
-- message, identified by its step key: a second « Envoyer » for the same step finds it. The row is written
-- 'sending' before the server is contacted, and becomes 'sent' in the same transaction as the history entries
-- once the server has accepted the message; 'failed' when the server refused it for sure (a retry is safe);
-- 'uncertain' when the connection broke after the message was handed over (the user checks before resending).
CREATE TABLE sent_messages (
    id          INTEGER PRIMARY KEY,
    step_key    TEXT NOT NULL UNIQUE CHECK (length(step_key) BETWEEN 1 AND 300),
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    message_id  TEXT NOT NULL UNIQUE CHECK (length(message_id) BETWEEN 3 AND 300),
    recipients  TEXT NOT NULL,
    subject     TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'uncertain')),
    started_at  TEXT NOT NULL CHECK (datetime(started_at) IS started_at),
    sent_at     TEXT CHECK (sent_at IS NULL OR datetime(sent_at) IS sent_at),
    error       TEXT,
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
) STRICT;
CREATE INDEX sent_messages_by_client ON sent_messages (client_id, started_at);

-- The history entries a sent message wrote.
CREATE TABLE sent_message_journal (
    sent_id    INTEGER NOT NULL REFERENCES sent_messages (id) ON DELETE CASCADE,
    journal_id INTEGER NOT NULL UNIQUE REFERENCES journal (id) ON DELETE RESTRICT,
    PRIMARY KEY (sent_id, journal_id)
) STRICT;

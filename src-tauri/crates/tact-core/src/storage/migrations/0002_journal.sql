-- Tact schema v2: the journal (Historique), every dated exchange with a client.
-- Append-only: rows are never updated or deleted; a correction is a new row whose corrects_id points at the
-- row it replaces (at most one correction per row, so the chain stays linear).
-- Kinds, channels and outcomes are validated by the domain so that new kinds need no table rebuild.

CREATE TABLE journal (
    id                   INTEGER PRIMARY KEY,
    client_id            INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    invoice_id           INTEGER REFERENCES invoices (id) ON DELETE RESTRICT,
    date                 TEXT NOT NULL CHECK (date(date) IS date),
    kind                 TEXT NOT NULL,
    channel              TEXT,
    call_outcome         TEXT,
    promise_date         TEXT CHECK (promise_date IS NULL OR date(promise_date) IS promise_date),
    promise_amount_cents INTEGER CHECK (promise_amount_cents IS NULL OR promise_amount_cents > 0),
    text                 TEXT,
    payment_id           INTEGER REFERENCES payments (id) ON DELETE RESTRICT,
    corrects_id          INTEGER UNIQUE REFERENCES journal (id) ON DELETE RESTRICT
) STRICT;
CREATE INDEX journal_by_client ON journal (client_id, date);
CREATE INDEX journal_by_invoice ON journal (invoice_id) WHERE invoice_id IS NOT NULL;

CREATE TRIGGER journal_is_append_only_update BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'journal_append_only');
END;

CREATE TRIGGER journal_is_append_only_delete BEFORE DELETE ON journal
BEGIN
    SELECT RAISE(ABORT, 'journal_append_only');
END;

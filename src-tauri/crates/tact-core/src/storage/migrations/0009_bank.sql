-- Tact schema v9: the bank statements' credits (OFX, CAMT.053, CSV), each imported once: its identity is the
-- bank's transaction id when given, else account + date + amount + label and its occurrence in the statement.
-- A credit stays open until the user accepts it (it then became a payment) or ignores it.
CREATE TABLE bank_lines (
    id          INTEGER PRIMARY KEY,
    identity    TEXT NOT NULL UNIQUE CHECK (length(identity) BETWEEN 1 AND 400),
    account     TEXT NOT NULL,
    date        TEXT NOT NULL CHECK (date(date) IS date),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    label       TEXT NOT NULL,
    payer       TEXT,
    payer_iban  TEXT,
    reference   TEXT,
    bank_id     TEXT,
    method      TEXT NOT NULL,
    imported_on TEXT NOT NULL CHECK (date(imported_on) IS imported_on),
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'ignored')),
    payment_id  INTEGER UNIQUE REFERENCES payments (id) ON DELETE RESTRICT,
    CHECK ((state = 'accepted') = (payment_id IS NOT NULL))
) STRICT;
CREATE INDEX bank_lines_by_state ON bank_lines (state, date);

-- « Ce libellé = ce client »: rules the user confirmed, used for the next statements.
CREATE TABLE bank_rules (
    id        INTEGER PRIMARY KEY,
    pattern   TEXT NOT NULL UNIQUE CHECK (length(pattern) BETWEEN 3 AND 200),
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE
) STRICT;

-- Tact schema v1: the business profile, clients, invoices, payments with their allocations, credit notes.
-- Amounts are INTEGER cents (never REAL). Dates are ISO-8601 TEXT checked to be real calendar dates.
-- Statuses and balances are not stored: they are derived as of a date (tact-core standing.rs).

CREATE TABLE business (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    legal_name      TEXT NOT NULL CHECK (length(legal_name) > 0),
    trade_name      TEXT,
    legal_form      TEXT,
    siren           TEXT,
    siret           TEXT,
    vat_number      TEXT,
    address_line1   TEXT,
    address_line2   TEXT,
    postcode        TEXT,
    city            TEXT,
    country         TEXT NOT NULL DEFAULT 'France',
    email           TEXT,
    phone           TEXT,
    iban            TEXT,
    bic             TEXT,
    signatory_name  TEXT,
    signatory_title TEXT,
    signing_city    TEXT,
    default_terms   TEXT NOT NULL DEFAULT '30',
    penalty_rate    TEXT  -- percent per year as exact decimal text; NULL = legal default (C. com. L441-10 II)
) STRICT;

CREATE TABLE clients (
    id                   INTEGER PRIMARY KEY,
    kind                 TEXT NOT NULL CHECK (kind IN ('professional', 'consumer')),
    name                 TEXT NOT NULL CHECK (length(name) > 0),
    siren                TEXT,
    contact_name         TEXT,
    address_line1        TEXT,
    address_line2        TEXT,
    postcode             TEXT,
    city                 TEXT,
    country              TEXT NOT NULL DEFAULT 'France',
    email                TEXT,
    phone                TEXT,
    preferred_channel    TEXT NOT NULL DEFAULT 'email',
    language             TEXT NOT NULL DEFAULT 'fr',
    notes                TEXT,
    client_since         TEXT CHECK (client_since IS NULL OR date(client_since) IS client_since),
    collective_procedure TEXT NOT NULL DEFAULT 'none',
    archived             INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;

CREATE TABLE invoices (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    client_id       INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    issue_date      TEXT NOT NULL CHECK (date(issue_date) IS issue_date),
    delivery_date   TEXT CHECK (delivery_date IS NULL OR date(delivery_date) IS delivery_date),
    terms           TEXT NOT NULL,
    due_date        TEXT NOT NULL CHECK (date(due_date) IS due_date AND due_date >= issue_date),
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
    amount_ht_cents INTEGER CHECK (amount_ht_cents IS NULL OR amount_ht_cents >= 0),
    vat_cents       INTEGER CHECK (vat_cents IS NULL OR vat_cents >= 0),
    currency        TEXT NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR'),
    description     TEXT,
    penalty_rate    TEXT
) STRICT;
CREATE INDEX invoices_by_client ON invoices (client_id);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    date         TEXT NOT NULL CHECK (date(date) IS date),  -- date the funds became available
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    method       TEXT NOT NULL,
    reference    TEXT
) STRICT;
CREATE INDEX payments_by_client ON payments (client_id);

CREATE TABLE allocations (
    payment_id   INTEGER NOT NULL REFERENCES payments (id) ON DELETE RESTRICT,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (payment_id, invoice_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX allocations_by_invoice ON allocations (invoice_id);

CREATE TABLE credit_notes (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    date         TEXT NOT NULL CHECK (date(date) IS date),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    reason       TEXT
) STRICT;
CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id);

-- Safety nets under the domain's own checks: money can never be allocated twice.
CREATE TRIGGER allocations_within_payment BEFORE INSERT ON allocations
WHEN (SELECT coalesce(sum(amount_cents), 0) FROM allocations WHERE payment_id = NEW.payment_id) + NEW.amount_cents
     > (SELECT amount_cents FROM payments WHERE id = NEW.payment_id)
BEGIN
    SELECT RAISE(ABORT, 'allocation_exceeds_payment');
END;

CREATE TRIGGER allocations_within_invoice BEFORE INSERT ON allocations
WHEN (SELECT coalesce(sum(amount_cents), 0) FROM allocations WHERE invoice_id = NEW.invoice_id)
     + (SELECT coalesce(sum(amount_cents), 0) FROM credit_notes WHERE invoice_id = NEW.invoice_id)
     + NEW.amount_cents > (SELECT amount_cents FROM invoices WHERE id = NEW.invoice_id)
BEGIN
    SELECT RAISE(ABORT, 'allocation_exceeds_balance');
END;

CREATE TRIGGER credit_notes_within_invoice BEFORE INSERT ON credit_notes
WHEN (SELECT coalesce(sum(amount_cents), 0) FROM allocations WHERE invoice_id = NEW.invoice_id)
     + (SELECT coalesce(sum(amount_cents), 0) FROM credit_notes WHERE invoice_id = NEW.invoice_id)
     + NEW.amount_cents > (SELECT amount_cents FROM invoices WHERE id = NEW.invoice_id)
BEGIN
    SELECT RAISE(ABORT, 'credit_exceeds_balance');
END;

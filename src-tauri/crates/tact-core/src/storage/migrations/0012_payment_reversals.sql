-- Tact schema v12: a payment recorded by mistake (wrong client, wrong amount, typed twice) is reversed, never
-- deleted (issue 19). The payment row and its « Règlement reçu » journal entry stay; the reversal keeps the date
-- it was made and what the payment had settled, and takes those allocations off the invoices, which are owed
-- again. Every read of the books counts only the payments without a reversal.
CREATE TABLE payment_reversals (
    payment_id INTEGER PRIMARY KEY REFERENCES payments (id) ON DELETE RESTRICT,
    date       TEXT NOT NULL CHECK (date(date) IS date),
    reason     TEXT
) STRICT;

-- What a reversed payment had settled, moved out of `allocations` (which keeps only the money that counts).
CREATE TABLE reversed_allocations (
    payment_id   INTEGER NOT NULL REFERENCES payment_reversals (payment_id) ON DELETE RESTRICT,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (payment_id, invoice_id)
) STRICT, WITHOUT ROWID;

-- Safety net under the domain's check: a reversed payment settles nothing any more.
CREATE TRIGGER no_allocation_of_reversed_payment BEFORE INSERT ON allocations
WHEN EXISTS (SELECT 1 FROM payment_reversals WHERE payment_id = NEW.payment_id)
BEGIN
    SELECT RAISE(ABORT, 'payment_reversed');
END;

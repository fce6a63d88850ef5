//! Payments and their allocations, and credit notes, as typed.

use super::*;

/// One line of a payment's allocation: which invoice, how much of the payment goes to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct AllocationInput {
    pub invoice_id: InvoiceId,
    pub amount: String,
}

/// A payment as typed in the payment form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PaymentInput {
    pub client_id: ClientId,
    /// Date the funds became available.
    pub date: String,
    pub amount: String,
    /// virement, cheque, carte, especes, prelevement, autre.
    pub method: String,
    pub reference: Option<String>,
    /// `None`: Tact allocates to the client's open invoices, overdue first then oldest due date
    /// (C. civ. 1342-10). `Some(vec![])`: nothing allocated, all of it stays as client credit.
    pub allocations: Option<Vec<AllocationInput>>,
}

/// A validated payment, allocations parsed but not yet checked against the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPayment {
    pub client_id: ClientId,
    pub date: NaiveDate,
    pub amount: Money,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    pub allocations: Option<Vec<(InvoiceId, Money)>>,
}

/// Parse allocation lines; each line is named `allocations[i]` in errors.
pub fn validate_allocations(lines: &[AllocationInput]) -> Result<Vec<(InvoiceId, Money)>> {
    let mut out: Vec<(InvoiceId, Money)> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let at = format!("allocations[{i}]");
        if line.invoice_id <= 0 {
            return Err(Error::field(
                ErrorCode::Required,
                "invoice_id",
                "Facture\u{a0}: choisissez la facture réglée.",
            )
            .within(&at));
        }
        let amount = parse_positive_amount("amount", "Montant affecté", &line.amount)
            .map_err(|e| e.within(&at))?;
        if out.iter().any(|(id, _)| *id == line.invoice_id) {
            return Err(Error::field(
                ErrorCode::DuplicateAllocation,
                "invoice_id",
                "Facture\u{a0}: cette facture apparaît deux fois dans la répartition.",
            )
            .within(&at));
        }
        out.push((line.invoice_id, amount));
    }
    Ok(out)
}

impl PaymentInput {
    /// Every field is checked: the error names the first field in error and lists the others (`Error::also`).
    pub fn validate(&self) -> Result<ValidPayment> {
        let mut all = Checks::default();
        if self.client_id <= 0 {
            all.push(Error::field(
                ErrorCode::Required,
                "client_id",
                "Client\u{a0}: choisissez le client qui a payé.",
            ));
        }
        let date = all.take(text::parse_date("date", "Date de valeur", &self.date));
        let amount = all.take(parse_positive_amount("amount", "Montant", &self.amount));
        let method = match self.method.trim() {
            "" => {
                all.push(Error::field(
                    ErrorCode::Required,
                    "method",
                    "Moyen de paiement\u{a0}: choisissez virement, chèque, carte, espèces, prélèvement ou autre.",
                ));
                None
            }
            m => all.take(choice(
                "method",
                "Moyen de paiement",
                Some(m),
                PaymentMethod::Other,
                PaymentMethod::from_code,
                PaymentMethod::codes_fr,
            )),
        };
        let reference = all
            .take(optional_text(
                "reference",
                "Référence",
                opt(&self.reference),
                LINE,
            ))
            .flatten();
        let allocations = all
            .take(
                self.allocations
                    .as_deref()
                    .map(validate_allocations)
                    .transpose(),
            )
            .flatten();
        if let (Some(lines), Some(amount)) = (&allocations, amount) {
            let total = Money::sum(lines.iter().map(|(_, a)| *a))?;
            if total > amount {
                all.push(Error::field(
                    ErrorCode::AllocationExceedsPayment,
                    "allocations",
                    format!(
                        "Répartition\u{a0}: {} réparti pour un règlement de {}\u{a0}; réduisez les montants affectés.",
                        total.format_fr(),
                        amount.format_fr()
                    ),
                ));
            }
        }
        all.done()?;
        // Every check passed, so every value was read: the defaults below are never used.
        Ok(ValidPayment {
            client_id: self.client_id,
            date: date.unwrap_or_default(),
            amount: amount.unwrap_or_default(),
            method: method.unwrap_or(PaymentMethod::Other),
            reference,
            allocations,
        })
    }
}

/// A credit note as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct CreditNoteInput {
    pub number: String,
    pub invoice_id: InvoiceId,
    pub date: String,
    pub amount: String,
    pub reason: Option<String>,
}

impl CreditNoteInput {
    /// A valid credit note record (id 0: storage assigns it).
    /// Every field is checked: the error names the first field in error and lists the others (`Error::also`).
    pub fn validate(&self) -> Result<CreditNote> {
        let mut all = Checks::default();
        let number = all
            .take(required_text(
                "number",
                "Numéro d'avoir",
                &self.number,
                SHORT,
            ))
            .unwrap_or_default();
        if self.invoice_id <= 0 {
            all.push(Error::field(
                ErrorCode::Required,
                "invoice_id",
                "Facture\u{a0}: choisissez la facture concernée par l'avoir.",
            ));
        }
        let date = all.take(text::parse_date("date", "Date de l'avoir", &self.date));
        let amount = all.take(parse_positive_amount(
            "amount",
            "Montant de l'avoir",
            &self.amount,
        ));
        let reason = all
            .take(optional_text("reason", "Motif", opt(&self.reason), NOTES))
            .flatten();
        all.done()?;
        // Every check passed, so every value was read: the defaults below are never used.
        Ok(CreditNote {
            id: 0,
            number,
            invoice_id: self.invoice_id,
            date: date.unwrap_or_default(),
            amount: amount.unwrap_or_default(),
            reason,
        })
    }
}

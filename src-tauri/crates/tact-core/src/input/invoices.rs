//! An invoice as typed, validated into an Invoice (due date from the terms, legal cap warning).

use super::*;

/// An invoice as typed in the invoice form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct InvoiceInput {
    pub number: String,
    pub client_id: ClientId,
    pub issue_date: String,
    pub delivery_date: Option<String>,
    /// Payment terms (see [`parse_terms`]); empty means the business's default terms.
    pub terms: Option<String>,
    /// An explicit due date; when given it takes precedence over `terms`.
    pub due_date: Option<String>,
    /// Total including VAT.
    pub amount: String,
    pub amount_ht: Option<String>,
    pub vat: Option<String>,
    pub description: Option<String>,
    pub penalty_rate: Option<String>,
}

impl InvoiceInput {
    /// A valid invoice record (id 0: storage assigns it).
    /// Every field is checked: the error names the first field in error and lists the others (`Error::also`).
    pub fn validate(&self, default_terms: PaymentTerms) -> Result<Invoice> {
        let mut all = Checks::default();
        let number = all
            .take(required_text(
                "number",
                "Numéro de facture",
                &self.number,
                SHORT,
            ))
            .unwrap_or_default();
        if self.client_id <= 0 {
            all.push(Error::field(
                ErrorCode::Required,
                "client_id",
                "Client\u{a0}: choisissez le client de la facture.",
            ));
        }
        let issue_date = all.take(text::parse_date(
            "issue_date",
            "Date d'émission",
            &self.issue_date,
        ));
        let delivery_date = all
            .take(text::parse_optional_date(
                "delivery_date",
                "Date de livraison",
                opt(&self.delivery_date),
            ))
            .flatten();
        let terms = match (opt(&self.due_date), opt(&self.terms)) {
            (Some(d), _) => all
                .take(text::parse_date("due_date", "Échéance", d))
                .map(|date| PaymentTerms::Date { date }),
            (None, Some(t)) => all.take(parse_terms("terms", "Délai de paiement", t)),
            (None, None) => Some(default_terms),
        };
        let due_date = match (issue_date, &terms) {
            (Some(issue), Some(terms)) => {
                let due = terms.due_date(issue);
                if due < issue {
                    let field = if opt(&self.due_date).is_some() {
                        "due_date"
                    } else {
                        "terms"
                    };
                    all.push(Error::field(
                        ErrorCode::DueBeforeIssue,
                        field,
                        format!(
                            "Échéance\u{a0}: l'échéance ({}) ne peut pas précéder la date d'émission ({}).",
                            text::format_date_fr(due),
                            text::format_date_fr(issue)
                        ),
                    ));
                }
                Some(due)
            }
            _ => None,
        };
        let amount = all.take(parse_positive_amount("amount", "Montant TTC", &self.amount));
        let amount_ht = all
            .take(
                opt(&self.amount_ht)
                    .map(|a| crate::money::parse_amount("amount_ht", "Montant HT", a))
                    .transpose(),
            )
            .flatten();
        let vat = all
            .take(
                opt(&self.vat)
                    .map(|a| crate::money::parse_amount("vat", "TVA", a))
                    .transpose(),
            )
            .flatten();
        if let (Some(ht), Some(amount)) = (amount_ht, amount) {
            if ht > amount {
                all.push(Error::field(
                    ErrorCode::InvalidAmount,
                    "amount_ht",
                    "Montant HT\u{a0}: il ne peut pas dépasser le montant TTC.",
                ));
            } else if let Some(v) = vat {
                let sum = ht.checked_add(v)?;
                if sum != amount {
                    all.push(Error::field(
                        ErrorCode::InvalidAmount,
                        "vat",
                        format!(
                            "TVA\u{a0}: HT + TVA ({}) doit être égal au montant TTC ({}).",
                            sum.format_fr(),
                            amount.format_fr()
                        ),
                    ));
                }
            }
        }
        let description = all
            .take(optional_text(
                "description",
                "Description",
                opt(&self.description),
                NOTES,
            ))
            .flatten();
        let penalty_rate = all
            .take(
                opt(&self.penalty_rate)
                    .map(|r| parse_rate("penalty_rate", "Taux des pénalités de retard", r))
                    .transpose(),
            )
            .flatten();
        all.done()?;
        // Every check passed, so every value was read: the defaults below are never used.
        let (issue_date, due_date) = (issue_date.unwrap_or_default(), due_date.unwrap_or_default());
        let (terms, amount) = (terms.unwrap_or(default_terms), amount.unwrap_or_default());
        Ok(Invoice {
            id: 0,
            currency: "EUR".into(),
            number,
            client_id: self.client_id,
            issue_date,
            delivery_date,
            terms,
            due_date,
            amount,
            amount_ht,
            vat,
            description,
            penalty_rate,
        })
    }
}

impl From<&Invoice> for InvoiceInput {
    fn from(i: &Invoice) -> Self {
        let (terms, due_date) = match i.terms {
            PaymentTerms::Date { date } => (None, Some(date.to_string())),
            t => (Some(t.code()), None),
        };
        InvoiceInput {
            number: i.number.clone(),
            client_id: i.client_id,
            issue_date: i.issue_date.to_string(),
            delivery_date: i.delivery_date.map(|d| d.to_string()),
            terms,
            due_date,
            amount: i.amount.to_canonical(),
            amount_ht: i.amount_ht.map(Money::to_canonical),
            vat: i.vat.map(Money::to_canonical),
            description: i.description.clone(),
            penalty_rate: i.penalty_rate.map(|r| r.to_string()),
        }
    }
}

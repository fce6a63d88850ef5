//! The letters for a client who reads English (issue 14): the same facts, checks and amounts as the French letters
//! (the letters of French law are built by the French builder first, then worded in English), in English — « Dear
//! Ms Clark, », « Yours sincerely, », €1,234.56, « 23 November 2026 », French law cited by its articles. The
//! dossier de recouvrement stays French: it is for the user and whoever recovers the debt in France.

use super::*;
use crate::model::Language;

const EN: Language = Language::English;

fn long(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn place_date(ctx: &LetterContext<'_>) -> String {
    match signing_place(ctx.business) {
        Some(p) => format!("{p}, {}", long(ctx.today)),
        None => long(ctx.today),
    }
}

fn table(rows: &[&(Invoice, InvoiceState)], with_state: bool) -> Result<Table> {
    let mut columns = vec![
        col("Invoice", 18, false),
        col("Date", 15, false),
        col("Due", 15, false),
        col("Amount", 18, true),
        col("Paid", 16, true),
        col("Balance", 18, true),
    ];
    if with_state {
        columns.push(col("Status", 16, false));
    }
    Ok(Table {
        columns,
        rows: rows
            .iter()
            .map(|(i, s)| {
                let mut row = vec![
                    i.number.clone(),
                    format_date_fr(i.issue_date),
                    format_date_fr(i.due_date),
                    i.amount.format_en(),
                    s.paid_and_credited()?.format_en(),
                    s.balance.format_en(),
                ];
                if with_state {
                    row.push(
                        match s.status {
                            InvoiceStatus::Overdue => "overdue",
                            InvoiceStatus::Disputed => "disputed",
                            _ => "not yet due",
                        }
                        .to_owned(),
                    );
                }
                Ok(row)
            })
            .collect::<Result<_>>()?,
        totals: Vec::new(),
    })
}

fn total(label: &str, columns: usize, at: usize, amount: Money) -> Vec<String> {
    let mut row = total_row(label, columns, at, amount);
    if let Some(cell) = row.get_mut(at) {
        *cell = amount.format_en();
    }
    row
}

fn pay(ctx: &LetterContext<'_>, reference: &str) -> String {
    let b = ctx.business;
    match &b.iban {
        Some(iban) => format!(
            "Payment by bank transfer to IBAN {}{}, quoting the reference “{reference}”, or by cheque payable to {}.",
            format_iban(iban).replace(' ', "\u{a0}"),
            b.bic.as_deref().map(|x| format!(" (BIC {x})")).unwrap_or_default(),
            b.legal_name
        ),
        None => format!(
            "Payment by cheque payable to {}, quoting the reference “{reference}”.",
            b.legal_name
        ),
    }
}

fn copies(rows: &[&(Invoice, InvoiceState)]) -> String {
    let numbers: Vec<String> = rows.iter().map(|(i, _)| i.number.clone()).collect();
    if numbers.len() > 1 {
        format!(
            "Enclosures: copies of invoices {}.",
            crate::text::join_with(&numbers, "and")
        )
    } else {
        format!("Enclosure: copy of invoice {}.", numbers.join(""))
    }
}

/// « the invoice below remains unpaid to date », « … remains partly unpaid to date (€300.00 paid out of €600.00) ».
fn remains(rows: &[&(Invoice, InvoiceState)]) -> Result<String> {
    Ok(match rows {
        [(inv, st)] => {
            let paid = st.paid_and_credited()?;
            if paid.is_positive() {
                format!(
                    "the invoice below remains partly unpaid to date ({} paid out of {})",
                    paid.format_en(),
                    inv.amount.format_en()
                )
            } else {
                "the invoice below remains unpaid to date".to_owned()
            }
        }
        _ => "the invoices below remain unpaid to date".to_owned(),
    })
}

fn method(m: crate::model::PaymentMethod) -> &'static str {
    use crate::model::PaymentMethod as M;
    match m {
        M::Transfer => "Bank transfer",
        M::Cheque => "Cheque",
        M::Card => "Card",
        M::Cash => "Cash",
        M::DirectDebit => "Direct debit",
        M::Other => "Other",
    }
}

fn signature_en(b: &Business) -> Vec<String> {
    let mut s = vec![b
        .signatory_name
        .clone()
        .unwrap_or_else(|| b.legal_name.clone())];
    s.extend(b.trade_name.clone().filter(|t| t != &b.legal_name));
    s
}

pub(super) fn reminder(
    ctx: &LetterContext<'_>,
    kind: LetterKind,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let rows = claimed_or_refuse(ctx, "relancer")?;
    let firm = kind == LetterKind::FirmReminder;
    let b2b = ctx.client.kind == ClientKind::Professional;
    let several = rows.len() > 1;
    let principal = Money::sum(rows.iter().map(|(_, s)| s.balance))?;
    let oldest = rows
        .iter()
        .map(|(i, _)| i.due_date)
        .min()
        .unwrap_or(ctx.today);
    let days = deadline_days(opts)?;
    let by = crate::calendar::Calendar::france().on_or_after(
        ctx.today
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .unwrap_or(ctx.today),
    );
    let default_opening = if firm {
        let what = remains(&rows)?;
        match contacts(ctx, oldest).sentence(&what, EN) {
            Some(s) => format!("{s}."),
            None => format!(
                "Unless I am mistaken, {what}, although it fell due on {}.",
                long(oldest)
            ),
        }
    } else {
        match rows.as_slice() {
            [(inv, st)] if st.paid_and_credited()?.is_positive() => format!(
                "Unless I am mistaken, the invoice below has been paid only in part ({} out of {}). It is probably an oversight, so I am taking the liberty of reminding you of the balance.",
                st.paid_and_credited()?.format_en(),
                inv.amount.format_en()
            ),
            [_] => "Unless I am mistaken, the invoice below has not been paid yet. It is probably an oversight, so I am taking the liberty of reminding you of it.".to_owned(),
            _ => "Unless I am mistaken, the invoices below have not been paid yet. It is probably an oversight, so I am taking the liberty of reminding you of them.".to_owned(),
        }
    };
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let mut t = table(&rows, false)?;
    if several {
        t.totals.push(total("Total", 6, 5, principal));
    }
    let mut body = vec![
        Block::Paragraph {
            text: opening.clone(),
        },
        Block::Table { table: t },
        Block::Strong {
            text: format!(
                "I would be grateful if you could pay {} by {}.",
                principal.format_en(),
                long(by)
            ),
        },
        Block::Paragraph {
            text: pay(ctx, &reference(&rows)),
        },
    ];
    let (mut interest, mut indemnities) = (Money::ZERO, Money::ZERO);
    if firm && b2b && ctx.penalties.interest.is_positive() {
        interest = ctx.penalties.interest;
        indemnities = ctx.penalties.indemnities;
        body.push(Block::Paragraph {
            text: format!(
                "May I remind you that, under articles L441-10 and D441-5 of the French Commercial Code, late payment makes late-payment penalties due by law ({} as of {}), together with a fixed indemnity of €40.00 per invoice for recovery costs.",
                interest.format_en(),
                long(ctx.today)
            ),
        });
    }
    let closing = edited(
        &opts.closing,
        "closing",
        if firm {
            "If a difficulty explains this delay, please contact me: we can agree on a solution together, for instance payment in instalments.".to_owned()
        } else {
            "If the payment is already on its way, please disregard this letter. I remain at your disposal for any question about this invoice.".to_owned()
        },
    )?;
    body.push(Block::Paragraph {
        text: closing.clone(),
    });
    let addressee = crate::addressee::Addressee::of(ctx.client);
    Ok(Letter {
        kind,
        language: EN,
        client_id: ctx.client.id,
        date: ctx.today,
        title: format!(
            "{} – {} – {}",
            if firm { "Second reminder" } else { "Reminder" },
            ctx.client.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient,
        place_date: place_date(ctx),
        mention: None,
        registered_number: None,
        subject: format!(
            "Subject: {} – {} {}",
            if firm { "Second reminder" } else { "Reminder" },
            if several { "invoices" } else { "invoice" },
            reference(&rows)
        ),
        salutation: addressee.salutation(EN),
        body,
        farewell: addressee.farewell(EN),
        signature: signature_en(ctx.business),
        enclosures: Some(copies(&rows)),
        annex: None,
        fold_marks: !opts.no_fold_marks,
        opening,
        closing,
        deadline_days: Some(days),
        principal,
        interest,
        indemnities,
        total: principal,
        plan_id: None,
        countersignature: Vec::new(),
        invoice_ids: rows.iter().map(|(i, _)| i.id).collect(),
    })
}

pub(super) fn statement(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let account = super::reminders::account(ctx)?;
    let default_opening = if account.open.is_empty() {
        format!(
            "Unless I am mistaken, your account is settled as of {}: no invoice is awaiting payment. Thank you for your trust.",
            long(ctx.today)
        )
    } else {
        format!(
            "Please find below the statement of your account as of {}, errors and omissions excepted.",
            long(ctx.today)
        )
    };
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let mut body = vec![Block::Paragraph {
        text: opening.clone(),
    }];
    if !account.open.is_empty() {
        let mut t = table(&account.open, true)?;
        if account.in_dispute.is_positive() {
            t.totals.push(total("Account total", 7, 5, account.total));
            t.totals
                .push(total("of which disputed", 7, 5, account.in_dispute));
            t.totals.push(total("Balance to pay", 7, 5, account.to_pay));
        } else {
            t.totals.push(total("Total due", 7, 5, account.total));
        }
        if account.overdue.is_positive() && account.overdue != account.to_pay {
            t.totals
                .push(total("of which overdue", 7, 5, account.overdue));
        }
        body.push(Block::Table { table: t });
        if account.in_dispute.is_positive() {
            body.push(Block::Paragraph {
                text: format!(
                    "Invoice{} {} ({}), disputed, {} not claimed until we have settled this point together.",
                    if account.disputed.len() > 1 { "s" } else { "" },
                    crate::text::join_with(&account.disputed, "and"),
                    account.in_dispute.format_en(),
                    if account.disputed.len() > 1 { "are" } else { "is" },
                ),
            });
        }
    }
    if !account.received.is_empty() {
        body.push(Block::Paragraph {
            text: format!(
                "Payments received since {}, with the invoices they paid:",
                long(account.since)
            ),
        });
        body.push(Block::Table {
            table: Table {
                columns: vec![
                    col("Date", 15, false),
                    col("Method", 15, false),
                    col("Reference", 22, false),
                    col("Amount", 16, true),
                    col("Applied to", 32, false),
                ],
                rows: account
                    .received
                    .iter()
                    .map(|r| {
                        vec![
                            format_date_fr(r.date),
                            method(r.method_code).to_owned(),
                            r.reference.clone(),
                            r.amount.format_en(),
                            r.applied
                                .iter()
                                .map(|(n, m)| {
                                    if n.is_empty() {
                                        format!("credit in your favour ({})", m.format_en())
                                    } else {
                                        format!("{n} ({})", m.format_en())
                                    }
                                })
                                .collect::<Vec<_>>()
                                .join(", "),
                        ]
                    })
                    .collect(),
                totals: Vec::new(),
            },
        });
    }
    if let Some(r) = &account.pay_reference {
        body.push(Block::Paragraph { text: pay(ctx, r) });
    }
    let closing = edited(
        &opts.closing,
        "closing",
        "If a payment or a credit note is missing from this statement, please let me know so that I can update your account.".to_owned(),
    )?;
    body.push(Block::Paragraph {
        text: closing.clone(),
    });
    let addressee = crate::addressee::Addressee::of(ctx.client);
    Ok(Letter {
        kind: LetterKind::Statement,
        language: EN,
        client_id: ctx.client.id,
        date: ctx.today,
        title: format!(
            "Statement of account – {} – {}",
            ctx.client.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient,
        place_date: place_date(ctx),
        mention: None,
        registered_number: None,
        subject: format!("Subject: Statement of account as of {}", long(ctx.today)),
        salutation: addressee.salutation(EN),
        body,
        farewell: addressee.farewell(EN),
        signature: signature_en(ctx.business),
        enclosures: None,
        annex: None,
        fold_marks: !opts.no_fold_marks,
        opening,
        closing,
        deadline_days: None,
        principal: account.total,
        interest: Money::ZERO,
        indemnities: Money::ZERO,
        total: account.total,
        plan_id: None,
        countersignature: Vec::new(),
        invoice_ids: account.open.iter().map(|(i, _)| i.id).collect(),
    })
}

/// « 12.15% ».
fn english_rate(rate: rust_decimal::Decimal) -> String {
    crate::money::format_rate_fr(rate)
        .replace(',', ".")
        .replace(['\u{a0}', '\u{202f}', ' '], "")
}

fn rate_words_en(basis: crate::legal::RateBasis, rate: rust_decimal::Decimal) -> String {
    use crate::legal::RateBasis;
    let r = english_rate(rate);
    match basis {
        RateBasis::EcbPlusTen => format!(
            "{r} a year (the European Central Bank refinancing rate plus 10 percentage points)"
        ),
        RateBasis::Stipulated => format!("{r} a year (the contractual rate)"),
        RateBasis::Floor => {
            format!("{r} a year (three times the legal interest rate, the statutory minimum)")
        }
        RateBasis::LegalInterest => format!("{r} a year (the legal interest rate)"),
    }
}

fn rates_en(p: &crate::legal::ClientPenalties) -> String {
    match rates_used(p).as_slice() {
        [(b, r)] => format!("at the rate of {}", rate_words_en(*b, *r)),
        _ => "at the rates in force for each half-year, shown in the annex".to_owned(),
    }
}

/// The real next step if nothing is paid (legal-fr A.6, B §5), never a threat beyond it.
fn next_step_en(kind: ClientKind, total: Money) -> String {
    let small = total <= crate::recovery::SMALL_CLAIMS_CEILING;
    match (kind, small) {
        (ClientKind::Professional, true) => "Failing payment within this period, I will start recovery proceedings without further notice: the simplified procedure for small claims before a commissaire de justice, or an application for an order for payment (injonction de payer) to the competent court.".to_owned(),
        (ClientKind::Consumer, true) => "Failing payment within this period, I will refer the matter without further notice to a conciliateur de justice or apply to the competent court for an order for payment (injonction de payer).".to_owned(),
        (_, false) => "Failing payment within this period, I will apply without further notice to the competent court for an order for payment (injonction de payer).".to_owned(),
    }
}

/// The mise en demeure in English: every element of the French one (legal-fr B §4.2), the same amounts.
pub(super) fn formal_notice(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let rows = claimed_or_refuse(ctx, "mettre en demeure")?;
    let days = deadline_days(opts)?;
    let b2b = ctx.client.kind == ClientKind::Professional;
    let p = ctx.penalties;
    let principal = Money::sum(rows.iter().map(|(_, s)| s.balance))?;
    let oldest = rows
        .iter()
        .map(|(i, _)| i.due_date)
        .min()
        .unwrap_or(ctx.today);
    let several = rows.len() > 1;
    let what = remains(&rows)?
        .replace("the invoice below", "the following invoice")
        .replace("the invoices below", "the following invoices");
    let default_opening = match contacts(ctx, oldest).sentence(&what, EN) {
        Some(s) => format!("{s}:"),
        None => format!(
            "Unless I am mistaken, {what}, although {} due date has passed:",
            if several { "their" } else { "its" }
        ),
    };
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let mut t = table(&rows, false)?;
    if several {
        t.totals.push(total("Total", 6, 5, principal));
    }
    let mut body = vec![
        Block::Paragraph {
            text: opening.clone(),
        },
        Block::Table { table: t },
    ];
    let (interest, indemnities) = (p.interest, p.indemnities);
    if b2b {
        let mut text = format!(
            "Under article L441-10 of the French Commercial Code, late-payment penalties are due by law from the day after each due date, {}; they amount to {} as of {} (breakdown in the annex) and continue to run until full payment.",
            rates_en(p),
            interest.format_en(),
            long(ctx.today)
        );
        // Invoices paid after their due date still owe their penalties and 40 € (« pour tout retard »).
        let paid_late: Vec<String> = p
            .invoices
            .iter()
            .filter(|i| i.waived_on.is_none())
            .filter_map(|i| {
                i.settled_on.map(|on| {
                    format!(
                        "{} (due on {}, paid on {})",
                        i.number,
                        long(i.due_date),
                        long(on)
                    )
                })
            })
            .collect();
        if !paid_late.is_empty() {
            text.push_str(&format!(
                " This amount includes the penalties of the {} paid after {} due date: {}.",
                if paid_late.len() > 1 {
                    "invoices"
                } else {
                    "invoice"
                },
                if paid_late.len() > 1 { "their" } else { "its" },
                crate::text::join_with(&paid_late, "and")
            ));
        }
        if indemnities.is_positive() {
            let n = indemnities.cents().checked_div(4000).unwrap_or(0);
            text.push_str(&format!(
                " In addition, the fixed indemnity for recovery costs of €40.00 per invoice provided for by article D441-5 of the same code is due, that is {}{}.",
                indemnities.format_en(),
                if n > 1 { format!(" for {n} invoices") } else { String::new() }
            ));
        }
        body.push(Block::Paragraph { text });
    } else if interest.is_positive() {
        body.push(Block::Paragraph {
            text: format!(
                "Under articles 1231-6 and 1344-1 of the French Civil Code, these sums bear interest at the legal rate from the receipt of my formal notice of {}; it amounts to {} as of {} (breakdown in the annex).",
                p.formal_notice.map(long).unwrap_or_default(),
                interest.format_en(),
                long(ctx.today)
            ),
        });
    }
    let claimed = principal.checked_add(interest)?.checked_add(indemnities)?;
    let mut totals = vec![vec![
        "Principal outstanding".to_owned(),
        principal.format_en(),
    ]];
    if b2b {
        totals.push(vec![
            format!("Late-payment penalties as of {}", format_date_fr(ctx.today)),
            interest.format_en(),
        ]);
        if indemnities.is_positive() {
            totals.push(vec![
                "Fixed indemnity for recovery costs".to_owned(),
                indemnities.format_en(),
            ]);
        }
    } else if interest.is_positive() {
        totals.push(vec![
            format!(
                "Interest at the legal rate as of {}",
                format_date_fr(ctx.today)
            ),
            interest.format_en(),
        ]);
    }
    body.push(Block::Table {
        table: Table {
            columns: vec![col("", 70, false), col("", 30, true)],
            rows: totals,
            totals: vec![vec!["Total claimed".to_owned(), claimed.format_en()]],
        },
    });
    body.push(Block::Strong {
        text: format!(
            "I hereby give you formal notice to pay me the sum of {} within {days} days of receiving this letter.",
            claimed.format_en()
        ),
    });
    if !b2b {
        body.push(Block::Paragraph {
            text: "Under articles 1231-6 and 1344-1 of the French Civil Code, this sum will bear interest at the legal rate from the receipt of this formal notice. No recovery costs are claimed from you.".to_owned(),
        });
    }
    // The reference names what is paid: the open invoices, and the penalties of those paid late.
    let late: Vec<String> = p
        .invoices
        .iter()
        .filter(|i| i.settled_on.is_some() && i.waived_on.is_none())
        .map(|i| i.number.clone())
        .collect();
    let reference_all = if late.is_empty() {
        reference(&rows)
    } else {
        format!("{}, penalties {}", reference(&rows), late.join(", "))
    };
    body.push(Block::Paragraph {
        text: pay(ctx, &reference_all),
    });
    body.push(Block::Paragraph {
        text: next_step_en(ctx.client.kind, claimed),
    });
    let closing = edited(
        &opts.closing,
        "closing",
        "If you are facing a difficulty, any proposal for payment you make within this period, including payment in instalments, will be carefully considered.".to_owned(),
    )?;
    body.push(Block::Paragraph {
        text: closing.clone(),
    });
    let annex = if interest.is_positive() {
        Some(breakdown_en(ctx, b2b)?)
    } else {
        None
    };
    let mut attached = vec![copies(&rows)
        .trim_start_matches("Enclosures: ")
        .trim_start_matches("Enclosure: ")
        .trim_end_matches('.')
        .to_owned()];
    if annex.is_some() {
        attached.push("breakdown of the sums claimed (annex)".to_owned());
    }
    let addressee = crate::addressee::Addressee::of(ctx.client);
    Ok(Letter {
        kind: LetterKind::FormalNotice,
        language: EN,
        client_id: ctx.client.id,
        date: ctx.today,
        title: format!(
            "Formal notice – {} – {}",
            ctx.client.name,
            format_date_fr(ctx.today)
        ),
        sender,
        recipient,
        place_date: place_date(ctx),
        registered_number: registered_number(opts),
        mention: Some(format!(
            "Registered letter with acknowledgment of receipt no.\u{a0}{}",
            registered_or_blank(opts)
        )),
        subject: format!(
            "Subject: FORMAL NOTICE TO PAY (MISE EN DEMEURE) – {} {}",
            if several { "invoices" } else { "invoice" },
            reference(&rows)
        ),
        salutation: addressee.salutation(EN),
        body,
        farewell: addressee.farewell(EN),
        signature: signature_en(ctx.business),
        enclosures: Some(format!(
            "{}: {}.",
            if attached.len() > 1 {
                "Enclosures"
            } else {
                "Enclosure"
            },
            attached.join("; ")
        )),
        annex,
        fold_marks: !opts.no_fold_marks,
        opening,
        closing,
        deadline_days: Some(days),
        principal,
        interest,
        indemnities,
        total: claimed,
        plan_id: None,
        countersignature: Vec::new(),
        invoice_ids: rows.iter().map(|(i, _)| i.id).collect(),
    })
}

/// The annex in English: per invoice, per half-year segment, the days, base, rate and amount.
fn breakdown_en(ctx: &LetterContext<'_>, b2b: bool) -> Result<Annex> {
    let p = ctx.penalties;
    let mut rows = Vec::new();
    for inv in p.invoices.iter().filter(|i| i.waived_on.is_none()) {
        for s in &inv.accrual.segments {
            rows.push(vec![
                inv.number.clone(),
                format!("{} → {}", format_date_fr(s.from), format_date_fr(s.to)),
                s.days.to_string(),
                s.base.format_en(),
                english_rate(s.rate),
                s.amount.format_en(),
            ]);
        }
    }
    let mut totals = vec![total(
        if b2b {
            "Late-payment penalties"
        } else {
            "Interest at the legal rate"
        },
        6,
        5,
        p.interest,
    )];
    if p.indemnities.is_positive() {
        totals.push(total(
            "Fixed indemnities (€40.00 per invoice)",
            6,
            5,
            p.indemnities,
        ));
    }
    let body = vec![
        Block::Paragraph {
            text: if b2b {
                "Late-payment penalties (French Commercial Code, L441-10 II): simple interest on the balance of each invoice, day by day from the day after its due date, over a 365-day year. The rate is the one in force on 1 January or 1 July of each half-year; a partial payment reduces the base from its date. Each period is rounded to the cent.".to_owned()
            } else {
                "Interest at the legal rate (French Civil Code, 1231-6 and 1344-1): simple interest on the balance, day by day from the receipt of the formal notice, over a 365-day year, at the rate of each half-year. Each period is rounded to the cent.".to_owned()
            },
        },
        Block::Table {
            table: Table {
                columns: vec![
                    col("Invoice", 17, false),
                    col("Period", 27, false),
                    col("Days", 9, true),
                    col("Base", 17, true),
                    col("Rate", 13, true),
                    col("Amount", 17, true),
                ],
                rows,
                totals,
            },
        },
        Block::Paragraph {
            text: format!(
                "Amounts as of {}. The {} continue to run until full payment.",
                long(ctx.today),
                if b2b { "penalties" } else { "interest" }
            ),
        },
    ];
    Ok(Annex {
        title: format!(
            "Annex – Breakdown of the {} as of {}",
            if b2b {
                "late-payment penalties"
            } else {
                "interest"
            },
            long(ctx.today)
        ),
        body,
        signature: Vec::new(),
        countersignature: Vec::new(),
    })
}

/// The claim for the penalties of invoices paid late, in English (C. com. L441-10 II, D441-5).
pub(super) fn penalty_claim(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let mut letter = super::penalty_claim::penalty_claim(ctx, opts, sender, recipient)?;
    let mut only = ctx.penalties.clone();
    only.invoices
        .retain(|i| i.settled_on.is_some() && i.waived_on.is_none());
    only.interest = letter.interest;
    only.indemnities = letter.indemnities;
    only.principal = Money::ZERO;
    only.total = letter.total;
    let sub = LetterContext {
        penalties: &only,
        ..*ctx
    };
    let days = letter.deadline_days.unwrap_or(DEFAULT_DEADLINE_DAYS);
    let several = only.invoices.len() > 1;
    let numbers: Vec<String> = only.invoices.iter().map(|i| i.number.clone()).collect();
    let paid: Vec<String> = only
        .invoices
        .iter()
        .map(|i| {
            format!(
                "{} (due on {}, paid on {})",
                i.number,
                long(i.due_date),
                i.settled_on.map(long).unwrap_or_default()
            )
        })
        .collect();
    let default_opening = format!(
        "Thank you for paying {} {}. As {} after {} due date, {} entitled, under article L441-10 of the French Commercial Code, to late-payment penalties, together with the fixed indemnity for recovery costs of €40.00 per invoice provided for by article D441-5 of the same code.",
        if several { "invoices" } else { "invoice" },
        crate::text::join_with(&paid, "and"),
        if several { "these payments were made" } else { "this payment was made" },
        if several { "their" } else { "its" },
        "I am",
    );
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let rows: Vec<Vec<String>> = only
        .invoices
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                format_date_fr(i.due_date),
                i.settled_on.map(format_date_fr).unwrap_or_default(),
                i.accrual.interest.format_en(),
                i.accrual.indemnity.format_en(),
            ]
        })
        .collect();
    let mut body = vec![
        Block::Paragraph {
            text: opening.clone(),
        },
        Block::Table {
            table: Table {
                columns: vec![
                    col("Invoice", 22, false),
                    col("Due", 18, false),
                    col("Paid on", 18, false),
                    col("Penalties", 21, true),
                    col("Indemnity", 21, true),
                ],
                rows,
                totals: vec![total("Total", 5, 4, letter.total)],
            },
        },
        Block::Paragraph {
            text: format!(
                "The penalties are computed {} on the amount left unpaid, from the day after the due date to the day of payment (breakdown in the annex).",
                rates_en(&only)
            ),
        },
        Block::Strong {
            text: format!(
                "I would be grateful if you could pay me the sum of {} within {days} days.",
                letter.total.format_en()
            ),
        },
        Block::Paragraph {
            text: pay(ctx, &format!("Penalties {}", numbers.join(", "))),
        },
    ];
    let closing = edited(
        &opts.closing,
        "closing",
        "I value our working relationship: if this amount calls for any remark on your part, or if you would like to discuss it, I remain at your disposal.".to_owned(),
    )?;
    body.push(Block::Paragraph {
        text: closing.clone(),
    });
    let addressee = crate::addressee::Addressee::of(ctx.client);
    letter.language = EN;
    letter.title = format!(
        "Claim for late-payment penalties – {} – {}",
        ctx.client.name,
        format_date_fr(ctx.today)
    );
    letter.place_date = place_date(ctx);
    letter.subject = format!(
        "Subject: late-payment penalties – {} {}",
        if several { "invoices" } else { "invoice" },
        numbers.join(", ")
    );
    letter.salutation = addressee.salutation(EN);
    letter.body = body;
    letter.farewell = addressee.farewell(EN);
    letter.signature = signature_en(ctx.business);
    letter.enclosures = Some("Enclosure: breakdown of the penalties (annex).".to_owned());
    letter.annex = Some(breakdown_en(&sub, true)?);
    letter.opening = opening;
    letter.closing = closing;
    Ok(letter)
}

/// The mise en demeure invoking the calendar's acceleration clause (déchéance du terme), in English.
pub(super) fn default_notice(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    // The French notice checks the calendar and gathers the amounts; the words are redone in English.
    let mut letter = super::plan_letters::default_notice(ctx, opts, sender, recipient)?;
    let st = ctx
        .plan
        .ok_or_else(|| Error::new(ErrorCode::PlanNotFound, "Échéancier introuvable."))?;
    let plan = &st.plan;
    let signed = plan.signed_on.unwrap_or(plan.created_on);
    let late: Vec<_> = st
        .instalments
        .iter()
        .filter(|i| i.status == crate::plans::InstalmentStatus::Late)
        .collect();
    let several = late.len() > 1;
    let company = ctx.client.kind == ClientKind::Professional;
    let default_opening = format!(
        "Under a payment calendar signed on {}, {} to pay the sum of {} according to a schedule agreed together. Unless I am mistaken, {} unpaid to date:",
        long(signed),
        if company { "your company undertook" } else { "you undertook" },
        plan.total.format_en(),
        if several { "the following instalments remain" } else { "the following instalment remains" }
    );
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let mut t = Table {
        columns: vec![
            col("Instalment", 26, false),
            col("Date", 18, false),
            col("Amount", 19, true),
            col("Paid", 18, true),
            col("Balance", 19, true),
        ],
        rows: late
            .iter()
            .map(|i| {
                vec![
                    if i.instalment.down_payment {
                        "Down payment".to_owned()
                    } else {
                        format!("Instalment no.\u{a0}{}", i.instalment.number)
                    },
                    format_date_fr(i.instalment.due_on),
                    i.instalment.amount.format_en(),
                    i.paid.format_en(),
                    i.left.format_en(),
                ]
            })
            .collect(),
        totals: Vec::new(),
    };
    if several {
        t.totals.push(total("Total", 5, 4, st.late_amount));
    }
    let days = plan.notice_days;
    let waived = plan.waived()?;
    let mut consequence = format!(
        "Failing this, the acceleration clause will take effect: the whole remaining balance, that is {} as of {}, will become immediately due",
        st.left.format_en(),
        long(ctx.today)
    );
    if waived.is_positive() {
        consequence.push_str(&format!(
            ", together with the sums I had waived on condition that the calendar be honoured ({}, {}), and the {} accrued since {} until full payment",
            if company { "late-payment penalties and fixed indemnity" } else { "interest at the legal rate" },
            waived.format_en(),
            if company { "late-payment penalties" } else { "interest" },
            long(plan.created_on)
        ));
    } else if company && plan.treatment != crate::plans::PenaltyTreatment::Waived {
        consequence.push_str(", plus the late-payment penalties running on that balance until full payment (article L441-10 of the French Commercial Code)");
    }
    consequence.push('.');
    let closing = edited(
        &opts.closing,
        "closing",
        "If a new difficulty prevents you from keeping to the calendar, please contact me without delay: an adjustment remains possible.".to_owned(),
    )?;
    let body = vec![
        Block::Paragraph { text: opening.clone() },
        Block::Table { table: t },
        Block::Strong {
            text: format!(
                "I hereby give you formal notice to pay me the sum of {} within {days} days of receiving this letter, in accordance with the acceleration clause of the payment calendar.",
                st.late_amount.format_en()
            ),
        },
        Block::Paragraph { text: consequence },
        Block::Paragraph {
            text: pay(
                ctx,
                &format!(
                    "{} {}",
                    plan.reference(),
                    plan.invoices.iter().map(|i| i.number.clone()).collect::<Vec<_>>().join(" ")
                ),
            ),
        },
        Block::Paragraph { text: next_step_en(ctx.client.kind, st.left) },
        Block::Paragraph { text: closing.clone() },
    ];
    let addressee = crate::addressee::Addressee::of(ctx.client);
    letter.language = EN;
    letter.title = format!(
        "Formal notice (payment calendar) – {} – {}",
        ctx.client.name,
        format_date_fr(ctx.today)
    );
    letter.place_date = place_date(ctx);
    letter.mention = Some(format!(
        "Registered letter with acknowledgment of receipt no.\u{a0}{}",
        registered_or_blank(opts)
    ));
    letter.subject = format!(
        "Subject: FORMAL NOTICE – payment calendar no.\u{a0}{} signed on {} – acceleration clause",
        plan.reference(),
        long(signed)
    );
    letter.salutation = addressee.salutation(EN);
    letter.body = body;
    letter.farewell = addressee.farewell(EN);
    letter.signature = signature_en(ctx.business);
    letter.enclosures = Some("Enclosure: copy of the signed payment calendar.".to_owned());
    letter.opening = opening;
    letter.closing = closing;
    Ok(letter)
}

/// One party, as a lawyer writes it in English.
fn party_en(
    name: &str,
    form: Option<&str>,
    id: Option<String>,
    address: Option<String>,
    seat: u8,
    representative: Option<&str>,
) -> String {
    let mut parts = vec![name.to_owned()];
    parts.extend(form.map(str::to_owned));
    parts.extend(id);
    parts.extend(address.map(|a| match seat {
        0 => format!("whose registered office is at {a}"),
        1 => format!("whose business is established at {a}"),
        _ => format!("residing at {a}"),
    }));
    let mut s = parts.join(", ");
    if let Some(r) = representative.filter(|r| *r != name) {
        s.push_str(&format!(", represented by {r}"));
    }
    s
}

/// The payment calendar in English: a cover letter, then the settlement agreement with its two signatures.
pub(super) fn agreement(
    ctx: &LetterContext<'_>,
    opts: &LetterOptions,
    sender: Vec<String>,
    recipient: Vec<String>,
) -> Result<Letter> {
    let mut letter = super::plan_letters::agreement(ctx, opts, sender, recipient)?;
    let st = ctx
        .plan
        .ok_or_else(|| Error::new(ErrorCode::PlanNotFound, "Échéancier introuvable."))?;
    let plan = &st.plan;
    let (b, c) = (ctx.business, ctx.client);
    let b2b = c.kind == ClientKind::Professional;
    let extras = plan.penalties.checked_add(plan.indemnities)?;
    let numbers: Vec<String> = plan.invoices.iter().map(|i| i.number.clone()).collect();
    let of_invoices = if numbers.len() > 1 {
        format!("invoices {}", crate::text::join_with(&numbers, "and"))
    } else {
        format!("invoice {}", numbers.join(""))
    };
    let conversation = ctx
        .journal
        .iter()
        .rev()
        .find(|e| {
            e.date <= plan.created_on
                && e.kind == crate::model::JournalKind::Call
                && e.call_outcome == Some(crate::model::CallOutcome::Difficulty)
        })
        .map(|e| e.date);
    let default_opening = format!(
        "As agreed{}, please find enclosed the settlement agreement setting out the payment calendar for {of_invoices}, in two copies. I would be grateful if you could return one copy, dated and signed, preceded by the handwritten words “Bon pour accord” (read and approved).",
        conversation.map(|d| format!(" during our conversation of {}", long(d))).unwrap_or_default()
    );
    let opening = edited(&opts.opening, "opening", default_opening)?;
    let n = plan.instalments.len();
    let span = match (plan.instalments.first(), plan.instalments.last()) {
        (Some(a), Some(z)) if n > 1 => format!(", from {} to {}", long(a.due_on), long(z.due_on)),
        (Some(a), _) => format!(", on {}", long(a.due_on)),
        _ => String::new(),
    };
    let waived = extras.is_positive() && plan.treatment == crate::plans::PenaltyTreatment::Waived;
    let closing = edited(
        &opts.closing,
        "closing",
        "Thank you for your trust; I remain at your disposal to adjust this calendar if your situation requires it.".to_owned(),
    )?;
    let cover = vec![
        Block::Paragraph { text: opening.clone() },
        Block::Paragraph {
            text: format!(
                "In short: {} to pay in {n} instalment{}{span}{}. Once I receive the signed copy, reminders stop as long as the calendar is followed.",
                plan.total.format_en(),
                if n > 1 { "s" } else { "" },
                if waived { "; if each instalment is paid on its date, I waive the penalties and the indemnity (article 4)" } else { "" }
            ),
        },
        Block::Paragraph { text: closing.clone() },
    ];
    // The agreement itself.
    let creditor_company = crate::addressee::is_company(&b.legal_name, b.legal_form.as_deref());
    let creditor = party_en(
        &b.legal_name,
        b.legal_form.as_deref(),
        b.siret
            .as_deref()
            .map(|s| format!("SIRET {}", format_siren_siret(s))),
        b.contact.one_line(),
        if creditor_company { 0 } else { 1 },
        creditor_company
            .then_some(b.signatory_name.as_deref())
            .flatten(),
    );
    let representative = c
        .contact_name
        .as_deref()
        .filter(|_| b2b)
        .map(|n| crate::addressee::with_civility_in(n, c.civility, EN));
    let debtor = party_en(
        &c.name,
        None,
        c.siren
            .as_deref()
            .map(|s| format!("SIREN {}", format_siren_siret(s))),
        c.contact.one_line(),
        match (b2b, crate::addressee::is_company_name(&c.name)) {
            (false, _) => 2,
            (true, true) => 0,
            (true, false) => 1,
        },
        representative.as_deref(),
    );
    let mut body = vec![Block::Paragraph {
        text: format!(
            "Between the undersigned: {creditor}, hereinafter “the creditor”, of the one part, and {debtor}, hereinafter “the debtor”, of the other part, it has been agreed as follows."
        ),
    }];
    let mut article = 0u32;
    let mut heading = |body: &mut Vec<Block>, title: &str| {
        article = article.saturating_add(1);
        body.push(Block::Strong {
            text: format!("Article {article} – {title}"),
        });
    };
    heading(&mut body, "Acknowledgment of debt");
    body.push(Block::Paragraph {
        text: format!(
            "The debtor acknowledges owing the creditor the sum of {} in principal, for {of_invoices}:",
            plan.principal.format_en()
        ),
    });
    let mut invoices = Table {
        columns: vec![
            col("Invoice", 20, false),
            col("Date", 18, false),
            col("Due", 18, false),
            col("Amount", 22, true),
            col("Balance", 22, true),
        ],
        rows: plan
            .invoices
            .iter()
            .map(|i| {
                vec![
                    i.number.clone(),
                    format_date_fr(i.issue_date),
                    format_date_fr(i.due_date),
                    i.amount.format_en(),
                    i.balance.format_en(),
                ]
            })
            .collect(),
        totals: Vec::new(),
    };
    if plan.invoices.len() > 1 {
        invoices.totals.push(total("Total", 5, 4, plan.principal));
    }
    body.push(Block::Table { table: invoices });
    if extras.is_positive() {
        body.push(Block::Paragraph {
            text: if b2b {
                format!(
                    "In addition, as of {}, late-payment penalties of {} are due (article L441-10 of the French Commercial Code){}; article 4 settles what becomes of them.",
                    long(plan.created_on),
                    plan.penalties.format_en(),
                    if plan.indemnities.is_positive() {
                        format!(", together with the fixed indemnity for recovery costs of {} (article D441-5 of the same code)", plan.indemnities.format_en())
                    } else {
                        String::new()
                    }
                )
            } else {
                format!(
                    "In addition, as of {}, interest at the legal rate of {} is due (articles 1231-6 and 1344-1 of the French Civil Code); article 4 settles what becomes of it.",
                    long(plan.created_on),
                    plan.penalties.format_en()
                )
            },
        });
    }
    heading(&mut body, "Payment schedule");
    body.push(Block::Paragraph {
        text: format!(
            "The debtor undertakes to pay the sum of {} according to the following schedule:",
            plan.total.format_en()
        ),
    });
    body.push(Block::Table {
        table: Table {
            columns: vec![
                col("Instalment", 40, false),
                col("Date", 30, false),
                col("Amount", 30, true),
            ],
            rows: plan
                .instalments
                .iter()
                .map(|i| {
                    vec![
                        if i.down_payment {
                            "Down payment".to_owned()
                        } else {
                            format!("Instalment no.\u{a0}{}", i.number)
                        },
                        format_date_fr(i.due_on),
                        i.amount.format_en(),
                    ]
                })
                .collect(),
            totals: vec![total("Total", 3, 2, plan.total)],
        },
    });
    body.push(Block::Paragraph {
        text: "The debtor may at any time pay all or part of the instalments in advance, free of charge.".to_owned(),
    });
    heading(&mut body, "Payment terms");
    body.push(Block::Paragraph {
        text: pay(ctx, &format!("{} {}", plan.reference(), numbers.join(" "))),
    });
    if extras.is_positive() {
        heading(&mut body, "Penalties and indemnity");
        let what = if b2b {
            if plan.indemnities.is_positive() {
                format!(
                    "the late-payment penalties ({}) and the fixed indemnity for recovery costs ({})",
                    plan.penalties.format_en(),
                    plan.indemnities.format_en()
                )
            } else {
                format!(
                    "the late-payment penalties ({})",
                    plan.penalties.format_en()
                )
            }
        } else {
            format!(
                "the interest at the legal rate ({})",
                plan.penalties.format_en()
            )
        };
        body.push(Block::Paragraph {
            text: match plan.treatment {
                crate::plans::PenaltyTreatment::Waived => format!(
                    "The creditor waives {what}, on condition that each instalment is paid on its date. This waiver is specific to this agreement. If an instalment is not paid, these sums will become due again, together with the penalties accrued since {}.",
                    long(plan.created_on)
                ),
                crate::plans::PenaltyTreatment::Deferred => format!(
                    "{}, as of {}, are added to the last instalment, that is {} in total. No other penalty will be claimed if the calendar is honoured.",
                    crate::text::capitalize(&what),
                    long(plan.created_on),
                    extras.format_en()
                ),
                crate::plans::PenaltyTreatment::Kept => format!(
                    "{}, as of {}, are included in the instalments above, that is {} in total. No other penalty will be claimed if the calendar is honoured.",
                    crate::text::capitalize(&what),
                    long(plan.created_on),
                    extras.format_en()
                ),
            },
        });
    }
    heading(&mut body, "Acceleration");
    body.push(Block::Paragraph {
        text: format!(
            "If an instalment is not paid on its date, the creditor may give the debtor formal notice to pay it, by registered letter with acknowledgment of receipt. If it is not paid within {} days of receipt of that notice, all sums remaining due will become immediately payable{}.",
            plan.notice_days,
            if waived { ", including the sums mentioned in article 4" } else { "" }
        ),
    });
    body.push(Block::Paragraph {
        text: format!(
            "Made in {}, on {}, in two original copies.",
            signing_place(b).unwrap_or_else(|| "……………".into()),
            long(ctx.today)
        ),
    });
    let mut creditor_sign = vec!["The creditor".to_owned()];
    creditor_sign.extend(signature_en(b));
    let mut debtor_sign = vec![
        "The debtor".to_owned(),
        if b2b {
            c.name.clone()
        } else {
            crate::addressee::with_civility_in(&c.name, c.civility, EN)
        },
    ];
    debtor_sign.extend(representative.filter(|n| *n != c.name));
    debtor_sign.push("“Bon pour accord”, date and signature".to_owned());
    let revision = if plan.version > 1 {
        format!(" (version {}, replacing the previous one)", plan.version)
    } else {
        String::new()
    };
    let addressee = crate::addressee::Addressee::of(c);
    letter.language = EN;
    letter.title = format!(
        "Payment calendar – {} – {}",
        c.name,
        format_date_fr(ctx.today)
    );
    letter.place_date = place_date(ctx);
    letter.subject = format!(
        "Subject: PAYMENT CALENDAR no.\u{a0}{}{revision} – {}",
        plan.reference(),
        numbers.join(", ")
    );
    letter.salutation = addressee.salutation(EN);
    letter.body = cover;
    letter.farewell = addressee.farewell(EN);
    letter.signature = signature_en(b);
    letter.enclosures =
        Some("Enclosure: the settlement agreement in two copies, one to return signed.".to_owned());
    letter.annex = Some(Annex {
        title: format!(
            "Settlement agreement — payment calendar no.\u{a0}{}{revision}",
            plan.reference()
        ),
        body,
        signature: creditor_sign,
        countersignature: debtor_sign,
    });
    letter.opening = opening;
    letter.closing = closing;
    Ok(letter)
}

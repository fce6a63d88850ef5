//! `tact`: the command-line interface over tact-usecases and tact-core. Each command parses its arguments, makes
//! one call (a use case, or one ledger method through `Books`), and prints the result as a readable table or, with `--json`, as JSON on stdout. Errors go to stderr
//! (JSON `{"error": {code, message, field}}` with `--json`) with exit status 1; usage errors exit with 2.

/// `println!` for a command-line tool: when the reader has gone (`tact invoices list | head`), stop quietly
/// instead of panicking on the broken pipe. Defined before the modules so they use it too.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

mod cli;
mod table;

use chrono::NaiveDate;
use clap::Parser;
use cli::{
    BusinessArgs, BusinessCmd, Cli, ClientArgs, ClientsCmd, Command, ContactArgs, CreditNotesCmd,
    InvoiceArgs, InvoicesCmd, JournalCmd, PaymentsCmd,
};
use cli::{LetterArgs, LetterCmd, PlanCmd, PolicyCmd};
use serde::Serialize;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;
use table::Table;
use tact_core::input::{
    AllocationInput, BusinessInput, ClientInput, CreditNoteInput, InvoiceInput, JournalInput,
    PaymentInput, PostalContactInput,
};
use tact_core::ledger::{ArchiveFilter, ClientQuery, InvoiceQuery};
use tact_core::model::{Invoice, InvoiceStatus, Payment};
use tact_core::money::Money;
use tact_core::storage::default_db_path;
use tact_core::text::{format_date_fr, format_siren_siret, plural_fr};
use tact_core::{Error, ErrorCode, Ledger, Result};
use tact_usecases::Books;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                eprintln!("{}", json!({ "error": e }));
            } else {
                eprintln!("Erreur\u{a0}: {}", e.message);
                if let Some(field) = &e.field {
                    eprintln!("(champ\u{a0}: {field}, code\u{a0}: {})", e.code.as_str());
                } else {
                    eprintln!("(code\u{a0}: {})", e.code.as_str());
                }
            }
            ExitCode::FAILURE
        }
    }
}

struct Out {
    json: bool,
}

impl Out {
    fn json<T: Serialize>(&self, value: &T) -> Result<()> {
        let s = serde_json::to_string_pretty(value)
            .map_err(|e| Error::new(ErrorCode::Io, format!("Sortie JSON\u{a0}: {e}.")))?;
        println!("{s}");
        Ok(())
    }

    /// JSON when asked, else the human rendering.
    fn print<T: Serialize>(&self, value: &T, human: impl FnOnce()) -> Result<()> {
        if self.json {
            self.json(value)
        } else {
            human();
            Ok(())
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let path = match cli.db.clone().or_else(default_db_path) {
        Some(p) => p,
        None => {
            return Err(Error::new(
                ErrorCode::Io,
                "Impossible de trouver le dossier de données de l'application\u{a0}; indiquez la base avec --db FICHIER.",
            ))
        }
    };
    let out = Out { json: cli.json };
    if let Command::Where = cli.command {
        return out.print(&json!({ "db": path }), || println!("{}", path.display()));
    }
    // The CLI is a shell: « today » is taken once, here (--today, else the clock); the domain never reads it.
    let as_of = tact_usecases::clock::today(cli.today.as_deref())?;
    let books = Books::open(&path)?;
    if let Some(backup) = &books.open_report().backup {
        eprintln!(
            "Base mise à jour\u{a0}; copie de sauvegarde de l'ancienne version\u{a0}: {}",
            backup.display()
        );
    }
    // The use cases that go beyond the ledger (files, PDF) take the books; every other command is one ledger
    // call (or a few reads) under the books' lock.
    match cli.command {
        Command::Letter(cmd) => letter(&books, &out, cmd, as_of),
        Command::Draft {
            client,
            eml,
            after_call,
        } => draft(&books, &out, client, eml, after_call, as_of),
        Command::Import { file } => {
            let report = tact_usecases::exchange::import_file(&books, &file)?;
            out.print(&report, || {
                println!(
                    "Import terminé\u{a0}: {} clients, {} factures, {} règlements, {} avoirs, {} entrées d'historique.",
                    report.clients, report.invoices, report.payments, report.credit_notes, report.journal
                );
            })
        }
        command => books.write(|ledger| ledger_command(ledger, &out, command, as_of)),
    }
}

/// The commands that are ledger calls.
fn ledger_command(
    ledger: &mut Ledger,
    out: &Out,
    command: Command,
    as_of: NaiveDate,
) -> Result<()> {
    match command {
        Command::Where | Command::Letter(_) | Command::Draft { .. } | Command::Import { .. } => {
            Ok(())
        }
        Command::Business(cmd) => business(ledger, out, cmd),
        Command::Clients(cmd) => clients(ledger, out, cmd, as_of),
        Command::Invoices(cmd) => invoices(ledger, out, cmd, as_of),
        Command::Payments(cmd) => payments(ledger, out, cmd),
        Command::CreditNotes(cmd) => credit_notes(ledger, out, cmd),
        Command::Journal(cmd) => journal(ledger, out, cmd),
        Command::Next { client, all } => next(ledger, out, client, all, as_of),
        Command::Penalties { client } => penalties(ledger, out, client, as_of),
        Command::Plan(cmd) => plan(ledger, out, cmd, as_of),
        Command::Postpone { client, until } => {
            let o = ledger.postpone(client, &until, as_of)?;
            out.print(&o, || {
                if let Some(d) = o.pause_until {
                    println!("Prochaine étape reportée au {}.", format_date_fr(d));
                }
            })
        }
        Command::Policy(cmd) => policy(ledger, out, cmd),
        Command::Demo => {
            let report = ledger.load_demo()?;
            out.print(&report, || {
                println!(
                    "Données d'exemple chargées\u{a0}: {} clients, {} factures, {} règlements, {} entrées d'historique.",
                    report.clients, report.invoices, report.payments, report.journal
                );
            })
        }
        Command::Export => out.json(&ledger.export()?),
    }
}

// ---------------------------------------------------------------- next step

fn next(
    ledger: &Ledger,
    out: &Out,
    client: Option<i64>,
    all: bool,
    today: NaiveDate,
) -> Result<()> {
    let policy = ledger.policy()?;
    let list: Vec<(tact_core::model::Client, tact_core::engine::Suggestion)> = match client {
        Some(id) => vec![(ledger.client(id)?, ledger.suggestion(id, today, &policy)?)],
        None => ledger.suggestions(today, &policy)?,
    };
    let shown: Vec<_> = list
        .iter()
        .filter(|(_, s)| all || client.is_some() || s.due_on(today))
        .collect();
    let json: Vec<serde_json::Value> = shown
        .iter()
        .map(|(c, s)| json!({ "client": { "id": c.id, "name": c.name }, "suggestion": s }))
        .collect();
    out.print(&json, || {
        if shown.is_empty() {
            println!("Rien à faire le {}.", format_date_fr(today));
        }
        let describe = |step: &tact_core::engine::Step| {
            let when = if step.date <= today {
                "aujourd'hui".to_owned()
            } else {
                format!("le {}", format_date_fr(step.date))
            };
            let optional = if step.optional { " (facultatif)" } else { "" };
            let amount = if step.amount.is_positive() {
                format!(" — {}", step.amount.format_fr())
            } else {
                String::new()
            };
            format!("{}{optional}, {when}{amount}", step.action_label)
        };
        for (c, s) in &shown {
            println!("{} — {}", c.name, describe(&s.step));
            for r in &s.step.reasons {
                println!("    · {}", r.text);
            }
            if let Some(other) = &s.alongside {
                println!("  et aussi\u{a0}: {}", describe(other));
                for r in &other.reasons {
                    println!("    · {}", r.text);
                }
            }
            if let Some(then) = &s.step.then {
                println!("    Ensuite\u{a0}: {then}");
            }
        }
    })
}

// ---------------------------------------------------------------- drafts and policy

fn draft(
    books: &Books,
    out: &Out,
    client: i64,
    eml: Option<PathBuf>,
    after_call: Option<i64>,
    today: NaiveDate,
) -> Result<()> {
    let d = match after_call {
        Some(id) => {
            let d = books.read(|l| l.call_confirmation(id, today))?;
            if d.client_id != client {
                return Err(Error::field(
                    ErrorCode::ClientMismatch,
                    "after_call",
                    format!("L'entrée n°\u{a0}{id} concerne un autre client."),
                ));
            }
            d
        }
        None => books.read(|l| l.draft(client, today))?,
    };
    if let Some(path) = &eml {
        tact_usecases::mail::save_eml(books, &d.email(), path, today)?;
    }
    out.print(&d, || {
        if let Some(to) = &d.to {
            println!("À\u{a0}: {to}");
        }
        println!("Objet\u{a0}: {}\n", d.subject);
        println!("{}", d.body);
        if let Some(path) = &eml {
            println!("\nEnregistré\u{a0}: {}", path.display());
        }
    })
}

fn letter(books: &Books, out: &Out, cmd: LetterCmd, today: NaiveDate) -> Result<()> {
    use tact_core::letters::{LetterKind, LetterOptions, MailingInput};
    let (kind, args, deadline, number, plan_id) = match cmd {
        LetterCmd::MiseEnDemeure {
            args,
            deadline_days,
            registered_number,
        } => (
            LetterKind::FormalNotice,
            args,
            Some(deadline_days),
            registered_number,
            None,
        ),
        LetterCmd::Relance {
            args,
            ferme,
            deadline_days,
        } => (
            if ferme {
                LetterKind::FirmReminder
            } else {
                LetterKind::FriendlyReminder
            },
            args,
            Some(deadline_days),
            None,
            None,
        ),
        LetterCmd::Releve { args } => (LetterKind::Statement, args, None, None, None),
        LetterCmd::Decheance {
            args,
            registered_number,
        } => (LetterKind::PlanDefault, args, None, registered_number, None),
        LetterCmd::Plan {
            plan,
            out: file,
            opening,
            closing,
            no_fold_marks,
            final_version,
        } => {
            let client = books.read(|l| l.plan(plan, today))?.plan.client_id;
            (
                LetterKind::PlanAgreement,
                LetterArgs {
                    client,
                    out: file,
                    opening,
                    closing,
                    no_fold_marks,
                    final_version,
                },
                None,
                None,
                Some(plan),
            )
        }
        LetterCmd::List { client } => {
            let list = books.read(|l| l.letters(client))?;
            return out.print(&list, || {
                if list.is_empty() {
                    println!("Aucune lettre archivée.");
                }
                for l in &list {
                    println!(
                        "n°\u{a0}{} — {} du {} — {} — {}{}{}",
                        l.id,
                        l.kind.label_fr(),
                        format_date_fr(l.date),
                        l.total.format_fr(),
                        l.file,
                        l.registered_number
                            .as_deref()
                            .map(|n| format!(" — recommandé n°\u{a0}{n}"))
                            .unwrap_or_default(),
                        l.received_on
                            .map(|d| format!(" — AR du {}", format_date_fr(d)))
                            .unwrap_or_default()
                    );
                }
            });
        }
        LetterCmd::Mailing {
            letter,
            number,
            posted,
            received,
        } => {
            let input = MailingInput {
                registered_number: number,
                posted_on: posted,
                received_on: received,
            };
            let rec = books.write(|l| l.set_mailing(letter, &input, today))?;
            return out.print(&rec, || println!("Lettre n°\u{a0}{} mise à jour.", rec.id));
        }
    };
    let opts = LetterOptions {
        deadline_days: deadline,
        opening: args.opening,
        closing: args.closing,
        registered_number: number,
        no_fold_marks: args.no_fold_marks,
        plan_id,
    };
    let tact_usecases::letters::PrintedLetter {
        letter,
        penalties,
        pages,
        bytes,
        archived,
    } = tact_usecases::letters::print(
        books,
        args.client,
        kind,
        &opts,
        today,
        &args.out,
        args.final_version,
    )?;
    let report = json!({
        "file": args.out,
        "kind": kind,
        "pages": pages,
        "bytes": bytes,
        "principal": letter.principal,
        "interest": letter.interest,
        "indemnities": letter.indemnities,
        "total": letter.total,
        "deadline_days": letter.deadline_days,
        "penalties": penalties,
        "warnings": penalties.warnings,
        "archived": archived,
    });
    out.print(&report, || {
        println!(
            "{} pour {}\u{a0}: {} ({} page{}).",
            kind.label_fr(),
            letter.recipient.first().cloned().unwrap_or_default(),
            args.out.display(),
            pages,
            if pages > 1 { "s" } else { "" }
        );
        println!("Principal\u{a0}: {}", letter.principal.format_fr());
        if letter.interest.is_positive() {
            println!(
                "Pénalités ou intérêts\u{a0}: {}",
                letter.interest.format_fr()
            );
        }
        if letter.indemnities.is_positive() {
            println!(
                "Indemnités forfaitaires\u{a0}: {}",
                letter.indemnities.format_fr()
            );
        }
        println!("Total\u{a0}: {}", letter.total.format_fr());
        for w in &penalties.warnings {
            println!("Attention\u{a0}: {}", w.message);
        }
        if let Some(a) = &archived {
            println!(
                "Archivée (n°\u{a0}{}, SHA-256 {}) et notée dans l'historique.",
                a.id, a.sha256
            );
        }
    })
}

fn penalties(ledger: &Ledger, out: &Out, client: i64, today: NaiveDate) -> Result<()> {
    let p = ledger.penalties(client, today)?;
    out.print(&p, || {
        println!("Au {}", format_date_fr(today));
        for inv in &p.invoices {
            println!(
                "Facture {} (échéance {}) — reste dû {} — prescription le {}",
                inv.number,
                format_date_fr(inv.due_date),
                inv.balance.format_fr(),
                format_date_fr(inv.prescription)
            );
            for s in &inv.accrual.segments {
                println!(
                    "    du {} au {}\u{a0}: {} j × {} sur {} = {}",
                    format_date_fr(s.from),
                    format_date_fr(s.to),
                    s.days,
                    tact_core::money::format_rate_fr(s.rate),
                    s.base.format_fr(),
                    s.amount.format_fr()
                );
            }
            if inv.accrual.indemnity.is_positive() {
                println!(
                    "    indemnité forfaitaire\u{a0}: {}",
                    inv.accrual.indemnity.format_fr()
                );
            }
        }
        println!("Principal\u{a0}: {}", p.principal.format_fr());
        println!("Pénalités ou intérêts\u{a0}: {}", p.interest.format_fr());
        println!(
            "Indemnités forfaitaires\u{a0}: {}",
            p.indemnities.format_fr()
        );
        println!("Total\u{a0}: {}", p.total.format_fr());
        for w in &p.warnings {
            println!("Attention\u{a0}: {}", w.message);
        }
    })
}

fn policy(ledger: &mut Ledger, out: &Out, cmd: PolicyCmd) -> Result<()> {
    let p = match cmd {
        PolicyCmd::Show => ledger.policy()?,
        PolicyCmd::Reset => ledger.reset_policy()?,
        PolicyCmd::Set { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                Error::new(
                    ErrorCode::Io,
                    format!("Lecture de {}\u{a0}: {e}.", file.display()),
                )
            })?;
            let p: tact_core::engine::Policy = serde_json::from_str(&text).map_err(|e| {
                Error::new(
                    ErrorCode::InvalidSetting,
                    format!("Réglages illisibles dans {}\u{a0}: {e}.", file.display()),
                )
            })?;
            ledger.set_policy(&p)?
        }
    };
    out.print(&p, || {
        let rows = [
            (
                "Relance amiable après l'échéance",
                format!("{} jours ouvrés", p.friendly_after_working_days),
            ),
            (
                "Écart minimum entre deux contacts",
                format!("{} jours", p.min_gap_days),
            ),
            (
                "Délai de grâce après une promesse",
                format!("{} jours ouvrés", p.promise_grace_working_days),
            ),
            (
                "Mise en demeure à partir de",
                format!("{} jours de retard", p.formal_min_days_late),
            ),
            (
                "Suites après la mise en demeure",
                format!("{} jours", p.after_formal_days),
            ),
            (
                "Petite somme (pas de voie formelle en dessous)",
                p.small_amount.format_fr(),
            ),
            (
                "Rappel avant échéance",
                format!("{} jours ouvrés avant", p.preventive_working_days),
            ),
            (
                "… pour un client depuis moins de",
                format!("{} jours", p.preventive_new_client_days),
            ),
            (
                "… ou une facture d'au moins",
                p.preventive_min_amount.format_fr(),
            ),
            (
                "Particuliers : tentatives au plus sur 30 jours",
                p.consumer_max_attempts_per_30_days.to_string(),
            ),
            (
                "Bon payeur : factures réglées au moins",
                p.good_payer_min_invoices.to_string(),
            ),
            (
                "Bon payeur : part réglée à l'heure",
                format!("{} %", p.good_payer_min_on_time_percent),
            ),
        ];
        for (label, value) in rows {
            println!("{label:48} {value}");
        }
    })
}

// ---------------------------------------------------------------- business

fn business(ledger: &mut Ledger, out: &Out, cmd: BusinessCmd) -> Result<()> {
    match cmd {
        BusinessCmd::Show => {
            let b = ledger.business()?;
            out.print(&b, || match &b {
                None => println!("Aucun profil d'entreprise. Créez-le avec\u{a0}: tact business set --legal-name \"…\""),
                Some(b) => {
                    let rows = [
                        ("Nom ou raison sociale", Some(b.legal_name.clone())),
                        ("Nom commercial", b.trade_name.clone()),
                        ("Forme juridique", b.legal_form.clone()),
                        ("SIRET", b.siret.as_deref().map(format_siren_siret)),
                        ("SIREN", b.siren.as_deref().map(format_siren_siret)),
                        ("N° de TVA", b.vat_number.clone()),
                        ("Adresse", b.contact.one_line()),
                        ("E-mail", b.contact.email.clone()),
                        ("Téléphone", b.contact.phone.clone()),
                        ("IBAN", b.iban.as_deref().map(tact_core::text::format_iban)),
                        ("BIC", b.bic.clone()),
                        ("Signataire", b.signatory_name.clone()),
                        ("Qualité", b.signatory_title.clone()),
                        ("Fait à", b.signing_city.clone()),
                        ("Délai par défaut", Some(b.default_terms.label_fr())),
                        (
                            "Pénalités de retard",
                            Some(b.penalty_rate.map_or("taux légal (BCE + 10 points)".into(), tact_core::money::format_rate_fr)),
                        ),
                    ];
                    print_fields(&rows);
                }
            })
        }
        BusinessCmd::Set(args) => {
            let mut input = ledger
                .business()?
                .as_ref()
                .map(BusinessInput::from)
                .unwrap_or_default();
            merge_business(&mut input, args);
            let b = ledger.set_business(&input)?;
            out.print(&b, || {
                println!("Profil de l'entreprise enregistré\u{a0}: {}.", b.legal_name)
            })
        }
    }
}

fn merge_business(i: &mut BusinessInput, a: BusinessArgs) {
    if let Some(v) = a.legal_name {
        i.legal_name = v;
    }
    set_if_given(&mut i.trade_name, a.trade_name);
    set_if_given(&mut i.legal_form, a.legal_form);
    set_if_given(&mut i.siren, a.siren);
    set_if_given(&mut i.siret, a.siret);
    set_if_given(&mut i.vat_number, a.vat_number);
    merge_contact(&mut i.contact, a.contact);
    set_if_given(&mut i.iban, a.iban);
    set_if_given(&mut i.bic, a.bic);
    set_if_given(&mut i.signatory_name, a.signatory_name);
    set_if_given(&mut i.signatory_title, a.signatory_title);
    set_if_given(&mut i.signing_city, a.signing_city);
    set_if_given(&mut i.default_terms, a.default_terms);
    set_if_given(&mut i.penalty_rate, a.penalty_rate);
}

/// Options given on the command line replace the stored value; the others are kept.
fn set_if_given(slot: &mut Option<String>, value: Option<String>) {
    if value.is_some() {
        *slot = value;
    }
}

fn merge_contact(i: &mut PostalContactInput, a: ContactArgs) {
    set_if_given(&mut i.address_line1, a.address_line1);
    set_if_given(&mut i.address_line2, a.address_line2);
    set_if_given(&mut i.postcode, a.postcode);
    set_if_given(&mut i.city, a.city);
    set_if_given(&mut i.country, a.country);
    set_if_given(&mut i.email, a.email);
    set_if_given(&mut i.phone, a.phone);
}

// ---------------------------------------------------------------- clients

fn merge_client(i: &mut ClientInput, a: ClientArgs) {
    if let Some(v) = a.kind {
        i.kind = v;
    }
    if let Some(v) = a.name {
        i.name = v;
    }
    set_if_given(&mut i.siren, a.siren);
    set_if_given(&mut i.contact_name, a.contact_name);
    merge_contact(&mut i.contact, a.contact);
    set_if_given(&mut i.preferred_channel, a.channel);
    set_if_given(&mut i.language, a.language);
    set_if_given(&mut i.notes, a.notes);
    set_if_given(&mut i.client_since, a.client_since);
    set_if_given(&mut i.collective_procedure, a.collective_procedure);
}

fn clients(ledger: &mut Ledger, out: &Out, cmd: ClientsCmd, as_of: NaiveDate) -> Result<()> {
    match cmd {
        ClientsCmd::Add(args) => {
            let mut input = ClientInput::default();
            merge_client(&mut input, args);
            let c = ledger.add_client(&input)?;
            out.print(&c, || {
                println!("Client n°\u{a0}{} ajouté\u{a0}: {}.", c.id, c.name)
            })
        }
        ClientsCmd::Edit { id, fields } => {
            let mut input = ClientInput::from(&ledger.client(id)?);
            merge_client(&mut input, fields);
            let c = ledger.update_client(id, &input)?;
            out.print(&c, || {
                println!("Client n°\u{a0}{} modifié\u{a0}: {}.", c.id, c.name)
            })
        }
        ClientsCmd::Archive { id } => {
            let c = ledger.set_client_archived(id, true)?;
            out.print(&c, || {
                println!("{} est archivé\u{a0}; ses données sont conservées.", c.name)
            })
        }
        ClientsCmd::Unarchive { id } => {
            let c = ledger.set_client_archived(id, false)?;
            out.print(&c, || println!("{} est de nouveau actif.", c.name))
        }
        ClientsCmd::Delete { id } => {
            let name = ledger.client(id)?.name;
            ledger.delete_client(id)?;
            out.print(&json!({ "deleted": id }), || {
                println!("Client {name} supprimé.")
            })
        }
        ClientsCmd::List {
            search,
            all,
            archived,
        } => {
            let rows = ledger.client_rows(
                as_of,
                &ClientQuery {
                    search,
                    archived: if archived {
                        ArchiveFilter::Archived
                    } else if all {
                        ArchiveFilter::All
                    } else {
                        ArchiveFilter::Active
                    },
                    ..Default::default()
                },
            )?;
            out.print(&rows, || {
                if rows.is_empty() {
                    println!("Aucun client. Ajoutez-en un avec\u{a0}: tact clients add --kind professional --name \"…\"");
                    return;
                }
                let mut t = Table::new(&["N°", "Client", "Type", "Reste dû", "En retard", "Plus ancienne échéance", "Avoir"]);
                t.right(&[0, 3, 4, 6]);
                for r in &rows {
                    let s = &r.standing;
                    let mut name = r.client.name.clone();
                    if r.client.archived {
                        name.push_str(" (archivé)");
                    }
                    t.row(vec![
                        r.client.id.to_string(),
                        name,
                        r.client.kind.label_fr().into(),
                        s.balance.format_fr(),
                        if s.overdue_total.is_zero() { "–".into() } else { s.overdue_total.format_fr() },
                        s.oldest_overdue_due_date
                            .map_or("–".into(), |d| format!("{} ({}\u{a0}j)", format_date_fr(d), s.max_days_late.unwrap_or(0))),
                        if s.credit.is_zero() { "–".into() } else { s.credit.format_fr() },
                    ]);
                }
                t.print();
            })
        }
        ClientsCmd::Show { id } => {
            let d = ledger.client_detail(id, as_of)?;
            out.print(&d, || {
                let c = &d.client;
                println!("{} — {}{}", c.name, c.kind.label_fr(), if c.archived { " (archivé)" } else { "" });
                print_fields(&[
                    ("Contact", c.contact_name.clone()),
                    ("Adresse", c.contact.one_line()),
                    ("E-mail", c.contact.email.clone()),
                    ("Téléphone", c.contact.phone.clone()),
                    ("SIREN", c.siren.as_deref().map(format_siren_siret)),
                    ("Canal préféré", Some(c.preferred_channel.label_fr().into())),
                    ("Client depuis", c.client_since.map(format_date_fr)),
                    ("Notes", c.notes.clone()),
                ]);
                let s = &d.standing;
                println!();
                println!(
                    "Au {}\u{a0}: reste dû {}, dont {} en retard{}.",
                    format_date_fr(as_of),
                    s.balance.format_fr(),
                    s.overdue_total.format_fr(),
                    if s.disputed_total.is_zero() { String::new() } else { format!(", {} en litige", s.disputed_total.format_fr()) }
                );
                if let (Some(avg), Some(pct)) = (s.history.average_days_late, s.history.on_time_percent) {
                    println!(
                        "Historique de paiement\u{a0}: {}, {}\u{a0}% à l'heure, retard moyen de {}\u{a0}jour{}.",
                        plural_fr(u64::from(s.history.paid_invoices), "facture réglée", "factures réglées"),
                        pct,
                        avg.to_string().replace('.', ","),
                        // French plural from 2 on: "1,5 jour", "2,0 jours".
                        if avg >= tact_core::Decimal::TWO { "s" } else { "" }
                    );
                }
                println!("\nFactures");
                invoice_table(&d.invoices.iter().collect::<Vec<_>>());
                if !d.payments.is_empty() {
                    println!("\nRèglements");
                    payment_table(&d.payments, |id| d.invoices.iter().find(|r| r.invoice.id == id).map(|r| r.invoice.number.clone()));
                }
                if !d.journal.is_empty() {
                    println!("\nHistorique");
                    journal_table(&d.journal);
                }
            })
        }
    }
}

// ---------------------------------------------------------------- invoices

fn resolve_invoice(ledger: &Ledger, s: &str) -> Result<Invoice> {
    match ledger.invoice_by_number(s) {
        Ok(i) => Ok(i),
        Err(e) => match s.trim().parse::<i64>() {
            Ok(id) => ledger.invoice(id),
            Err(_) => Err(e),
        },
    }
}

fn merge_invoice(i: &mut InvoiceInput, a: InvoiceArgs) {
    if let Some(v) = a.number {
        i.number = v;
    }
    if let Some(v) = a.client {
        i.client_id = v;
    }
    if let Some(v) = a.issue_date {
        i.issue_date = v;
    }
    if let Some(v) = a.amount {
        i.amount = v;
    }
    if a.terms.is_some() {
        i.terms = a.terms;
        i.due_date = None;
    }
    set_if_given(&mut i.due_date, a.due_date);
    set_if_given(&mut i.delivery_date, a.delivery_date);
    set_if_given(&mut i.amount_ht, a.amount_ht);
    set_if_given(&mut i.vat, a.vat);
    set_if_given(&mut i.description, a.description);
    set_if_given(&mut i.penalty_rate, a.penalty_rate);
}

fn invoices(ledger: &mut Ledger, out: &Out, cmd: InvoicesCmd, as_of: NaiveDate) -> Result<()> {
    match cmd {
        InvoicesCmd::Add(args) => {
            let mut input = InvoiceInput::default();
            merge_invoice(&mut input, args);
            let saved = ledger.add_invoice(&input)?;
            out.print(&saved, || {
                let i = &saved.record;
                println!(
                    "Facture {} enregistrée\u{a0}: {}, échéance le {}.",
                    i.number,
                    i.amount.format_fr(),
                    format_date_fr(i.due_date)
                );
                for w in &saved.warnings {
                    println!("Attention\u{a0}: {}", w.message);
                }
            })
        }
        InvoicesCmd::Edit { invoice, fields } => {
            let existing = resolve_invoice(ledger, &invoice)?;
            let mut input = InvoiceInput::from(&existing);
            merge_invoice(&mut input, fields);
            let saved = ledger.update_invoice(existing.id, &input)?;
            out.print(&saved, || {
                println!("Facture {} modifiée.", saved.record.number);
                for w in &saved.warnings {
                    println!("Attention\u{a0}: {}", w.message);
                }
            })
        }
        InvoicesCmd::List {
            client,
            status,
            search,
            min_days_late,
        } => {
            let status = status
                .map(|s| {
                    InvoiceStatus::from_code(s.trim()).ok_or_else(|| {
                        Error::field(
                            ErrorCode::InvalidChoice,
                            "status",
                            format!(
                                "Statut\u{a0}: valeurs possibles {}.",
                                InvoiceStatus::codes_fr()
                            ),
                        )
                    })
                })
                .transpose()?;
            let rows = ledger.invoice_rows(
                as_of,
                &InvoiceQuery {
                    client_id: client,
                    status,
                    search,
                    min_days_late,
                    ..Default::default()
                },
            )?;
            out.print(&rows, || {
                if rows.is_empty() {
                    println!("Aucune facture ne correspond.");
                } else {
                    invoice_table(&rows.iter().collect::<Vec<_>>());
                }
            })
        }
        InvoicesCmd::Show { invoice } => {
            let inv = resolve_invoice(ledger, &invoice)?;
            let row = ledger
                .invoice_rows(
                    as_of,
                    &InvoiceQuery {
                        client_id: Some(inv.client_id),
                        ..Default::default()
                    },
                )?
                .into_iter()
                .find(|r| r.invoice.id == inv.id)
                .ok_or_else(|| Error::new(ErrorCode::InvoiceNotFound, "Facture introuvable."))?;
            out.print(&row, || {
                let i = &row.invoice;
                println!("Facture {} — {}", i.number, row.client_name);
                print_fields(&[
                    ("Émise le", Some(format_date_fr(i.issue_date))),
                    ("Livraison", i.delivery_date.map(format_date_fr)),
                    ("Délai", Some(i.terms.label_fr())),
                    ("Échéance", Some(format_date_fr(i.due_date))),
                    ("Montant TTC", Some(i.amount.format_fr())),
                    ("Montant HT", i.amount_ht.map(Money::format_fr)),
                    ("Description", i.description.clone()),
                    ("Déjà réglé", Some(row.paid.format_fr())),
                    ("Avoirs", Some(row.credited.format_fr())),
                    ("Reste dû", Some(row.balance.format_fr())),
                    ("Statut", Some(status_text(row.status, row.days_late))),
                ]);
            })
        }
    }
}

fn status_text(status: InvoiceStatus, days_late: Option<i64>) -> String {
    match (status, days_late) {
        (InvoiceStatus::Overdue, Some(d)) => {
            format!("En retard de {d}\u{a0}jour{}", if d > 1 { "s" } else { "" })
        }
        (s, _) => s.label_fr().to_owned(),
    }
}

fn invoice_table(rows: &[&tact_core::ledger::InvoiceRow]) {
    let mut t = Table::new(&[
        "N°",
        "Facture",
        "Client",
        "Émise le",
        "Échéance",
        "Montant TTC",
        "Reste dû",
        "Statut",
    ]);
    t.right(&[0, 5, 6]);
    for r in rows {
        t.row(vec![
            r.invoice.id.to_string(),
            r.invoice.number.clone(),
            r.client_name.clone(),
            format_date_fr(r.invoice.issue_date),
            format_date_fr(r.invoice.due_date),
            r.invoice.amount.format_fr(),
            r.balance.format_fr(),
            status_text(r.status, r.days_late),
        ]);
    }
    t.print();
}

// ---------------------------------------------------------------- payments

fn parse_alloc_args(ledger: &Ledger, args: &[String]) -> Result<Vec<AllocationInput>> {
    args.iter()
        .enumerate()
        .map(|(i, a)| {
            let (inv, amount) = a.rsplit_once('=').ok_or_else(|| {
                Error::field(
                    ErrorCode::InvalidChoice,
                    "allocations",
                    format!("Répartition\u{a0}: «\u{a0}{a}\u{a0}» doit s'écrire FACTURE=MONTANT (ex.\u{a0}: F-2026-033=300)."),
                )
                .within(&format!("allocations[{i}]"))
            })?;
            let invoice = resolve_invoice(ledger, inv).map_err(|e| e.within(&format!("allocations[{i}]")))?;
            Ok(AllocationInput { invoice_id: invoice.id, amount: amount.to_owned() })
        })
        .collect()
}

fn payments(ledger: &mut Ledger, out: &Out, cmd: PaymentsCmd) -> Result<()> {
    match cmd {
        PaymentsCmd::Add {
            client,
            date,
            amount,
            method,
            reference,
            allocations,
            no_alloc,
        } => {
            let allocations = if no_alloc {
                Some(Vec::new())
            } else if allocations.is_empty() {
                None
            } else {
                Some(parse_alloc_args(ledger, &allocations)?)
            };
            let p = ledger.record_payment(&PaymentInput {
                client_id: client,
                date,
                amount,
                method,
                reference,
                allocations,
            })?;
            let numbers = invoice_numbers(ledger, &p)?;
            out.print(&p, || {
                println!(
                    "Règlement n°\u{a0}{} enregistré\u{a0}: {} le {}.",
                    p.id,
                    p.amount.format_fr(),
                    format_date_fr(p.date)
                );
                for a in &p.allocations {
                    println!(
                        "  {} affecté à {}",
                        a.amount.format_fr(),
                        lookup(&numbers, a.invoice_id)
                    );
                }
                if let Ok(rest) = p.unallocated() {
                    if rest.is_positive() {
                        println!(
                            "  {} non affecté, conservé en avoir client",
                            rest.format_fr()
                        );
                    }
                }
            })
        }
        PaymentsCmd::Allocate {
            payment,
            allocations,
        } => {
            let lines = parse_alloc_args(ledger, &allocations)?;
            let p = ledger.allocate_credit(payment, &lines)?;
            out.print(&p, || {
                let rest = p.unallocated().unwrap_or(Money::ZERO);
                println!(
                    "Règlement n°\u{a0}{} réparti\u{a0}; reste non affecté\u{a0}: {}.",
                    p.id,
                    rest.format_fr()
                );
            })
        }
        PaymentsCmd::List { client } => {
            let list = ledger.payments(client)?;
            let mut numbers = Vec::new();
            for p in &list {
                numbers.extend(invoice_numbers(ledger, p)?);
            }
            out.print(&list, || {
                if list.is_empty() {
                    println!("Aucun règlement.");
                } else {
                    payment_table(&list, |id| {
                        numbers
                            .iter()
                            .find(|(i, _)| *i == id)
                            .map(|(_, n)| n.clone())
                    });
                }
            })
        }
        PaymentsCmd::Show { id } => {
            let p = ledger.payment(id)?;
            let numbers = invoice_numbers(ledger, &p)?;
            out.print(&p, || {
                payment_table(std::slice::from_ref(&p), |id| {
                    numbers
                        .iter()
                        .find(|(i, _)| *i == id)
                        .map(|(_, n)| n.clone())
                })
            })
        }
    }
}

fn invoice_numbers(ledger: &Ledger, p: &Payment) -> Result<Vec<(i64, String)>> {
    p.allocations
        .iter()
        .map(|a| Ok((a.invoice_id, ledger.invoice(a.invoice_id)?.number)))
        .collect()
}

fn lookup(numbers: &[(i64, String)], id: i64) -> String {
    numbers
        .iter()
        .find(|(i, _)| *i == id)
        .map_or_else(|| format!("n°\u{a0}{id}"), |(_, n)| n.clone())
}

fn payment_table(list: &[Payment], number: impl Fn(i64) -> Option<String>) {
    let mut t = Table::new(&[
        "N°",
        "Client",
        "Date de valeur",
        "Montant",
        "Moyen",
        "Référence",
        "Affectation",
    ]);
    t.right(&[0, 1, 3]);
    for p in list {
        let mut parts: Vec<String> = p
            .allocations
            .iter()
            .map(|a| {
                format!(
                    "{} {}",
                    number(a.invoice_id).unwrap_or_default(),
                    a.amount.format_fr()
                )
            })
            .collect();
        if let Ok(rest) = p.unallocated() {
            if rest.is_positive() {
                parts.push(format!("avoir client {}", rest.format_fr()));
            }
        }
        t.row(vec![
            p.id.to_string(),
            p.client_id.to_string(),
            format_date_fr(p.date),
            p.amount.format_fr(),
            p.method.label_fr().into(),
            p.reference.clone().unwrap_or_default(),
            parts.join(", "),
        ]);
    }
    t.print();
}

// ---------------------------------------------------------------- credit notes

fn credit_notes(ledger: &mut Ledger, out: &Out, cmd: CreditNotesCmd) -> Result<()> {
    let table = |ledger: &Ledger, list: &[tact_core::model::CreditNote]| {
        let mut t = Table::new(&["N°", "Avoir", "Facture", "Date", "Montant", "Motif"]);
        t.right(&[0, 4]);
        for c in list {
            let number = ledger
                .invoice(c.invoice_id)
                .map(|i| i.number)
                .unwrap_or_default();
            t.row(vec![
                c.id.to_string(),
                c.number.clone(),
                number,
                format_date_fr(c.date),
                c.amount.format_fr(),
                c.reason.clone().unwrap_or_default(),
            ]);
        }
        t.print();
    };
    match cmd {
        CreditNotesCmd::Add {
            invoice,
            number,
            date,
            amount,
            reason,
        } => {
            let inv = resolve_invoice(ledger, &invoice)?;
            let c = ledger.add_credit_note(&CreditNoteInput {
                number,
                invoice_id: inv.id,
                date,
                amount,
                reason,
            })?;
            out.print(&c, || {
                println!(
                    "Avoir {} de {} enregistré sur la facture {}.",
                    c.number,
                    c.amount.format_fr(),
                    inv.number
                )
            })
        }
        CreditNotesCmd::List { client } => {
            let list = ledger.credit_notes(client)?;
            out.print(&list, || {
                if list.is_empty() {
                    println!("Aucun avoir.")
                } else {
                    table(ledger, &list)
                }
            })
        }
        CreditNotesCmd::Show { id } => {
            let c = ledger.credit_note(id)?;
            out.print(&c, || table(ledger, std::slice::from_ref(&c)))
        }
    }
}

// ---------------------------------------------------------------- journal

fn journal(ledger: &mut Ledger, out: &Out, cmd: JournalCmd) -> Result<()> {
    match cmd {
        JournalCmd::Add {
            client,
            kind,
            date,
            invoice,
            channel,
            outcome,
            promise_date,
            promise_amount,
            text,
            corrects,
        } => {
            let invoice_id = invoice
                .map(|s| resolve_invoice(ledger, &s).map(|i| i.id))
                .transpose()?;
            let e = ledger.add_journal_entry(&JournalInput {
                client_id: client,
                invoice_id,
                date,
                kind,
                channel,
                call_outcome: outcome,
                promise_date,
                promise_amount,
                text,
                corrects,
            })?;
            out.print(&e, || {
                println!(
                    "Entrée n°\u{a0}{} ajoutée à l'historique\u{a0}: {} du {}.",
                    e.id,
                    e.kind.label_fr(),
                    format_date_fr(e.date)
                )
            })
        }
        JournalCmd::List { client } => {
            let list = ledger.journal(client)?;
            out.print(&list, || {
                if list.is_empty() {
                    println!("Historique vide.")
                } else {
                    journal_table(&list)
                }
            })
        }
        JournalCmd::Show { id } => {
            let e = ledger.journal_entry(id)?;
            out.print(&e, || journal_table(std::slice::from_ref(&e)))
        }
    }
}

fn journal_table(list: &[tact_core::ledger::JournalView]) {
    let mut t = Table::new(&["N°", "Date", "Type", "Facture", "Détail"]);
    t.right(&[0]);
    for v in list {
        let e = &v.entry;
        let mut detail = Vec::new();
        if let Some(o) = e.call_outcome {
            detail.push(o.label_fr().to_owned());
        }
        if let Some(d) = e.promise_date {
            let amount = e
                .promise_amount
                .map(|a| format!(" {}", a.format_fr()))
                .unwrap_or_default();
            detail.push(format!("promesse{amount} pour le {}", format_date_fr(d)));
        }
        if let Some(t) = &e.text {
            detail.push(t.replace('\n', " "));
        }
        if let Some(c) = e.corrects {
            detail.push(format!("(corrige l'entrée n°\u{a0}{c})"));
        }
        if let Some(c) = v.corrected_by {
            detail.push(format!("(corrigée par l'entrée n°\u{a0}{c})"));
        }
        t.row(vec![
            e.id.to_string(),
            format_date_fr(e.date),
            v.kind_label.into(),
            v.invoice_number.clone().unwrap_or_default(),
            detail.join(" — "),
        ]);
    }
    t.print();
}

// ---------------------------------------------------------------- helpers

fn print_fields(rows: &[(&str, Option<String>)]) {
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (k, v) in rows {
        if let Some(v) = v {
            let pad = width.saturating_sub(k.chars().count());
            println!("  {k}{}\u{a0}: {v}", " ".repeat(pad));
        }
    }
}

/// `tact plan …`: propose (or preview), sign, show, list.
fn plan(ledger: &mut Ledger, out: &Out, cmd: PlanCmd, today: NaiveDate) -> Result<()> {
    use tact_core::plans::{PlanInput, PlanState};
    let print = |st: &PlanState| -> Result<()> {
        let report = plan_report(st);
        out.print(&report, || print_plan(st))
    };
    match cmd {
        PlanCmd::Propose {
            client,
            invoices,
            instalments,
            amount,
            down_payment,
            first,
            every,
            dates,
            shift,
            penalties,
            notice_days,
            replaces,
            preview,
        } => {
            let mut ids = Vec::with_capacity(invoices.len());
            for token in invoices.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                let id = match ledger.invoice_by_number(token) {
                    Ok(inv) => inv.id,
                    Err(e) => token.parse::<i64>().map_err(|_| e)?,
                };
                ids.push(id);
            }
            let input = PlanInput {
                client_id: client,
                invoices: ids,
                down_payment,
                instalments,
                instalment_amount: amount,
                frequency: every,
                first_date: first,
                dates,
                shift_days_off: shift,
                penalties,
                notice_days,
                replaces,
            };
            let st = if preview {
                ledger.preview_plan(&input, today)?
            } else {
                ledger.propose_plan(&input, today)?
            };
            print(&st)
        }
        PlanCmd::Sign { plan, date } => print(&ledger.sign_plan(plan, &date, today)?),
        PlanCmd::Show { plan } => print(&ledger.plan(plan, today)?),
        PlanCmd::List { client } => {
            let all = ledger.plans(client, today)?;
            let report: Vec<serde_json::Value> = all.iter().map(plan_report).collect();
            out.print(&report, || {
                if all.is_empty() {
                    println!("Aucun échéancier.");
                }
                for st in &all {
                    println!(
                        "n°\u{a0}{} (version {}) du {} — {} — {}",
                        st.plan.id,
                        st.plan.version,
                        format_date_fr(st.plan.created_on),
                        st.status_label,
                        tact_core::ledger::plan_summary(&st.plan)
                    );
                }
            })
        }
    }
}

/// The JSON of a calendar: its id, status and each instalment's date, amount and state up front, all of it after.
fn plan_report(st: &tact_core::plans::PlanState) -> serde_json::Value {
    json!({
        "id": st.plan.id,
        "client_id": st.plan.client_id,
        "version": st.plan.version,
        "status": st.status,
        "signed_on": st.plan.signed_on,
        "total": st.plan.total,
        "paid": st.paid,
        "left": st.left,
        "instalments": st.instalments.iter().map(|i| json!({
            "number": i.instalment.number,
            "date": i.instalment.due_on,
            "amount": i.instalment.amount,
            "down_payment": i.instalment.down_payment,
            "paid": i.paid,
            "status": i.status,
        })).collect::<Vec<_>>(),
        "plan": st,
    })
}

fn print_plan(st: &tact_core::plans::PlanState) {
    let p = &st.plan;
    println!(
        "Échéancier {} (n°\u{a0}{}, version {}) — {}{}",
        p.reference(),
        p.id,
        p.version,
        st.status_label,
        p.signed_on
            .map(|d| format!(", signé le {}", format_date_fr(d)))
            .unwrap_or_default()
    );
    let numbers: Vec<&str> = p.invoices.iter().map(|i| i.number.as_str()).collect();
    println!(
        "Factures\u{a0}: {} — principal {}, pénalités {}, indemnités {} ({})",
        numbers.join(", "),
        p.principal.format_fr(),
        p.penalties.format_fr(),
        p.indemnities.format_fr(),
        p.treatment.label_fr().to_lowercase()
    );
    let mut t = Table::new(&["Échéance", "Date", "Montant", "Réglé", "État"]);
    for i in &st.instalments {
        t.row(vec![
            i.label.clone(),
            format_date_fr(i.instalment.due_on),
            i.instalment.amount.format_fr(),
            i.paid.format_fr(),
            i.status_label.clone(),
        ]);
    }
    t.print();
    println!(
        "Total {} — réglé {} — reste {}",
        p.total.format_fr(),
        st.paid.format_fr(),
        st.left.format_fr()
    );
}

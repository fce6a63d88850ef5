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

// One file per noun: each parses nothing (clap did), makes its call, and prints.
mod bank;
mod cli;
mod credit_notes;
mod imports;
mod invoices;
mod journal;
mod letters;
mod mail;
mod next;
mod parties;
mod payments;
mod penalties;
mod plans;
mod reports;
mod table;

use chrono::NaiveDate;
use clap::Parser;
use cli::{BackupCmd, BankCmd, ImportCmd, LetterArgs, LetterCmd, PlanCmd, PolicyCmd};
use cli::{
    BusinessArgs, BusinessCmd, Cli, ClientArgs, ClientsCmd, Command, ContactArgs, CreditNotesCmd,
    InvoiceArgs, InvoicesCmd, JournalCmd, PaymentsCmd,
};
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

use credit_notes::credit_notes;
use invoices::{invoice_table, invoices, resolve_invoice};
use journal::{journal, journal_table, print_fields};
use letters::letter;
use next::{draft, next, penalty_claim_draft};
use parties::{business, clients, set_if_given};
use payments::{payment_table, payments};
use penalties::{penalties, policy};
use plans::plan;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return cli::usage(e),
    };
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
            penalties: true,
            ..
        } => penalty_claim_draft(&books, &out, client, eml, as_of),
        Command::Draft {
            client,
            eml,
            after_call,
            penalties: false,
        } => draft(&books, &out, client, eml, after_call, as_of),
        Command::Import {
            what:
                Some(ImportCmd::Invoices {
                    paths,
                    dry_run,
                    buyers_without_id,
                }),
            ..
        } => imports::invoices(
            &books,
            &out,
            &paths,
            dry_run,
            buyers_without_id.as_deref(),
            as_of,
        ),
        Command::Import {
            what: Some(ImportCmd::Bank { file, dry_run }),
            ..
        } => bank::import(&books, &out, &file, dry_run, as_of),
        Command::Bank(cmd) => bank::command(&books, &out, cmd, as_of),
        Command::Mail(cmd) => mail::command(&books, &out, cmd, as_of),
        Command::Import { file: None, .. } => Err(Error::new(
            ErrorCode::Usage,
            "Indiquez le fichier à importer (ou «\u{a0}tact import invoices CHEMIN…\u{a0}»).",
        )),
        Command::Import {
            file: Some(file), ..
        } => {
            let report = tact_usecases::exchange::import_file(&books, &file)?;
            out.print(&report, || {
                let r = &report.records;
                println!(
                    "Import terminé\u{a0}: {} clients, {} factures, {} règlements, {} avoirs, {} entrées d'historique, {} échéanciers, {} lettres ({} PDF).",
                    r.clients, r.invoices, r.payments, r.credit_notes, r.journal, r.plans, r.letters, report.letter_files
                );
                missing_copies(&report.letter_files_missing);
            })
        }
        Command::Export { out: Some(file) } => {
            let report = tact_usecases::exchange::export_to(&books, &file)?;
            out.print(&report, || {
                println!(
                    "Export écrit\u{a0}: {} ({} octets, {} PDF de lettres).",
                    report.path, report.bytes, report.letter_files
                );
                missing_copies(&report.letter_files_missing);
            })
        }
        Command::Backup(cmd) => backup(&books, &out, cmd, as_of),
        Command::Report {
            kind,
            csv,
            pdf,
            out: file,
        } => reports::report(&books, &out, &kind, csv, pdf, file.as_deref(), as_of),
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
        Command::Where
        | Command::Letter(_)
        | Command::Draft { .. }
        | Command::Import { .. }
        | Command::Backup(_)
        | Command::Bank(_)
        | Command::Mail(_)
        | Command::Report { .. }
        | Command::Export { out: Some(_) } => Ok(()),
        Command::Business(cmd) => business(ledger, out, cmd),
        Command::Clients(cmd) => clients(ledger, out, cmd, as_of),
        Command::Invoices(cmd) => invoices(ledger, out, cmd, as_of),
        Command::Payments(cmd) => payments(ledger, out, cmd, as_of),
        Command::CreditNotes(cmd) => credit_notes(ledger, out, cmd),
        Command::Journal(cmd) => journal(ledger, out, cmd),
        Command::Next { client, all } => next(ledger, out, client, all, as_of),
        Command::Penalties { client, waive } => penalties(ledger, out, client, waive, as_of),
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
        Command::Export { out: None } => out.json(&ledger.export()?),
    }
}

/// Letters whose PDF did not travel with the records.
fn missing_copies(names: &[String]) {
    if !names.is_empty() {
        eprintln!(
            "Attention\u{a0}: {} lettre(s) sans leur PDF (enregistrements conservés)\u{a0}: {}.",
            names.len(),
            names.join(", ")
        );
    }
}

fn backup(books: &Books, out: &Out, cmd: BackupCmd, today: NaiveDate) -> Result<()> {
    use tact_usecases::backup;
    match cmd {
        BackupCmd::List => {
            let st = backup::status(books)?;
            out.print(&st, || {
                println!("Dossier des sauvegardes\u{a0}: {}", st.folder);
                if let Some(s) = &st.second_folder {
                    println!("Second dossier\u{a0}: {s}");
                }
                if st.backups.is_empty() {
                    println!("Aucune sauvegarde pour l'instant.");
                }
                for b in &st.backups {
                    println!(
                        "{}  {}  {} octets{}",
                        tact_core::text::format_date_fr(b.date),
                        b.path,
                        b.bytes,
                        if b.second_copy {
                            "  (second dossier)"
                        } else {
                            ""
                        }
                    );
                }
            })
        }
        BackupCmd::Create => {
            let b = backup::create(books, today)?;
            out.print(&b, || {
                println!("Sauvegarde écrite\u{a0}: {} ({} octets).", b.path, b.bytes)
            })
        }
        BackupCmd::Restore { file } => {
            let r = backup::restore(books, &file, today)?;
            out.print(&r, || {
                println!(
                    "Registre restauré depuis {} (sauvegarde du {}). L'état précédent est sauvegardé dans {}.",
                    r.restored.path,
                    tact_core::text::format_date_fr(r.restored.date),
                    r.before.path
                );
            })
        }
        BackupCmd::Folder { dir, none } => {
            let dir = if none { None } else { dir };
            books.write(|l| l.set_backup_folder(dir.as_deref()))?;
            let st = backup::status(books)?;
            out.print(&st, || match &st.second_folder {
                Some(s) => println!("Second dossier des sauvegardes\u{a0}: {s}"),
                None => println!(
                    "Plus de second dossier\u{a0}: les sauvegardes restent dans {}.",
                    st.folder
                ),
            })
        }
    }
}

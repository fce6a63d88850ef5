//! `tact business` and `tact clients`.

use super::*;

// ---------------------------------------------------------------- business

pub(super) fn business(ledger: &mut Ledger, out: &Out, cmd: BusinessCmd) -> Result<()> {
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

pub(super) fn merge_business(i: &mut BusinessInput, a: BusinessArgs) {
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
pub(super) fn set_if_given(slot: &mut Option<String>, value: Option<String>) {
    if value.is_some() {
        *slot = value;
    }
}

pub(super) fn merge_contact(i: &mut PostalContactInput, a: ContactArgs) {
    set_if_given(&mut i.address_line1, a.address_line1);
    set_if_given(&mut i.address_line2, a.address_line2);
    set_if_given(&mut i.postcode, a.postcode);
    set_if_given(&mut i.city, a.city);
    set_if_given(&mut i.country, a.country);
    set_if_given(&mut i.email, a.email);
    set_if_given(&mut i.phone, a.phone);
}

// ---------------------------------------------------------------- clients

pub(super) fn merge_client(i: &mut ClientInput, a: ClientArgs) {
    if let Some(v) = a.kind {
        i.kind = v;
    }
    if let Some(v) = a.name {
        i.name = v;
    }
    set_if_given(&mut i.siren, a.siren);
    set_if_given(&mut i.contact_name, a.contact_name);
    set_if_given(&mut i.civility, a.civility);
    merge_contact(&mut i.contact, a.contact);
    set_if_given(&mut i.preferred_channel, a.channel);
    set_if_given(&mut i.language, a.language);
    set_if_given(&mut i.notes, a.notes);
    set_if_given(&mut i.client_since, a.client_since);
    set_if_given(&mut i.collective_procedure, a.collective_procedure);
}

pub(super) fn clients(
    ledger: &mut Ledger,
    out: &Out,
    cmd: ClientsCmd,
    as_of: NaiveDate,
) -> Result<()> {
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
                println!(
                    "{} — {}{}",
                    c.name,
                    c.kind.label_fr(),
                    if c.archived { " (archivé)" } else { "" }
                );
                print_fields(&[
                    ("Contact", c.contact_name.clone()),
                    ("Civilité", c.civility.map(|v| v.label_fr().into())),
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
                    if s.disputed_total.is_zero() {
                        String::new()
                    } else {
                        format!(", {} en litige", s.disputed_total.format_fr())
                    }
                );
                let p = &d.profile;
                println!(
                    "Profil de payeur\u{a0}: {}{}\u{a0}— {}",
                    p.grade
                        .map(|g| format!("{} · ", g.code()))
                        .unwrap_or_default(),
                    p.grade_label,
                    p.why
                );
                println!("\nFactures");
                invoice_table(&d.invoices.iter().collect::<Vec<_>>());
                if !d.payments.is_empty() {
                    println!("\nRèglements");
                    payment_table(&d.payments, |id| {
                        d.invoices
                            .iter()
                            .find(|r| r.invoice.id == id)
                            .map(|r| r.invoice.number.clone())
                    });
                }
                if !d.journal.is_empty() {
                    println!("\nHistorique");
                    journal_table(&d.journal);
                }
            })
        }
    }
}

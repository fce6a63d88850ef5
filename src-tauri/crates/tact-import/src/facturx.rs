//! Factur-X / ZUGFeRD 2.x: a PDF/A-3 carrying the invoice as a CII XML file attached to the document (the
//! catalog's embedded files, or its associated files `/AF`), named `factur-x.xml` (Factur-X),
//! `zugferd-invoice.xml` (ZUGFeRD 2.0) or `xrechnung.xml`. The PDF itself is what the user sees; the XML is what
//! Tact reads.

use crate::{file_error, Document, Format};
use lopdf::{Dictionary, Object};
use tact_core::{ErrorCode, Result};

/// The names the Factur-X and ZUGFeRD specifications give the embedded invoice, lowercase.
const INVOICE_NAMES: [&str; 4] = [
    "factur-x.xml",
    "zugferd-invoice.xml",
    "xrechnung.xml",
    "zugferd_invoice.xml",
];

/// No embedded invoice decompresses beyond this (a 1 000-line EXTENDED invoice is ~2 MB).
const MAX_XML_BYTES: usize = 16 * 1024 * 1024;

/// The invoice embedded in a Factur-X PDF.
pub fn read(file: &str, bytes: &[u8]) -> Result<Document> {
    let xml = embedded_xml(file, bytes)?;
    let text = crate::xml::decode(file, &xml)?;
    let tree = crate::xml::parse(file, &text)?;
    let root = tree.root_element();
    if root.tag_name().namespace() != Some(crate::xml::NS_CII)
        || root.tag_name().name() != "CrossIndustryInvoice"
    {
        return Err(file_error(
            ErrorCode::NotAnInvoice,
            file,
            "le PDF contient un fichier XML, mais ce n'est pas une facture CII (Factur-X)\u{a0}: rien n'a été lu.",
        ));
    }
    crate::cii::from_root(file, root, Format::Facturx)
}

/// The bytes of the invoice XML attached to the PDF.
pub fn embedded_xml(file: &str, bytes: &[u8]) -> Result<Vec<u8>> {
    let opts = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_XML_BYTES),
        ..Default::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, opts).map_err(|e| {
        file_error(
            ErrorCode::UnreadableFile,
            file,
            format!("PDF illisible ou incomplet ({e})\u{a0}: le fichier est peut-être tronqué."),
        )
    })?;
    if doc.trailer.get(b"Encrypt").is_ok() && doc.authenticate_password("").is_err() {
        return Err(file_error(
            ErrorCode::UnreadableFile,
            file,
            "ce PDF est protégé par un mot de passe\u{a0}: Tact ne peut pas lire la facture qu'il contient. Demandez une version non protégée.",
        ));
    }
    let catalog = doc.catalog().map_err(|e| {
        file_error(
            ErrorCode::UnreadableFile,
            file,
            format!("PDF illisible (catalogue introuvable\u{a0}: {e})."),
        )
    })?;
    let mut specs: Vec<(String, &Dictionary)> = Vec::new();
    // PDF/A-3 associated files.
    if let Ok(af) = catalog.get_deref(b"AF", &doc).and_then(Object::as_array) {
        for o in af {
            if let Some(spec) = deref_dict(&doc, o) {
                specs.push((spec_name(spec), spec));
            }
        }
    }
    // The embedded-files name tree.
    if let Some(tree) = catalog
        .get_deref(b"Names", &doc)
        .and_then(Object::as_dict)
        .ok()
        .and_then(|names| {
            names
                .get_deref(b"EmbeddedFiles", &doc)
                .and_then(Object::as_dict)
                .ok()
        })
    {
        collect_name_tree(&doc, tree, &mut specs, 0);
    }
    if specs.is_empty() {
        return Err(file_error(
            ErrorCode::NotAnInvoice,
            file,
            "ce PDF ne contient aucune facture électronique (pas de fichier Factur-X joint)\u{a0}: c'est sans doute une facture PDF simple, à saisir à la main.",
        ));
    }
    let pick = specs
        .iter()
        .find(|(n, _)| INVOICE_NAMES.contains(&n.to_lowercase().as_str()))
        .or_else(|| {
            specs
                .iter()
                .find(|(n, _)| n.to_lowercase().ends_with(".xml"))
        })
        .ok_or_else(|| {
            let names: Vec<&str> = specs.iter().map(|(n, _)| n.as_str()).collect();
            file_error(
                ErrorCode::NotAnInvoice,
                file,
                format!(
                    "ce PDF a des pièces jointes ({}) mais aucune facture XML Factur-X.",
                    names.join(", ")
                ),
            )
        })?;
    let stream = pick
        .1
        .get_deref(b"EF", &doc)
        .and_then(Object::as_dict)
        .and_then(|ef| {
            ef.get_deref(b"UF", &doc)
                .or_else(|_| ef.get_deref(b"F", &doc))
        })
        .and_then(Object::as_stream)
        .map_err(|_| {
            file_error(
                ErrorCode::UnreadableFile,
                file,
                format!("la pièce jointe {} est vide ou illisible.", pick.0),
            )
        })?;
    stream
        .get_plain_content_with_limit(MAX_XML_BYTES)
        .map_err(|e| {
            file_error(
                ErrorCode::UnreadableFile,
                file,
                format!("la pièce jointe {} ne se décompresse pas ({e}).", pick.0),
            )
        })
}

fn deref_dict<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok(),
        other => other.as_dict().ok(),
    }
}

/// The file name of a file specification (`/UF`, else `/F`).
fn spec_name(spec: &Dictionary) -> String {
    spec.get(b"UF")
        .or_else(|_| spec.get(b"F"))
        .and_then(Object::as_str)
        .map(pdf_text)
        .unwrap_or_default()
}

/// A PDF text string: UTF-16BE with its byte-order mark, else (close enough for file names) Latin-1.
fn pdf_text(b: &[u8]) -> String {
    match b.strip_prefix(&[0xFE, 0xFF]) {
        Some(rest) => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| {
                    u16::from_be_bytes([
                        c.first().copied().unwrap_or(0),
                        c.get(1).copied().unwrap_or(0),
                    ])
                })
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => b.iter().map(|&c| char::from(c)).collect(),
    }
}

/// The file specifications of a name tree (`/Names [name spec …]`, `/Kids [...]`), a few levels deep at most.
fn collect_name_tree<'a>(
    doc: &'a lopdf::Document,
    node: &'a Dictionary,
    out: &mut Vec<(String, &'a Dictionary)>,
    depth: u8,
) {
    if depth > 8 {
        return;
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in names.chunks(2) {
            if let [name, spec] = pair {
                if let Some(d) = deref_dict(doc, spec) {
                    let n = spec_name(d);
                    let n = if n.is_empty() {
                        name.as_str().map(pdf_text).unwrap_or_default()
                    } else {
                        n
                    };
                    if !out.iter().any(|(_, s)| std::ptr::eq(*s, d)) {
                        out.push((n, d));
                    }
                }
            }
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for k in kids {
            if let Some(d) = deref_dict(doc, k) {
                collect_name_tree(doc, d, out, depth.saturating_add(1));
            }
        }
    }
}

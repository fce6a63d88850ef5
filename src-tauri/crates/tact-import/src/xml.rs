//! XML shared by the CII and UBL readers: decoding, a tree that refuses any DTD, and lookups by namespace and
//! local name.

use crate::{file_error, Document, Format};
use roxmltree::Node;
use tact_core::{ErrorCode, Result};

pub(crate) const NS_CII: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
pub(crate) const NS_RAM: &str =
    "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
pub(crate) const NS_UDT: &str = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
pub(crate) const NS_UBL_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
pub(crate) const NS_UBL_CREDIT_NOTE: &str =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
pub(crate) const NS_CAC: &str =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
pub(crate) const NS_CBC: &str =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// A tree of this many nodes is far beyond any invoice (a 1 000-line invoice has ~60 000).
const NODES_LIMIT: u32 = 2_000_000;

/// The XML text: UTF-8 (with or without BOM), or the encoding its declaration names.
pub(crate) fn decode(file: &str, bytes: &[u8]) -> Result<String> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(b) {
        return Ok(s.to_owned());
    }
    // `<?xml version="1.0" encoding="ISO-8859-1"?>`
    let head = String::from_utf8_lossy(b.get(..200).unwrap_or(b)).to_lowercase();
    let label = head.split("encoding=").nth(1).and_then(|rest| {
        let q = rest.chars().next()?;
        rest.get(1..)?.split(q).next().map(str::to_owned)
    });
    match label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) {
        Some(enc) => Ok(enc.decode(b).0.into_owned()),
        None => Err(file_error(
            ErrorCode::UnreadableFile,
            file,
            "XML illisible\u{a0}: le texte n'est pas en UTF-8 et son encodage n'est pas déclaré.",
        )),
    }
}

/// The parsed tree. A DTD is refused: no entity is ever expanded, no external file ever read.
pub(crate) fn parse<'a>(file: &str, text: &'a str) -> Result<roxmltree::Document<'a>> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, opts).map_err(|e| match e {
        roxmltree::Error::DtdDetected => file_error(
            ErrorCode::UnreadableFile,
            file,
            "ce XML déclare une DTD (des entités)\u{a0}: une facture électronique n'en a pas, Tact le refuse par sécurité.",
        ),
        roxmltree::Error::NodesLimitReached => file_error(
            ErrorCode::UnreadableFile,
            file,
            "ce XML est démesuré pour une facture\u{a0}: refusé.",
        ),
        other => file_error(
            ErrorCode::UnreadableFile,
            file,
            format!("XML mal formé ({other})."),
        ),
    })
}

/// A CII or UBL document, from XML bytes.
pub(crate) fn read_invoice_xml(file: &str, bytes: &[u8]) -> Result<(Format, Vec<Document>)> {
    let text = decode(file, bytes)?;
    let tree = parse(file, &text)?;
    let root = tree.root_element();
    let ns = root.tag_name().namespace().unwrap_or("");
    match (ns, root.tag_name().name()) {
        (NS_CII, "CrossIndustryInvoice") => {
            Ok((Format::Cii, vec![crate::cii::from_root(file, root, Format::Cii)?]))
        }
        (NS_UBL_INVOICE, "Invoice") | (NS_UBL_CREDIT_NOTE, "CreditNote") => {
            Ok((Format::Ubl, vec![crate::ubl::from_root(file, root)?]))
        }
        (_, name) => Err(file_error(
            ErrorCode::NotAnInvoice,
            file,
            format!(
                "ce XML n'est ni une facture CII ni une facture UBL (élément racine «\u{a0}{name}\u{a0}»{}).",
                if ns.is_empty() {
                    String::new()
                } else {
                    format!(", espace de noms {ns}")
                }
            ),
        )),
    }
}

/// The first child element with this namespace and local name.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ns)
    })
}

/// Every child element with this namespace and local name.
pub(crate) fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    ns: &'a str,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children().filter(move |c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ns)
    })
}

/// The element at a path of (namespace, local name) steps.
pub(crate) fn at<'a, 'i>(node: Node<'a, 'i>, path: &[(&str, &str)]) -> Option<Node<'a, 'i>> {
    path.iter()
        .try_fold(node, |n, (ns, name)| child(n, ns, name))
}

/// The trimmed text at a path, `None` when absent or empty.
pub(crate) fn text_at(node: Node<'_, '_>, path: &[(&str, &str)]) -> Option<String> {
    crate::text(at(node, path).and_then(|n| n.text()))
}

//! A draft leaving Tact as a file or a link: the RFC 5322 message (.eml) and the mailto: URL.

use super::*;

/// The draft as an RFC 5322 message (« Enregistrer en .eml »): UTF-8 headers encoded per RFC 2047, a
/// quoted-printable text body, a fixed Date given by the caller. Opening it in a mail program gives a message
/// ready to send.
pub fn to_eml(draft: &EmailText, from: Option<&str>, date: NaiveDate) -> String {
    let mut out = String::new();
    if let Some(f) = from {
        out.push_str(&format!("From: {f}\r\n"));
    }
    if let Some(t) = draft.to.as_deref() {
        out.push_str(&format!("To: {t}\r\n"));
    }
    out.push_str(&format!("Subject: {}\r\n", encode_header(&draft.subject)));
    out.push_str(&format!(
        "Date: {}\r\n",
        date.and_hms_opt(9, 0, 0)
            .map(|d| d.format("%a, %d %b %Y %H:%M:%S +0100").to_string())
            .unwrap_or_default()
    ));
    out.push_str("X-Unsent: 1\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
    out.push_str(&quoted_printable(&draft.body));
    out.push_str("\r\n");
    out
}

/// A `mailto:` link (RFC 6068) that opens the user's mail program with the recipient, subject and body filled in.
pub fn mailto_url(email: &EmailText) -> String {
    use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
    let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
    // An address keeps its usual characters; everything else is encoded.
    const ADDRESS: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
        .remove(b'.')
        .remove(b'-')
        .remove(b'_')
        .remove(b'@')
        .remove(b'+');
    // Line breaks are CRLF in a mailto body.
    let body = email.body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        email
            .to
            .as_deref()
            .map(|a| utf8_percent_encode(a, ADDRESS).to_string())
            .unwrap_or_default(),
        enc(&email.subject),
        enc(&body)
    )
}

/// RFC 2047 encoded-words (base64), in chunks that keep each under 75 characters.
pub(super) fn encode_header(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in s.chars() {
        if chunk.len().saturating_add(c.len_utf8()) > 30 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", base64(w.as_bytes())))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

pub(super) fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Quoted-printable (RFC 2045) with CRLF line ends and soft breaks.
pub(super) fn quoted_printable(text: &str) -> String {
    let crlf = text.replace('\n', "\r\n");
    quoted_printable::encode_to_str(crlf.as_bytes())
}

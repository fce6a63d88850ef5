//! A draft leaving Tact as a link: the mailto: URL. (The message itself, sent or saved as `.eml`, is built by
//! `tact-usecases::mail` with lettre.)

use super::*;

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

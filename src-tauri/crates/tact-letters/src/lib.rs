//! Lays a [`Letter`] out on A4 pages and writes the PDF. Pure: the same letter gives the same bytes.
//!
//! Geometry (legal-fr A.7, KOMA-Script NF.lco, La Poste): sender block top left; recipient block from
//! x = 110 mm with its lines between y = 55 mm and 80 mm from the top (at most 6 lines, checked by tact-core);
//! fold marks at 99 and 198 mm for a DL window envelope; margins 20 mm; page numbers when there is more than one
//! page; the annex on a page of its own. Text is DejaVu Sans (regular and bold), embedded and subset; lines are
//! wrapped by measuring glyph advances and broken only at U+0020, so no-break spaces hold.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};
use std::sync::OnceLock;
use tact_core::letters::{Block, Letter, Table};
use tact_core::{Error, ErrorCode, Result};

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
pub const LEFT: f32 = 20.0;
pub const RIGHT: f32 = 190.0;
/// Where the recipient's lines start, from the left edge (mm).
pub const WINDOW_X: f32 = 110.0;
/// Baseline of the recipient's first line, from the top (mm): its capitals start just below 55 mm.
pub const WINDOW_FIRST_BASELINE: f32 = 58.5;
/// Line pitch in the window: six lines end above 80 mm.
pub const WINDOW_LINE: f32 = 4.1;
/// Fold marks for a DL envelope (A4 folded in three).
pub const FOLDS: [f32; 2] = [99.0, 198.0];
const BODY_PT: f32 = 10.0;
const SMALL_PT: f32 = 8.5;
const LINE: f32 = 4.5;
const PARA_GAP: f32 = 2.2;
const BOTTOM: f32 = 278.0;
const CONT_TOP: f32 = 22.0;
/// The room left under the signature block to sign by hand, and the least it may shrink to.
const SIGN_ROOM: f32 = 22.0;
const TIGHT_SIGN_ROOM: f32 = 14.0;

/// The lines a column of short texts takes once wrapped to `width` mm.
fn wrapped_count(lines: &[String], width: f32) -> Result<usize> {
    let mut n = 0usize;
    for (i, l) in lines.iter().enumerate() {
        n = n.saturating_add(wrap(l, width, BODY_PT, i == 0)?.len());
    }
    Ok(n)
}

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

fn fonts() -> Result<&'static Fonts> {
    static FONTS: OnceLock<std::result::Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let parse = |bytes: &[u8]| {
                ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                    .ok_or_else(|| "la police DejaVu Sans n'a pas pu être lue".to_owned())
            };
            Ok(Fonts {
                regular: parse(dejavu::sans::regular())?,
                bold: parse(dejavu::sans::bold())?,
            })
        })
        .as_ref()
        .map_err(|e| Error::new(ErrorCode::Io, format!("Impression impossible\u{a0}: {e}.")))
}

/// The width of `s` in mm at `size` points.
pub fn text_width(s: &str, size: f32, bold: bool) -> Result<f32> {
    let f = fonts()?;
    let font = if bold { &f.bold } else { &f.regular };
    let upm = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    let units: u32 = s
        .chars()
        .map(|c| {
            font.lookup_glyph_index(u32::from(c))
                .map_or(0, |g| u32::from(font.get_horizontal_advance(g)))
        })
        .fold(0u32, u32::saturating_add);
    #[allow(clippy::cast_precision_loss)]
    Ok(units as f32 / upm * size * 25.4 / 72.0)
}

/// Lines of at most `width` mm, broken at plain spaces only (and at `\n`). A word longer than the line stays
/// whole on its own line.
pub fn wrap(s: &str, width: f32, size: f32, bold: bool) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && text_width(&candidate, size, bold)? > width {
                out.push(std::mem::take(&mut line));
                line = word.to_owned();
            } else {
                line = candidate;
            }
        }
        out.push(line);
    }
    Ok(out)
}

/// What closes a letter or an agreement.
struct Close<'a> {
    farewell: &'a str,
    signature: &'a [String],
    countersignature: &'a [String],
    enclosures: Option<&'a str>,
}

struct Writer {
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Current baseline, mm from the top.
    y: f32,
    regular: FontId,
    bold: FontId,
}

fn mm(v: f32) -> Pt {
    Mm(v).into()
}

impl Writer {
    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, s: &str) {
        if s.is_empty() {
            return;
        }
        let font = if bold { &self.bold } else { &self.regular };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: mm(x),
                    y: mm(PAGE_H - y),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(s.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, width_pt: f32) {
        self.ops.extend([
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale {
                    percent: 0.35,
                    icc_profile: None,
                }),
            },
            Op::SetOutlineThickness { pt: Pt(width_pt) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: mm(x1),
                                y: mm(PAGE_H - y),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: mm(x2),
                                y: mm(PAGE_H - y),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    fn new_page(&mut self) {
        let done = std::mem::take(&mut self.ops);
        self.pages.push(done);
        self.y = CONT_TOP;
    }

    /// Room for `h` mm below the current line, else a new page.
    fn need(&mut self, h: f32) {
        if self.y + h > BOTTOM {
            self.new_page();
        }
    }

    fn paragraph(&mut self, s: &str, bold: bool) -> Result<()> {
        for l in wrap(s, RIGHT - LEFT, BODY_PT, bold)? {
            self.need(LINE);
            self.y += LINE;
            self.text(LEFT, self.y, BODY_PT, bold, &l);
        }
        self.y += PARA_GAP;
        Ok(())
    }

    fn table(&mut self, t: &Table) -> Result<()> {
        let total: f32 = t
            .columns
            .iter()
            .map(|c| f32::from(c.width))
            .sum::<f32>()
            .max(1.0);
        let mut xs = Vec::with_capacity(t.columns.len());
        let mut x = LEFT;
        for c in &t.columns {
            let w = (RIGHT - LEFT) * f32::from(c.width) / total;
            xs.push((x, w, c.right));
            x += w;
        }
        let size = 9.0;
        let pitch = 4.2;
        let row = |w: &mut Writer, cells: &[String], bold: bool| -> Result<()> {
            // A left-aligned cell may run over the empty cells to its right (the labels of total rows).
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .enumerate()
                .zip(&xs)
                .map(|((i, c), (_, width, right))| {
                    let spare: f32 = if *right {
                        0.0
                    } else {
                        cells
                            .iter()
                            .zip(&xs)
                            .skip(i.saturating_add(1))
                            .take_while(|(c, _)| c.is_empty())
                            .map(|(_, (_, w, _))| *w)
                            .sum()
                    };
                    wrap(c, width + spare - 2.0, size, bold)
                })
                .collect::<Result<_>>()?;
            let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            #[allow(clippy::cast_precision_loss)]
            let h = pitch * n as f32;
            w.need(h + 1.0);
            for (lines, (x, width, right)) in wrapped.iter().zip(&xs) {
                for (i, l) in lines.iter().enumerate() {
                    #[allow(clippy::cast_precision_loss)]
                    let y = w.y + pitch * (i as f32 + 1.0);
                    let lx = if *right {
                        x + width - 1.0 - text_width(l, size, bold)?
                    } else {
                        x + 1.0
                    };
                    w.text(lx, y, size, bold, l);
                }
            }
            w.y += h;
            Ok(())
        };
        let titles: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
        self.need(pitch * 3.0);
        self.y += 1.0;
        if titles.iter().any(|s| !s.is_empty()) {
            row(self, &titles, true)?;
            self.y += 1.2;
            self.rule(LEFT, RIGHT, self.y, 0.6);
            self.y += 0.4;
        }
        for r in &t.rows {
            row(self, r, false)?;
        }
        if !t.totals.is_empty() {
            self.y += 1.2;
            self.rule(LEFT, RIGHT, self.y, 0.6);
            self.y += 0.4;
            for r in &t.totals {
                row(self, r, true)?;
            }
        }
        self.y += PARA_GAP + 1.0;
        Ok(())
    }

    /// The body, then its close (formula, signature blocks, room to sign, enclosures), which never stands alone
    /// on a page: it stays with the last paragraph of the body. When they do not fit, the room to sign tightens
    /// first, then that paragraph moves over with the close. Without a close, the body alone.
    fn body_and_close(&mut self, body: &[Block], c: &Close<'_>) -> Result<()> {
        let closes =
            !c.farewell.is_empty() || !c.signature.is_empty() || !c.countersignature.is_empty();
        let (last, rest) = match body.split_last() {
            Some((last @ (Block::Paragraph { .. } | Block::Strong { .. }), rest)) if closes => {
                (Some(last), rest)
            }
            _ => (None, body),
        };
        self.blocks(rest)?;
        if !closes {
            return Ok(());
        }
        let farewell = if c.farewell.is_empty() {
            0
        } else {
            wrap(c.farewell, RIGHT - LEFT, BODY_PT, false)?.len()
        };
        let sign_lines = c
            .signature
            .len()
            .max(wrapped_count(c.countersignature, WINDOW_X - LEFT - 6.0)?);
        let enclosure_lines = match c.enclosures {
            Some(e) => wrap(e, RIGHT - LEFT, BODY_PT, false)?.len(),
            None => 0,
        };
        let last_lines = match last {
            Some(Block::Paragraph { text }) => wrap(text, RIGHT - LEFT, BODY_PT, false)?.len(),
            Some(Block::Strong { text }) => wrap(text, RIGHT - LEFT, BODY_PT, true)?.len(),
            _ => 0,
        };
        #[allow(clippy::cast_precision_loss)]
        let height = |room: f32| {
            LINE * farewell
                .saturating_add(sign_lines)
                .saturating_add(enclosure_lines)
                .saturating_add(last_lines) as f32
                + PARA_GAP * 3.0
                + 3.0
                + room
        };
        let room = if self.y + height(SIGN_ROOM) <= BOTTOM {
            SIGN_ROOM
        } else if self.y + height(TIGHT_SIGN_ROOM) <= BOTTOM {
            TIGHT_SIGN_ROOM
        } else {
            self.new_page();
            SIGN_ROOM
        };
        if let Some(last) = last {
            self.blocks(std::slice::from_ref(last))?;
        }
        if !c.farewell.is_empty() {
            self.paragraph(c.farewell, false)?;
            self.y += 3.0;
        }
        let top = self.y;
        for (i, s) in c.signature.iter().enumerate() {
            self.y += LINE;
            self.text(WINDOW_X, self.y, BODY_PT, i == 0, s);
        }
        let mut left_y = top;
        for (i, s) in c.countersignature.iter().enumerate() {
            for part in wrap(s, WINDOW_X - LEFT - 6.0, BODY_PT, i == 0)? {
                left_y += LINE;
                self.text(LEFT, left_y, BODY_PT, i == 0, &part);
            }
        }
        self.y = self.y.max(left_y);
        // Room to sign.
        self.y += room;
        if let Some(e) = c.enclosures {
            self.paragraph(e, false)?;
        }
        Ok(())
    }

    fn blocks(&mut self, body: &[Block]) -> Result<()> {
        for b in body {
            match b {
                Block::Paragraph { text } => self.paragraph(text, false)?,
                Block::Strong { text } => {
                    // A heading or the demand stays with the first lines of what follows.
                    let lines = wrap(text, RIGHT - LEFT, BODY_PT, true)?.len();
                    #[allow(clippy::cast_precision_loss)]
                    self.need(LINE * lines.saturating_add(3) as f32);
                    self.paragraph(text, true)?;
                }
                Block::Table { table } => self.table(table)?,
            }
        }
        Ok(())
    }
}

/// Lays the letter out: one `Vec<Op>` per page.
fn layout(letter: &Letter, regular: FontId, bold: FontId) -> Result<Vec<Vec<Op>>> {
    let mut w = Writer {
        pages: Vec::new(),
        ops: Vec::new(),
        y: 0.0,
        regular,
        bold,
    };
    // Sender, top left.
    let mut y = 18.0;
    for (i, l) in letter.sender.iter().enumerate() {
        let (size, bold) = if i == 0 {
            (BODY_PT, true)
        } else {
            (SMALL_PT, false)
        };
        for part in wrap(l, 80.0, size, bold)? {
            w.text(LEFT, y, size, bold, &part);
            y += if i == 0 { 4.6 } else { 3.8 };
        }
    }
    // Recipient, in the window.
    for (i, l) in letter.recipient.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let ly = WINDOW_FIRST_BASELINE + WINDOW_LINE * i as f32;
        w.text(WINDOW_X, ly, BODY_PT, false, l);
    }
    if letter.fold_marks {
        for f in FOLDS {
            w.rule(4.0, 9.0, f, 0.4);
        }
    }
    w.text(WINDOW_X, 92.0, BODY_PT, false, &letter.place_date);
    w.y = 100.0;
    if let Some(m) = &letter.mention {
        w.y += LINE;
        w.text(LEFT, w.y, BODY_PT, true, m);
        w.y += 1.5;
    }
    w.y += 1.5;
    w.paragraph(&letter.subject, true)?;
    w.y += 2.0;
    if !letter.salutation.is_empty() {
        w.paragraph(&letter.salutation, false)?;
    }
    w.body_and_close(
        &letter.body,
        &Close {
            farewell: &letter.farewell,
            signature: &letter.signature,
            countersignature: &letter.countersignature,
            enclosures: letter.enclosures.as_deref(),
        },
    )?;
    if let Some(a) = &letter.annex {
        w.new_page();
        w.y = 25.0;
        w.text(LEFT, w.y, 12.0, true, &a.title);
        w.y += 4.0;
        // An agreement's annex ends with its two signatures, kept with its last paragraph.
        w.body_and_close(
            &a.body,
            &Close {
                farewell: "",
                signature: &a.signature,
                countersignature: &a.countersignature,
                enclosures: None,
            },
        )?;
    }
    let last = std::mem::take(&mut w.ops);
    w.pages.push(last);
    // Page numbers on letters of more than one page.
    let n = w.pages.len();
    if n > 1 {
        let regular = w.regular.clone();
        for (i, page) in w.pages.iter_mut().enumerate() {
            let label = match letter.language {
                tact_core::model::Language::French => {
                    format!("Page {} sur {n}", i.saturating_add(1))
                }
                tact_core::model::Language::English => {
                    format!("Page {} of {n}", i.saturating_add(1))
                }
            };
            let x = RIGHT - text_width(&label, SMALL_PT, false)?;
            let mut tmp = Writer {
                pages: Vec::new(),
                ops: Vec::new(),
                y: 0.0,
                regular: regular.clone(),
                bold: regular.clone(),
            };
            tmp.text(x, 287.0, SMALL_PT, false, &label);
            page.extend(tmp.ops);
        }
    }
    Ok(w.pages)
}

/// The letter's PDF document (pages laid out, fonts attached, metadata fixed from the letter's date).
pub fn document(letter: &Letter) -> Result<PdfDocument> {
    let f = fonts()?;
    let mut doc = PdfDocument::new(&letter.title);
    // Fixed resource names instead of printpdf's generated ones: the same letter gives the same bytes.
    let regular = FontId("F1".to_owned());
    let bold = FontId("F2".to_owned());
    doc.resources
        .fonts
        .map
        .insert(regular.clone(), printpdf::PdfFont::new(f.regular.clone()));
    doc.resources
        .fonts
        .map
        .insert(bold.clone(), printpdf::PdfFont::new(f.bold.clone()));
    let pages = layout(letter, regular, bold)?;
    doc.with_pages(
        pages
            .into_iter()
            .map(|ops| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops))
            .collect(),
    );
    let when = letter
        .date
        .and_hms_opt(12, 0, 0)
        .map_or(0, |d| d.and_utc().timestamp());
    let date = printpdf::OffsetDateTime::from_unix_timestamp(when)
        .map_err(|e| Error::new(ErrorCode::Io, format!("Date de la lettre\u{a0}: {e}.")))?;
    let info = &mut doc.metadata.info;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.author = letter.signature.first().cloned().unwrap_or_default();
    info.creator = "Tact".to_owned();
    info.producer = "Tact (printpdf)".to_owned();
    info.subject = letter.subject.clone();
    Ok(doc)
}

/// The PDF bytes of the letter. Same letter, same bytes: fixed font names, metadata dated by the letter, and a
/// document ID derived from the letter's content instead of a random one.
pub fn render(letter: &Letter) -> Result<Vec<u8>> {
    let doc = document(letter)?;
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    let json = serde_json::to_vec(letter).map_err(|e| Error::new(ErrorCode::Io, e.to_string()))?;
    let id: String = tact_core::ledger::sha256_hex(&json)
        .chars()
        .take(32)
        .collect();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone().into_bytes(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal),
        ]),
    );
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|e| {
        Error::new(
            ErrorCode::Io,
            format!("Écriture du PDF impossible\u{a0}: {e}."),
        )
    })?;
    Ok(out)
}

/// The texts drawn on each page, in drawing order: what a reader of each sheet sees (for the checks on page breaks).
pub fn page_texts(letter: &Letter) -> Result<Vec<Vec<String>>> {
    let pages = layout(letter, FontId("F1".to_owned()), FontId("F2".to_owned()))?;
    Ok(pages
        .iter()
        .map(|ops| {
            ops.iter()
                .filter_map(|op| match op {
                    Op::ShowText { items } => Some(
                        items
                            .iter()
                            .filter_map(|t| match t {
                                TextItem::Text(s) => Some(s.clone()),
                                _ => None,
                            })
                            .collect::<String>(),
                    ),
                    _ => None,
                })
                .collect()
        })
        .collect())
}

/// The number of pages the letter takes.
pub fn page_count(letter: &Letter) -> Result<usize> {
    Ok(document(letter)?.pages.len())
}

/// The CSS font families the preview's pages are drawn in: the app declares them once (`ui/src/app.css`, files in
/// `ui/public/fonts`, the same DejaVu Sans as the PDF), instead of each page carrying ~2 MB of fonts as data URLs.
pub const PREVIEW_FONTS: [(&str, &str); 2] = [("F1", "Tact Letter"), ("F2", "Tact Letter Bold")];

/// Each page as an SVG document, for the preview: the same layout as the PDF, drawn in the `PREVIEW_FONTS` families
/// (the page does not embed them: it is meant to be placed in the app's document, which has them).
pub fn svg_pages(letter: &Letter) -> Result<Vec<String>> {
    let doc = document(letter)?;
    let opts = printpdf::PdfToSvgOptions::default();
    (1..=doc.pages.len())
        .map(|n| {
            doc.page_to_svg(n, &opts, &mut Vec::new())
                .map(|svg| without_embedded_fonts(&svg))
                .ok_or_else(|| {
                    Error::new(ErrorCode::Io, format!("Aperçu de la page {n} impossible."))
                })
        })
        .collect()
}

/// printpdf's page with its `<style>` block of `@font-face` data URLs removed and the resource names (F1, F2)
/// replaced by the preview's families.
fn without_embedded_fonts(svg: &str) -> String {
    let mut out = match (svg.find("<style>"), svg.find("</style>")) {
        (Some(start), Some(end)) if start < end => {
            let mut s = String::with_capacity(svg.len().saturating_sub(end.saturating_sub(start)));
            s.push_str(&svg[..start]);
            s.push_str(
                svg[end..]
                    .trim_start_matches("</style>")
                    .trim_start_matches('\n'),
            );
            s
        }
        _ => svg.to_owned(),
    };
    for (id, family) in PREVIEW_FONTS {
        out = out.replace(
            &format!("font-family=\"{id}\""),
            &format!("font-family=\"{family}\""),
        );
    }
    out
}

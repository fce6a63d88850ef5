//! A plain-text table for terminal output, aligned on character counts (amounts right-aligned).

pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    right: Vec<usize>,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            right: Vec::new(),
        }
    }

    /// Columns to right-align (numbers and amounts).
    pub fn right(&mut self, columns: &[usize]) {
        self.right = columns.to_vec();
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn widths(&self) -> Vec<usize> {
        let mut w: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate() {
                if let Some(slot) = w.get_mut(i) {
                    *slot = (*slot).max(c.chars().count());
                }
            }
        }
        w
    }

    fn line(&self, cells: &[String], widths: &[usize]) -> String {
        let mut out = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(c.chars().count()));
            if i > 0 {
                out.push_str("  ");
            }
            if self.right.contains(&i) {
                out.push_str(&pad);
                out.push_str(c);
            } else {
                out.push_str(c);
                out.push_str(&pad);
            }
        }
        out.trim_end().to_owned()
    }

    pub fn print(&self) {
        let widths = self.widths();
        println!("{}", self.line(&self.header, &widths));
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        println!("{}", rule.join("  "));
        for r in &self.rows {
            println!("{}", self.line(r, &widths));
        }
    }
}

//! Docker's tables: columns padded to the widest cell plus three spaces, and at least
//! ten wide (tabwriter with minwidth 10, padding 3; `top` uses 20), the last column
//! unpadded (but the cells before an empty last one padded, as tabwriter does).

pub struct Table {
    rows: Vec<Vec<String>>,
    min_width: usize,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            rows: vec![header.iter().map(|s| s.to_string()).collect()],
            min_width: 10,
        }
    }
    /// Another tabwriter minwidth (docker's `top`: 20).
    pub fn min_width(mut self, w: usize) -> Table {
        self.min_width = w;
        self
    }
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
    pub fn render(&self) -> String {
        let cols = self.rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let mut widths = vec![0; cols];
        for r in &self.rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(c.chars().count() + 3).max(self.min_width);
            }
        }
        let mut out = String::new();
        for r in &self.rows {
            let mut line = String::new();
            for (i, c) in r.iter().enumerate() {
                line.push_str(c);
                if i + 1 < r.len() {
                    line.push_str(&" ".repeat(widths[i] - c.chars().count()));
                }
            }
            // As tabwriter: a padded cell keeps its padding even when an empty last
            // cell follows (`history`'s COMMENT).
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pads_like_tabwriter() {
        let mut t = super::Table::new(&["A", "BB"]);
        t.row(vec!["xyz".into(), "1".into()]);
        assert_eq!(t.render(), "A         BB\nxyz       1\n");
        let mut t = super::Table::new(&["REPOSITORY", "TAG", "IMAGE ID"]);
        t.row(vec![
            "busybox".into(),
            "latest".into(),
            "cc3c673a0483".into(),
        ]);
        assert_eq!(
            t.render(),
            "REPOSITORY   TAG       IMAGE ID\nbusybox      latest    cc3c673a0483\n"
        );
    }
}

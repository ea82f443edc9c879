//! The server's day read for the reports screen: the `CSV` export of `getSales.php` read
//! tolerantly into totals (by payment mode, department and user where its columns allow) and a
//! plain table, and the `Std` report (an HTML page) turned into readable text.
//!
//! The vendor does not document the CSV's columns: the reader takes `;`, `,` or tab as the
//! separator, quoted fields (with separators and line breaks inside), French or English
//! headers, a decimal comma or point, a byte-order mark, UTF-8 or Latin-1; columns it does not
//! know are kept in the table. What it cannot read at all is shown as received.

use std::str::FromStr as _;

use rust_decimal::Decimal;

/// What a column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Date,
    Order,
    PaymentMode,
    Department,
    User,
    Title,
    Quantity,
    UnitPrice,
    /// The amount of the row, taxes included: what the totals add up.
    Total,
}

/// The headers each role answers to, normalised (lower case, no accents, letters and digits
/// only), French and English.
const HEADERS: [(Role, &[&str]); 9] = [
    (
        Role::Date,
        &["date", "datetime", "jour", "day", "dateheure"],
    ),
    (
        Role::Order,
        &[
            "orderid",
            "order",
            "commande",
            "idcommande",
            "numerocommande",
            "ncommande",
            "ticket",
            "nticket",
            "numeroticket",
            "ordernumber",
        ],
    ),
    (
        Role::PaymentMode,
        &[
            "modedepaiement",
            "modepaiement",
            "paiement",
            "moyendepaiement",
            "moyenpaiement",
            "modedereglement",
            "modereglement",
            "reglement",
            "paymentmode",
            "payment",
            "paymentmethod",
            "paymenttype",
            "tender",
        ],
    ),
    (
        Role::Department,
        &[
            "rayon",
            "departement",
            "department",
            "dept",
            "deptname",
            "departmenttitle",
            "categorie",
            "category",
            "famille",
        ],
    ),
    (
        Role::User,
        &[
            "vendeur",
            "vendeuse",
            "utilisateur",
            "caissier",
            "caissiere",
            "employe",
            "user",
            "username",
            "cashier",
            "seller",
            "staff",
        ],
    ),
    (
        Role::Title,
        &[
            "title",
            "libelle",
            "article",
            "produit",
            "designation",
            "item",
            "itemtitle",
            "product",
            "name",
        ],
    ),
    (Role::Quantity, &["quantity", "quantite", "qte", "qty"]),
    (
        Role::UnitPrice,
        &["unitprice", "prixunitaire", "pu", "puttc", "price", "prix"],
    ),
    (
        Role::Total,
        &[
            "total",
            "totalttc",
            "montant",
            "montantttc",
            "amount",
            "totalamount",
            "totalincltax",
            "totalinclvat",
            "ttc",
            "linetotal",
        ],
    ),
];

/// One total of a group (a payment mode, a department, a user): its rows and its amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub rows: usize,
    pub total: Decimal,
}

/// The figures the CSV's columns allow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// The sum of the amount column, when there is one.
    pub grand: Option<Decimal>,
    /// Distinct orders, when there is an order column.
    pub orders: Option<usize>,
    /// Rows added up (not the total line a file may end with).
    pub rows: usize,
    /// Empty where the CSV has no such column.
    pub by_mode: Vec<Group>,
    pub by_department: Vec<Group>,
    pub by_user: Vec<Group>,
    /// Rows whose amount could not be read (left out of the sums).
    pub unreadable: usize,
    /// Rows that say they are the file's total (kept in the table, out of the sums).
    pub total_rows: usize,
}

/// A CSV as read: its headers, what each column holds, the rows, and the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesTable {
    pub headers: Vec<String>,
    pub roles: Vec<Option<Role>>,
    pub rows: Vec<Vec<String>>,
    pub separator: char,
    pub totals: Totals,
}

/// Why a CSV could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    Empty,
    Html,
    Binary,
    /// No separator and no header the reader knows.
    NoColumns,
    /// A quote opened and never closed.
    Unclosed,
    /// The sums do not fit in a decimal.
    Overflow,
}

/// What the reports screen shows of a CSV: the table and its totals, or what was received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Csv {
    Read(Box<SalesTable>),
    Unreadable {
        why: Unreadable,
        /// The first lines received, cut and cleaned of control characters.
        first_lines: Vec<String>,
    },
}

/// How many lines of an unreadable answer are shown, and how wide.
const SHOWN_LINES: usize = 8;
const SHOWN_WIDTH: usize = 200;

/// Text from bytes: a byte-order mark dropped, UTF-8, or Latin-1 when it is not UTF-8 (a
/// spreadsheet's export), with the euro sign of Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes
            .iter()
            .map(|&b| if b == 0x80 { '€' } else { char::from(b) })
            .collect(),
    }
}

fn first_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(SHOWN_LINES)
        .map(|l| {
            l.chars()
                .map(|c| if c.is_control() { '·' } else { c })
                .take(SHOWN_WIDTH)
                .collect()
        })
        .collect()
}

/// A header, normalised to compare: lower case, accents dropped, letters and digits only.
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            other => other,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

pub fn role_of(header: &str) -> Option<Role> {
    let h = normalise(header);
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(role, _)| *role)
}

/// The separator of the header line: the most frequent of `;`, tab and `,` outside quotes.
fn separator(text: &str) -> Option<char> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    let mut counts = [(';', 0usize), ('\t', 0), (',', 0)];
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && let Some((_, n)) = counts.iter_mut().find(|(s, _)| *s == c) {
            *n += 1;
        }
    }
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| *s)
}

/// The records of `text` (RFC 4180: quoted fields, `""` for a quote, line breaks inside
/// quotes); `None` when a quote is never closed.
fn records(text: &str, sep: char) -> Option<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == sep => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    if quoted {
        return None;
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push(record);
    }
    out.retain(|r: &Vec<String>| r.iter().any(|f| !f.trim().is_empty()));
    Some(out)
}

/// An amount as a spreadsheet writes it: `12.50`, `12,50`, `1 234,50`, `1,234.50`, `12,50 €`,
/// `-3.00`, `(3.00)`. `None` when it is not one.
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let mut t: String = text
        .trim()
        .trim_start_matches(['€', '$', '£'])
        .trim_end_matches(['€', '$', '£'])
        .trim()
        .trim_end_matches("EUR")
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let negative = t.starts_with('(') && t.ends_with(')');
    if negative {
        t = t[1..t.len() - 1].to_string();
    }
    if t.is_empty() {
        return None;
    }
    let comma = t.rfind(',');
    let point = t.rfind('.');
    let plain = match (comma, point) {
        // The last one is the decimal mark, the other groups thousands.
        (Some(c), Some(p)) if c > p => t.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => t.replace(',', ""),
        (Some(_), None) if t.matches(',').count() == 1 => t.replace(',', "."),
        (Some(_), None) => return None,
        _ => t,
    };
    let value = Decimal::from_str(&plain).ok()?;
    Some(if negative { -value } else { value })
}

/// A row that says it is the file's total (a spreadsheet's last line): kept out of the sums.
fn is_total_row(row: &[String], roles: &[Option<Role>]) -> bool {
    let first = row.iter().find(|f| !f.trim().is_empty());
    let named = first.is_some_and(|f| {
        matches!(
            normalise(f).as_str(),
            "total" | "totaux" | "totalgeneral" | "grandtotal" | "totaljour" | "totals"
        )
    });
    let first_role = row
        .iter()
        .position(|f| !f.trim().is_empty())
        .and_then(|i| roles.get(i).copied().flatten());
    named && first_role != Some(Role::Total)
}

fn add(groups: &mut Vec<Group>, name: &str, amount: Decimal) -> Option<()> {
    let name = if name.trim().is_empty() {
        "—"
    } else {
        name.trim()
    };
    match groups.iter_mut().find(|g| g.name == name) {
        Some(g) => {
            g.rows += 1;
            g.total = g.total.checked_add(amount)?;
        }
        None => groups.push(Group {
            name: name.to_string(),
            rows: 1,
            total: amount,
        }),
    }
    Some(())
}

/// Reads the `CSV` export of `getSales.php`.
pub fn read_csv(bytes: &[u8]) -> Csv {
    let text = decode(bytes);
    let unreadable = |why| Csv::Unreadable {
        why,
        first_lines: first_lines(&text),
    };
    let head = text.trim_start();
    if head.is_empty() {
        return unreadable(Unreadable::Empty);
    }
    if bytes.contains(&0) || head.starts_with("%PDF") {
        return unreadable(Unreadable::Binary);
    }
    let lower: String = head.chars().take(200).collect::<String>().to_lowercase();
    if lower.starts_with('<') || lower.contains("<html") || lower.contains("<!doctype") {
        return unreadable(Unreadable::Html);
    }
    let header_roles = |line: &str, sep: char| -> usize {
        line.split(sep)
            .filter(|h| role_of(h.trim_matches(['"', ' '])).is_some())
            .count()
    };
    let first = head.lines().next().unwrap_or_default();
    let sep = match separator(head) {
        Some(s) => s,
        None if role_of(first.trim_matches(['"', ' '])).is_some() => ';',
        None => return unreadable(Unreadable::NoColumns),
    };
    let Some(mut records) = records(head, sep) else {
        return unreadable(Unreadable::Unclosed);
    };
    if records.is_empty() {
        return unreadable(Unreadable::Empty);
    }
    let headers: Vec<String> = records
        .remove(0)
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header_roles(first, sep) == 0 && headers.len() < 2 {
        return unreadable(Unreadable::NoColumns);
    }
    let mut roles: Vec<Option<Role>> = headers.iter().map(|h| role_of(h)).collect();
    // One column per role: a second column of the same kind is shown, not added up twice.
    for i in 0..roles.len() {
        if roles[i].is_some() && roles[..i].contains(&roles[i]) {
            roles[i] = None;
        }
    }
    let Some(totals) = totals(&records, &roles) else {
        return unreadable(Unreadable::Overflow);
    };
    Csv::Read(Box::new(SalesTable {
        headers,
        roles,
        rows: records,
        separator: sep,
        totals,
    }))
}

fn totals(rows: &[Vec<String>], roles: &[Option<Role>]) -> Option<Totals> {
    let col = |role| roles.iter().position(|r| *r == Some(role));
    let cell = |row: &[String], i: Option<usize>| -> Option<String> {
        i.map(|i| row.get(i).cloned().unwrap_or_default())
    };
    let (total, mode, dept, user, order) = (
        col(Role::Total),
        col(Role::PaymentMode),
        col(Role::Department),
        col(Role::User),
        col(Role::Order),
    );
    let mut out = Totals::default();
    let mut grand = Decimal::ZERO;
    let mut orders: Vec<String> = Vec::new();
    for row in rows {
        if is_total_row(row, roles) {
            out.total_rows += 1;
            continue;
        }
        out.rows += 1;
        if let Some(o) = cell(row, order)
            && !o.trim().is_empty()
            && !orders.contains(&o)
        {
            orders.push(o);
        }
        let Some(t) = total else { continue };
        let Some(amount) = row.get(t).and_then(|a| parse_amount(a)) else {
            out.unreadable += 1;
            continue;
        };
        grand = grand.checked_add(amount)?;
        if let Some(m) = cell(row, mode) {
            add(&mut out.by_mode, &m, amount)?;
        }
        if let Some(d) = cell(row, dept) {
            add(&mut out.by_department, &d, amount)?;
        }
        if let Some(u) = cell(row, user) {
            add(&mut out.by_user, &u, amount)?;
        }
    }
    if total.is_some() {
        out.grand = Some(grand);
    }
    if order.is_some() {
        out.orders = Some(orders.len());
    }
    Some(out)
}

/// The `Std` report as lines of text: an HTML page's text with its tables laid out in
/// columns; a text answer as it is.
pub fn std_text(bytes: &[u8]) -> Vec<String> {
    let text = decode(bytes);
    let lower = text.trim_start().to_ascii_lowercase();
    if !(lower.starts_with('<') || lower.contains("<html") || lower.contains("<body")) {
        return text.lines().map(|l| l.trim_end().to_string()).collect();
    }
    let mut out = Html::default();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('<') {
        out.text(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[..close].trim().to_ascii_lowercase();
        rest = &after[close + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let closing = tag.starts_with('/');
        if !closing && matches!(name.as_str(), "head" | "script" | "style" | "title") {
            // Skip what is not shown.
            let end = format!("</{name}");
            match rest.to_ascii_lowercase().find(&end) {
                Some(i) => {
                    rest = &rest[i..];
                    if let Some(j) = rest.find('>') {
                        rest = &rest[j + 1..];
                    }
                }
                None => rest = "",
            }
            continue;
        }
        out.tag(&name, closing);
    }
    out.text(rest);
    out.finish()
}

/// The state of the HTML to text conversion.
#[derive(Default)]
struct Html {
    lines: Vec<String>,
    line: String,
    /// The table being read: its rows of cells.
    table: Option<Vec<Vec<String>>>,
    cell: Option<String>,
}

impl Html {
    fn text(&mut self, raw: &str) {
        let decoded = entities(raw);
        let target = match (&mut self.table, &mut self.cell) {
            (Some(_), Some(cell)) => cell,
            (Some(_), None) => return,
            _ => &mut self.line,
        };
        for word in decoded.split_whitespace() {
            if !target.is_empty() && !target.ends_with(' ') {
                target.push(' ');
            }
            target.push_str(word);
        }
        if decoded.ends_with(char::is_whitespace) && !target.is_empty() && !target.ends_with(' ') {
            target.push(' ');
        }
    }

    fn break_line(&mut self) {
        let line = std::mem::take(&mut self.line).trim().to_string();
        if !line.is_empty() {
            self.lines.push(line);
        }
    }

    fn blank(&mut self) {
        self.break_line();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn end_cell(&mut self) {
        if let (Some(rows), Some(cell)) = (&mut self.table, self.cell.take()) {
            if rows.is_empty() {
                rows.push(Vec::new());
            }
            if let Some(row) = rows.last_mut() {
                row.push(cell.trim().to_string());
            }
        }
    }

    fn tag(&mut self, name: &str, closing: bool) {
        match (name, closing) {
            ("table", false) => {
                self.break_line();
                self.table = Some(Vec::new());
            }
            ("table", true) => {
                self.end_cell();
                if let Some(rows) = self.table.take() {
                    self.lay_out(&rows);
                }
                self.blank();
            }
            ("tr", false) => {
                self.end_cell();
                if let Some(rows) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            ("td" | "th", false) => {
                self.end_cell();
                self.cell = Some(String::new());
            }
            ("td" | "th" | "tr", true) => self.end_cell(),
            ("br", _) => self.break_line(),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "div" | "ul" | "ol", _) => {
                self.blank();
            }
            ("li", false) => {
                self.break_line();
                self.line.push_str("- ");
            }
            _ => {}
        }
    }

    /// A table in columns: text left, figures right.
    fn lay_out(&mut self, rows: &[Vec<String>]) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let width = |c: usize| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|t| unicode_width::UnicodeWidthStr::width(t.as_str()))
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..columns).map(width).collect();
        for row in rows.iter().filter(|r| !r.is_empty()) {
            let mut line = String::new();
            for (c, w) in widths.iter().enumerate() {
                let cell = row.get(c).map_or("", String::as_str);
                let pad = " ".repeat(w - unicode_width::UnicodeWidthStr::width(cell));
                if c > 0 {
                    line.push_str("  ");
                }
                if c > 0 && parse_amount(cell).is_some() {
                    line.push_str(&pad);
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.push_str(&pad);
                }
            }
            self.lines.push(format!("  {}", line.trim_end()));
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.end_cell();
        if let Some(rows) = self.table.take() {
            self.lay_out(&rows);
        }
        self.break_line();
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        self.lines
    }
}

/// HTML entities: the named ones a report uses, and numeric ones.
fn entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                "euro" => Some('€'),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        if let Some((c, e)) = decoded {
            out.push(c);
            rest = &rest[e + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// What a failed write of a report says: a full disk, a permission refused, a folder that is
/// not there each in words, with the path; nothing was left under that name.
pub fn write_error(
    path: &std::path::Path,
    error: &std::io::Error,
    lang: crate::i18n::Lang,
) -> String {
    use std::io::ErrorKind;
    let path = crate::i18n::s(path.display().to_string());
    let id = match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "report-save-disk-full",
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => "report-save-denied",
        ErrorKind::NotFound => "report-save-no-folder",
        ErrorKind::IsADirectory => "report-save-is-folder",
        _ => "report-save-failed",
    };
    lang.ta(
        id,
        &[("path", path), ("error", crate::i18n::s(error.to_string()))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn read(text: &str) -> SalesTable {
        match read_csv(text.as_bytes()) {
            Csv::Read(t) => *t,
            Csv::Unreadable { why, first_lines } => {
                panic!("unreadable: {why:?} {first_lines:?}")
            }
        }
    }

    fn group(name: &str, rows: usize, total: Decimal) -> Group {
        Group {
            name: name.to_string(),
            rows,
            total,
        }
    }

    /// What the simulator's `getSales.php` sends (`src/sim/http.rs`, `sales_csv`).
    const SIMULATOR: &str = "\
date;orderID;orderInternalID;type;itemID;deptID;department;title;quantity;unitPrice;total;paymentMode;user
2026-12-01 10:02:11;1;K-1;item;12;3;Boulangerie;Baguette;2;1.30;2.60;Espèces;Marie
2026-12-01 10:02:11;1;K-1;department;;4;Épicerie;Free line;1;4.50;4.50;Espèces;Marie
2026-12-01 11:40:00;2;K-2;item;15;3;Boulangerie;Croissant;3;1.10;3.30;Espèces + Carte bancaire;webservice
";

    #[test]
    fn the_simulators_csv() {
        let t = read(SIMULATOR);
        assert_eq!(t.separator, ';');
        assert_eq!(t.headers.len(), 13);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.totals.grand, Some(dec!(10.40)));
        assert_eq!(t.totals.orders, Some(2));
        assert_eq!(
            t.totals.by_department,
            vec![
                group("Boulangerie", 2, dec!(5.90)),
                group("Épicerie", 1, dec!(4.50))
            ]
        );
        assert_eq!(
            t.totals.by_mode,
            vec![
                group("Espèces", 2, dec!(7.10)),
                group("Espèces + Carte bancaire", 1, dec!(3.30))
            ]
        );
        assert_eq!(t.totals.by_user[1], group("webservice", 1, dec!(3.30)));
        // Without such columns, nothing is made up.
        let bare = read("department;total\nA;1.00\n");
        assert!(bare.totals.by_mode.is_empty() && bare.totals.by_user.is_empty());
        // `deptID` is an id, not the department's name.
        assert_eq!(t.roles[5], None);
        assert_eq!(t.roles[6], Some(Role::Department));
    }

    #[test]
    fn french_headers_decimal_comma_bom_and_latin1() {
        let text = "\u{feff}Date;N° ticket;Mode de paiement;Rayon;Vendeur;Montant TTC\n\
            01/12/2026;101;Espèces;Boulangerie;Marie;12,50\n\
            01/12/2026;102;Carte bancaire;Boucherie;Paul;1 234,00\n\
            01/12/2026;103;Espèces;Boulangerie;Marie;-2,50\n\
            Total;;;;;1 244,00\n";
        let t = read(text);
        assert_eq!(t.headers[0], "Date");
        assert_eq!(t.totals.grand, Some(dec!(1244.00)));
        assert_eq!(t.totals.orders, Some(3));
        assert_eq!(
            t.totals.total_rows, 1,
            "the file's own total is not added twice"
        );
        assert_eq!(
            t.totals.by_mode,
            vec![
                group("Espèces", 2, dec!(10.00)),
                group("Carte bancaire", 1, dec!(1234.00))
            ]
        );
        assert_eq!(
            t.totals.by_user,
            vec![
                group("Marie", 2, dec!(10.00)),
                group("Paul", 1, dec!(1234.00))
            ]
        );
        // The same file from a spreadsheet in Latin-1.
        let latin1: Vec<u8> = text
            .trim_start_matches('\u{feff}')
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
        assert_eq!(read_csv(&latin1), Csv::Read(Box::new(t)));
    }

    #[test]
    fn english_headers_comma_separator_and_quoted_fields() {
        let text = "Order,Payment mode,Department,User,Title,Amount,Till note\r\n\
            7,Card,\"Wine, beer\",Ann,\"Château \"\"Margaux\"\", 2019\",\"1,234.50\",\"two\nlines\"\r\n\
            8,Cash,Bakery,Bob,Bread,3.20,\r\n";
        let t = read(text);
        assert_eq!(t.separator, ',');
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][4], "Château \"Margaux\", 2019");
        assert_eq!(t.rows[0][6], "two\nlines");
        assert_eq!(t.totals.grand, Some(dec!(1237.70)));
        assert_eq!(
            t.totals.by_department,
            vec![
                group("Wine, beer", 1, dec!(1234.50)),
                group("Bakery", 1, dec!(3.20))
            ]
        );
        assert_eq!(t.totals.by_mode[0], group("Card", 1, dec!(1234.50)));
        assert_eq!(t.totals.by_user[1], group("Bob", 1, dec!(3.20)));
        // An unknown column is kept in the table.
        assert_eq!(t.headers[6], "Till note");
        assert_eq!(t.roles[6], None);
    }

    #[test]
    fn unknown_columns_only_still_make_a_table() {
        let t = read("a;b;c\n1;2;3\n4;5\n");
        assert_eq!(t.rows, vec![vec!["1", "2", "3"], vec!["4", "5"]]);
        assert_eq!(t.totals.grand, None, "no amount column: no total");
        assert_eq!(t.totals.rows, 2);
    }

    #[test]
    fn an_unreadable_amount_is_counted_not_added() {
        let t = read("Total;Rayon\n12.00;A\nabc;A\n;B\n");
        assert_eq!(t.totals.grand, Some(dec!(12.00)));
        assert_eq!(t.totals.unreadable, 2);
    }

    #[test]
    fn garbage_html_and_empty_are_shown_as_received() {
        let cases: [(&[u8], Unreadable); 5] = [
            (b"", Unreadable::Empty),
            (b"\xEF\xBB\xBF  \n", Unreadable::Empty),
            (
                b"<!DOCTYPE html><html><body>Please log in</body></html>",
                Unreadable::Html,
            ),
            (b"%PDF-1.4\n\x00\x01", Unreadable::Binary),
            (b"nothing to see here\nat all", Unreadable::NoColumns),
        ];
        for (bytes, why) in cases {
            match read_csv(bytes) {
                Csv::Unreadable {
                    why: got,
                    first_lines,
                } => {
                    assert_eq!(got, why, "{bytes:?}");
                    if why == Unreadable::Html {
                        assert!(first_lines[0].contains("Please log in"), "{first_lines:?}");
                    }
                }
                other @ Csv::Read(_) => panic!("{bytes:?} read as {other:?}"),
            }
        }
        assert!(matches!(
            read_csv(b"Total;Rayon\n\"12.00;A\n"),
            Csv::Unreadable {
                why: Unreadable::Unclosed,
                ..
            }
        ));
    }

    #[test]
    fn sums_that_overflow_are_refused() {
        let big = "79228162514264337593543950335";
        let text = format!("Total\n{big}\n{big}\n");
        assert!(matches!(
            read_csv(text.as_bytes()),
            Csv::Unreadable {
                why: Unreadable::Overflow,
                ..
            }
        ));
    }

    #[test]
    fn amounts_as_spreadsheets_write_them() {
        for (text, want) in [
            ("12.50", Some(dec!(12.50))),
            ("12,50", Some(dec!(12.50))),
            ("1 234,50 €", Some(dec!(1234.50))),
            ("1\u{202f}234,50", Some(dec!(1234.50))),
            ("1,234.50", Some(dec!(1234.50))),
            ("1.234,50", Some(dec!(1234.50))),
            ("€3", Some(dec!(3))),
            ("-3.00", Some(dec!(-3.00))),
            ("(3.00)", Some(dec!(-3.00))),
            ("12 EUR", Some(dec!(12))),
            ("1,2,3", None),
            ("", None),
            ("abc", None),
        ] {
            assert_eq!(parse_amount(text), want, "{text:?}");
        }
    }

    #[test]
    fn write_errors_say_what_happened() {
        use std::io::{Error, ErrorKind};
        let path = std::path::Path::new("/media/usb/kash-sales-2026-12-01.pdf");
        for (kind, words) in [
            (ErrorKind::StorageFull, "disk is full"),
            (ErrorKind::PermissionDenied, "Permission denied"),
            (ErrorKind::NotFound, "No such folder"),
            (ErrorKind::IsADirectory, "is a folder"),
            (ErrorKind::Other, "could not be written"),
        ] {
            let said = write_error(path, &Error::from(kind), crate::i18n::Lang::En);
            assert!(
                said.contains(words) && said.contains("/media/usb/"),
                "{said}"
            );
            let fr = write_error(path, &Error::from(kind), crate::i18n::Lang::Fr);
            assert_ne!(fr, said);
        }
    }

    #[test]
    fn the_std_report_as_text() {
        let html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sales report</title>\
            </head><body>\n<h1>Demo &amp; Co — sales of 01/12/2026</h1>\n\
            <p>Orders: <span class=\"orders\">2</span></p>\n\
            <h2>By payment mode</h2>\n<table>\n<tr><th>Title</th><th>Amount</th></tr>\n\
            <tr><td>Espèces</td><td>10.40</td></tr>\n<tr><td>Carte bancaire</td><td>3.00</td></tr>\n\
            </table>\n<p>Unpaid: <span>0.00</span></p>\n<script>alert(1)</script></body></html>\n";
        assert_eq!(
            std_text(html.as_bytes()),
            vec![
                "Demo & Co — sales of 01/12/2026",
                "",
                "Orders: 2",
                "",
                "By payment mode",
                "",
                "  Title           Amount",
                "  Espèces          10.40",
                "  Carte bancaire    3.00",
                "",
                "Unpaid: 0.00",
            ]
        );
        assert_eq!(
            std_text(b"plain text\nreport  \n"),
            vec!["plain text", "report"]
        );
        assert_eq!(entities("&#233;t&eacute; &#x41; & co"), "ét&eacute; A & co");
    }
}

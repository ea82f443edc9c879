//! Receipts, kitchen tickets and reports laid out for the paper: pure functions from what was
//! sold to [`Block`]s, the width of the roll in characters, the words in the till's language.

use rust_decimal::Decimal;
use time::PrimitiveDateTime;

use super::codepage::CodePage;
use super::escpos::{Block, Size};
use crate::i18n::{Lang, s};
use crate::money::{MoneyStyle, format_money, format_quantity, round_cents};

/// What every document of a printer shares: the roll, the code page, the shop's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    /// Characters a line (32 for 58 mm, 42 or 48 for 80 mm).
    pub width: usize,
    pub code_page: CodePage,
    /// Shop name, address, SIRET, VAT number…: printed at the top of a receipt.
    pub header: Vec<String>,
    /// Printed at the bottom of a receipt.
    pub footer: Vec<String>,
    pub lang: Lang,
    pub style: MoneyStyle,
}

/// The number a receipt carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Number {
    /// The server's order number.
    Order(u64),
    /// Not on Kash.click yet: the till's reference.
    Provisional(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    pub title: String,
    pub quantity: Decimal,
    /// Before the discount.
    pub unit_price: Decimal,
    pub total: Decimal,
    /// `-10%`, `-1,50`.
    pub discount: Option<String>,
    /// The VAT rate in percent, where `[printer] vat_rates` maps the item's `vatID`.
    pub vat_rate: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub number: Number,
    /// Local time of the sale.
    pub at: PrimitiveDateTime,
    pub cashier: String,
    pub table: Option<String>,
    pub lines: Vec<ReceiptLine>,
    pub total: Decimal,
    /// (mode, amount).
    pub payments: Vec<(String, Decimal)>,
    pub change: Option<Decimal>,
    /// The invoice link, printed as a QR code.
    pub link: Option<String>,
    /// A reprint: `DUPLICATA` at the top and the bottom.
    pub duplicate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitchenLine {
    pub quantity: Decimal,
    pub title: String,
    /// Variations, notes.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitchenTicket {
    pub at: PrimitiveDateTime,
    /// "Order 12", or the till's reference while it is on its way.
    pub order: String,
    pub cashier: String,
    pub table: Option<String>,
    pub covers: Option<u32>,
    pub lines: Vec<KitchenLine>,
    pub comment: Option<String>,
}

/// One row of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportRow {
    Amount(String, Decimal),
    Text(String, String),
    Heading(String),
    Rule,
}

/// A report (the till's X and Z): a title and rows of label and amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    pub at: PrimitiveDateTime,
    pub rows: Vec<ReportRow>,
}

/// Words of `text` in lines of at most `width` characters (a longer word is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word[..width].iter().collect());
            word.drain(..width);
        }
        if word.is_empty() {
            continue;
        }
        let len = line.chars().count();
        if len > 0 && len + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn center(text: &str, width: usize) -> String {
    let len = text.chars().count();
    if len >= width {
        return text.to_string();
    }
    format!("{}{text}", " ".repeat((width - len) / 2))
}

/// `left` and `right` on one line, `right` flush right; when both do not fit, `left` wraps
/// above and `right` ends its last line (or a line of its own).
fn two(left: &str, right: &str, width: usize) -> Vec<String> {
    let rlen = right.chars().count();
    let indent = left
        .chars()
        .take_while(|c| *c == ' ')
        .count()
        .min(width / 2);
    let pad = " ".repeat(indent);
    let mut lines: Vec<String> = wrap(left, width - indent)
        .into_iter()
        .map(|l| format!("{pad}{l}"))
        .collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let last = lines.pop().unwrap_or_default();
    let llen = last.chars().count();
    if llen + 1 + rlen <= width || (last.trim().is_empty() && rlen <= width) {
        let gap = width.saturating_sub(llen + rlen);
        lines.push(format!("{last}{}{right}", " ".repeat(gap)));
    } else {
        lines.push(last);
        lines.push(format!("{right:>width$}"));
    }
    lines
}

impl Paper {
    fn p(&self, text: &str) -> String {
        self.code_page.printable(text)
    }

    fn money(&self, amount: Decimal) -> String {
        self.p(&format_money(amount, self.style))
    }

    fn rule(&self) -> Block {
        Block::text("-".repeat(self.width))
    }

    fn date(&self, at: PrimitiveDateTime) -> String {
        let f = match self.lang {
            Lang::Fr => time::macros::format_description!("[day]/[month]/[year] [hour]:[minute]"),
            Lang::En => time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]"),
        };
        at.format(f).unwrap_or_default()
    }

    fn lines(&self, text: &str) -> impl Iterator<Item = Block> {
        wrap(&self.p(text), self.width).into_iter().map(Block::text)
    }

    fn centred(&self, text: &str, size: Size) -> Vec<Block> {
        let width = if size == Size::Big {
            self.width / 2
        } else {
            self.width
        };
        wrap(&self.p(text), width)
            .into_iter()
            .map(|l| {
                let t = center(&l, width);
                if size == Size::Normal {
                    Block::text(t)
                } else {
                    Block::sized(t, size)
                }
            })
            .collect()
    }

    fn pair(&self, left: &str, right: &str) -> impl Iterator<Item = Block> {
        two(&self.p(left), &self.p(right), self.width)
            .into_iter()
            .map(Block::text)
    }

    fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }
}

/// VAT included in `total` at `rate` percent, rounded to the cent.
pub fn vat_included(total: Decimal, rate: Decimal) -> Option<Decimal> {
    let divisor = Decimal::ONE_HUNDRED.checked_add(rate)?;
    if divisor.is_zero() {
        return None;
    }
    Some(round_cents(total.checked_mul(rate)?.checked_div(divisor)?))
}

/// The receipt as it prints.
pub fn receipt(r: &Receipt, paper: &Paper) -> Vec<Block> {
    let l = paper.lang;
    let style = paper.style;
    let mut out = Vec::new();
    for (i, h) in paper.header.iter().enumerate() {
        if i == 0 {
            out.extend(paper.centred(h, Size::Tall));
        } else {
            out.extend(paper.centred(h, Size::Normal));
        }
    }
    out.push(paper.rule());
    if r.duplicate {
        out.extend(paper.centred(&paper.t("print-duplicate"), Size::Big));
    }
    if r.total.is_sign_negative() && !r.total.is_zero() {
        out.extend(paper.centred(&paper.t("print-refund"), Size::Big));
    }
    match &r.number {
        Number::Order(id) => {
            out.extend(paper.pair(
                &l.ta("print-order", &[("order", s(id.to_string()))]),
                &paper.date(r.at),
            ));
        }
        // The reference stays in the journal and the logs: a wire code means nothing on paper.
        Number::Provisional(_) => {
            out.extend(paper.centred(&paper.t("print-provisional"), Size::Big));
            out.extend(paper.lines(&l.t("print-provisional-reference")));
            out.extend(paper.pair("", &paper.date(r.at)));
        }
    }
    out.extend(paper.lines(&l.ta("print-cashier", &[("cashier", s(r.cashier.as_str()))])));
    if let Some(t) = &r.table {
        out.extend(paper.lines(&l.ta("print-table", &[("table", s(t.as_str()))])));
    }
    out.push(paper.rule());
    for line in &r.lines {
        let mut title = line.title.clone();
        if let Some(d) = &line.discount {
            title = format!("{title} {d}");
        }
        let discounted = line.discount.is_some();
        if line.quantity == Decimal::ONE && !discounted {
            out.extend(paper.pair(&title, &paper.money(line.total)));
        } else {
            out.extend(paper.lines(&title));
            let detail = format!(
                "  {} x {}",
                format_quantity(line.quantity, style),
                paper.money(line.unit_price)
            );
            out.extend(paper.pair(&detail, &paper.money(line.total)));
        }
    }
    out.push(paper.rule());
    for t in two(
        &paper.p(&paper.t("print-total")),
        &paper.money(r.total),
        paper.width,
    ) {
        out.push(Block::sized(t, Size::Tall));
    }
    // VAT by rate, where the rates are known.
    let mut rates: Vec<(Decimal, Decimal)> = Vec::new();
    for line in &r.lines {
        if let Some(rate) = line.vat_rate {
            match rates.iter_mut().find(|(r, _)| *r == rate) {
                Some((_, sum)) => *sum = sum.saturating_add(line.total),
                None => rates.push((rate, line.total)),
            }
        }
    }
    rates.sort_by_key(|a| a.0);
    if !rates.is_empty() {
        out.push(paper.rule());
        for (rate, ttc) in rates {
            let Some(vat) = vat_included(ttc, rate) else {
                continue;
            };
            let base = ttc.saturating_sub(vat);
            out.extend(
                paper.pair(
                    &l.ta(
                        "print-vat",
                        &[
                            (
                                "rate",
                                s(rate
                                    .normalize()
                                    .to_string()
                                    .replace('.', if l == Lang::Fr { "," } else { "." })),
                            ),
                            ("base", s(paper.money(base))),
                        ],
                    ),
                    &paper.money(vat),
                ),
            );
        }
    }
    out.push(paper.rule());
    for (mode, amount) in &r.payments {
        out.extend(paper.pair(mode, &paper.money(*amount)));
    }
    if let Some(change) = r.change {
        for t in two(
            &paper.p(&paper.t("print-change")),
            &paper.money(change),
            paper.width,
        ) {
            out.push(Block::bold(t));
        }
    }
    if !paper.footer.is_empty() {
        out.push(paper.rule());
        for f in &paper.footer {
            out.extend(paper.centred(f, Size::Normal));
        }
    }
    if let Some(link) = &r.link {
        out.push(Block::text(""));
        out.extend(paper.centred(&paper.t("print-invoice-qr"), Size::Normal));
        out.push(Block::Qr(link.clone()));
    }
    if r.duplicate {
        out.extend(paper.centred(&paper.t("print-duplicate"), Size::Big));
    }
    out.push(Block::Cut);
    out
}

/// The kitchen ticket: what to make, for which table, no prices.
pub fn kitchen(k: &KitchenTicket, paper: &Paper) -> Vec<Block> {
    let l = paper.lang;
    let mut out = Vec::new();
    out.extend(paper.centred(&paper.t("print-kitchen"), Size::Big));
    if let Some(t) = &k.table {
        let text = match k.covers {
            Some(c) => l.ta(
                "print-kitchen-table-covers",
                &[("table", s(t.as_str())), ("covers", s(c.to_string()))],
            ),
            // The table's own name ("Table 3", "Terrasse 2") says it.
            None => t.clone(),
        };
        out.extend(paper.centred(&text, Size::Tall));
    } else if let Some(c) = k.covers {
        out.extend(paper.centred(
            &l.ta("print-kitchen-covers", &[("covers", s(c.to_string()))]),
            Size::Tall,
        ));
    }
    out.extend(paper.pair(&k.order, &paper.date(k.at)));
    out.extend(paper.lines(&l.ta("print-cashier", &[("cashier", s(k.cashier.as_str()))])));
    out.push(paper.rule());
    for line in &k.lines {
        let q = format_quantity(line.quantity, paper.style);
        let indent = q.chars().count() + 1;
        let body = wrap(
            &paper.p(&line.title),
            paper.width.saturating_sub(indent).max(1),
        );
        for (i, b) in body.iter().enumerate() {
            let lead = if i == 0 {
                format!("{q} ")
            } else {
                " ".repeat(indent)
            };
            out.push(Block::sized(format!("{lead}{b}"), Size::Tall));
        }
        for note in &line.notes {
            for n in wrap(
                &paper.p(&format!("+ {note}")),
                paper.width.saturating_sub(indent).max(1),
            ) {
                out.push(Block::text(format!("{}{n}", " ".repeat(indent))));
            }
        }
    }
    if let Some(c) = k.comment.as_deref().filter(|c| !c.trim().is_empty()) {
        out.push(paper.rule());
        for part in c.lines() {
            out.extend(paper.lines(part).map(|b| match b {
                Block::Line { text, .. } => Block::bold(text),
                other => other,
            }));
        }
    }
    out.push(Block::Cut);
    out
}

/// A report: title, time, rows of label and amount.
pub fn report(r: &Report, paper: &Paper) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, h) in paper.header.iter().enumerate() {
        out.extend(paper.centred(h, if i == 0 { Size::Tall } else { Size::Normal }));
    }
    out.push(paper.rule());
    out.extend(paper.centred(&r.title, Size::Big));
    out.extend(paper.centred(&paper.date(r.at), Size::Normal));
    out.push(paper.rule());
    for row in &r.rows {
        match row {
            ReportRow::Amount(label, amount) => {
                out.extend(paper.pair(label, &paper.money(*amount)));
            }
            ReportRow::Text(label, value) => out.extend(paper.pair(label, value)),
            ReportRow::Heading(h) => out.extend(paper.lines(h).map(|b| match b {
                Block::Line { text, .. } => Block::bold(text),
                other => other,
            })),
            ReportRow::Rule => out.push(paper.rule()),
        }
    }
    out.push(Block::Cut);
    out
}

/// The document as lines of text, for the preview on screen (the QR code is drawn apart).
pub fn preview(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Line {
                text,
                size: Size::Big,
                ..
            } => {
                // Double width: each character takes two columns.
                let wide: String = text.trim_start().chars().collect();
                let lead = text.chars().take_while(|c| *c == ' ').count() * 2;
                out.push(format!(
                    "{}{}",
                    " ".repeat(lead),
                    wide.chars()
                        .flat_map(|c| [c, ' '])
                        .collect::<String>()
                        .trim_end()
                ));
            }
            Block::Line { text, .. } => out.push(text.clone()),
            Block::Qr(_) | Block::Cut | Block::Drawer => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_and_long_words_are_cut() {
        assert_eq!(wrap("Pain au chocolat", 8), ["Pain au", "chocolat"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(two("Croissant", "1,20 €", 20), ["Croissant     1,20 €"]);
        assert_eq!(
            two("Un titre bien trop long", "12,00 €", 16),
            ["Un titre bien", "trop long", "         12,00 €"]
        );
    }

    #[test]
    fn vat_is_taken_out_of_the_price() {
        use rust_decimal_macros::dec;
        assert_eq!(vat_included(dec!(12.00), dec!(20)), Some(dec!(2.00)));
        assert_eq!(vat_included(dec!(5.50), dec!(5.5)), Some(dec!(0.29)));
        assert_eq!(vat_included(dec!(-12.00), dec!(20)), Some(dec!(-2.00)));
    }
}

//! The simulator's `getSales.php` exports beside the Std report and the CSV: PDF, XLS, the
//! French FEC (`frafec`) and SAF-T (`saft`). Each is computed from the day's validated orders,
//! deterministic (the same orders give the same bytes), and a file its program recognises: a
//! one-page PDF 1.4, an Excel 2003 XML workbook (what Excel opens as `.xls`), a FEC with the 18
//! columns of the French tax administration, a SAF-T `AuditFile`. They carry the figures a test
//! or an owner checks (orders, totals per payment mode); they are not the vendor's layouts, which
//! the vendor does not publish.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use time::Date;

use super::state::{ShopState, SimOrder};
use crate::money::wire_price;

/// The day's figures every export shows.
struct Day<'a> {
    shop: &'a str,
    /// `YYYY-MM-DD`.
    date: String,
    /// `YYYYMMDD` (FEC).
    compact: String,
    orders: &'a [&'a SimOrder],
    grand: Decimal,
    /// (payment mode title, count, total), in first-seen order.
    by_mode: Vec<(String, usize, Decimal)>,
}

fn day<'a>(shop: &'a ShopState, date: Date, orders: &'a [&'a SimOrder]) -> Day<'a> {
    let mut by_mode: Vec<(String, usize, Decimal)> = Vec::new();
    for o in orders {
        for (mode, amount) in &o.payments {
            let title = mode_title(shop, *mode);
            match by_mode.iter_mut().find(|(t, _, _)| *t == title) {
                Some((_, n, t)) => {
                    *n += 1;
                    *t += *amount;
                }
                None => by_mode.push((title, 1, *amount)),
            }
        }
    }
    Day {
        shop: &shop.catalog.title,
        date: format!(
            "{}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ),
        compact: format!(
            "{}{:02}{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ),
        orders,
        grand: orders.iter().map(|o| o.total()).sum(),
        by_mode,
    }
}

fn mode_title(shop: &ShopState, mode: u64) -> String {
    shop.catalog
        .payment_mode(mode)
        .map_or_else(|| format!("Mode {mode}"), |m| m.title.clone())
}

/// The lines of the report, as plain text (the PDF's page).
fn report_lines(d: &Day<'_>) -> Vec<String> {
    let mut lines = vec![
        format!("{} - sales of {}", d.shop, d.date),
        String::new(),
        format!("Orders: {}", d.orders.len()),
        format!("Grand total: {}", wire_price(d.grand)),
        String::new(),
        "By payment mode".to_string(),
    ];
    for (title, n, total) in &d.by_mode {
        lines.push(format!("  {title}: {n} payments, {}", wire_price(*total)));
    }
    lines
}

/// A PDF string: Latin-1 characters as octal escapes (the page's font is `WinAnsi`), the rest `?`.
fn pdf_string(text: &str) -> String {
    let mut out = String::from("(");
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if u32::from(c) >= 0xA0 && u32::from(c) <= 0xFF => {
                let _ = write!(out, "\\{:03o}", u32::from(c));
            }
            '€' => out.push_str("\\200"),
            _ => out.push('?'),
        }
    }
    out.push(')');
    out
}

/// A one-page PDF 1.4 with the report's lines (ASCII bytes; the cross-reference offsets are
/// exact, so any reader opens it).
pub fn pdf(shop: &ShopState, date: Date, orders: &[&SimOrder]) -> String {
    let d = day(shop, date, orders);
    let mut content = String::from("BT /F1 11 Tf 56 780 Td 14 TL\n");
    for line in report_lines(&d) {
        let _ = writeln!(content, "{} Tj T*", pdf_string(&line));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{body}\nendobj\n", i + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(out, "{o:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An Excel 2003 XML workbook: one sheet of orders, one of payment modes.
pub fn xls(shop: &ShopState, date: Date, orders: &[&SimOrder]) -> String {
    let d = day(shop, date, orders);
    let cell = |kind: &str, v: &str| {
        format!(
            "<Cell><Data ss:Type=\"{kind}\">{}</Data></Cell>",
            xml_escape(v)
        )
    };
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n\
         <Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" \
         xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n",
    );
    let _ = writeln!(
        out,
        "<Worksheet ss:Name=\"Orders {}\"><Table>\n<Row>{}{}{}{}</Row>",
        d.date,
        cell("String", "orderID"),
        cell("String", "date"),
        cell("String", "lines"),
        cell("String", "total"),
    );
    for o in d.orders {
        let _ = writeln!(
            out,
            "<Row>{}{}{}{}</Row>",
            cell("Number", &o.id.to_string()),
            cell("String", &o.date),
            cell("Number", &o.lines.len().to_string()),
            cell("Number", &wire_price(o.total())),
        );
    }
    out.push_str("</Table></Worksheet>\n<Worksheet ss:Name=\"Payment modes\"><Table>\n");
    let _ = writeln!(
        out,
        "<Row>{}{}{}</Row>",
        cell("String", "mode"),
        cell("String", "payments"),
        cell("String", "total")
    );
    for (title, n, total) in &d.by_mode {
        let _ = writeln!(
            out,
            "<Row>{}{}{}</Row>",
            cell("String", title),
            cell("Number", &n.to_string()),
            cell("Number", &wire_price(*total)),
        );
    }
    let _ = writeln!(
        out,
        "<Row>{}{}{}</Row>",
        cell("String", "Total"),
        cell("Number", &d.orders.len().to_string()),
        cell("Number", &wire_price(d.grand)),
    );
    out.push_str("</Table></Worksheet>\n</Workbook>\n");
    out
}

/// A FEC (fichier des écritures comptables): tab-separated, the 18 columns in their order, one
/// entry per order: the payments debited to their account (530 cash, 511 other modes, 411 what
/// the customer still owes), the sale credited to 706. Amounts with a decimal comma, as the administration asks.
pub fn fec(shop: &ShopState, date: Date, orders: &[&SimOrder]) -> String {
    let d = day(shop, date, orders);
    let columns = [
        "JournalCode",
        "JournalLib",
        "EcritureNum",
        "EcritureDate",
        "CompteNum",
        "CompteLib",
        "CompAuxNum",
        "CompAuxLib",
        "PieceRef",
        "PieceDate",
        "EcritureLib",
        "Debit",
        "Credit",
        "EcritureLet",
        "DateLet",
        "ValidDate",
        "Montantdevise",
        "Idevise",
    ];
    let mut out = columns.join("\t");
    out.push_str("\r\n");
    let amount = |a: Decimal| wire_price(a).replace('.', ",");
    let mut row =
        |num: usize, order: &SimOrder, account: &str, label: &str, dc: (Decimal, Decimal)| {
            let fields = [
                "VE".to_string(),
                "Ventes".to_string(),
                num.to_string(),
                d.compact.clone(),
                account.to_string(),
                label.to_string(),
                String::new(),
                String::new(),
                order.id.to_string(),
                d.compact.clone(),
                format!("Order {}", order.id),
                amount(dc.0),
                amount(dc.1),
                String::new(),
                String::new(),
                d.compact.clone(),
                String::new(),
                "EUR".to_string(),
            ];
            out.push_str(&fields.join("\t"));
            out.push_str("\r\n");
        };
    for (i, o) in d.orders.iter().enumerate() {
        let num = i + 1;
        for (mode, paid) in &o.payments {
            let cash = shop
                .catalog
                .payment_mode(*mode)
                .is_some_and(|m| m.type_name.starts_with("Cash"));
            let (account, label) = if cash {
                ("530000", "Caisse".to_string())
            } else {
                ("511000", mode_title(shop, *mode))
            };
            row(num, o, account, &label, (*paid, Decimal::ZERO));
        }
        // What is not paid yet is owed by the customer.
        if o.remaining() > Decimal::ZERO {
            row(num, o, "411000", "Clients", (o.remaining(), Decimal::ZERO));
        }
        row(num, o, "706000", "Ventes", (Decimal::ZERO, o.total()));
    }
    out
}

/// A SAF-T `AuditFile`: the header, then each order as a sales invoice with its lines.
pub fn saft(shop: &ShopState, date: Date, orders: &[&SimOrder]) -> String {
    let d = day(shop, date, orders);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <AuditFile xmlns=\"urn:OECD:StandardAuditFile-Tax:2.00\">\n",
    );
    let _ = write!(
        out,
        "<Header><AuditFileVersion>2.00</AuditFileVersion><CompanyName>{}</CompanyName>\
         <StartDate>{date}</StartDate><EndDate>{date}</EndDate>\
         <CurrencyCode>EUR</CurrencyCode></Header>\n<SourceDocuments><SalesInvoices>\
         <NumberOfEntries>{}</NumberOfEntries><TotalCredit>{}</TotalCredit>\n",
        xml_escape(d.shop),
        d.orders.len(),
        wire_price(d.grand),
        date = d.date,
    );
    for o in d.orders {
        let _ = writeln!(
            out,
            "<Invoice><InvoiceNo>{}</InvoiceNo><InvoiceDate>{}</InvoiceDate>",
            o.id, d.date
        );
        for (n, l) in o.lines.iter().enumerate() {
            let _ = writeln!(
                out,
                "<Line><LineNumber>{}</LineNumber><Description>{}</Description>\
                 <Quantity>{}</Quantity><UnitPrice>{}</UnitPrice><CreditAmount>{}</CreditAmount>\
                 </Line>",
                n + 1,
                xml_escape(&l.title),
                crate::money::wire_quantity(l.quantity),
                wire_price(l.unit_price),
                wire_price(l.total()),
            );
        }
        let _ = writeln!(
            out,
            "<DocumentTotals><GrossTotal>{}</GrossTotal></DocumentTotals></Invoice>",
            wire_price(o.total())
        );
    }
    out.push_str("</SalesInvoices></SourceDocuments>\n</AuditFile>\n");
    out
}

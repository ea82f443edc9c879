//! The `[printer]` section and what the till keeps of it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::codepage::CodePage;
use super::layout::Paper;
use super::spool::Target;
use crate::i18n::Lang;
use crate::money::MoneyStyle;

/// When receipts print.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReceiptPolicy {
    /// On the cashier's key (Ctrl-G), when the customer asks: French law (loi AGEC, since
    /// August 2023) prints a receipt only on request.
    #[default]
    Ask,
    /// Every sale.
    Always,
    /// Never (the drawer and kitchen tickets still work).
    Never,
}

fn default_width() -> usize {
    48
}

/// `[printer]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrinterSection {
    /// `tcp://HOST:9100` or `file:/dev/usb/lp0`.
    pub connection: String,
    /// Characters a line: 32 for 58 mm paper, 42 or 48 for 80 mm.
    #[serde(default = "default_width")]
    pub width: usize,
    #[serde(default)]
    pub code_page: CodePage,
    #[serde(default)]
    pub receipts: ReceiptPolicy,
    /// Opens the drawer on every cash payment (and Ctrl-D opens it).
    #[serde(default)]
    pub drawer: bool,
    /// Shop name, address, SIRET, VAT number: the receipt's first lines.
    #[serde(default)]
    pub header: Vec<String>,
    #[serde(default)]
    pub footer: Vec<String>,
    /// Kitchen tickets for parked and recalled orders' new lines, on this printer unless
    /// `[printer.kitchen]` names another.
    #[serde(default)]
    pub kitchen_tickets: bool,
    /// The items' `vatID` → rate in percent (`{ "1" = "20", "2" = "5.5" }`): VAT by rate on
    /// the receipt.
    #[serde(default)]
    pub vat_rates: BTreeMap<String, String>,
    #[serde(default)]
    pub kitchen: Option<KitchenSection>,
}

/// `[printer.kitchen]`: a second printer for kitchen tickets.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitchenSection {
    pub connection: String,
    #[serde(default = "default_width")]
    pub width: usize,
    #[serde(default)]
    pub code_page: CodePage,
}

/// The widths a roll may have.
pub const WIDTHS: std::ops::RangeInclusive<usize> = 24..=64;

/// Which printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Receipt,
    Kitchen,
}

/// What the till knows of its printers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintSetup {
    pub target: Target,
    pub paper: Paper,
    pub receipts: ReceiptPolicy,
    pub drawer: bool,
    /// Where kitchen tickets go, and on what paper; `None`: no kitchen tickets.
    pub kitchen: Option<(Target, Paper)>,
    /// `vatID` → rate.
    pub vat_rates: Vec<(u64, Decimal)>,
}

impl PrintSetup {
    pub fn rate(&self, vat_id: Option<u64>) -> Option<Decimal> {
        let id = vat_id?;
        self.vat_rates
            .iter()
            .find(|(v, _)| *v == id)
            .map(|(_, r)| *r)
    }
}

impl PrinterSection {
    /// Checks the section: `Err` names the key.
    pub fn validate(&self) -> Result<(), String> {
        Target::parse(&self.connection).map_err(|e| format!("key `printer.connection`: {e}"))?;
        if !WIDTHS.contains(&self.width) {
            return Err(format!(
                "key `printer.width` = {} is out of range ({} to {} characters)",
                self.width,
                WIDTHS.start(),
                WIDTHS.end()
            ));
        }
        for (id, rate) in &self.vat_rates {
            id.parse::<u64>().map_err(|_| {
                format!("key `printer.vat_rates`: `{id}` is not a vatID (a number)")
            })?;
            match crate::money::parse_decimal(rate) {
                Some(r) if r >= Decimal::ZERO && r < Decimal::ONE_HUNDRED => {}
                _ => {
                    return Err(format!(
                        "key `printer.vat_rates.{id}`: `{rate}` is not a rate in percent"
                    ));
                }
            }
        }
        if let Some(k) = &self.kitchen {
            Target::parse(&k.connection)
                .map_err(|e| format!("key `printer.kitchen.connection`: {e}"))?;
            if !WIDTHS.contains(&k.width) {
                return Err(format!(
                    "key `printer.kitchen.width` = {} is out of range",
                    k.width
                ));
            }
        }
        Ok(())
    }

    /// The setup, in the till's language and money style (after [`PrinterSection::validate`]).
    pub fn setup(&self, lang: Lang, style: MoneyStyle) -> Result<PrintSetup, String> {
        self.validate()?;
        let target = Target::parse(&self.connection)?;
        let paper = Paper {
            width: self.width,
            code_page: self.code_page,
            header: self.header.clone(),
            footer: self.footer.clone(),
            lang,
            style,
        };
        let kitchen = match &self.kitchen {
            Some(k) => Some((
                Target::parse(&k.connection)?,
                Paper {
                    width: k.width,
                    code_page: k.code_page,
                    header: Vec::new(),
                    footer: Vec::new(),
                    lang,
                    style,
                },
            )),
            None if self.kitchen_tickets => Some((target.clone(), paper.clone())),
            None => None,
        };
        let vat_rates = self
            .vat_rates
            .iter()
            .filter_map(|(id, r)| Some((id.parse().ok()?, crate::money::parse_decimal(r)?)))
            .collect();
        Ok(PrintSetup {
            target,
            paper,
            receipts: self.receipts,
            drawer: self.drawer,
            kitchen,
            vat_rates,
        })
    }
}

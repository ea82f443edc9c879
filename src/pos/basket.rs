//! The basket of the sale in progress: lines, their arithmetic, and their translation into the
//! `itemsList[]` lines of an order. Amounts are rounded to cents per line, explicitly, so the
//! total on screen is the sum of what each line sends.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::kash::model::{Item, VariationChoice};
use crate::kash::order::{ItemsListEntry, clean_title};
use crate::money::{MoneyStyle, format_amount, round_cents};

/// What a line sells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineKind {
    Item {
        id: u64,
    },
    /// A free amount in a department (`-DEPT_PRICE_TITLE`).
    Department {
        id: u64,
    },
    /// A free amount with no department (`Free_PRICE_TITLE`).
    Free,
}

/// A discount on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineDiscount {
    /// A percentage of the line (10 means 10 %).
    Percent(Decimal),
    /// An amount off the whole line.
    Amount(Decimal),
}

impl LineDiscount {
    /// Reads what a cashier types: `10%` or `10 %` is a percentage, `1.50` or `1,50` an amount.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        if let Some(p) = t.strip_suffix('%') {
            let v = crate::money::parse_decimal(p)?;
            return (v > Decimal::ZERO && v <= Decimal::ONE_HUNDRED).then_some(Self::Percent(v));
        }
        let v = crate::money::parse_decimal(t)?;
        (v > Decimal::ZERO).then_some(Self::Amount(v))
    }

    pub fn label(self, style: MoneyStyle) -> String {
        match self {
            Self::Percent(p) => format!("-{}%", p.normalize()),
            Self::Amount(a) => format!("-{}", format_amount(a, style)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasketLine {
    pub kind: LineKind,
    pub title: String,
    pub quantity: Decimal,
    /// The unit price before any discount: the catalog's (with variation deltas) or an override.
    pub unit_price: Decimal,
    pub price_overridden: bool,
    pub title_overridden: bool,
    /// The chosen variations: (choice id, its title).
    pub variations: Vec<(u64, String)>,
    pub discount: Option<LineDiscount>,
    /// What the line was read from when it says more than the catalog (a weighed code…).
    pub note: Option<String>,
}

impl BasketLine {
    /// A catalog item with its chosen variations; the unit price includes their deltas.
    pub fn from_item(item: &Item, quantity: Decimal, choices: &[&VariationChoice]) -> Self {
        let delta: Decimal = choices.iter().map(|c| c.delta_price).sum();
        Self {
            kind: LineKind::Item { id: item.id },
            title: item.title.clone(),
            quantity,
            unit_price: item.price + delta,
            price_overridden: false,
            title_overridden: false,
            variations: choices.iter().map(|c| (c.id, c.title.clone())).collect(),
            discount: None,
            note: None,
        }
    }

    pub fn free(department: Option<(u64, &str)>, price: Decimal, title: Option<&str>) -> Self {
        let (kind, default_title) = match department {
            Some((id, t)) => (LineKind::Department { id }, t.to_string()),
            None => (LineKind::Free, "Free line".to_string()),
        };
        Self {
            kind,
            title: title.map_or(default_title, str::to_string),
            quantity: Decimal::ONE,
            unit_price: price,
            price_overridden: true,
            title_overridden: title.is_some(),
            variations: Vec::new(),
            discount: None,
            note: None,
        }
    }

    /// The unit price after the discount, rounded to cents: what goes on the wire.
    pub fn effective_unit_price(&self) -> Decimal {
        let unit = match self.discount {
            None => self.unit_price,
            Some(LineDiscount::Percent(p)) => {
                self.unit_price * (Decimal::ONE_HUNDRED - p) / Decimal::ONE_HUNDRED
            }
            Some(LineDiscount::Amount(a)) => {
                if self.quantity.is_zero() {
                    self.unit_price
                } else {
                    self.unit_price - a / self.quantity.abs()
                }
            }
        };
        round_cents(unit.max(Decimal::ZERO))
    }

    /// The line total: quantity × effective unit price, rounded to cents.
    pub fn total(&self) -> Decimal {
        round_cents(self.quantity * self.effective_unit_price())
    }

    /// The title with the variations, as the receipt shows it.
    pub fn display_title(&self) -> String {
        if self.variations.is_empty() {
            self.title.clone()
        } else {
            let v: Vec<&str> = self.variations.iter().map(|(_, t)| t.as_str()).collect();
            format!("{} ({})", self.title, v.join(", "))
        }
    }

    /// The `itemsList[]` line. A discount or an override forces the unit price; a forced title
    /// also carries the discount so the receipt shows it. Free and department lines have no
    /// quantity on the wire: their price is the line total.
    pub fn entry(&self, style: MoneyStyle) -> ItemsListEntry {
        let price_forced = self.price_overridden || self.discount.is_some();
        let title = match (self.title_overridden, self.discount) {
            (_, Some(d)) => Some(clean_title(&format!("{} {}", self.title, d.label(style)))),
            (true, None) => Some(clean_title(&self.title)),
            (false, None) => None,
        };
        match &self.kind {
            LineKind::Item { id } => ItemsListEntry::Item {
                id: *id,
                quantity: self.quantity,
                title,
                price: price_forced.then(|| self.effective_unit_price()),
                variations: self.variations.iter().map(|(id, _)| *id).collect(),
            },
            LineKind::Department { id } => ItemsListEntry::Department {
                department_id: *id,
                price: self.total(),
                title: title.unwrap_or_else(|| clean_title(&self.title)),
            },
            LineKind::Free => ItemsListEntry::Free {
                price: self.total(),
                title: title.unwrap_or_else(|| clean_title(&self.title)),
            },
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basket {
    pub lines: Vec<BasketLine>,
}

impl Basket {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn total(&self) -> Decimal {
        self.lines.iter().map(BasketLine::total).sum()
    }

    /// The number of articles (weighed goods count as one).
    pub fn article_count(&self) -> Decimal {
        self.lines
            .iter()
            .map(|l| {
                if l.quantity.fract().is_zero() {
                    l.quantity
                } else {
                    Decimal::ONE
                }
            })
            .sum()
    }

    /// Adds a line; the same item with the same variations and nothing forced adds to the
    /// existing line's quantity. Returns the index of the line that changed.
    pub fn add(&mut self, line: BasketLine) -> usize {
        if let LineKind::Item { .. } = line.kind
            && let Some(i) = self.lines.iter().position(|l| {
                l.kind == line.kind
                    && l.variations == line.variations
                    && !l.price_overridden
                    && !l.title_overridden
                    && l.discount.is_none()
                    && l.note.is_none()
                    && line.note.is_none()
                    && l.unit_price == line.unit_price
                    && l.quantity.fract().is_zero()
                    && line.quantity.fract().is_zero()
                    && l.quantity.is_sign_positive() == line.quantity.is_sign_positive()
            })
        {
            self.lines[i].quantity += line.quantity;
            return i;
        }
        self.lines.push(line);
        self.lines.len() - 1
    }

    pub fn remove(&mut self, index: usize) -> Option<BasketLine> {
        (index < self.lines.len()).then(|| self.lines.remove(index))
    }

    pub fn entries(&self, style: MoneyStyle) -> Vec<ItemsListEntry> {
        self.lines.iter().map(|l| l.entry(style)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn croissant() -> Item {
        Item {
            id: 2,
            title: "Croissant".into(),
            short_title: String::new(),
            price: dec!(1.20),
            department_id: Some(1),
            vat_id: None,
            barcode: String::new(),
            stock: None,
            internal_id: String::new(),
            hidden: false,
            position: 0,
            variation_ids: vec![],
        }
    }

    #[test]
    fn same_item_adds_up() {
        let mut b = Basket::default();
        b.add(BasketLine::from_item(&croissant(), dec!(1), &[]));
        b.add(BasketLine::from_item(&croissant(), dec!(2), &[]));
        assert_eq!(b.lines.len(), 1);
        assert_eq!(b.lines[0].quantity, dec!(3));
        assert_eq!(b.total(), dec!(3.60));
        assert_eq!(b.entries(MoneyStyle::French)[0].encode(), "2_3");
    }

    #[test]
    fn discounts_force_a_rounded_price() {
        let mut l = BasketLine::from_item(&croissant(), dec!(3), &[]);
        l.discount = Some(LineDiscount::Percent(dec!(10)));
        assert_eq!(l.effective_unit_price(), dec!(1.08));
        assert_eq!(l.total(), dec!(3.24));
        assert_eq!(
            l.entry(MoneyStyle::French).encode(),
            "2_3_Croissant -10%_1.08"
        );
        l.discount = Some(LineDiscount::Amount(dec!(1)));
        assert_eq!(l.effective_unit_price(), dec!(0.87));
        assert_eq!(l.total(), dec!(2.61));
        l.discount = Some(LineDiscount::Amount(dec!(100)));
        assert_eq!(l.total(), dec!(0));
    }

    #[test]
    fn discount_text() {
        assert_eq!(
            LineDiscount::parse("10%"),
            Some(LineDiscount::Percent(dec!(10)))
        );
        assert_eq!(
            LineDiscount::parse("2,50"),
            Some(LineDiscount::Amount(dec!(2.50)))
        );
        assert_eq!(LineDiscount::parse("150%"), None);
        assert_eq!(LineDiscount::parse("-1"), None);
        assert_eq!(LineDiscount::parse("x"), None);
    }

    #[test]
    fn variations_and_free_lines() {
        let choice = VariationChoice {
            id: 8,
            title: "Grande".into(),
            delta_price: dec!(0.50),
            position: 0,
        };
        let l = BasketLine::from_item(&croissant(), dec!(1), &[&choice]);
        assert_eq!(l.unit_price, dec!(1.70));
        assert_eq!(l.entry(MoneyStyle::French).encode(), "2_1___8");
        assert_eq!(l.display_title(), "Croissant (Grande)");
        let d = BasketLine::free(Some((5, "Vente libre")), dec!(9.99), None);
        assert_eq!(d.entry(MoneyStyle::French).encode(), "-5_9.99_Vente libre");
        let f = BasketLine::free(None, dec!(12.99), Some("Item"));
        assert_eq!(f.entry(MoneyStyle::French).encode(), "Free_12.99_Item");
    }

    #[test]
    fn weighed_quantities() {
        let mut l = BasketLine::from_item(&croissant(), dec!(0.350), &[]);
        l.unit_price = dec!(24.90);
        l.price_overridden = true;
        assert_eq!(l.total(), dec!(8.72));
        let mut b = Basket::default();
        b.add(l.clone());
        b.add(l);
        assert_eq!(b.lines.len(), 2, "weighed lines stay separate");
        assert_eq!(b.article_count(), dec!(2));
    }
}

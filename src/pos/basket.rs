//! The basket of the sale in progress: lines, their arithmetic, and their translation into the
//! `itemsList[]` lines of an order. Amounts are rounded to cents per line, explicitly, so the
//! total on screen is the sum of what each line sends.
//!
//! Arithmetic never panics: every product and sum is checked, and a line over the till's
//! [`Limits`] (quantity, unit price, line total) is refused by [`Basket::push_line`] with a
//! [`LimitError`] the cashier can read. The plain accessors ([`BasketLine::total`],
//! [`Basket::total`]) saturate instead of overflowing, which only a line that skipped the limits
//! can reach.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::kash::model::{Item, VariationChoice};
use crate::kash::order::{ItemsListEntry, clean_title};
use crate::money::{MoneyStyle, format_amount, format_quantity, round_cents};

/// The largest magnitudes a line may have. Refund lines are negative: the limits bound the
/// absolute value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Units (or kilograms) on one line.
    pub max_quantity: Decimal,
    /// The unit price, before any discount.
    pub max_unit_price: Decimal,
    /// Quantity × price after the discount.
    pub max_line_total: Decimal,
    /// Covers of one order (`[pos] max_covers`).
    pub max_covers: u32,
}

impl Limits {
    /// 9 999 units: a counter never sells more of one item in one sale; more is a barcode or a
    /// price typed into the quantity (`3760123400015*…`).
    pub const DEFAULT_MAX_QUANTITY: u64 = 9_999;
    /// 100 000 a unit: above any counter price, below any barcode or card number typed into the
    /// price by mistake.
    pub const DEFAULT_MAX_UNIT_PRICE: u64 = 100_000;
    /// 1 000 000 a line: ten of the dearest item, and far from where decimal arithmetic could
    /// overflow (7.9 × 10²⁸) even over thousands of lines.
    pub const DEFAULT_MAX_LINE_TOTAL: u64 = 1_000_000;
    /// What a configured limit may be at most: the product of the largest quantity and unit
    /// price stays exact in a `Decimal`.
    pub const CEILING: u64 = 1_000_000_000_000;
    /// 500 covers: a banquet hall; 93 313 is a code typed into the covers field.
    pub const DEFAULT_MAX_COVERS: u32 = 500;

    pub fn new(max_quantity: u64, max_unit_price: u64, max_line_total: u64) -> Self {
        Self {
            max_quantity: Decimal::from(max_quantity),
            max_unit_price: Decimal::from(max_unit_price),
            max_line_total: Decimal::from(max_line_total),
            max_covers: Self::DEFAULT_MAX_COVERS,
        }
    }

    /// With another limit on covers.
    #[must_use]
    pub fn with_max_covers(mut self, max_covers: u32) -> Self {
        self.max_covers = max_covers;
        self
    }

    /// Checks a line against the limits; its total computed with checked arithmetic.
    pub fn check(&self, line: &BasketLine) -> Result<(), LimitError> {
        if line.quantity.abs() > self.max_quantity {
            return Err(LimitError::Quantity {
                quantity: line.quantity,
                max: self.max_quantity,
            });
        }
        if line.unit_price.abs() > self.max_unit_price {
            return Err(LimitError::UnitPrice {
                price: line.unit_price,
                max: self.max_unit_price,
            });
        }
        let total = line.checked_total().ok_or(LimitError::Overflow)?;
        if total.abs() > self.max_line_total {
            return Err(LimitError::LineTotal {
                total,
                max: self.max_line_total,
            });
        }
        Ok(())
    }

    /// Whether a catalog price is one the till can sell at.
    pub fn check_price(&self, price: Decimal) -> Result<(), LimitError> {
        if price.abs() > self.max_unit_price {
            Err(LimitError::UnitPrice {
                price,
                max: self.max_unit_price,
            })
        } else {
            Ok(())
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::new(
            Self::DEFAULT_MAX_QUANTITY,
            Self::DEFAULT_MAX_UNIT_PRICE,
            Self::DEFAULT_MAX_LINE_TOTAL,
        )
    }
}

/// A line the till refuses to sell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("{}", self.message(MoneyStyle::French))]
    Quantity { quantity: Decimal, max: Decimal },
    #[error("{}", self.message(MoneyStyle::French))]
    UnitPrice { price: Decimal, max: Decimal },
    #[error("{}", self.message(MoneyStyle::French))]
    LineTotal { total: Decimal, max: Decimal },
    /// Beyond what decimal arithmetic holds.
    #[error("{}", self.message(MoneyStyle::French))]
    Overflow,
}

impl LimitError {
    /// What the cashier reads, amounts in the till's style.
    pub fn message(&self, style: MoneyStyle) -> String {
        self.message_in(style, crate::i18n::Lang::En)
    }

    /// The refusal as the cashier reads it, in `lang`.
    pub fn message_in(&self, style: MoneyStyle, lang: crate::i18n::Lang) -> String {
        use crate::i18n::s;
        let amount = |a: &Decimal| {
            if a.abs() > Decimal::from(Limits::CEILING) {
                lang.t("limit-amount-too-large")
            } else {
                format_amount(*a, style)
            }
        };
        match self {
            Self::Quantity { quantity, max } => {
                let q = if quantity.abs() > Decimal::from(Limits::CEILING) {
                    lang.t("limit-too-large")
                } else {
                    format_quantity(*quantity, style)
                };
                lang.ta(
                    "limit-quantity",
                    &[("quantity", s(q)), ("max", s(format_quantity(*max, style)))],
                )
            }
            Self::UnitPrice { price, max } => lang.ta(
                "limit-unit-price",
                &[("price", s(amount(price))), ("max", s(amount(max)))],
            ),
            Self::LineTotal { total, max } => lang.ta(
                "limit-line-total",
                &[("total", s(amount(total))), ("max", s(amount(max)))],
            ),
            Self::Overflow => lang.t("limit-overflow"),
        }
    }
}

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
    /// Saturates rather than overflows on absurd prices; [`Limits::check`] then refuses the line.
    pub fn from_item(item: &Item, quantity: Decimal, choices: &[&VariationChoice]) -> Self {
        let delta = choices
            .iter()
            .fold(Decimal::ZERO, |sum, c| sum.saturating_add(c.delta_price));
        Self {
            kind: LineKind::Item { id: item.id },
            title: item.title.to_string(),
            quantity,
            unit_price: item.price.saturating_add(delta),
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

    /// The unit price after the discount, rounded to cents: what goes on the wire. `None` when
    /// the arithmetic overflows.
    pub fn checked_effective_unit_price(&self) -> Option<Decimal> {
        let unit = match self.discount {
            None => self.unit_price,
            Some(LineDiscount::Percent(p)) => self
                .unit_price
                .checked_mul(Decimal::ONE_HUNDRED.checked_sub(p)?)?
                .checked_div(Decimal::ONE_HUNDRED)?,
            Some(LineDiscount::Amount(a)) => {
                if self.quantity.is_zero() {
                    self.unit_price
                } else {
                    // An amount far above the line floors the price at zero.
                    match a.checked_div(self.quantity.abs()) {
                        Some(per_unit) => self
                            .unit_price
                            .checked_sub(per_unit)
                            .unwrap_or(Decimal::ZERO),
                        None => Decimal::ZERO,
                    }
                }
            }
        };
        Some(round_cents(unit.max(Decimal::ZERO)))
    }

    /// [`BasketLine::checked_effective_unit_price`], saturated.
    pub fn effective_unit_price(&self) -> Decimal {
        self.checked_effective_unit_price().unwrap_or(Decimal::MAX)
    }

    /// The line total after its discount, rounded to cents; `None` when it overflows. A
    /// discount is taken on the line total (3 × 1,35 − 10 % = 3,65), and [`BasketLine::wire_parts`]
    /// sends exactly this amount.
    pub fn checked_total(&self) -> Option<Decimal> {
        let parts = self.checked_wire_parts()?;
        parts.iter().try_fold(Decimal::ZERO, |sum, (q, u)| {
            sum.checked_add(round_cents(q.checked_mul(*u)?))
        })
    }

    /// The line total the discount aims at: quantity × unit price less the discount, to the cent.
    fn checked_target_total(&self) -> Option<Decimal> {
        let gross = self.quantity.checked_mul(self.unit_price)?;
        let net = match self.discount {
            None => gross,
            Some(LineDiscount::Percent(p)) => gross
                .checked_mul(Decimal::ONE_HUNDRED.checked_sub(p)?)?
                .checked_div(Decimal::ONE_HUNDRED)?,
            Some(LineDiscount::Amount(a)) => {
                // Never past zero: a refund line's discount brings it towards zero too.
                let a = a.min(gross.abs());
                if gross.is_sign_negative() {
                    gross.checked_add(a)?
                } else {
                    gross.checked_sub(a)?
                }
            }
        };
        Some(round_cents(net))
    }

    /// What goes on the wire for a discounted item line: (quantity, unit price) parts whose
    /// cents add up to the line total exactly. A whole quantity whose total does not divide
    /// into it is sent as two parts a cent apart (3 × 1,35 − 10 % = 3,65: 1 × 1,21 + 2 × 1,22);
    /// a weight gets the unit price that gives the total, when there is one. Without a
    /// discount, the line as it is.
    pub fn wire_parts(&self) -> Vec<(Decimal, Decimal)> {
        self.checked_wire_parts()
            .unwrap_or_else(|| vec![(self.quantity, self.effective_unit_price())])
    }

    fn checked_wire_parts(&self) -> Option<Vec<(Decimal, Decimal)>> {
        if self.discount.is_none() {
            return Some(vec![(self.quantity, round_cents(self.unit_price))]);
        }
        let target = self.checked_target_total()?;
        if self.quantity.is_zero() {
            return Some(vec![(self.quantity, self.checked_effective_unit_price()?)]);
        }
        let cent = Decimal::new(1, 2);
        if self.quantity.fract().is_zero() && matches!(self.kind, LineKind::Item { .. }) {
            // In cents: base per unit and how many units take one cent more.
            let q = self.quantity.abs();
            let sign = if self.quantity.is_sign_negative() {
                Decimal::NEGATIVE_ONE
            } else {
                Decimal::ONE
            };
            let per_unit = target.checked_mul(sign)?.checked_div(q)?;
            let base = per_unit.checked_mul(Decimal::ONE_HUNDRED)?.floor() / Decimal::ONE_HUNDRED;
            let rest = target
                .checked_mul(sign)?
                .checked_sub(base.checked_mul(q)?)?
                .checked_mul(Decimal::ONE_HUNDRED)?
                .round();
            let mut parts = Vec::new();
            let plain = q.checked_sub(rest)?;
            if !plain.is_zero() {
                parts.push((plain.checked_mul(sign)?, base));
            }
            if !rest.is_zero() {
                parts.push((rest.checked_mul(sign)?, base.checked_add(cent)?));
            }
            return Some(parts);
        }
        // A weight (or a free amount, sent as its total): the unit price whose product rounds
        // to the total, searched a few cents around the quotient.
        let guess = round_cents(target.checked_div(self.quantity)?);
        for step in [0i64, -1, 1, -2, 2, -3, 3] {
            let u = guess.checked_add(Decimal::new(step, 2))?;
            if round_cents(self.quantity.checked_mul(u)?) == target {
                return Some(vec![(self.quantity, u.max(Decimal::ZERO))]);
            }
        }
        Some(vec![(self.quantity, self.checked_effective_unit_price()?)])
    }

    /// The line total: quantity × effective unit price, rounded to cents (saturated: only a line
    /// that skipped [`Limits::check`] can reach that).
    pub fn total(&self) -> Decimal {
        self.checked_total().unwrap_or_else(|| {
            round_cents(self.quantity.saturating_mul(self.effective_unit_price()))
        })
    }

    /// What the line's discount takes off: the line before it less the line after, to the
    /// cent, signed like the line (a refund line's discount is negative); zero without one or
    /// when the arithmetic overflows.
    pub fn discount_amount(&self) -> Decimal {
        if self.discount.is_none() {
            return Decimal::ZERO;
        }
        self.quantity
            .checked_mul(self.unit_price)
            .map(round_cents)
            .zip(self.checked_total())
            .and_then(|(gross, net)| gross.checked_sub(net))
            .unwrap_or_default()
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

    /// The `itemsList[]` lines of this line: one, or for a discounted item the parts whose
    /// cents add up to [`BasketLine::total`].
    pub fn entries(&self, style: MoneyStyle) -> Vec<ItemsListEntry> {
        let mut entry = self.entry(style);
        match (&mut entry, self.discount) {
            (ItemsListEntry::Item { .. }, Some(_)) => self
                .wire_parts()
                .into_iter()
                .map(|(q, u)| {
                    let mut e = entry.clone();
                    if let ItemsListEntry::Item {
                        quantity, price, ..
                    } = &mut e
                    {
                        *quantity = q;
                        *price = Some(u);
                    }
                    e
                })
                .collect(),
            _ => vec![entry],
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
    /// A discount on the whole basket (a percentage or an amount), taken after the lines' own
    /// discounts and spread over the lines to the cent ([`Basket::discount_shares`]). Saved
    /// with the basket, so it comes back after a restart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<LineDiscount>,
}

/// Why a whole-basket discount is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasketDiscountError {
    /// Nothing to take it from: the basket's total is zero or less (a refund).
    NothingToDiscount,
    /// An amount larger than the basket's total.
    LargerThanTheBasket,
}

impl Basket {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The sum of the line totals, before the basket's discount (saturated).
    pub fn subtotal(&self) -> Decimal {
        self.lines
            .iter()
            .fold(Decimal::ZERO, |sum, l| sum.saturating_add(l.total()))
    }

    /// The discounts granted on the basket: what each line's discount takes off and what the
    /// basket's discount takes off (saturated), kept with the sale in the journal for the
    /// shift's figures.
    pub fn discount_total(&self) -> Decimal {
        self.lines
            .iter()
            .fold(Decimal::ZERO, |sum, l| {
                sum.saturating_add(l.discount_amount())
            })
            .saturating_add(self.discount_amount())
    }

    /// The sum of the line totals before the basket's discount, `None` when it overflows.
    pub fn checked_subtotal(&self) -> Option<Decimal> {
        self.lines
            .iter()
            .try_fold(Decimal::ZERO, |sum, l| sum.checked_add(l.checked_total()?))
    }

    /// What the basket's discount takes off, to the cent: a percentage of the subtotal, or the
    /// amount (never more than the subtotal; nothing on a basket of zero or less).
    pub fn discount_amount(&self) -> Decimal {
        self.checked_discount_amount().unwrap_or(Decimal::ZERO)
    }

    fn checked_discount_amount(&self) -> Option<Decimal> {
        let Some(discount) = self.discount else {
            return Some(Decimal::ZERO);
        };
        let subtotal = self.checked_subtotal()?;
        if subtotal <= Decimal::ZERO {
            return Some(Decimal::ZERO);
        }
        let off = match discount {
            LineDiscount::Percent(p) => round_cents(
                subtotal
                    .checked_mul(p.min(Decimal::ONE_HUNDRED))?
                    .checked_div(Decimal::ONE_HUNDRED)?,
            ),
            LineDiscount::Amount(a) => round_cents(a),
        };
        Some(off.clamp(Decimal::ZERO, subtotal))
    }

    /// Sets the discount on the whole basket, or refuses it: an amount larger than the
    /// basket's total, or a basket with nothing to discount.
    pub fn set_discount(&mut self, discount: LineDiscount) -> Result<(), BasketDiscountError> {
        let subtotal = self
            .checked_subtotal()
            .ok_or(BasketDiscountError::NothingToDiscount)?;
        if subtotal <= Decimal::ZERO {
            return Err(BasketDiscountError::NothingToDiscount);
        }
        if let LineDiscount::Amount(a) = discount
            && round_cents(a) > subtotal
        {
            return Err(BasketDiscountError::LargerThanTheBasket);
        }
        self.discount = Some(discount);
        Ok(())
    }

    /// Each line's part of the basket's discount, in cents, in proportion to the line totals
    /// (lines above zero only) by the largest remainder: they add up to
    /// [`Basket::discount_amount`] exactly, and none is more than its line. Weighed lines take
    /// no part when the other lines can carry the whole discount: a weight's total cannot take
    /// every cent (its unit price moves it by the weight), a whole quantity's or a free
    /// amount's can, so what goes on the wire is the total shown.
    pub fn discount_shares(&self) -> Vec<Decimal> {
        let mut shares = vec![Decimal::ZERO; self.lines.len()];
        let off = self.discount_amount();
        if off.is_zero() {
            return shares;
        }
        let positive = |l: &BasketLine| l.total().max(Decimal::ZERO);
        let exact = |l: &BasketLine| {
            !matches!(l.kind, LineKind::Item { .. }) || l.quantity.fract().is_zero()
        };
        let exact_room = self
            .lines
            .iter()
            .filter(|l| exact(l))
            .fold(Decimal::ZERO, |sum, l| sum.saturating_add(positive(l)));
        let only_exact = exact_room >= off;
        let totals: Vec<Decimal> = self
            .lines
            .iter()
            .map(|l| {
                if only_exact && !exact(l) {
                    Decimal::ZERO
                } else {
                    positive(l)
                }
            })
            .collect();
        let Some(base) = totals
            .iter()
            .try_fold(Decimal::ZERO, |sum, t| sum.checked_add(*t))
            .filter(|b| !b.is_zero())
        else {
            return shares;
        };
        let cents = |d: Decimal| d.checked_mul(Decimal::ONE_HUNDRED);
        let (Some(off_cents), Some(_)) = (cents(off), cents(base)) else {
            return shares;
        };
        // The exact share in cents, its whole part, and what is left to hand out by cent.
        let mut remainders = Vec::with_capacity(totals.len());
        let mut given = Decimal::ZERO;
        for (i, t) in totals.iter().enumerate() {
            let exact = off_cents
                .checked_mul(*t)
                .and_then(|x| x.checked_div(base))
                .unwrap_or(Decimal::ZERO);
            let whole = exact.floor();
            shares[i] = whole;
            given += whole;
            remainders.push((exact - whole, i));
        }
        // Largest remainders first; on a tie, the earlier line.
        remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut left = off_cents - given;
        for (_, i) in remainders {
            if left <= Decimal::ZERO {
                break;
            }
            shares[i] += Decimal::ONE;
            left -= Decimal::ONE;
        }
        shares.iter().map(|s| *s / Decimal::ONE_HUNDRED).collect()
    }

    /// The lines as they go on the wire: each with its part of the basket's discount folded
    /// into its own (an amount off the line, so [`BasketLine::wire_parts`] sends its total to
    /// the cent). Without a basket discount, the lines as they are.
    pub fn discounted_lines(&self) -> Vec<BasketLine> {
        let shares = self.discount_shares();
        self.lines
            .iter()
            .zip(shares)
            .map(|(line, share)| {
                if share.is_zero() {
                    return line.clone();
                }
                let mut l = line.clone();
                let gross = l.quantity.saturating_mul(l.unit_price);
                let net = line.total().saturating_sub(share);
                l.discount = Some(LineDiscount::Amount(gross.saturating_sub(net)));
                l
            })
            .collect()
    }

    /// What the basket comes to: the line totals less the basket's discount (saturated; see
    /// [`Basket::checked_total`]).
    pub fn total(&self) -> Decimal {
        self.subtotal().saturating_sub(self.discount_amount())
    }

    /// [`Basket::total`], `None` when it overflows.
    pub fn checked_total(&self) -> Option<Decimal> {
        self.checked_subtotal()?
            .checked_sub(self.checked_discount_amount()?)
    }

    /// The number of articles (weighed goods count as one).
    pub fn article_count(&self) -> Decimal {
        self.lines.iter().fold(Decimal::ZERO, |sum, l| {
            sum.saturating_add(if l.quantity.fract().is_zero() {
                l.quantity
            } else {
                Decimal::ONE
            })
        })
    }

    /// The line `line` would add to: the same item with the same variations, nothing forced.
    fn merge_target(&self, line: &BasketLine) -> Option<usize> {
        if !matches!(line.kind, LineKind::Item { .. }) {
            return None;
        }
        self.lines.iter().position(|l| {
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
    }

    /// Adds a line within the limits: the line itself, and the line it adds to when the same
    /// item is already there. Nothing changes when it is refused. Returns the index of the line
    /// that changed.
    pub fn push_line(&mut self, line: BasketLine, limits: &Limits) -> Result<usize, LimitError> {
        if let Some(i) = self.merge_target(&line) {
            let mut merged = self.lines[i].clone();
            merged.quantity = merged
                .quantity
                .checked_add(line.quantity)
                .ok_or(LimitError::Overflow)?;
            limits.check(&merged)?;
            self.lines[i] = merged;
            return Ok(i);
        }
        limits.check(&line)?;
        self.lines.push(line);
        Ok(self.lines.len() - 1)
    }

    /// Checks every line (a basket restored from the journal, a line edited in place): the first
    /// line over the limits, with its index.
    pub fn check(&self, limits: &Limits) -> Result<(), (usize, LimitError)> {
        for (i, line) in self.lines.iter().enumerate() {
            limits.check(line).map_err(|e| (i, e))?;
        }
        if self.checked_total().is_none() {
            return Err((self.lines.len().saturating_sub(1), LimitError::Overflow));
        }
        Ok(())
    }

    /// Adds a line without the limits (prefer [`Basket::push_line`]); the same item with the
    /// same variations and nothing forced adds to the existing line's quantity (a sum that would
    /// overflow makes a line of its own). Returns the index of the line that changed.
    pub fn add(&mut self, line: BasketLine) -> usize {
        if let Some(i) = self.merge_target(&line)
            && let Some(sum) = self.lines[i].quantity.checked_add(line.quantity)
        {
            self.lines[i].quantity = sum;
            return i;
        }
        self.lines.push(line);
        self.lines.len() - 1
    }

    /// Removes a line; the basket's discount goes with the last line.
    pub fn remove(&mut self, index: usize) -> Option<BasketLine> {
        let removed = (index < self.lines.len()).then(|| self.lines.remove(index));
        if self.lines.is_empty() {
            self.discount = None;
        }
        removed
    }

    /// The `itemsList[]` lines; a discounted item line is sent in the parts that give its
    /// total to the cent ([`BasketLine::wire_parts`]).
    pub fn entries(&self, style: MoneyStyle) -> Vec<ItemsListEntry> {
        if self.discount_amount().is_zero() {
            return self.lines.iter().flat_map(|l| l.entries(style)).collect();
        }
        self.discounted_lines()
            .iter()
            .flat_map(|l| l.entries(style))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn wire_total(entries: &[ItemsListEntry]) -> Decimal {
        entries
            .iter()
            .map(|e| match e {
                ItemsListEntry::Item {
                    quantity, price, ..
                } => round_cents(*quantity * price.unwrap_or_default()),
                ItemsListEntry::Department { price, .. } | ItemsListEntry::Free { price, .. } => {
                    *price
                }
            })
            .sum()
    }

    fn discounted(quantity: Decimal, price: Decimal, d: LineDiscount) -> BasketLine {
        let mut l = BasketLine::free(None, price, Some("Pain au chocolat"));
        l.kind = LineKind::Item { id: 13 };
        l.price_overridden = false;
        l.quantity = quantity;
        l.discount = Some(d);
        l
    }

    #[test]
    fn a_discount_is_taken_on_the_line_and_sent_to_the_cent() {
        // 3 × 1,35 − 10 % = 3,65 (not 3 × 1,22 = 3,66): 1 × 1,21 + 2 × 1,22 on the wire.
        let l = discounted(dec!(3), dec!(1.35), LineDiscount::Percent(dec!(10)));
        assert_eq!(l.total(), dec!(3.65));
        assert_eq!(
            l.wire_parts(),
            vec![(dec!(1), dec!(1.21)), (dec!(2), dec!(1.22))]
        );
        assert_eq!(wire_total(&l.entries(MoneyStyle::French)), dec!(3.65));
        // An amount off the line: 3 × 1,35 − 1,00 = 3,05.
        let l = discounted(dec!(3), dec!(1.35), LineDiscount::Amount(dec!(1)));
        assert_eq!(l.total(), dec!(3.05));
        assert_eq!(wire_total(&l.entries(MoneyStyle::French)), dec!(3.05));
        // A refund line keeps its sign.
        let l = discounted(dec!(-3), dec!(1.35), LineDiscount::Percent(dec!(10)));
        assert_eq!(l.total(), dec!(-3.65));
        assert_eq!(wire_total(&l.entries(MoneyStyle::French)), dec!(-3.65));
        // A weight: the unit price whose product is the total.
        let l = discounted(dec!(0.35), dec!(24.90), LineDiscount::Percent(dec!(15)));
        assert_eq!(wire_total(&l.entries(MoneyStyle::French)), l.total());
    }

    proptest::proptest! {
        /// Whatever the line and its discount, what goes on the wire adds up to the total shown.
        #[test]
        fn the_wire_gives_the_total_shown(
            q in -50i64..=50,
            cents in 1i64..=100_000,
            percent in 1i64..=100,
            off in 0i64..=5_000,
            by_amount in proptest::bool::ANY,
        ) {
            proptest::prop_assume!(q != 0);
            let d = if by_amount {
                LineDiscount::Amount(Decimal::new(off.max(1), 2))
            } else {
                LineDiscount::Percent(Decimal::from(percent))
            };
            let l = discounted(Decimal::from(q), Decimal::new(cents, 2), d);
            proptest::prop_assert_eq!(wire_total(&l.entries(MoneyStyle::French)), l.total());
        }
    }

    fn item_line(id: u64, quantity: i64, price: Decimal) -> BasketLine {
        // A forced price, so the wire says it (the catalog is not here to give it).
        let mut l = BasketLine::free(None, price, Some("Line"));
        l.kind = LineKind::Item { id };
        l.price_overridden = true;
        l.title_overridden = false;
        l.quantity = Decimal::from(quantity);
        l
    }

    #[test]
    fn a_basket_discount_is_spread_to_the_cent() {
        // 3 lines: 1,30 + 3 × 1,20 + 2 × 2,35 = 9,60; 10 % = 0,96.
        let mut b = Basket::default();
        b.lines.push(item_line(1, 1, dec!(1.30)));
        b.lines.push(item_line(2, 3, dec!(1.20)));
        b.lines.push(item_line(3, 2, dec!(2.35)));
        b.set_discount(LineDiscount::Percent(dec!(10))).unwrap();
        assert_eq!(b.subtotal(), dec!(9.60));
        assert_eq!(b.discount_amount(), dec!(0.96));
        assert_eq!(b.total(), dec!(8.64));
        // 0,13 + 0,36 + 0,47 (exact shares 0,13 · 0,36 · 0,47).
        assert_eq!(
            b.discount_shares(),
            vec![dec!(0.13), dec!(0.36), dec!(0.47)]
        );
        assert_eq!(wire_total(&b.entries(MoneyStyle::French)), dec!(8.64));
        // 5 € off: 0,68 + 1,87 + 2,45 by the largest remainder (0,677 · 1,875 · 2,448).
        b.set_discount(LineDiscount::Amount(dec!(5))).unwrap();
        assert_eq!(
            b.discount_shares().iter().copied().sum::<Decimal>(),
            dec!(5)
        );
        assert_eq!(
            b.discount_shares(),
            vec![dec!(0.68), dec!(1.87), dec!(2.45)]
        );
        assert_eq!(b.total(), dec!(4.60));
        assert_eq!(wire_total(&b.entries(MoneyStyle::French)), dec!(4.60));
        // Larger than the basket: refused, the discount before stays.
        assert_eq!(
            b.set_discount(LineDiscount::Amount(dec!(9.61))),
            Err(BasketDiscountError::LargerThanTheBasket)
        );
        assert_eq!(b.discount, Some(LineDiscount::Amount(dec!(5))));
        // A refund basket has nothing to discount.
        let mut refund = Basket::default();
        refund.lines.push(item_line(1, -1, dec!(1.30)));
        assert_eq!(
            refund.set_discount(LineDiscount::Percent(dec!(10))),
            Err(BasketDiscountError::NothingToDiscount)
        );
    }

    #[test]
    fn a_basket_discount_survives_the_saved_basket() {
        let mut b = Basket::default();
        b.lines.push(item_line(1, 2, dec!(1.30)));
        b.set_discount(LineDiscount::Percent(dec!(15))).unwrap();
        let json = serde_json::to_string(&b).unwrap();
        let back: Basket = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
        // A basket saved before the basket discount existed reads back without one.
        let old: Basket = serde_json::from_str(r#"{"lines":[]}"#).unwrap();
        assert_eq!(old.discount, None);
    }

    proptest::proptest! {
        /// Whatever the basket (whole quantities, weights, free amounts, line discounts) and its
        /// discount, the shares add up to the discount, none is more than its line, and what
        /// goes on the wire adds up to the total shown.
        #[test]
        fn a_basket_discount_goes_on_the_wire_as_shown(
            lines in proptest::collection::vec(
                (1i64..=20, 1i64..=50_000, proptest::bool::ANY, 0u8..3),
                1..6,
            ),
            percent in 1i64..=100,
            off in 1i64..=100_000,
            by_amount in proptest::bool::ANY,
        ) {
            let mut b = Basket::default();
            for (i, (q, cents, weighed, kind)) in lines.into_iter().enumerate() {
                let price = Decimal::new(cents, 2);
                let mut l = match kind {
                    0 => item_line(i as u64 + 1, q, price),
                    1 => discounted(Decimal::from(q), price, LineDiscount::Percent(dec!(10))),
                    _ => BasketLine::free(None, price, Some("Free")),
                };
                if weighed && kind == 0 {
                    l.quantity = Decimal::new(q * 37, 3);
                }
                b.lines.push(l);
            }
            let d = if by_amount {
                LineDiscount::Amount(Decimal::new(off, 2))
            } else {
                LineDiscount::Percent(Decimal::from(percent))
            };
            if b.set_discount(d).is_err() {
                proptest::prop_assert!(matches!(d, LineDiscount::Amount(a) if a > b.subtotal()));
                return Ok(());
            }
            let shares = b.discount_shares();
            proptest::prop_assert_eq!(shares.iter().copied().sum::<Decimal>(), b.discount_amount());
            for (l, s) in b.lines.iter().zip(&shares) {
                proptest::prop_assert!(*s >= Decimal::ZERO && *s <= l.total().max(Decimal::ZERO));
            }
            let exact_room: Decimal = b
                .lines
                .iter()
                .filter(|l| !matches!(l.kind, LineKind::Item { .. }) || l.quantity.fract().is_zero())
                .map(BasketLine::total)
                .sum();
            // The weighed lines take a part only when the others cannot carry it all.
            if exact_room >= b.discount_amount() {
                proptest::prop_assert_eq!(wire_total(&b.entries(MoneyStyle::French)), b.total());
            }
        }
    }

    fn croissant() -> Item {
        Item {
            id: 2,
            title: "Croissant".into(),
            short_title: "".into(),
            price: dec!(1.20),
            department_id: Some(1),
            vat_id: None,
            barcode: "".into(),
            stock: None,
            internal_id: "".into(),
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
    fn the_discount_granted_is_the_line_before_less_after() {
        let mut basket = Basket::default();
        basket.lines.push(discounted(
            dec!(3),
            dec!(1.35),
            LineDiscount::Percent(dec!(10)),
        ));
        basket.lines.push(discounted(
            dec!(1),
            dec!(2.50),
            LineDiscount::Amount(dec!(1)),
        ));
        basket.lines.push(discounted(
            dec!(-2),
            dec!(1.35),
            LineDiscount::Percent(dec!(10)),
        ));
        let mut plain = discounted(dec!(2), dec!(4), LineDiscount::Amount(dec!(1)));
        plain.discount = None;
        basket.lines.push(plain);
        // 4,05 - 3,65; 2,50 - 1,50; a refund line's discount gives back less (-2,70 → -2,43).
        assert_eq!(basket.lines[0].discount_amount(), dec!(0.40));
        assert_eq!(basket.lines[1].discount_amount(), dec!(1.00));
        assert_eq!(basket.lines[2].discount_amount(), dec!(-0.27));
        assert_eq!(basket.lines[3].discount_amount(), dec!(0));
        assert_eq!(basket.discount_total(), dec!(1.13));
        // The basket's own discount counts too.
        basket.set_discount(LineDiscount::Amount(dec!(1))).unwrap();
        assert_eq!(basket.discount_total(), dec!(2.13));
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
        // Taken on the line: 3,60 − 1,00 (sent as 2 × 0,87 + 1 × 0,86).
        assert_eq!(l.total(), dec!(2.60));
        assert_eq!(
            l.wire_parts(),
            vec![(dec!(1), dec!(0.86)), (dec!(2), dec!(0.87))]
        );
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

    fn priced(price: Decimal) -> Item {
        Item {
            price,
            ..croissant()
        }
    }

    #[test]
    fn absurd_numbers_are_refused_not_a_panic() {
        let limits = Limits::default();
        let mut b = Basket::default();
        // `9999999999999999999999999999*105`: the quantity is over the limit.
        let huge = dec!(9999999999999999999999999999);
        let line = BasketLine::from_item(&priced(dec!(105)), huge, &[]);
        let e = b.push_line(line.clone(), &limits).unwrap_err();
        assert!(matches!(e, LimitError::Quantity { .. }), "{e:?}");
        assert!(e.to_string().contains("max_quantity"), "{e}");
        assert!(b.is_empty());
        // The unchecked paths saturate instead of panicking.
        assert_eq!(line.checked_total(), None);
        let _ = line.total();
        // Two items priced 4e28.
        let dear = priced(dec!(40000000000000000000000000000));
        let e = b
            .push_line(BasketLine::from_item(&dear, dec!(1), &[]), &limits)
            .unwrap_err();
        assert!(matches!(e, LimitError::UnitPrice { .. }), "{e:?}");
        assert!(e.to_string().contains("an amount too large"), "{e}");
        let mut unchecked = Basket::default();
        unchecked.add(BasketLine::from_item(&dear, dec!(1), &[]));
        unchecked.add(BasketLine {
            title_overridden: true,
            ..BasketLine::from_item(&dear, dec!(1), &[])
        });
        assert_eq!(unchecked.checked_total(), None);
        assert_eq!(unchecked.total(), Decimal::MAX);
        assert!(matches!(
            unchecked.check(&limits),
            Err((0, LimitError::UnitPrice { .. }))
        ));
        // A discount amount over a tiny quantity floors the price, it does not overflow.
        let mut l = BasketLine::from_item(&priced(dec!(1)), dec!(0.0000000000000000000000001), &[]);
        l.discount = Some(LineDiscount::Amount(huge));
        assert_eq!(l.checked_total(), Some(dec!(0)));
        // Variation deltas that add up past a decimal saturate, then are refused.
        let choice = VariationChoice {
            id: 1,
            title: "x".into(),
            delta_price: dec!(79228162514264337593543950335),
            position: 0,
        };
        let l = BasketLine::from_item(&priced(dec!(10)), dec!(1), &[&choice, &choice]);
        assert_eq!(l.unit_price, Decimal::MAX);
        assert!(b.push_line(l, &limits).is_err());
    }

    #[test]
    fn limits_bound_the_merged_line_and_the_line_total() {
        let limits = Limits::new(10, 100, 500);
        let mut b = Basket::default();
        let item = priced(dec!(40));
        assert_eq!(
            b.push_line(BasketLine::from_item(&item, dec!(6), &[]), &limits),
            Ok(0)
        );
        // 6 + 6 = 12 units is over the quantity limit: the basket keeps its 6.
        let e = b
            .push_line(BasketLine::from_item(&item, dec!(6), &[]), &limits)
            .unwrap_err();
        assert_eq!(
            e,
            LimitError::Quantity {
                quantity: dec!(12),
                max: dec!(10)
            }
        );
        assert_eq!(b.lines[0].quantity, dec!(6));
        // 10 × 60 = 600 is over the line total.
        let e = b
            .push_line(
                BasketLine::from_item(&priced(dec!(60)), dec!(10), &[]),
                &limits,
            )
            .unwrap_err();
        assert!(matches!(e, LimitError::LineTotal { .. }), "{e:?}");
        assert_eq!(
            e.message(MoneyStyle::English),
            "Line total 600.00 refused: the limit is 500.00 a line ([pos] max_line_total)"
        );
        // Refunds are bounded by their magnitude.
        let e = b
            .push_line(BasketLine::from_item(&item, dec!(-11), &[]), &limits)
            .unwrap_err();
        assert!(matches!(e, LimitError::Quantity { .. }));
        assert!(
            b.push_line(BasketLine::from_item(&item, dec!(-10), &[]), &limits)
                .is_ok()
        );
        assert_eq!(b.check(&limits), Ok(()));
        assert_eq!(b.checked_total(), Some(dec!(-160)));
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

//! Barcodes as the till reads them: GS1 check digits (EAN-13, EAN-8, UPC-A, UPC-E), UPC-E
//! expansion, the catalog keys a scanned code may be stored under, and GS1 in-store codes
//! (EAN-13 prefixes 20–29) that carry a price or a weight.
//!
//! Everything here is a pure function of its input; the scanner's key bursts are in
//! [`crate::pos::scanner`].

use std::fmt;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::kash::model::Item;
use crate::money::{MoneyStyle, format_money};
use crate::pos::basket::BasketLine;

/// The kind of code read, decided from its length and check digit (see [`read`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Symbology {
    Ean13,
    Ean8,
    UpcA,
    /// UPC-E, 8 digits (number system 0 or 1, six data digits, check digit).
    UpcE,
    /// Anything else: an item id, an in-house code, Code 128/39 text. No check digit.
    Other,
}

/// A code that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BarcodeError {
    /// Nothing was left once blanks were trimmed.
    #[error("Empty code")]
    Empty,
    /// The last digit does not match the others: the scanner misread a bar or a person mistyped.
    #[error("Bad check digit in {code}: misread, scan again")]
    BadCheckDigit {
        code: String,
        symbology: Symbology,
        /// The check digit the other digits call for.
        expected: u8,
        /// The check digit that was read.
        found: u8,
    },
}

/// A code that passed its check, with the catalog keys to try, most specific first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadCode {
    pub symbology: Symbology,
    /// The code as scanned (trimmed).
    pub code: String,
    /// Keys to look up in the catalog, in order; the first is always the code as scanned.
    pub keys: Vec<String>,
}

fn digits(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.bytes().map(|b| b - b'0').collect())
}

/// The GS1 modulo-10 check digit of `body` (all digits, any length): weights 3, 1, 3… from the
/// right. The same rule serves EAN-13, EAN-8, UPC-A, GTIN-14 and SSCC. `None` if `body` is
/// empty or holds anything but ASCII digits.
pub fn compute_check_digit(body: &str) -> Option<u8> {
    let d = digits(body)?;
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, v)| u32::from(*v) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    u8::try_from((10 - sum % 10) % 10).ok()
}

/// Splits a code into its body and check digit, checking the length.
fn body_and_check(code: &str, len: usize) -> Option<(&str, u8)> {
    if code.len() != len || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (body, check) = code.split_at(len - 1);
    Some((body, check.as_bytes()[0] - b'0'))
}

/// The check digit `code` should end with for `symbology`, and the one it ends with.
fn expected_and_found(code: &str, symbology: Symbology) -> Option<(u8, u8)> {
    let len = match symbology {
        Symbology::Ean13 => 13,
        Symbology::UpcA => 12,
        Symbology::Ean8 => 8,
        Symbology::UpcE => {
            // UPC-E's check digit is the one of its UPC-A expansion.
            let upca = expand_upce(code)?;
            let (body, found) = body_and_check(&upca, 12)?;
            return Some((compute_check_digit(body)?, found));
        }
        Symbology::Other => return None,
    };
    let (body, found) = body_and_check(code, len)?;
    Some((compute_check_digit(body)?, found))
}

/// Whether `code` has the right length, only digits and a valid check digit for `symbology`.
/// [`Symbology::Other`] has no check digit and always passes.
pub fn check_digit_ok(code: &str, symbology: Symbology) -> bool {
    match symbology {
        Symbology::Other => true,
        _ => expected_and_found(code, symbology).is_some_and(|(e, f)| e == f),
    }
}

/// Expands an 8-digit UPC-E code (number system 0 or 1, six digits, check digit) into the
/// 12-digit UPC-A it abbreviates, keeping the check digit as read. GS1 rules, by the last of
/// the six digits `d1..d6`:
/// - 0, 1, 2: manufacturer `d1 d2 d6 0 0`, product `0 0 d3 d4 d5`;
/// - 3: manufacturer `d1 d2 d3 0 0`, product `0 0 0 d4 d5`;
/// - 4: manufacturer `d1 d2 d3 d4 0`, product `0 0 0 0 d5`;
/// - 5–9: manufacturer `d1 d2 d3 d4 d5`, product `0 0 0 0 d6`.
///
/// `None` unless `code` is 8 digits starting with 0 or 1.
pub fn expand_upce(code: &str) -> Option<String> {
    let d = digits(code)?;
    if d.len() != 8 || d[0] > 1 {
        return None;
    }
    let (ns, x, check) = (d[0], &d[1..7], d[7]);
    let middle: [u8; 10] = match x[5] {
        0..=2 => [x[0], x[1], x[5], 0, 0, 0, 0, x[2], x[3], x[4]],
        3 => [x[0], x[1], x[2], 0, 0, 0, 0, 0, x[3], x[4]],
        4 => [x[0], x[1], x[2], x[3], 0, 0, 0, 0, 0, x[4]],
        _ => [x[0], x[1], x[2], x[3], x[4], 0, 0, 0, 0, x[5]],
    };
    let mut out = String::with_capacity(12);
    out.push(char::from(b'0' + ns));
    out.extend(middle.iter().map(|v| char::from(b'0' + v)));
    out.push(char::from(b'0' + check));
    Some(out)
}

fn bad_check(code: &str, symbology: Symbology) -> BarcodeError {
    let (expected, found) = expected_and_found(code, symbology).unwrap_or((0, 0));
    BarcodeError::BadCheckDigit {
        code: code.to_string(),
        symbology,
        expected,
        found,
    }
}

/// Reads a scanned or typed code and says which catalog keys to try.
///
/// Only all-digit codes of 8, 12 and 13 digits are taken for GS1 codes and checked:
/// - 13 digits: EAN-13. Keys: the code, then (if it starts with 0) its UPC-A form.
/// - 12 digits: UPC-A. Keys: the code, then its EAN-13 form (a leading 0).
/// - 8 digits: EAN-8 if its EAN-8 check digit holds (keys: the code, then, when it is also a
///   valid UPC-E, the UPC-E expansions as a fallback); otherwise UPC-E if it starts with 0 or 1
///   and its expansion's check digit holds (keys: the code, the UPC-A expansion, its EAN-13
///   form). EAN-8 wins the tie because EAN-8 is the short code of European shops; a code valid
///   both ways still finds a UPC-E item through the fallback keys.
/// - Anything else (item ids, in-house and Code 128 codes, letters): [`Symbology::Other`], no
///   check, one key.
///
/// A wrong check digit is refused ([`BarcodeError::BadCheckDigit`]): a misread must not sell
/// the wrong item. (For an 8-digit code the error reports the EAN-8 check digit.)
pub fn read(code: &str) -> Result<ReadCode, BarcodeError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(BarcodeError::Empty);
    }
    let all_digits = code.bytes().all(|b| b.is_ascii_digit());
    let ok = |symbology: Symbology, keys: Vec<String>| {
        Ok(ReadCode {
            symbology,
            code: code.to_string(),
            keys,
        })
    };
    if !all_digits {
        return ok(Symbology::Other, vec![code.to_string()]);
    }
    match code.len() {
        13 => {
            if !check_digit_ok(code, Symbology::Ean13) {
                return Err(bad_check(code, Symbology::Ean13));
            }
            let mut keys = vec![code.to_string()];
            if let Some(upca) = code.strip_prefix('0') {
                keys.push(upca.to_string());
            }
            ok(Symbology::Ean13, keys)
        }
        12 => {
            if !check_digit_ok(code, Symbology::UpcA) {
                return Err(bad_check(code, Symbology::UpcA));
            }
            ok(Symbology::UpcA, vec![code.to_string(), format!("0{code}")])
        }
        8 => {
            let upce = check_digit_ok(code, Symbology::UpcE)
                .then(|| expand_upce(code))
                .flatten();
            let upce_keys = |keys: &mut Vec<String>| {
                if let Some(upca) = &upce {
                    keys.push(upca.clone());
                    keys.push(format!("0{upca}"));
                }
            };
            let mut keys = vec![code.to_string()];
            if check_digit_ok(code, Symbology::Ean8) {
                upce_keys(&mut keys);
                ok(Symbology::Ean8, keys)
            } else if upce.is_some() {
                upce_keys(&mut keys);
                ok(Symbology::UpcE, keys)
            } else {
                Err(bad_check(code, Symbology::Ean8))
            }
        }
        _ => ok(Symbology::Other, vec![code.to_string()]),
    }
}

// ---------------------------------------------------------------------------------------------
// GS1 in-store codes

/// What the variable part of an in-store code holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum InStoreValue {
    /// The price of the article, with `decimals` implied decimals (2: cents).
    Price { decimals: u32 },
    /// The weight, with `decimals` implied decimals of a kilogram (3: grams).
    Weight { decimals: u32 },
    /// No value: the code only names the article (a shop's own numbering).
    None,
}

/// The layout of an in-store EAN-13: `prefix`, `plu_digits` of article number, an optional
/// price verifier digit, `value_digits` of price or weight, and the EAN-13 check digit; the
/// parts add up to 13 digits.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InStoreTemplate {
    /// Shown in logs and on the line note's origin ("price-5").
    pub name: String,
    /// The leading digits that select this template (`"21"`); all of the same length.
    pub prefixes: Vec<String>,
    pub plu_digits: usize,
    pub value: InStoreValue,
    #[serde(default)]
    pub value_digits: usize,
    /// A GS1 price/weight verifier digit between the article number and a 4- or 5-digit value.
    #[serde(default)]
    pub price_check_digit: bool,
}

/// What an in-store code says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InStoreRead {
    /// The template that matched.
    pub template: String,
    /// The article number, as printed (leading zeros kept).
    pub plu: String,
    pub price: Option<Decimal>,
    pub weight_kg: Option<Decimal>,
    /// The whole code as scanned.
    pub code: String,
}

impl InStoreTemplate {
    /// The layouts most scales print, as a starting point; nothing in GS1 fixes which prefix
    /// means what (each country's GS1 office or each shop decides), so shops set their own
    /// in the `[scanner]` section, which replaces these. `X` is the prefix's second digit,
    /// `P` the article number (PLU), `K` the price verifier digit, `C` the EAN-13 check digit:
    ///
    /// | name | prefixes | layout | value |
    /// |---|---|---|---|
    /// | `price-5` | 20, 21, 22 | `2X PPPPP VVVVV C` | price in cents (`00499` = 4,99) |
    /// | `weight-5` | 23, 24, 25 | `2X PPPPP WWWWW C` | weight in grams (`00352` = 0.352 kg) |
    /// | `price-4-checked` | 26, 27, 28 | `2X PPPP K VVVVV C` | price in cents, with verifier |
    ///
    /// Prefix 29 is left to the shop's own numbering (labels, loyalty cards): it is read as an
    /// ordinary code.
    pub fn defaults() -> Vec<Self> {
        let prefixes = |p: &[&str]| p.iter().map(|s| (*s).to_string()).collect();
        vec![
            Self {
                name: "price-5".to_string(),
                prefixes: prefixes(&["20", "21", "22"]),
                plu_digits: 5,
                value: InStoreValue::Price { decimals: 2 },
                value_digits: 5,
                price_check_digit: false,
            },
            Self {
                name: "weight-5".to_string(),
                prefixes: prefixes(&["23", "24", "25"]),
                plu_digits: 5,
                value: InStoreValue::Weight { decimals: 3 },
                value_digits: 5,
                price_check_digit: false,
            },
            Self {
                name: "price-4-checked".to_string(),
                prefixes: prefixes(&["26", "27", "28"]),
                plu_digits: 4,
                value: InStoreValue::Price { decimals: 2 },
                value_digits: 5,
                price_check_digit: true,
            },
        ]
    }

    /// Checks that the parts add up to 13 digits and the prefixes are digits of one length, so
    /// a shop's mistake in its config is reported at start-up and not at the first scan.
    pub fn validate(&self) -> Result<(), String> {
        let Some(first) = self.prefixes.first() else {
            return Err(format!("template {}: no prefixes", self.name));
        };
        if self
            .prefixes
            .iter()
            .any(|p| p.len() != first.len() || digits(p).is_none())
        {
            return Err(format!(
                "template {}: prefixes must be digits, all of the same length",
                self.name
            ));
        }
        let value_digits = match self.value {
            InStoreValue::None => 0,
            _ => self.value_digits,
        };
        if self.price_check_digit && !matches!(value_digits, 4 | 5) {
            return Err(format!(
                "template {}: a price verifier digit needs a 4- or 5-digit value",
                self.name
            ));
        }
        if let InStoreValue::Price { decimals } | InStoreValue::Weight { decimals } = self.value
            && decimals > 6
        {
            return Err(format!(
                "template {}: {decimals} decimals: at most 6",
                self.name
            ));
        }
        // Saturating: a number from the file may be anything.
        let total = first
            .len()
            .saturating_add(self.plu_digits)
            .saturating_add(usize::from(self.price_check_digit))
            .saturating_add(value_digits)
            .saturating_add(1);
        if total != 13 || self.plu_digits == 0 {
            return Err(format!(
                "template {}: prefix, PLU, verifier, value and check digit make {total} digits, not 13",
                self.name
            ));
        }
        Ok(())
    }

    fn read(&self, code: &str) -> Option<InStoreRead> {
        self.validate().ok()?;
        let prefix = self
            .prefixes
            .iter()
            .find(|p| code.starts_with(p.as_str()))?;
        let rest = &code[prefix.len()..code.len() - 1];
        let (plu, rest) = rest.split_at(self.plu_digits);
        let (verifier, value_text) = if self.price_check_digit {
            let (k, v) = rest.split_at(1);
            (Some(k.as_bytes()[0] - b'0'), v)
        } else {
            (None, rest)
        };
        if let Some(k) = verifier
            && price_check_digit(value_text)? != k
        {
            return None;
        }
        let number = || value_text.parse::<i64>().ok();
        let (price, weight_kg) = match self.value {
            InStoreValue::Price { decimals } => {
                (Some(Decimal::try_new(number()?, decimals).ok()?), None)
            }
            InStoreValue::Weight { decimals } => {
                (None, Some(Decimal::try_new(number()?, decimals).ok()?))
            }
            InStoreValue::None => (None, None),
        };
        Some(InStoreRead {
            template: self.name.clone(),
            plu: plu.to_string(),
            price,
            weight_kg,
            code: code.to_string(),
        })
    }
}

// The GS1 weighting tables for price verifier digits (General Specifications 7.9.3): "2-"
// takes 2×d minus its tens digit, "3" is 3×d, "5+" is 5×d plus its tens, "5-" 5×d minus its
// tens, all modulo 10.
const W2_MINUS: [u8; 10] = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const W3: [u8; 10] = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const W5_PLUS: [u8; 10] = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const W5_MINUS: [u8; 10] = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

/// The GS1 price/weight verifier digit of a 4- or 5-digit value; `None` for other lengths.
pub fn price_check_digit(value: &str) -> Option<u8> {
    let d = digits(value)?;
    let weigh = |tables: &[&[u8; 10]]| -> u32 {
        d.iter()
            .zip(tables)
            .map(|(v, t)| u32::from(t[usize::from(*v)]))
            .sum()
    };
    match d.len() {
        4 => u8::try_from(weigh(&[&W2_MINUS, &W2_MINUS, &W3, &W5_MINUS]) * 3 % 10).ok(),
        5 => {
            let sum = weigh(&[&W5_PLUS, &W2_MINUS, &W5_MINUS, &W5_PLUS, &W2_MINUS]);
            let target = u8::try_from((10 - sum % 10) % 10).ok()?;
            // The verifier is the digit whose "5-" product is what the sum lacks to a ten.
            W5_MINUS
                .iter()
                .position(|w| *w == target)
                .and_then(|p| u8::try_from(p).ok())
        }
        _ => None,
    }
}

/// Reads a GS1 in-store code with the first template whose prefix matches. Only a 13-digit
/// code with a valid EAN-13 check digit (and a valid price verifier where the template has
/// one) is read; anything else is `None` and should be looked up as an ordinary code.
///
/// A shop may also print ordinary EAN-13s in the 2X range: look the whole code up in the
/// catalog first and call this only when that fails.
pub fn read_in_store(code: &str, templates: &[InStoreTemplate]) -> Option<InStoreRead> {
    let code = code.trim();
    if !code.starts_with('2') || !check_digit_ok(code, Symbology::Ean13) {
        return None;
    }
    templates.iter().find_map(|t| t.read(code))
}

impl InStoreRead {
    /// Catalog keys for the article: the PLU, then the code with its value zeroed and its
    /// check digit recomputed (how many catalogs store weighed articles, `2100123000003`).
    pub fn lookup_keys(&self, templates: &[InStoreTemplate]) -> Vec<String> {
        let mut keys = vec![self.plu.clone()];
        if let Some(t) = templates.iter().find(|t| t.name == self.template) {
            let value_len = match t.value {
                InStoreValue::None => 0,
                _ => t.value_digits + usize::from(t.price_check_digit),
            };
            let keep = self.code.len().saturating_sub(value_len + 1);
            let mut body = self.code[..keep].to_string();
            body.extend(std::iter::repeat_n('0', value_len));
            if let Some(c) = compute_check_digit(&body) {
                body.push(char::from(b'0' + c));
                if body != self.code {
                    keys.push(body);
                }
            }
        }
        keys
    }

    /// The basket line for `item` (found by PLU): a weight sells `weight_kg` at the item's
    /// price per kilogram; a price forces the line's price. The note says what was read.
    pub fn basket_line(
        &self,
        item: &Item,
        style: MoneyStyle,
        lang: crate::i18n::Lang,
    ) -> BasketLine {
        if let Some(weight) = self.weight_kg {
            let mut line = BasketLine::from_item(item, weight, &[]);
            line.note = Some(weight_note(weight, item.price, style));
            line
        } else if let Some(price) = self.price {
            let mut line = BasketLine::from_item(item, Decimal::ONE, &[]);
            line.unit_price = price;
            line.price_overridden = true;
            line.note = Some(lang.ta(
                "label-price",
                &[("price", crate::i18n::s(format_money(price, style)))],
            ));
            line
        } else {
            BasketLine::from_item(item, Decimal::ONE, &[])
        }
    }
}

/// The note of a weighed line: "0,352 kg × 24,90 €/kg" (French) or "0.352 kg × €24.90/kg"
/// (English). The weight always shows three decimals, as the scale printed it, with the
/// style's decimal separator so the line reads in one convention.
pub fn weight_note(weight_kg: Decimal, unit_price: Decimal, style: MoneyStyle) -> String {
    let grams = format!("{:.3}", weight_kg.round_dp(3));
    let weight = match style {
        MoneyStyle::French => grams.replace('.', ","),
        MoneyStyle::English => grams,
    };
    format!("{weight} kg × {}/kg", format_money(unit_price, style))
}

impl fmt::Display for Symbology {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Ean13 => "EAN-13",
            Self::Ean8 => "EAN-8",
            Self::UpcA => "UPC-A",
            Self::UpcE => "UPC-E",
            Self::Other => "code",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn real_world_codes_pass() {
        for code in [
            "4006381333931",
            "5901234123457",
            "3017620422003",
            "3760020507350",
        ] {
            assert!(check_digit_ok(code, Symbology::Ean13), "{code}");
            assert_eq!(read(code).unwrap().symbology, Symbology::Ean13);
        }
        for code in ["96385074", "73513537"] {
            assert!(check_digit_ok(code, Symbology::Ean8), "{code}");
            assert_eq!(read(code).unwrap().symbology, Symbology::Ean8);
        }
        for code in ["036000291452", "036000241457", "012345678905"] {
            assert!(check_digit_ok(code, Symbology::UpcA), "{code}");
            let r = read(code).unwrap();
            assert_eq!(r.symbology, Symbology::UpcA);
            assert_eq!(r.keys, vec![code.to_string(), format!("0{code}")]);
        }
    }

    #[test]
    fn check_digits() {
        assert_eq!(compute_check_digit("400638133393"), Some(1));
        assert_eq!(compute_check_digit("9638507"), Some(4));
        assert_eq!(compute_check_digit("03600029145"), Some(2));
        assert_eq!(compute_check_digit(""), None);
        assert_eq!(compute_check_digit("12a"), None);
        assert!(!check_digit_ok("4006381333932", Symbology::Ean13));
        assert!(
            !check_digit_ok("400638133393", Symbology::Ean13),
            "too short"
        );
        assert!(!check_digit_ok("96385075", Symbology::Ean8));
        assert!(!check_digit_ok("036000291453", Symbology::UpcA));
        assert!(check_digit_ok("anything", Symbology::Other));
    }

    #[test]
    fn upce_expansion_follows_the_gs1_rules() {
        // The example of the UPC-E article on Wikipedia, and one per rule of the last digit.
        assert_eq!(expand_upce("04252614").as_deref(), Some("042100005264"));
        assert_eq!(expand_upce("04904500").as_deref(), Some("049000000450"));
        assert_eq!(expand_upce("01234513").as_deref(), Some("012100003453"));
        assert_eq!(expand_upce("01234523").as_deref(), Some("012200003453"));
        assert_eq!(expand_upce("01234533").as_deref(), Some("012300000453"));
        assert_eq!(expand_upce("01234543").as_deref(), Some("012340000053"));
        assert_eq!(expand_upce("01234553").as_deref(), Some("012345000053"));
        assert_eq!(expand_upce("11234593").as_deref(), Some("112345000093"));
        assert_eq!(expand_upce("21234593"), None, "number system 0 or 1 only");
        assert_eq!(expand_upce("0123459"), None);
        assert_eq!(expand_upce("0123459x"), None);
        assert!(check_digit_ok("04252614", Symbology::UpcE));
        assert!(check_digit_ok("04904500", Symbology::UpcE));
        assert!(!check_digit_ok("04252615", Symbology::UpcE));
    }

    #[test]
    fn upce_reads_with_its_expansions() {
        // 04252614 is not a valid EAN-8 (its EAN-8 check digit would be 7), so it is UPC-E.
        assert!(!check_digit_ok("04252614", Symbology::Ean8));
        let r = read("04252614").unwrap();
        assert_eq!(r.symbology, Symbology::UpcE);
        assert_eq!(r.keys, vec!["04252614", "042100005264", "0042100005264"]);
    }

    #[test]
    fn eight_digits_valid_both_ways_read_as_ean8_with_upce_fallback() {
        // Find a code valid both as EAN-8 and as UPC-E: the rule must be deterministic.
        let both = (0..1_000_000u32)
            .map(|n| format!("0{n:06}"))
            .find_map(|body| {
                let code = format!("{body}{}", compute_check_digit(&body)?);
                check_digit_ok(&code, Symbology::UpcE).then_some(code)
            })
            .unwrap();
        let r = read(&both).unwrap();
        assert_eq!(r.symbology, Symbology::Ean8);
        assert_eq!(r.keys.len(), 3);
        assert_eq!(r.keys[1], expand_upce(&both).unwrap());
    }

    #[test]
    fn bad_check_digit_is_refused_clearly() {
        let err = read("3012345678900").unwrap_err();
        assert_eq!(
            err,
            BarcodeError::BadCheckDigit {
                code: "3012345678900".into(),
                symbology: Symbology::Ean13,
                expected: 2,
                found: 0,
            }
        );
        assert_eq!(
            err.to_string(),
            "Bad check digit in 3012345678900: misread, scan again"
        );
        assert!(matches!(
            read("036000291453"),
            Err(BarcodeError::BadCheckDigit {
                expected: 2,
                found: 3,
                ..
            })
        ));
        assert!(matches!(
            read("96385075"),
            Err(BarcodeError::BadCheckDigit {
                expected: 4,
                found: 5,
                ..
            })
        ));
        assert_eq!(read("  "), Err(BarcodeError::Empty));
    }

    #[test]
    fn other_codes_are_not_checked() {
        for code in ["42", "123456", "ABC-123", "30123456789012", "1234567"] {
            let r = read(code).unwrap();
            assert_eq!(r.symbology, Symbology::Other, "{code}");
            assert_eq!(r.keys, vec![code.to_string()]);
        }
        assert_eq!(read(" 42 ").unwrap().code, "42");
    }

    #[test]
    fn ean13_with_leading_zero_also_tries_upca() {
        let r = read("0036000291452").unwrap();
        assert_eq!(r.keys, vec!["0036000291452", "036000291452"]);
    }

    #[test]
    fn price_verifier_digits_match_the_gs1_examples() {
        // GS1 General Specifications 7.9.3: 2875 → 9, 14685 → 6.
        assert_eq!(price_check_digit("2875"), Some(9));
        assert_eq!(price_check_digit("14685"), Some(6));
        assert_eq!(price_check_digit("123"), None);
        assert_eq!(price_check_digit("12a45"), None);
    }

    fn ean13(body12: &str) -> String {
        format!("{body12}{}", compute_check_digit(body12).unwrap())
    }

    #[test]
    fn default_templates_are_valid() {
        for t in InStoreTemplate::defaults() {
            t.validate().unwrap();
        }
    }

    #[test]
    fn in_store_price() {
        let t = InStoreTemplate::defaults();
        let code = ean13("211234500499");
        let r = read_in_store(&code, &t).unwrap();
        assert_eq!(r.template, "price-5");
        assert_eq!(r.plu, "12345");
        assert_eq!(r.price, Some(dec!(4.99)));
        assert_eq!(r.weight_kg, None);
        assert_eq!(
            r.lookup_keys(&t),
            vec!["12345".to_string(), ean13("211234500000")]
        );
    }

    #[test]
    fn in_store_weight() {
        let t = InStoreTemplate::defaults();
        let code = ean13("230012300352");
        let r = read_in_store(&code, &t).unwrap();
        assert_eq!(r.template, "weight-5");
        assert_eq!(r.plu, "00123");
        assert_eq!(r.weight_kg, Some(dec!(0.352)));
        assert_eq!(r.price, None);
    }

    #[test]
    fn in_store_price_with_verifier() {
        let t = InStoreTemplate::defaults();
        // 26 PLU 0042, verifier of 14685 is 6, price 146,85.
        let code = ean13("260042614685");
        let r = read_in_store(&code, &t).unwrap();
        assert_eq!(r.template, "price-4-checked");
        assert_eq!(r.plu, "0042");
        assert_eq!(r.price, Some(dec!(146.85)));
        // A wrong verifier (with a recomputed EAN-13 check digit) is not read.
        assert_eq!(read_in_store(&ean13("260042714685"), &t), None);
    }

    #[test]
    fn in_store_refuses_what_is_not_in_store() {
        let t = InStoreTemplate::defaults();
        assert_eq!(read_in_store("3017620422003", &t), None, "not a 2X prefix");
        assert_eq!(
            read_in_store(&ean13("291234500499"), &t),
            None,
            "29 is free"
        );
        let mut bad = ean13("211234500499");
        bad.pop();
        bad.push(if bad.ends_with('9') { '1' } else { '9' });
        assert_eq!(read_in_store(&bad, &t), None, "bad check digit");
        assert_eq!(read_in_store("21123450049", &t), None, "too short");
    }

    #[test]
    fn shop_templates_from_toml() {
        #[derive(Deserialize)]
        struct Section {
            in_store: Vec<InStoreTemplate>,
        }
        let s: Section = toml::from_str(
            r#"
            [[in_store]]
            name = "weight-dg"
            prefixes = ["28"]
            plu_digits = 6
            value = { kind = "weight", decimals = 2 }
            value_digits = 4
            "#,
        )
        .unwrap();
        s.in_store[0].validate().unwrap();
        let r = read_in_store(&ean13("281234560035"), &s.in_store).unwrap();
        assert_eq!(r.plu, "123456");
        assert_eq!(r.weight_kg, Some(dec!(0.35)));
        let wrong = InStoreTemplate {
            plu_digits: 7,
            ..s.in_store[0].clone()
        };
        assert!(wrong.validate().unwrap_err().contains("14 digits"));
        assert_eq!(read_in_store(&ean13("281234560035"), &[wrong]), None);
    }

    #[test]
    fn weight_notes() {
        assert_eq!(
            weight_note(dec!(0.352), dec!(24.90), MoneyStyle::French),
            "0,352 kg × 24,90 €/kg"
        );
        assert_eq!(
            weight_note(dec!(1.5), dec!(3), MoneyStyle::English),
            "1.500 kg × €3.00/kg"
        );
    }

    #[test]
    fn weighed_line() {
        let item = Item {
            id: 7,
            title: "Comté".into(),
            short_title: "".into(),
            price: dec!(24.90),
            department_id: None,
            vat_id: None,
            barcode: "".into(),
            stock: None,
            internal_id: "".into(),
            hidden: false,
            position: 0,
            variation_ids: vec![],
        };
        let t = InStoreTemplate::defaults();
        let r = read_in_store(&ean13("230000700352"), &t).unwrap();
        let line = r.basket_line(&item, MoneyStyle::French, crate::i18n::Lang::En);
        assert_eq!(line.quantity, dec!(0.352));
        assert_eq!(line.total(), dec!(8.76));
        assert_eq!(line.note.as_deref(), Some("0,352 kg × 24,90 €/kg"));
        let r = read_in_store(&ean13("210000701234"), &t).unwrap();
        let line = r.basket_line(&item, MoneyStyle::French, crate::i18n::Lang::En);
        assert_eq!(line.total(), dec!(12.34));
        assert!(line.price_overridden);
    }

    fn corrupt(code: &str, pos: usize, delta: u8) -> String {
        code.bytes()
            .enumerate()
            .map(|(i, b)| {
                if i == pos {
                    char::from(b'0' + (b - b'0' + delta) % 10)
                } else {
                    char::from(b)
                }
            })
            .collect()
    }

    proptest! {
        #[test]
        fn valid_codes_pass(body in "[0-9]{12}", short in "[0-9]{7}", upc in "[0-9]{11}") {
            let e13 = ean13(&body);
            prop_assert!(check_digit_ok(&e13, Symbology::Ean13));
            prop_assert_eq!(read(&e13).unwrap().symbology, Symbology::Ean13);
            let e8 = format!("{short}{}", compute_check_digit(&short).unwrap());
            prop_assert!(check_digit_ok(&e8, Symbology::Ean8));
            prop_assert_eq!(read(&e8).unwrap().symbology, Symbology::Ean8);
            let ua = format!("{upc}{}", compute_check_digit(&upc).unwrap());
            prop_assert!(check_digit_ok(&ua, Symbology::UpcA));
            prop_assert_eq!(read(&ua).unwrap().symbology, Symbology::UpcA);
        }

        #[test]
        fn any_single_digit_corruption_is_refused(
            body in "[0-9]{12}", pos in 0usize..13, delta in 1u8..10,
        ) {
            let bad = corrupt(&ean13(&body), pos, delta);
            prop_assert!(!check_digit_ok(&bad, Symbology::Ean13));
            let is_bad_check = matches!(read(&bad), Err(BarcodeError::BadCheckDigit { .. }));
            prop_assert!(is_bad_check);
            let ua = format!("{}{}", &body[1..12], compute_check_digit(&body[1..12]).unwrap());
            let bad = corrupt(&ua, pos % 12, delta);
            prop_assert!(!check_digit_ok(&bad, Symbology::UpcA));
            let is_bad_check = matches!(read(&bad), Err(BarcodeError::BadCheckDigit { .. }));
            prop_assert!(is_bad_check);
        }

        #[test]
        fn ean8_single_digit_corruption_is_refused(short in "[0-9]{7}", pos in 0usize..8, delta in 1u8..10) {
            let e8 = format!("{short}{}", compute_check_digit(&short).unwrap());
            prop_assert!(!check_digit_ok(&corrupt(&e8, pos, delta), Symbology::Ean8));
        }

        #[test]
        fn upce_single_digit_corruption_is_refused(data in "[0-9]{6}", ns in 0u8..2, pos in prop::sample::select(vec![1usize, 2, 3, 4, 5, 7]), delta in 1u8..10) {
            // Build a valid UPC-E by computing the check digit of its expansion.
            let partial = format!("{ns}{data}0");
            let upca = expand_upce(&partial).unwrap();
            let check = compute_check_digit(&upca[..11]).unwrap();
            let code = format!("{ns}{data}{check}");
            prop_assert!(check_digit_ok(&code, Symbology::UpcE));
            // A data digit or the check digit. Not the number system (2–9 is not UPC-E at all) nor
            // the sixth data digit: it picks the layout, so changing it moves the other digits
            // and the check can hold by chance (00000749 and 00000789 are both valid). UPC-E
            // inherits that weakness from the standard.
            prop_assert!(!check_digit_ok(&corrupt(&code, pos, delta), Symbology::UpcE));
        }

        #[test]
        fn in_store_prices_round_trip(plu in 0u32..100_000, cents in 0u32..100_000, p in 0u8..3) {
            let code = ean13(&format!("2{p}{plu:05}{cents:05}"));
            let r = read_in_store(&code, &InStoreTemplate::defaults()).unwrap();
            prop_assert_eq!(r.plu, format!("{plu:05}"));
            prop_assert_eq!(r.price, Some(Decimal::new(i64::from(cents), 2)));
        }

        #[test]
        fn read_never_panics(s in "\\PC{0,20}") {
            let _ = read(&s);
            let _ = read_in_store(&s, &InStoreTemplate::defaults());
            let _ = expand_upce(&s);
        }
    }
}

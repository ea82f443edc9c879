//! The catalog's saved copy in a compact form of its own: one line an item, its fields in a fixed
//! order separated by tabs, read back by splitting lines (no JSON to parse, no field names to
//! look up, no number read twice). A warm start reads 100 000 items from it in a few tens of
//! milliseconds, where reading the body as the server sent it takes hundreds.
//!
//! The first line names the form and its version; a copy that does not start with it is not
//! this form (a body saved as it came, by an earlier version), and a copy that does but cannot be
//! read is no copy at all: the till then loads the list from the server.

use std::fmt::Write as _;
use std::str::FromStr;

use compact_str::CompactString;
use rust_decimal::Decimal;

use super::client::Listed;
use super::model::Item;

/// The first line of the compact form.
const MAGIC: &str = "kash-pos items 1\n";

/// Whether `text` is a saved copy in the compact form.
#[must_use]
pub fn is_compact(text: &str) -> bool {
    text.starts_with(MAGIC)
}

fn escape(out: &mut String, text: &str) {
    if !text
        .bytes()
        .any(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r'))
    {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(text: &str) -> Option<String> {
    if memchr::memchr(b'\\', text.as_bytes()).is_none() {
        return Some(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(match chars.next()? {
                '\\' => '\\',
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                _ => return None,
            });
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// [`unescape`] as a [`CompactString`], inline when short (no allocation for a catalog's
/// titles and codes).
fn unescape_compact(text: &str) -> Option<CompactString> {
    if memchr::memchr(b'\\', text.as_bytes()).is_none() {
        return Some(CompactString::from(text));
    }
    unescape(text).map(CompactString::from)
}

/// The items (and the reasons the skipped elements were skipped) in the compact form.
#[must_use]
pub fn encode_items(list: &Listed<Item>) -> String {
    let mut lines = String::with_capacity(MAGIC.len() + list.items.len() * 96);
    for item in &list.items {
        encode_item(item, &mut lines);
    }
    compact(lines, &list.skipped)
}

/// The compact form from the items' lines ([`encode_item`], in the list's order) and the reasons
/// the skipped elements were skipped; written where the lines are (a big catalog's copy is not
/// held twice).
#[must_use]
pub fn compact(lines: String, skipped: &[String]) -> String {
    let mut out = lines;
    out.reserve(MAGIC.len() + skipped.iter().map(|r| r.len() + 2).sum::<usize>());
    out.insert_str(0, MAGIC);
    for reason in skipped {
        out.push('!');
        escape(&mut out, reason);
        out.push('\n');
    }
    out
}

/// One item's line of the compact form.
pub fn encode_item(item: &Item, out: &mut String) {
    push_u64(out, item.id);
    out.push('\t');
    escape(out, &item.title);
    out.push('\t');
    escape(out, &item.short_title);
    out.push('\t');
    push_decimal(out, item.price);
    out.push('\t');
    for id in [item.department_id, item.vat_id] {
        if let Some(id) = id {
            push_u64(out, id);
        }
        out.push('\t');
    }
    escape(out, &item.barcode);
    out.push('\t');
    if let Some(stock) = item.stock {
        push_decimal(out, stock);
    }
    out.push('\t');
    escape(out, &item.internal_id);
    out.push_str(if item.hidden { "\t1\t" } else { "\t0\t" });
    if item.position < 0 {
        out.push('-');
    }
    push_u64(out, item.position.unsigned_abs());
    out.push('\t');
    for (i, id) in item.variation_ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_u64(out, *id);
    }
    out.push('\n');
}

/// A number's digits, with none of the formatting machinery (a 100k catalog's copy writes
/// half a million of them while the list is read).
fn push_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
}

/// An amount as `Decimal` shows it (its scale kept: `12.500`), written as [`push_u64`] does;
/// one whose digits do not fit 64 bits, or a zero (which may carry a sign), through `Display`.
fn push_decimal(out: &mut String, d: Decimal) {
    let mantissa = d.mantissa();
    let Ok(digits) = u64::try_from(mantissa.unsigned_abs()) else {
        let _ = write!(out, "{d}");
        return;
    };
    if digits == 0 {
        let _ = write!(out, "{d}");
        return;
    }
    if mantissa < 0 {
        out.push('-');
    }
    let scale = d.scale();
    if scale == 0 {
        push_u64(out, digits);
        return;
    }
    let start = out.len();
    push_u64(out, digits);
    let written = out.len() - start;
    let scale = scale as usize;
    if written <= scale {
        // 0.05: the zeros before the digits.
        let zeros = "0".repeat(scale - written);
        out.insert_str(start, &zeros);
        out.insert_str(start, "0.");
    } else {
        out.insert(out.len() - scale, '.');
    }
}

/// From this many bytes, a copy is read on two threads, half each.
const PARALLEL_FROM: usize = 1 << 20;

/// Reads the compact form back; `None` when `text` is not in it or cannot be read.
#[must_use]
pub fn decode_items(text: &str) -> Option<Listed<Item>> {
    let body = text.strip_prefix(MAGIC)?;
    let half = body.len() / 2;
    let cut = if body.len() >= PARALLEL_FROM {
        memchr::memchr(b'\n', &body.as_bytes()[half..]).map(|i| half + i + 1)
    } else {
        None
    };
    let Some(cut) = cut else {
        return decode_lines(body);
    };
    let (first, second) = body.split_at(cut);
    let (first, second) = std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name("saved-copy".to_string())
            .spawn_scoped(scope, || decode_lines(second));
        let first = decode_lines(first);
        let second = match other {
            Ok(thread) => thread.join().unwrap_or(None),
            // No thread could be started: here.
            Err(_) => decode_lines(second),
        };
        (first, second)
    });
    let (mut list, rest) = (first?, second?);
    list.items.extend(rest.items);
    list.skipped.extend(rest.skipped);
    Some(list)
}

/// The items and the skipped elements' reasons of whole lines of the compact form.
fn decode_lines(body: &str) -> Option<Listed<Item>> {
    let mut items = Vec::with_capacity(memchr::memchr_iter(b'\n', body.as_bytes()).count());
    let mut skipped = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => (&rest[..end], &rest[end + 1..]),
            None => (rest, ""),
        };
        rest = next;
        if let Some(reason) = line.strip_prefix('!') {
            skipped.push(unescape(reason)?);
            continue;
        }
        items.push(decode_item(line)?);
    }
    items.shrink_to_fit();
    Some(Listed { items, skipped })
}

/// A line's fields, cut at its tabs.
struct Tabs<'a>(Option<&'a str>);

impl<'a> Iterator for Tabs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.0?;
        if let Some(tab) = rest.bytes().position(|b| b == b'\t') {
            self.0 = Some(&rest[tab + 1..]);
            Some(&rest[..tab])
        } else {
            self.0 = None;
            Some(rest)
        }
    }
}

fn decode_item(line: &str) -> Option<Item> {
    let mut f = Tabs(Some(line));
    let mut next = || f.next();
    let opt_id = |t: &str| -> Option<Option<u64>> {
        if t.is_empty() {
            Some(None)
        } else {
            t.parse().ok().map(Some)
        }
    };
    let id = next()?.parse().ok()?;
    let title = unescape_compact(next()?)?;
    let short_title = unescape_compact(next()?)?;
    let price = Decimal::from_str(next()?).ok()?;
    let department_id = opt_id(next()?)?;
    let vat_id = opt_id(next()?)?;
    let barcode = unescape_compact(next()?)?;
    let stock = match next()? {
        "" => None,
        t => Some(Decimal::from_str(t).ok()?),
    };
    let internal_id = unescape_compact(next()?)?;
    let hidden = match next()? {
        "0" => false,
        "1" => true,
        _ => return None,
    };
    let position = next()?.parse().ok()?;
    let variation_ids = match next()? {
        "" => Vec::new(),
        t => t
            .split(',')
            .map(|v| v.parse().ok())
            .collect::<Option<Vec<u64>>>()?,
    };
    if next().is_some() {
        return None;
    }
    Some(Item {
        id,
        title,
        short_title,
        price,
        department_id,
        vat_id,
        barcode,
        stock,
        internal_id,
        hidden,
        position,
        variation_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn item(id: u64) -> Item {
        Item {
            id,
            title: format!("Item {id}").into(),
            short_title: "".into(),
            price: dec!(1.50),
            department_id: None,
            vat_id: Some(2),
            barcode: "".into(),
            stock: None,
            internal_id: "".into(),
            hidden: false,
            position: 0,
            variation_ids: Vec::new(),
        }
    }

    #[test]
    fn items_come_back_as_they_were_saved() {
        let mut odd = item(7);
        odd.title = "Tab\there, new\nline, back\\slash \\t, CR\r, é ✓".into();
        odd.short_title = "!short".into();
        odd.price = dec!(-0.005);
        odd.department_id = Some(12);
        odd.vat_id = None;
        odd.barcode = "3012345678901,0042".into();
        odd.stock = Some(dec!(12.500));
        odd.internal_id = "PLU-44".into();
        odd.hidden = true;
        odd.position = -3;
        odd.variation_ids = vec![4, 9];
        let list = Listed {
            items: vec![item(1), odd, item(u64::MAX)],
            skipped: vec!["#3: no id".to_string(), "#9: odd\tone".to_string()],
        };
        let text = encode_items(&list);
        assert!(is_compact(&text));
        let back = decode_items(&text).expect("compact form read back");
        assert_eq!(back, list);
        // Scale kept: 12.500 is still 12.500.
        assert_eq!(back.items[1].stock.map(|s| s.scale()), Some(3));
        let empty = Listed::<Item> {
            items: Vec::new(),
            skipped: Vec::new(),
        };
        assert_eq!(decode_items(&encode_items(&empty)), Some(empty));
    }

    proptest::proptest! {
        #[test]
        fn an_amount_is_written_as_it_shows(m in proptest::num::i128::ANY, scale in 0u32..=28, small in -100_000i64..100_000) {
            for mantissa in [m >> 32, m, i128::from(small)] {
                let Ok(d) = Decimal::try_from_i128_with_scale(mantissa, scale) else {
                    continue;
                };
                let mut out = String::from("x");
                push_decimal(&mut out, d);
                proptest::prop_assert_eq!(&out[1..], d.to_string());
                proptest::prop_assert_eq!(Decimal::from_str(&out[1..]).ok(), Some(d));
            }
        }

        #[test]
        fn a_number_is_written_as_it_shows(n in proptest::num::u64::ANY) {
            let mut out = String::new();
            push_u64(&mut out, n);
            push_u64(&mut out, n % 10);
            proptest::prop_assert_eq!(out, format!("{n}{}", n % 10));
        }
    }

    #[test]
    fn a_big_copy_read_in_two_halves_is_the_copy() {
        let items: Vec<Item> = (1..=30_000)
            .map(|id| {
                let mut it = item(id);
                it.title = format!("Item {id} with a title long enough\tand a tab").into();
                it.variation_ids = vec![id % 7];
                it
            })
            .collect();
        let list = Listed {
            items,
            skipped: vec!["#30001: no id".to_string()],
        };
        let text = encode_items(&list);
        assert!(text.len() > 2 * PARALLEL_FROM, "{} bytes", text.len());
        assert_eq!(decode_items(&text).as_ref(), Some(&list));
        // A line damaged in either half spoils the whole copy.
        for id in [10, 29_990] {
            let damaged = text.replace(&format!("\n{id}\t"), &format!("\n{id}x\t"));
            assert_ne!(damaged, text);
            assert_eq!(decode_items(&damaged), None, "line {id}");
        }
    }

    #[test]
    fn another_form_or_a_damaged_copy_is_not_read() {
        assert_eq!(decode_items(r#"[{"id":1,"title":"A","price":"1"}]"#), None);
        assert!(!is_compact("[]"));
        let text = encode_items(&Listed {
            items: vec![item(1)],
            skipped: Vec::new(),
        });
        for broken in [
            text.replace("1.50", "x"),
            text.replace("Item 1", "Item \\q1"),
            text.replace("\t0\t\n", "\t0\t\textra\n"),
            text.replace("\t0\t0\t", "\t2\t0\t"),
            text[..text.len() - 8].to_string(),
        ] {
            assert_eq!(decode_items(&broken), None, "{broken:?}");
        }
    }
}

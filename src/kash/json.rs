//! Tolerant reading of the JSON the Kash.click service sends: numbers as strings, decimal commas,
//! booleans as `0`/`1`, field aliases, and lists that come bare, wrapped or keyed by id.
//! Strict about what matters: an id or a price that cannot be read is an error for that element.

use std::borrow::Cow;

use compact_str::CompactString;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::money::parse_decimal;

pub use crate::logging::is_invisible;

/// Text from the server as the till may draw it: bidi controls and zero-width characters
/// removed (a title can never reorder what the cashier reads), terminal escape sequences
/// (`ESC [ … m`) removed, other control characters (line breaks, tabs) turned into spaces,
/// trimmed.
pub fn clean_text(text: &str) -> String {
    match printable_ascii(text) {
        Some(plain) => plain.to_string(),
        None => clean_any_text(text),
    }
}

/// [`clean_text`] as a [`CompactString`], inline when short.
pub fn clean_compact_text(text: &str) -> CompactString {
    match printable_ascii(text) {
        Some(plain) => CompactString::from(plain),
        None => CompactString::from(clean_any_text(text)),
    }
}

/// Printable ASCII has nothing to take out but the spaces around it: most texts of a
/// catalog, read so with one copy and no walk through their characters.
fn printable_ascii(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    if !bytes.iter().all(|b| (b' '..=b'~').contains(b)) {
        return None;
    }
    let start = bytes.iter().position(|b| *b != b' ').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| *b != b' ')
        .map_or(start, |i| i + 1);
    Some(&text[start..end])
}

/// [`clean_text`] for any text.
fn clean_any_text(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: `ESC [`, parameters, one final character in `@`..=`~`; else `ESC` and one.
            if chars.next_if_eq(&'[').is_some() {
                for p in chars.by_ref() {
                    if ('@'..='~').contains(&p) {
                        break;
                    }
                }
            } else {
                chars.next();
            }
        } else if is_invisible(c) {
        } else if c.is_control() {
            cleaned.push(' ');
        } else {
            cleaned.push(c);
        }
    }
    let trimmed = cleaned.trim();
    if trimmed.len() == cleaned.len() {
        cleaned
    } else {
        trimmed.to_string()
    }
}

/// One value of an object as the readers see it, whether the object was read into a
/// `serde_json::Value` tree ([`Obj`]) or straight from its bytes ([`Flat`]).
#[derive(Debug, Clone)]
pub enum Field<'a> {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Text(&'a str),
    /// An object or an array; the tree's value when there is one (for error messages).
    Nested(Option<&'a Value>),
}

impl<'a> Field<'a> {
    /// The field a tree's value is.
    #[must_use]
    pub fn of(v: &'a Value) -> Self {
        match v {
            Value::Null => Field::Null,
            Value::Bool(b) => Field::Bool(*b),
            Value::Number(n) => Field::Number(n.clone()),
            Value::String(s) => Field::Text(s),
            Value::Array(_) | Value::Object(_) => Field::Nested(Some(v)),
        }
    }

    fn id(&self) -> Option<u64> {
        match self {
            Field::Number(n) => n.as_u64(),
            Field::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    fn decimal(&self) -> Option<Decimal> {
        match self {
            // The number's own text, so `14.5` never passes through a float; a JSON number is
            // unambiguous, so its exponent form (`4e28`, `1.5E-3`) is read too.
            Field::Number(n) => {
                let text = n.to_string();
                if text.contains(['e', 'E']) {
                    Decimal::from_scientific(&text).ok()
                } else {
                    parse_decimal(&text)
                }
            }
            Field::Text(s) => parse_decimal(s),
            _ => None,
        }
    }

    fn flag(&self) -> Option<bool> {
        match self {
            Field::Bool(b) => Some(*b),
            Field::Number(n) => n.as_i64().map(|i| i != 0),
            Field::Text(s) => match s.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "oui" | "on" => Some(true),
                "0" | "false" | "no" | "non" | "off" | "" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// A short, single-line excerpt for error messages, as the value's JSON.
    fn excerpt(&self) -> String {
        match self {
            Field::Null => "null".to_string(),
            Field::Bool(b) => b.to_string(),
            Field::Number(n) => n.to_string(),
            Field::Text(s) => short(&Value::String((*s).to_string()).to_string(), 60),
            Field::Nested(Some(v)) => excerpt(v),
            Field::Nested(None) => "{…}".to_string(),
        }
    }
}

/// An object's fields, read tolerantly: the first of several names present, numbers as
/// strings, decimal commas, booleans as `0`/`1`.
pub trait Fields {
    /// The field of that exact name, if the object has it.
    fn field(&self, name: &str) -> Option<Field<'_>>;

    /// The first present, non-null, non-empty-string field among `names`.
    fn first(&self, names: &[&str]) -> Option<Field<'_>> {
        names.iter().find_map(|n| match self.field(n) {
            None | Some(Field::Null) => None,
            Some(Field::Text(s)) if s.trim().is_empty() => None,
            Some(v) => Some(v),
        })
    }

    /// A required id (a positive or zero integer, as a number or a string).
    fn id(&self, names: &[&str]) -> Result<u64, String> {
        let v = self
            .first(names)
            .ok_or_else(|| format!("no {}", names[0]))?;
        v.id()
            .ok_or_else(|| format!("unreadable {}: {}", names[0], v.excerpt()))
    }

    /// An optional id: absent, empty, `0` or `-1` mean none; an unreadable one also means none.
    fn opt_id(&self, names: &[&str]) -> Option<u64> {
        self.first(names).and_then(|v| v.id()).filter(|id| *id != 0)
    }

    /// A required amount (or quantity), within [`MAX_WIRE_AMOUNT`].
    fn money(&self, names: &[&str]) -> Result<Decimal, String> {
        let v = self
            .first(names)
            .ok_or_else(|| format!("no {}", names[0]))?;
        let amount = v
            .decimal()
            .ok_or_else(|| format!("unreadable {}: {}", names[0], v.excerpt()))?;
        if amount.abs() > MAX_WIRE_AMOUNT {
            return Err(format!(
                "{} out of range (beyond ±{MAX_WIRE_AMOUNT}): {}",
                names[0],
                v.excerpt()
            ));
        }
        Ok(amount)
    }

    /// An optional amount; an unreadable one, or one beyond [`MAX_WIRE_AMOUNT`], is none.
    fn opt_money(&self, names: &[&str]) -> Option<Decimal> {
        self.first(names)
            .and_then(|v| v.decimal())
            .filter(|a| a.abs() <= MAX_WIRE_AMOUNT)
    }

    /// A text, cleaned for the screen ([`clean_text`]); numbers are turned into text, absent is
    /// empty.
    fn text(&self, names: &[&str]) -> String {
        self.compact_text(names).into_string()
    }

    /// [`Fields::text`] held inline when short (a catalog's titles and codes: no allocation each).
    fn compact_text(&self, names: &[&str]) -> CompactString {
        match self.first(names) {
            Some(Field::Text(s)) => clean_compact_text(s),
            Some(Field::Number(n)) => compact_str::format_compact!("{n}"),
            Some(Field::Bool(b)) => compact_str::format_compact!("{b}"),
            _ => CompactString::default(),
        }
    }

    /// An optional [`Fields::compact_text`]: absent or empty is none.
    fn opt_compact_text(&self, names: &[&str]) -> Option<CompactString> {
        Some(self.compact_text(names)).filter(|s| !s.is_empty())
    }

    /// An optional text ([`Fields::text`]): absent or empty is none.
    fn opt_text(&self, names: &[&str]) -> Option<String> {
        Some(self.text(names)).filter(|s| !s.is_empty())
    }

    /// A boolean sent as `true`/`false`, `0`/`1`, `"0"`/`"1"`, `"yes"`/`"no"`; absent is false.
    fn flag(&self, names: &[&str]) -> bool {
        self.first(names).and_then(|v| v.flag()).unwrap_or(false)
    }

    /// An optional small integer (covers, position…).
    fn opt_int(&self, names: &[&str]) -> Option<i64> {
        self.first(names).and_then(|v| match v {
            Field::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Field::Text(s) => s.trim().parse().ok(),
            _ => None,
        })
    }
}

/// One JSON object being read, with the name of the resource for error messages.
pub struct Obj<'a>(pub &'a Map<String, Value>);

impl Obj<'_> {
    /// The first present, non-null, non-empty-string value among `names`.
    pub fn get(&self, names: &[&str]) -> Option<&Value> {
        names.iter().find_map(|n| match self.0.get(*n) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(v) => Some(v),
        })
    }
}

impl Fields for Obj<'_> {
    fn field(&self, name: &str) -> Option<Field<'_>> {
        self.0.get(name).map(Field::of)
    }
}

/// One value of a [`Flat`] object: scalars as they came, nested values skipped.
#[derive(Debug)]
pub enum Slot<'de> {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Text(Cow<'de, str>),
    Nested,
}

/// A flat object read straight from its JSON: its scalar fields, their texts borrowed from the
/// body where they hold no escape, nested values skipped. Reading a big list so builds no
/// tree (no map, no key copied, per element).
#[derive(Debug)]
pub enum Flat<'de> {
    Object(Vec<(Cow<'de, str>, Slot<'de>)>),
    /// The element is not an object.
    NotObject,
}

impl Fields for Flat<'_> {
    fn field(&self, name: &str) -> Option<Field<'_>> {
        let Flat::Object(fields) = self else {
            return None;
        };
        // The last of a repeated name, as a tree keeps it.
        fields
            .iter()
            .rev()
            .find(|(k, _)| same_key(k, name))
            .map(|(_, v)| match v {
                Slot::Null => Field::Null,
                Slot::Bool(b) => Field::Bool(*b),
                Slot::Number(n) => Field::Number(n.clone()),
                Slot::Text(s) => Field::Text(s),
                Slot::Nested => Field::Nested(None),
            })
    }
}

/// `k == name`, with the length and the last byte looked at first: the names a reader tries
/// are mostly of the same length as other keys (`variationID0`…`4`, `keyboardHide`), and this
/// spares them a full comparison.
#[inline]
fn same_key(k: &str, name: &str) -> bool {
    k.len() == name.len() && k.as_bytes().last() == name.as_bytes().last() && k == name
}

/// A key, borrowed from the body when it holds no escape.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

struct SlotVisitor;

impl<'de> serde::de::Visitor<'de> for SlotVisitor {
    type Value = Slot<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Slot<'de>, E> {
        Ok(Slot::Null)
    }
    fn visit_none<E>(self) -> Result<Slot<'de>, E> {
        Ok(Slot::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Slot<'de>, E> {
        Ok(Slot::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Slot<'de>, E> {
        Ok(Slot::Number(n.into()))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Slot<'de>, E> {
        Ok(Slot::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Slot<'de>, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Slot::Null, Slot::Number))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Slot<'de>, E> {
        Ok(Slot::Text(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Slot<'de>, E> {
        Ok(Slot::Text(Cow::Owned(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Slot<'de>, E> {
        Ok(Slot::Text(Cow::Owned(s)))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Slot<'de>, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Slot::Nested)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Slot<'de>, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Slot::Nested)
    }
}

impl<'de> serde::Deserialize<'de> for Slot<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SlotVisitor)
    }
}

impl<'de> serde::Deserialize<'de> for Flat<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Flat<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Flat<'de>, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
                    fields.push((k, map.next_value::<Slot<'de>>()?));
                }
                Ok(Flat::Object(fields))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Flat<'de>, A::Error> {
                serde::de::Visitor::visit_seq(SlotVisitor, seq).map(|_| Flat::NotObject)
            }
            fn visit_unit<E>(self) -> Result<Flat<'de>, E> {
                Ok(Flat::NotObject)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Flat<'de>, E> {
                Ok(Flat::NotObject)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Flat<'de>, E> {
                Ok(Flat::NotObject)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Flat<'de>, E> {
                Ok(Flat::NotObject)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Flat<'de>, E> {
                Ok(Flat::NotObject)
            }
            fn visit_str<E>(self, _: &str) -> Result<Flat<'de>, E> {
                Ok(Flat::NotObject)
            }
        }
        d.deserialize_any(V)
    }
}

/// The most fields a [`Plain`] object holds; an object with more is read as [`Flat`].
const PLAIN_FIELDS: usize = 32;

/// One value of a [`Plain`] object.
#[derive(Debug, Clone, Copy)]
enum PlainValue<'a> {
    Null,
    Bool(bool),
    Number(u64),
    Text(&'a str),
}

/// A flat object of plain values read straight from its text, with no parser in between: the
/// shape of nearly every element of a catalog. Its strings hold no escape, its numbers are
/// whole and not negative, it has no nested value. [`Plain::read`] is `None` for any other
/// text, valid JSON or not, and the general reader ([`Flat`]) reads it instead: what both read,
/// they read alike, field for field.
#[derive(Debug)]
pub struct Plain<'a> {
    len: usize,
    fields: [(&'a str, PlainValue<'a>); PLAIN_FIELDS],
}

/// JSON's white space (not the form feed `is_ascii_whitespace` also takes).
#[inline]
fn skip_json_space(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// Eight bytes with `byte` in each.
pub(crate) const fn lanes(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// Each byte of `word` below `n` (`n` ≤ 128) has its top bit set in the result; the lowest
/// set bit is always exact (a higher one may be a borrow's ghost).
#[inline]
pub(crate) const fn bytes_below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(lanes(n)) & !word & lanes(0x80)
}

/// The string whose text starts at `from` (after its opening quote) and the index after its
/// closing quote; `None` when it holds an escape or a control character (or never closes).
#[inline]
fn plain_string(text: &str, from: usize) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    let mut j = from;
    // Eight bytes at a time: a quote, a backslash or a control character stops the run.
    while let Some(word) = b.get(j..j + 8) {
        let word = u64::from_le_bytes(word.try_into().ok()?);
        let stops = bytes_below(word ^ lanes(b'"'), 1)
            | bytes_below(word ^ lanes(b'\\'), 1)
            | bytes_below(word, 0x20);
        if stops != 0 {
            j += (stops.trailing_zeros() / 8) as usize;
            break;
        }
        j += 8;
    }
    loop {
        match *b.get(j)? {
            b'"' => return Some((text.get(from..j)?, j + 1)),
            b'\\' | 0..0x20 => return None,
            _ => j += 1,
        }
    }
}

/// The value at `i` and the index after it; `None` for anything but a plain value.
#[inline]
fn plain_value(text: &str, i: usize) -> Option<(PlainValue<'_>, usize)> {
    let b = text.as_bytes();
    let rest = &b[i..];
    match *rest.first()? {
        b'"' => plain_string(text, i + 1).map(|(s, next)| (PlainValue::Text(s), next)),
        b't' if rest.starts_with(b"true") => Some((PlainValue::Bool(true), i + 4)),
        b'f' if rest.starts_with(b"false") => Some((PlainValue::Bool(false), i + 5)),
        b'n' if rest.starts_with(b"null") => Some((PlainValue::Null, i + 4)),
        b'0'..=b'9' => {
            let mut n: u64 = 0;
            let mut j = i;
            while let Some(&d @ b'0'..=b'9') = b.get(j) {
                n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
                j += 1;
            }
            // A leading zero, a fraction, an exponent: the general reader's.
            if (b[i] == b'0' && j > i + 1) || matches!(b.get(j), Some(b'.' | b'e' | b'E')) {
                return None;
            }
            Some((PlainValue::Number(n), j))
        }
        _ => None,
    }
}

impl<'a> Plain<'a> {
    /// `read` given the object `text` is, when it is plain (see [`Plain`]). The object is lent,
    /// not returned: its fields stay where they were read.
    pub fn read<R>(text: &'a str, read: impl FnOnce(&Plain<'a>) -> R) -> Option<R> {
        let b = text.as_bytes();
        let mut object = Plain {
            len: 0,
            fields: [("", PlainValue::Null); PLAIN_FIELDS],
        };
        let mut i = skip_json_space(b, 0);
        if b.get(i) != Some(&b'{') {
            return None;
        }
        i = skip_json_space(b, i + 1);
        if b.get(i) == Some(&b'}') {
            i += 1;
        } else {
            loop {
                if b.get(i) != Some(&b'"') {
                    return None;
                }
                let (key, next) = plain_string(text, i + 1)?;
                i = skip_json_space(b, next);
                if b.get(i) != Some(&b':') {
                    return None;
                }
                i = skip_json_space(b, i + 1);
                let (value, next) = plain_value(text, i)?;
                *object.fields.get_mut(object.len)? = (key, value);
                object.len += 1;
                i = skip_json_space(b, next);
                match b.get(i) {
                    Some(b',') => i = skip_json_space(b, i + 1),
                    Some(b'}') => {
                        i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        (skip_json_space(b, i) == b.len()).then(|| read(&object))
    }
}

impl Fields for Plain<'_> {
    fn field(&self, name: &str) -> Option<Field<'_>> {
        // The last of a repeated name, as a tree keeps it.
        self.fields[..self.len]
            .iter()
            .rev()
            .find(|(k, _)| same_key(k, name))
            .map(|(_, v)| match *v {
                PlainValue::Null => Field::Null,
                PlainValue::Bool(b) => Field::Bool(b),
                PlainValue::Number(n) => Field::Number(n.into()),
                PlainValue::Text(s) => Field::Text(s),
            })
    }
}

pub fn value_to_id(v: &Value) -> Option<u64> {
    Field::of(v).id()
}

/// The largest amount or quantity read from the server: a trillion is beyond any till, and
/// keeps every product and sum of such numbers far inside what a `Decimal` holds (no overflow
/// when a screen multiplies a quantity by a price or adds up a list).
pub const MAX_WIRE_AMOUNT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

pub fn value_to_decimal(v: &Value) -> Option<Decimal> {
    Field::of(v).decimal()
}

pub fn value_to_bool(v: &Value) -> Option<bool> {
    Field::of(v).flag()
}

/// A short, single-line excerpt of a value or body for error messages.
pub fn excerpt(v: &Value) -> String {
    short(&v.to_string(), 60)
}

/// The first `max` characters of a text on one line, with `…` when cut.
/// The key never shows: registered secrets are replaced before the cut
/// ([`crate::logging::redact`]).
pub fn short(text: &str, max: usize) -> String {
    let one_line = crate::logging::redact(&clean_text(text));
    let trimmed = one_line.as_str();
    if trimmed.chars().count() <= max {
        trimmed.to_string()
    } else {
        let cut: String = trimmed.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// The elements of a list response: a bare array, an object wrapping the array
/// (`{"data":[…]}` or any single array field), or an object keyed by id (the key becomes `id`
/// when the element has none).
pub fn list_elements(body: Value) -> Result<Vec<Value>, String> {
    match body {
        Value::Array(items) => Ok(items),
        Value::Object(map) => {
            for key in ["data", "items", "list", "rows", "result", "results"] {
                if let Some(Value::Array(items)) = map.get(key) {
                    return Ok(items.clone());
                }
            }
            let arrays: Vec<&Vec<Value>> = map.values().filter_map(|v| v.as_array()).collect();
            if arrays.len() == 1 {
                return Ok(arrays[0].clone());
            }
            if map.is_empty() {
                return Ok(Vec::new());
            }
            if map.values().all(Value::is_object) {
                return Ok(map
                    .into_iter()
                    .map(|(key, mut v)| {
                        if let Value::Object(o) = &mut v {
                            let has_id = o.get("id").is_some_and(|id| !id.is_null());
                            if !has_id {
                                o.insert("id".to_string(), Value::String(key));
                            }
                        }
                        v
                    })
                    .collect());
            }
            Err(format!(
                "not a list: {}",
                short(&Value::Object(map).to_string(), 80)
            ))
        }
        other => Err(format!("not a list: {}", excerpt(&other))),
    }
}

/// A refusal in either of the API's conventions: `{"result":"ERROR","message":…}` or
/// `{"success":false,"result":…}`. `None` when the body is not a refusal.
pub fn refusal(body: &Value) -> Option<String> {
    let obj = body.as_object()?;
    let success = obj.get("success").and_then(value_to_bool);
    let result = obj.get("result").and_then(Value::as_str);
    let message = ["message", "error", "msg"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
        .map(|m| crate::logging::redact(&clean_text(m)));
    if success == Some(false) {
        return Some(
            result
                .map(|r| crate::logging::redact(&clean_text(r)))
                .or(message)
                .unwrap_or_else(|| "refused without a message".to_string()),
        );
    }
    if let Some(r) = result {
        let upper = r.trim().to_ascii_uppercase();
        if upper == "ERROR" || upper == "KO" || upper == "FAIL" || upper == "FAILED" {
            return Some(message.unwrap_or_else(|| "refused without a message".to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    proptest::proptest! {
        #[test]
        fn a_plain_text_is_cleaned_as_any_text_is(s in "[ -~]{0,24}|[ -~\u{1b}\u{200b}\t\u{e9}]{0,24}") {
            proptest::prop_assert_eq!(clean_text(&s), clean_any_text(&s));
        }
    }

    /// The names the readers look for, and some they do not.
    const NAMES: &[&str] = &[
        "id",
        "ID",
        "title",
        "name",
        "price",
        "prix",
        "barcode",
        "stock",
        "position",
        "keyboardHide",
        "variationID0",
        "deptID",
        "x",
        "é",
        "",
    ];

    /// Bits of objects: the plain ones first, then others, valid JSON and not.
    const VALUES: &[&str] = &[
        r#""abc""#,
        r#""Baguette tradition à l'ancienne""#,
        r#""é""#,
        "\"\"",
        r#""1,50""#,
        r#"" 7 ""#,
        r#""a}b]c{d[e|f""#,
        "12",
        "0",
        "18446744073709551615",
        "true",
        "false",
        "null",
        // Not plain from here.
        r#""a\"b""#,
        r#""\u00e9""#,
        r#""tab\there""#,
        "\"ctl\u{1}x\"",
        "012",
        "1.5",
        "-3",
        "-0",
        "1e3",
        "18446744073709551616",
        "tru",
        "nul",
        "{}",
        "[1]",
        r#"{"a":[1,"}"]}"#,
        r#""unclosed"#,
        "12x",
        r#""x"y"#,
    ];
    const PLAIN_VALUES: usize = 13;
    /// White space: JSON's first, then the form feed, which is not.
    const SPACE: &[&str] = &["", "", " ", "\t", "\n", "\r\n ", "\u{c}"];
    const PLAIN_SPACE: usize = 6;

    fn object_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let value = prop_oneof![12 => 0..PLAIN_VALUES, 1 => 0..VALUES.len()];
        let space = || prop_oneof![12 => 0..PLAIN_SPACE, 1 => 0..SPACE.len()];
        let field = (0..NAMES.len(), value, space(), space());
        (
            proptest::collection::vec(field, 0..20),
            space(),
            prop_oneof![12 => Just(0u8), 1 => 1..5u8],
        )
            .prop_map(|(fields, space, damage)| {
                let mut text = format!("{}{{", SPACE[space]);
                for (n, (name, value, before, after)) in fields.iter().enumerate() {
                    if n > 0 && damage != 1 {
                        text.push(',');
                    }
                    text.push_str(&format!(
                        "{}{:?}{}:{}{}",
                        SPACE[*before], NAMES[*name], SPACE[*after], SPACE[*before], VALUES[*value]
                    ));
                }
                match damage {
                    2 => text.push_str(",}"),
                    3 => {}
                    4 => text.push_str("} x"),
                    _ => text.push('}'),
                }
                text.push_str(SPACE[space]);
                text
            })
    }

    /// What the plain reader reads, the general reader reads alike: every name gives the same
    /// field, and the object is valid JSON. Most of the objects made are plain.
    #[test]
    fn a_plain_object_reads_as_the_general_reader_reads_it() {
        let config = proptest::test_runner::Config::with_cases(3000);
        let mut runner = proptest::test_runner::TestRunner::new(config);
        let plain_seen = std::cell::Cell::new(0usize);
        runner
            .run(&object_text(), |text| {
                let general = {
                    let mut de = serde_json::Deserializer::from_str(&text);
                    serde::Deserialize::deserialize(&mut de)
                        .ok()
                        .filter(|_: &Flat<'_>| de.end().is_ok())
                };
                let plain = Plain::read(&text, |plain| {
                    NAMES
                        .iter()
                        .map(|n| format!("{:?}", plain.field(n)))
                        .collect::<Vec<_>>()
                });
                if let Some(plain) = plain {
                    plain_seen.set(plain_seen.get() + 1);
                    let general = general.expect("a plain object is JSON");
                    let fields: Vec<String> = NAMES
                        .iter()
                        .map(|n| format!("{:?}", general.field(n)))
                        .collect();
                    proptest::prop_assert_eq!(plain, fields, "{}", text);
                }
                Ok(())
            })
            .unwrap();
        assert!(plain_seen.get() > 600, "{} plain objects", plain_seen.get());
    }

    #[test]
    fn a_catalog_item_is_plain_and_anything_else_is_not() {
        let item = r#"{"id":1,"title":"Baguette tradition","shortTitle":"Baguette","price":"1.30",
            "deptID":1,"vatID":1,"barcode":"3760123400015","internalID":"PLU001",
            "keyboardHide":false,"position":1,"variationID0":0, "stock" : null }"#;
        let read = Plain::read(item, |p| {
            (
                p.id(&["id"]).unwrap(),
                p.text(&["title"]),
                p.money(&["price"]).unwrap(),
                p.flag(&["keyboardHide"]),
                p.opt_money(&["stock"]),
            )
        });
        assert_eq!(
            read,
            Some((
                1,
                "Baguette tradition".to_string(),
                rust_decimal_macros::dec!(1.30),
                false,
                None
            ))
        );
        assert!(Plain::read("{}", |_| ()).is_some());
        assert!(Plain::read(" { } \n", |_| ()).is_some());
        let many = format!(
            "{{{}}}",
            (0..PLAIN_FIELDS)
                .map(|i| format!("\"k{i}\":{i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert!(Plain::read(&many, |_| ()).is_some());
        let too_many = many.replacen('{', r#"{"one more":1,"#, 1);
        for text in [
            too_many.as_str(),
            r#"{"title":"Caf\u00e9"}"#,
            r#"{"ti\"tle":"x"}"#,
            r#"{"price":1.5}"#,
            r#"{"price":1e2}"#,
            r#"{"stock":-1}"#,
            r#"{"id":01}"#,
            r#"{"id":18446744073709551616}"#,
            r#"{"a":{}}"#,
            r#"{"a":[]}"#,
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{"a":1}x"#,
            "\u{c}{}",
            "[1]",
            "1",
            r#""text""#,
            r#"{"a":"line"#,
            "{\"a\":\"tab\tin\"}",
        ] {
            assert!(Plain::read(text, |_| ()).is_none(), "{text}");
        }
    }

    #[test]
    fn keys_are_told_apart_by_more_than_their_length() {
        assert!(same_key("variationID3", "variationID3"));
        assert!(!same_key("variationID3", "variationID4"));
        assert!(!same_key("keyboardHide", "variationID0"));
        assert!(!same_key("", "id"));
        assert!(same_key("", ""));
        assert!(!same_key("vatIDs", "vatID"));
    }

    #[test]
    fn lists_in_every_shape() {
        let bare = json!([{"id": 1}, {"id": 2}]);
        assert_eq!(list_elements(bare).unwrap().len(), 2);
        let wrapped = json!({"data": [{"id": 1}]});
        assert_eq!(list_elements(wrapped).unwrap().len(), 1);
        let keyed = json!({"10": {"title": "a"}, "2": {"title": "b"}});
        let els = list_elements(keyed).unwrap();
        assert_eq!(els[0]["id"], "10");
        assert_eq!(els[1]["id"], "2");
        assert!(list_elements(json!("nope")).is_err());
        assert_eq!(list_elements(json!({})).unwrap().len(), 0);
    }

    #[test]
    fn refusals_in_both_conventions() {
        assert_eq!(
            refusal(&json!({"result":"ERROR","message":"Bad key"})).as_deref(),
            Some("Bad key")
        );
        assert_eq!(
            refusal(&json!({"success":false,"result":"OTP not found"})).as_deref(),
            Some("OTP not found")
        );
        assert_eq!(
            refusal(&json!({"success":"0","result":"x"})).as_deref(),
            Some("x")
        );
        assert_eq!(refusal(&json!({"result":"OK"})), None);
        assert_eq!(refusal(&json!({"success":true,"orderID":1})), None);
        assert_eq!(refusal(&json!([1, 2])), None);
    }

    #[test]
    fn amounts_beyond_a_trillion_are_refused() {
        use rust_decimal_macros::dec;
        assert_eq!(MAX_WIRE_AMOUNT, dec!(1_000_000_000_000));
        let m = json!({"a": "1000000000000", "b": "1000000000000.01", "c": 4e28,
                       "d": "-40000000000000000000000000000", "e": 1.5e-3, "f": "12 50"});
        let o = Obj(m.as_object().unwrap());
        assert_eq!(o.money(&["a"]).unwrap(), MAX_WIRE_AMOUNT);
        for key in ["b", "c", "d"] {
            let e = o.money(&[key]).unwrap_err();
            assert!(e.contains("out of range"), "{e}");
            assert_eq!(o.opt_money(&[key]), None);
        }
        assert_eq!(o.money(&["e"]).unwrap(), dec!(0.0015));
        assert!(o.money(&["f"]).unwrap_err().starts_with("unreadable f"));
    }

    #[test]
    fn server_text_cannot_reorder_or_hide_what_the_cashier_reads() {
        let m = json!({
            "title": "Caf\u{e9} \u{202e}lait\u{202c} \u{200b}cr\u{e8}me\u{feff}",
            "bidi": "\u{202a}\u{202b}\u{202d}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{200c}\u{200d}\u{2060}x",
            "esc": "Bad\u{1b}[2J\nline\ttwo",
            "only": "\u{200b}\u{202e}"
        });
        let o = Obj(m.as_object().unwrap());
        assert_eq!(o.text(&["title"]), "Caf\u{e9} lait cr\u{e8}me");
        assert_eq!(o.text(&["bidi"]), "x");
        assert_eq!(o.text(&["esc"]), "Bad line two");
        assert_eq!(o.opt_text(&["only"]), None);
        let refused = json!({"result": "ERROR", "message": "No\u{202e}pe\u{1b}[1m"});
        assert_eq!(refusal(&refused).as_deref(), Some("Nope"));
        assert_eq!(short("a\u{202e}b\u{200d}c\n", 10), "abc");
    }

    #[test]
    fn loose_values() {
        let m = json!({"id":"12","price":"14,50","b":"1","c":0,"t":3,"e":""});
        let o = Obj(m.as_object().unwrap());
        assert_eq!(o.id(&["id"]).unwrap(), 12);
        assert_eq!(
            o.money(&["price"]).unwrap(),
            rust_decimal_macros::dec!(14.50)
        );
        assert!(o.flag(&["b"]));
        assert!(!o.flag(&["c"]));
        assert_eq!(o.text(&["t"]), "3");
        assert_eq!(o.opt_text(&["e"]), None);
        assert!(o.id(&["e"]).is_err());
        assert!(o.money(&["nope", "t"]).is_ok());
    }
}

//! The name search behind the sale screen: what the cashier meant first, fast at any catalog size.
//!
//! Every item's title (and short title) is folded once, at load, into one shared text: lower
//! case, accents dropped ("Éclair" → "eclair"), anything that is not a letter or a digit turned
//! into a single space. The item's codes (internal id / PLU and barcodes) are kept apart. A query
//! is folded the same way and split into words; an item is found when every word matches it, and
//! each word's match has a rank:
//!
//! 0. the title starts with it, or it is the item's code exactly;
//! 1. a word of the title starts with it, or a code does;
//! 2. it is inside a word (3 letters or more);
//! 3. its letters (3 or more) appear in order inside one word that starts with its first letter
//!    ("bgt" finds "Baguette"; "croi" does not find "Confiture de fraises", nor "cr" "Confiture").
//!
//! Results are ordered by the sum of the ranks, then the shorter title, then the shop's order; only
//! the best `limit` are sorted. When a letter is appended to the previous query, only the previous
//! matches are looked at again.

use std::sync::Mutex;

use memchr::memmem::Finder;

use crate::kash::model::Item;

/// The folded form of a text: lower case, no accents, words separated by one space.
pub fn fold(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    fold_into(text, &mut out);
    // Only ASCII bytes and whole characters were written.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// An ASCII byte folded: a letter in lower case, a digit as it is, anything else 0 (not part of a
/// word). One look-up a byte: a 100k catalog's titles and codes are folded at every start.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_alphanumeric() {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Folds `text` onto the end of `out` (see [`fold`]); the bytes written are UTF-8.
fn fold_into(text: &str, out: &mut Vec<u8>) {
    let start = out.len();
    let mut space = true;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // ASCII (most titles) with no look-up in the Unicode tables.
        let word = if b.is_ascii() {
            at += 1;
            let folded = ASCII_FOLD[usize::from(b)];
            if folded != 0 {
                out.push(folded);
            }
            folded != 0
        } else {
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            at += c.len_utf8();
            let word = c.is_alphanumeric();
            if word {
                for l in c.to_lowercase() {
                    push_plain(l, out);
                }
            }
            word
        };
        if word {
            space = false;
        } else if !space {
            out.push(b' ');
            space = true;
        }
    }
    if out.len() > start && out.last() == Some(&b' ') {
        out.pop();
    }
}

/// A code folded onto the end of `out` as one word: its letters in lower case and its digits,
/// nothing else ("PLU-12" folds to "plu12").
fn fold_code_into(code: &str, out: &mut Vec<u8>) {
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            at += 1;
            let folded = ASCII_FOLD[usize::from(b)];
            if folded != 0 {
                out.push(folded);
            }
        } else {
            let Some(c) = code[at..].chars().next() else {
                break;
            };
            at += c.len_utf8();
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    push_plain(l, out);
                }
            }
        }
    }
}

/// A lower-case letter without its accent (the Latin letters a French or European shop uses).
fn push_plain(c: char, out: &mut Vec<u8>) {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ß' => "ss",
        'ś' | 'š' | 'ş' => "s",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        other => {
            out.extend_from_slice(other.encode_utf8(&mut [0; 4]).as_bytes());
            return;
        }
    };
    out.extend_from_slice(plain.as_bytes());
}

/// The rank of one query word's best match in one item (lower is better).
const TITLE_START: u32 = 0;
const WORD_START: u32 = 1;
const INSIDE: u32 = 2;
const SCATTERED: u32 = 3;
/// No match (in a rank per item).
const NONE: u8 = u8::MAX;
/// The shortest query word matched inside a word (shorter ones match word starts only).
const MIN_INSIDE: usize = 3;

/// The last query's matches, to narrow from when a letter is appended.
#[derive(Debug, Default)]
struct Memo {
    words: Vec<String>,
    /// Indexes of every matching item, in the catalog's order.
    matches: Vec<u32>,
}

/// The folded titles and codes of a catalog's items, in the catalog's order.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Every item's folded title text, each followed by a line break (which no query word holds,
    /// so a match never runs from one item into the next).
    text: Vec<u8>,
    /// Every item's codes (internal id, barcodes and their forms without leading zeros), folded,
    /// separated by spaces, each item's followed by a line break.
    codes: Vec<u8>,
    /// Item `i`'s title text is `text[title_at[i]..title_at[i + 1] - 1]`; the same for codes.
    title_at: Vec<u32>,
    code_at: Vec<u32>,
    /// Items the shop hides from the keyboard are never found.
    hidden: Vec<bool>,
    memo: Mutex<Memo>,
}

impl Clone for SearchIndex {
    fn clone(&self) -> Self {
        Self {
            text: self.text.clone(),
            codes: self.codes.clone(),
            title_at: self.title_at.clone(),
            code_at: self.code_at.clone(),
            hidden: self.hidden.clone(),
            memo: Mutex::default(),
        }
    }
}

/// One query word, folded, with its finder.
struct Word<'q> {
    bytes: &'q [u8],
    finder: Finder<'q>,
}

impl SearchIndex {
    pub fn new(items: &[Item]) -> Self {
        let mut text = Vec::with_capacity(items.iter().map(|i| i.title.len() + 1).sum());
        let mut codes = Vec::with_capacity(
            items
                .iter()
                .map(|i| i.internal_id.len() + i.barcode.len() + 1)
                .sum(),
        );
        let mut title_at = Vec::with_capacity(items.len() + 1);
        let mut code_at = Vec::with_capacity(items.len() + 1);
        let mut hidden = Vec::with_capacity(items.len());
        title_at.push(0);
        code_at.push(0);
        for item in items {
            fold_into(&item.title, &mut text);
            if !item.short_title.is_empty() && item.short_title != item.title {
                text.push(b' ');
                fold_into(&item.short_title, &mut text);
            }
            let code_start = codes.len();
            let mut add_code = |code: &str| {
                let code = code.trim();
                if code.is_empty() {
                    return;
                }
                let before = codes.len();
                if before > code_start {
                    codes.push(b' ');
                }
                fold_code_into(code, &mut codes);
                // A code of no letter nor digit ("-") leaves no word, nor a space.
                if codes.len() == before + usize::from(before > code_start) {
                    codes.truncate(before);
                }
            };
            add_code(&item.internal_id);
            for code in item.barcode.split([',', ';', ' ']) {
                add_code(code);
                let short = code.trim().trim_start_matches('0');
                if short.len() < code.trim().len() {
                    add_code(short);
                }
            }
            text.push(b'\n');
            codes.push(b'\n');
            title_at.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            code_at.push(u32::try_from(codes.len()).unwrap_or(u32::MAX));
            hidden.push(item.hidden);
        }
        text.shrink_to_fit();
        codes.shrink_to_fit();
        Self {
            text,
            codes,
            title_at,
            code_at,
            hidden,
            memo: Mutex::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.hidden.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hidden.is_empty()
    }

    /// Bytes held by the index (its share of the catalog's memory).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.codes.capacity()
            + (self.title_at.capacity() + self.code_at.capacity()) * 4
            + self.hidden.capacity()
    }

    fn title(&self, i: usize) -> &[u8] {
        &self.text[self.title_at[i] as usize..self.title_at[i + 1] as usize - 1]
    }

    fn codes(&self, i: usize) -> &[u8] {
        &self.codes[self.code_at[i] as usize..self.code_at[i + 1] as usize - 1]
    }

    /// Every item's rank for one word ([`NONE`] where it does not match), found by one pass of
    /// the word over all titles and all codes at once, then (for 3 letters or more) one pass of
    /// its first letter over the word starts of the items still unmatched.
    fn scan_word(&self, w: &Word) -> Vec<u8> {
        let mut ranks = vec![NONE; self.len()];
        let text = &self.text[..];
        let mut cur = 0;
        for p in w.finder.find_iter(text) {
            let i = item_at(&self.title_at, p, &mut cur);
            let rank = if p == self.title_at[i] as usize {
                TITLE_START
            } else if text[p - 1] == b' ' {
                WORD_START
            } else if w.bytes.len() >= MIN_INSIDE {
                INSIDE
            } else {
                continue;
            };
            ranks[i] = ranks[i].min(rank as u8);
        }
        self.scan_codes(w.bytes, &w.finder, &mut ranks);
        if w.bytes.len() >= MIN_INSIDE && ranks.contains(&NONE) {
            let (first, rest) = (w.bytes[0], &w.bytes[1..]);
            // The word starts with that letter: after a space or a line break (each title ends
            // with one), or at the very start. Looked for as two bytes, not the letter alone,
            // which a catalog may hold in every title.
            let mut scatter = |p: usize, cur: &mut usize| {
                let i = item_at(&self.title_at, p, cur);
                if ranks[i] == NONE && in_order(&text[p + 1..], rest) {
                    ranks[i] = SCATTERED as u8;
                }
            };
            let mut cur = 0;
            if text.first() == Some(&first) {
                scatter(0, &mut cur);
            }
            for before in [b' ', b'\n'] {
                let mut cur = 0;
                for p in memchr::memmem::find_iter(text, &[before, first]) {
                    scatter(p + 1, &mut cur);
                }
            }
        }
        ranks
    }

    /// Lowers `ranks` where a code is `word` (first) or starts with it (second).
    fn scan_codes(&self, word: &[u8], finder: &Finder, ranks: &mut [u8]) {
        let codes = &self.codes[..];
        let mut cur = 0;
        for p in finder.find_iter(codes) {
            if p > 0 && !matches!(codes[p - 1], b' ' | b'\n') {
                continue;
            }
            let i = item_at(&self.code_at, p, &mut cur);
            let exact = matches!(codes.get(p + word.len()), Some(b' ' | b'\n') | None);
            let rank = if exact { TITLE_START } else { WORD_START };
            ranks[i] = ranks[i].min(rank as u8);
        }
    }

    /// The indexes of the best `limit` items for `query`, best first; narrows from the previous
    /// query's matches when it can.
    pub fn search(&self, query: &str, limit: usize) -> Vec<usize> {
        self.run(query, limit, true).0
    }

    /// [`SearchIndex::search`], with how many items match in all (more than `limit` when the
    /// best `limit` were kept).
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<usize>, usize) {
        self.run(query, limit, true)
    }

    /// [`SearchIndex::search`] over every item, as if no query came before (for comparisons).
    pub fn search_fresh(&self, query: &str, limit: usize) -> Vec<usize> {
        self.run(query, limit, false).0
    }

    fn run(&self, query: &str, limit: usize, narrow: bool) -> (Vec<usize>, usize) {
        let folded = fold(query);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() || limit == 0 {
            return (Vec::new(), 0);
        }
        let mut memo = self
            .memo
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let narrow = narrow && narrows(&memo.words, &words);
        let finders: Vec<Word> = words
            .iter()
            .map(|w| Word {
                bytes: w.as_bytes(),
                finder: Finder::new(w.as_bytes()),
            })
            .collect();
        // A code typed with its punctuation ("PLU-40") is also looked for as one code.
        let whole: String = if words.len() > 1 {
            words.concat()
        } else {
            String::new()
        };
        // Few previous matches: each is looked at again. Many: a pass over everything is faster.
        let again = (narrow && memo.matches.len() <= self.len() / 16)
            .then(|| std::mem::take(&mut memo.matches));
        let (keys, matches) = self.collect(&finders, whole.as_bytes(), again.as_deref());
        memo.words = words.iter().map(|w| (*w).to_string()).collect();
        memo.matches = matches;
        drop(memo);
        let mut keys = keys;
        let found = keys.len();
        if keys.len() > limit {
            keys.select_nth_unstable(limit - 1);
            keys.truncate(limit);
        }
        keys.sort_unstable();
        let best = keys
            .into_iter()
            .map(|k| (k & 0xFFFF_FFFF) as usize)
            .collect();
        (best, found)
    }

    /// The sort keys (rank, title length, index) and indexes of the items every word matches:
    /// among `candidates` one by one, else by passes over all items.
    fn collect(
        &self,
        finders: &[Word],
        whole: &[u8],
        candidates: Option<&[u32]>,
    ) -> (Vec<u64>, Vec<u32>) {
        let mut keys: Vec<u64> = Vec::new();
        let mut matches: Vec<u32> = Vec::new();
        let mut push = |i: usize, rank: u32| {
            let i32 = i as u32;
            matches.push(i32);
            let len = self.title(i).len().min(0xFFFF) as u64;
            keys.push((u64::from(rank) << 48) | (len << 32) | u64::from(i32));
        };
        if let Some(candidates) = candidates {
            for &i in candidates {
                let i = i as usize;
                if self.hidden[i] {
                    continue;
                }
                let rank = self.rank(i, finders).or_else(|| {
                    (!whole.is_empty())
                        .then(|| rank_code(self.codes(i), whole))
                        .flatten()
                });
                if let Some(rank) = rank {
                    push(i, rank);
                }
            }
        } else {
            let mut total = self.scan_word(&finders[0]);
            for w in &finders[1..] {
                for (t, r) in total.iter_mut().zip(self.scan_word(w)) {
                    *t = if *t == NONE || r == NONE {
                        NONE
                    } else {
                        t.saturating_add(r).min(NONE - 1)
                    };
                }
            }
            if !whole.is_empty() {
                let mut codes = vec![NONE; self.len()];
                self.scan_codes(whole, &Finder::new(whole), &mut codes);
                for (t, c) in total.iter_mut().zip(codes) {
                    if *t == NONE {
                        *t = c;
                    }
                }
            }
            for (i, (t, hidden)) in total.iter().zip(&self.hidden).enumerate() {
                if *t != NONE && !hidden {
                    push(i, u32::from(*t));
                }
            }
        }
        (keys, matches)
    }

    /// The search with every item looked at one by one (the narrowing path), for tests.
    #[cfg(test)]
    fn one_by_one(&self, query: &str, limit: usize) -> Vec<usize> {
        let folded = fold(query);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let finders: Vec<Word> = words
            .iter()
            .map(|w| Word {
                bytes: w.as_bytes(),
                finder: Finder::new(w.as_bytes()),
            })
            .collect();
        let whole = if words.len() > 1 {
            words.concat()
        } else {
            String::new()
        };
        let all: Vec<u32> = (0..self.len() as u32).collect();
        let (mut keys, _) = self.collect(&finders, whole.as_bytes(), Some(&all));
        keys.sort_unstable();
        keys.truncate(limit);
        keys.into_iter()
            .map(|k| (k & 0xFFFF_FFFF) as usize)
            .collect()
    }

    /// The sum of the words' ranks, `None` when a word does not match item `i`.
    fn rank(&self, i: usize, words: &[Word]) -> Option<u32> {
        let title = self.title(i);
        let mut total = 0;
        for w in words {
            total += rank_word(title, self.codes(i), w)?;
        }
        Some(total)
    }
}

fn rank_word(title: &[u8], codes: &[u8], w: &Word) -> Option<u32> {
    let mut best = None;
    for at in w.finder.find_iter(title) {
        if at == 0 {
            return Some(TITLE_START);
        }
        if title[at - 1] == b' ' {
            best = Some(WORD_START);
        } else if best.is_none() && w.bytes.len() >= MIN_INSIDE {
            best = Some(INSIDE);
        }
    }
    if let Some(code) = rank_code(codes, w.bytes) {
        best = Some(best.map_or(code, |b: u32| b.min(code)));
    }
    if best.is_some() {
        return best;
    }
    scattered(title, w.bytes).then_some(SCATTERED)
}

/// An exact code ranks first, a code that `word` begins second.
fn rank_code(codes: &[u8], word: &[u8]) -> Option<u32> {
    let mut best = None;
    if !codes.is_empty() {
        for code in codes.split(|b| *b == b' ') {
            if code == word {
                return Some(TITLE_START);
            }
            if code.starts_with(word) {
                best = Some(WORD_START);
            }
        }
    }
    best
}

/// The letters of `word` in order inside one word of `title` that starts with the first of them.
fn scattered(title: &[u8], word: &[u8]) -> bool {
    let Some((&first, rest)) = word.split_first() else {
        return false;
    };
    if word.len() < MIN_INSIDE {
        return false;
    }
    let mut at = 0;
    while at < title.len() {
        let end = title[at..]
            .iter()
            .position(|b| *b == b' ')
            .map_or(title.len(), |p| at + p);
        if title[at] == first {
            let mut want = rest.iter().peekable();
            for b in &title[at + 1..end] {
                if want.peek() == Some(&b) {
                    want.next();
                }
            }
            if want.peek().is_none() {
                return true;
            }
        }
        at = end + 1;
    }
    false
}

/// The item whose text (in a text of items one after another starting at `starts`) holds byte
/// `p`; `cur` is where the previous, earlier byte was found.
fn item_at(starts: &[u32], p: usize, cur: &mut usize) -> usize {
    // Matches come in order and mostly close together: a few steps forward, else a binary
    // search over the rest.
    for _ in 0..4 {
        if starts[*cur + 1] as usize > p {
            return *cur;
        }
        *cur += 1;
    }
    if starts[*cur + 1] as usize <= p {
        *cur += starts[*cur + 1..].partition_point(|s| *s as usize <= p);
    }
    *cur
}

/// `rest` in order within the word that `after` begins (up to a space or a line break).
fn in_order(after: &[u8], rest: &[u8]) -> bool {
    let mut want = rest.iter();
    let mut next = want.next();
    for b in after {
        let Some(w) = next else { break };
        if matches!(b, b' ' | b'\n') {
            break;
        }
        if b == w {
            next = want.next();
        }
    }
    next.is_none()
}

/// Whether every match of `now` is among the matches of `before`: the same words with letters
/// appended to the last, or more words. A word that grows past the length where matches inside
/// words begin can find new items, so that does not narrow.
fn narrows(before: &[String], now: &[&str]) -> bool {
    let Some((last, rest)) = before.split_last() else {
        return false;
    };
    if now.len() < before.len() || rest.iter().zip(now).any(|(b, n)| b != n) {
        return false;
    }
    let grown = now[before.len() - 1];
    grown == last
        || (grown.starts_with(last.as_str()) && last.len() >= MIN_INSIDE)
        || (grown.starts_with(last.as_str()) && grown.len() < MIN_INSIDE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn item(id: u64, title: &str) -> Item {
        Item {
            id,
            title: title.into(),
            short_title: "".into(),
            price: Decimal::ONE,
            department_id: None,
            vat_id: None,
            barcode: "".into(),
            stock: None,
            internal_id: "".into(),
            hidden: false,
            position: 0,
            variation_ids: vec![],
        }
    }

    fn titles<'a>(items: &'a [Item], index: &SearchIndex, query: &str) -> Vec<&'a str> {
        index
            .search(query, 50)
            .into_iter()
            .map(|i| items[i].title.as_str())
            .collect()
    }

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(fold("  Éclair au CAFÉ, 33cl!"), "eclair au cafe 33cl");
        assert_eq!(fold("Bœuf — Straße"), "boeuf strasse");
        assert_eq!(fold("--"), "");
    }

    #[test]
    fn title_starts_then_word_starts_then_inside_then_scattered() {
        let items = vec![
            item(1, "Pain au chocolat"),
            item(2, "Chocolat chaud"),
            item(3, "Tarte choco-poire"),
            item(4, "Brioche"),
            item(5, "Cheval de bois"),
        ];
        let index = SearchIndex::new(&items);
        assert_eq!(
            titles(&items, &index, "choc"),
            vec!["Chocolat chaud", "Pain au chocolat", "Tarte choco-poire"]
        );
        // Inside a word: "och" in "Brioche"; scattered inside one word: "chvl" in "Cheval".
        assert_eq!(titles(&items, &index, "ioch"), vec!["Brioche"]);
        assert_eq!(titles(&items, &index, "chvl"), vec!["Cheval de bois"]);
    }

    #[test]
    fn weak_scattered_matches_are_cut() {
        let items = vec![
            item(1, "Confiture de fraises"),
            item(2, "Croissant"),
            item(3, "Pain aux raisins"),
            item(4, "Crème brûlée"),
        ];
        let index = SearchIndex::new(&items);
        assert_eq!(titles(&items, &index, "croi"), vec!["Croissant"]);
        // Two letters match word starts only, never inside a word.
        assert_eq!(titles(&items, &index, "ai"), Vec::<&str>::new());
        assert_eq!(
            titles(&items, &index, "cr"),
            vec!["Croissant", "Crème brûlée"]
        );
    }

    #[test]
    fn every_word_must_match() {
        let items = vec![
            item(1, "Café allongé"),
            item(2, "Éclair au café"),
            item(3, "Café crème"),
        ];
        let index = SearchIndex::new(&items);
        assert_eq!(titles(&items, &index, "cafe cr"), vec!["Café crème"]);
        assert_eq!(
            titles(&items, &index, "CAFÉ"),
            vec!["Café crème", "Café allongé", "Éclair au café"]
        );
    }

    #[test]
    fn internal_id_and_barcode_prefix_are_searchable() {
        let mut bread = item(1, "Baguette");
        bread.internal_id = "PLU-4011".into();
        bread.barcode = "3012345678901".into();
        let mut bun = item(2, "Bun");
        bun.internal_id = "401".into();
        bun.barcode = "0012345678905, 3099".into();
        let items = vec![bread, bun];
        let index = SearchIndex::new(&items);
        assert_eq!(titles(&items, &index, "plu4011"), vec!["Baguette"]);
        assert_eq!(titles(&items, &index, "PLU-40"), vec!["Baguette"]);
        // The exact code ranks before a code it begins.
        assert_eq!(titles(&items, &index, "401"), vec!["Bun"]);
        assert_eq!(titles(&items, &index, "30123"), vec!["Baguette"]);
        // A barcode with its leading zeros, or without them.
        assert_eq!(titles(&items, &index, "00123"), vec!["Bun"]);
        assert_eq!(titles(&items, &index, "12345"), vec!["Bun"]);
        assert_eq!(titles(&items, &index, "309"), vec!["Bun"]);
        // A code is never matched inside or scattered.
        assert!(titles(&items, &index, "4567").is_empty());
    }

    #[test]
    fn hidden_items_are_never_found() {
        let mut hidden = item(1, "Croissant (old)");
        hidden.hidden = true;
        let items = vec![hidden, item(2, "Croissant")];
        let index = SearchIndex::new(&items);
        assert_eq!(titles(&items, &index, "crois"), vec!["Croissant"]);
    }

    #[test]
    fn the_best_few_and_ties_in_the_shops_order() {
        let items: Vec<Item> = (0..100)
            .map(|n| item(n, &format!("Article {n:03}")))
            .collect();
        let index = SearchIndex::new(&items);
        assert_eq!(
            titles(&items, &index, "article")[..3],
            ["Article 000", "Article 001", "Article 002"]
        );
        assert_eq!(index.search("article", 7).len(), 7);
        assert_eq!(titles(&items, &index, "art 042"), vec!["Article 042"]);
    }

    #[test]
    fn narrowing_finds_what_a_fresh_search_finds() {
        let items = vec![
            item(1, "Écrou"),
            item(2, "Croissant"),
            item(3, "Crème"),
            item(4, "Sucre roux"),
            item(5, "Cristal"),
        ];
        // Many items that match none of the keys, so that the few matches are looked at again
        // one by one.
        let mut items = items;
        items.extend((0..300).map(|n| item(100 + n, &format!("Zinc {n}"))));
        let typed = [
            "c", "cr", "cro", "croi", "croi ", "cr", "cre", "cre r", "cre ro", "e", "ec", "ecr",
        ];
        let index = SearchIndex::new(&items);
        for q in typed {
            let narrowed = index.search(q, 50);
            let fresh = index.search_fresh(q, 50);
            assert_eq!(narrowed, fresh, "{q:?}");
        }
        // "cro" finds "Écrou" inside a word although "cr" did not.
        assert_eq!(
            titles(&items, &index, "cr"),
            vec!["Crème", "Cristal", "Croissant"]
        );
        assert_eq!(titles(&items, &index, "cro"), vec!["Croissant", "Écrou"]);
    }

    #[test]
    fn one_pass_over_all_and_one_by_one_agree() {
        let mut items: Vec<Item> = [
            "Écrou 8 mm",
            "Croissant",
            "Crème brûlée",
            "Sucre roux",
            "Cristal d'Arques",
            "Confiture de fraises",
            "Pain au chocolat",
            "Chocolat chaud",
            "Tarte choco-poire",
            "Brioche",
            "Baguette tradition",
            "Café allongé",
            "",
            "PLU-44 dessert",
        ]
        .iter()
        .enumerate()
        .map(|(n, t)| item(n as u64 + 1, t))
        .collect();
        items[1].barcode = "3012345678901;0044".into();
        items[3].internal_id = "PLU-44".into();
        items[6].hidden = true;
        let index = SearchIndex::new(&items);
        for q in [
            "c", "cr", "cro", "croi", "choc", "chvl", "bgt trad", "cafe al", "44", "plu-44",
            "plu 44", "0044", "3012", "ioch", "o", "e", "ru", "xyz", "d ar", "8",
        ] {
            assert_eq!(index.search_fresh(q, 50), index.one_by_one(q, 50), "{q:?}");
        }
    }

    #[test]
    fn narrowing_rule() {
        let w = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert!(narrows(&w(&["c"]), &["cr"]));
        assert!(!narrows(&w(&["cr"]), &["cro"]));
        assert!(narrows(&w(&["cro"]), &["croi"]));
        assert!(narrows(&w(&["cr"]), &["cr", "x"]));
        assert!(!narrows(&w(&["cro"]), &["cr"]));
        assert!(!narrows(&w(&["cro", "a"]), &["cro"]));
        assert!(!narrows(&[], &["a"]));
    }

    /// Folding as the module's text states it, one character at a time: the index's bytes
    /// must be these.
    fn folded_as_stated(text: &str, code: bool) -> String {
        let mut out = String::new();
        let mut space = true;
        for c in text.chars() {
            if c.is_alphanumeric() {
                space = false;
                for l in c.to_lowercase() {
                    let mut one = Vec::new();
                    push_plain(l, &mut one);
                    out.push_str(std::str::from_utf8(&one).expect("a character's bytes"));
                }
            } else if !space && !code {
                out.push(' ');
                space = true;
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_index_holds_titles_and_codes_folded_as_stated(
            texts in proptest::collection::vec(
                (
                    "[a-zA-Z0-9 ,;.\\-_!éÉœŒßçÇÆ日本ⅫＡ１\u{301}\t\n✓]{0,12}",
                    "[a-zA-Z0-9 éÉ\\-]{0,6}",
                    "[a-zA-Z0-9 ,;\\-éÅ０]{0,16}",
                    "[A-Z0-9\\-é ]{0,6}",
                ),
                1..12,
            )
        ) {
            let items: Vec<Item> = texts
                .iter()
                .enumerate()
                .map(|(i, (title, short, barcode, internal))| {
                    let mut it = item(i as u64, title);
                    it.short_title = short.as_str().into();
                    it.barcode = barcode.as_str().into();
                    it.internal_id = internal.as_str().into();
                    it
                })
                .collect();
            let index = SearchIndex::new(&items);
            for (i, it) in items.iter().enumerate() {
                let mut title = folded_as_stated(&it.title, false);
                if !it.short_title.is_empty() && it.short_title != it.title {
                    title.push(' ');
                    title.push_str(&folded_as_stated(&it.short_title, false));
                }
                proptest::prop_assert_eq!(std::str::from_utf8(index.title(i)).ok(), Some(title.as_str()));
                proptest::prop_assert_eq!(fold(&it.title), folded_as_stated(&it.title, false));
                let mut codes: Vec<String> = Vec::new();
                let mut add = |code: &str| {
                    let folded = folded_as_stated(code.trim(), true);
                    if !folded.is_empty() {
                        codes.push(folded);
                    }
                };
                add(&it.internal_id);
                for code in it.barcode.split([',', ';', ' ']) {
                    add(code);
                    let short = code.trim().trim_start_matches('0');
                    if short.len() < code.trim().len() {
                        add(short);
                    }
                }
                let codes = codes.join(" ");
                proptest::prop_assert_eq!(std::str::from_utf8(index.codes(i)).ok(), Some(codes.as_str()));
            }
        }
    }
}

//! Telling a keyboard-wedge scanner from a person. A scanner types a whole code and a
//! terminator (Enter, Tab or CR-LF) within a few milliseconds; a person never keeps keys that
//! close together for long. [`ScanDetector`] is a pure state machine fed with key events and
//! their arrival times: it holds back keys that may be the start of a burst, and either turns
//! the burst into one [`Input::Scan`] or gives the keys back, in order, as typed keys.
//!
//! The defaults, and why:
//! - `max_gap` 40 ms. USB and Bluetooth wedge scanners send a key every 1–10 ms (a few let you
//!   slow them to ~20–30 ms for old hosts). A fast typist's keystrokes are 80–250 ms apart; a
//!   rolled pair ("th") can come under 40 ms, but not six keys in a row and then Enter.
//! - `min_length` 6. The shortest retail codes (EAN-8, UPC-E) have 8 digits; 6 leaves room for
//!   short in-house codes while a person's occasional fast pair or triple is never enough.
//!
//! Every gap of the burst, the terminator's included, must be under `max_gap`, so a person who
//! types a code and then presses Enter is never taken for a scanner. A held-down key's
//! auto-repeat is as fast as a scanner; a burst of one repeated character is therefore not a
//! scan, and repeat events (reported with keyboard enhancement) end a burst.
//!
//! A held key is late by at most `max_gap`: the event loop sleeps until [`ScanDetector::deadline`]
//! and then calls [`ScanDetector::flush`]; a person does not notice 40 ms.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Deserializer};

use crate::pos::barcode::InStoreTemplate;

/// Beyond this many held characters the run is given back: no code is that long, and a key
/// held down must not make the screen wait forever.
const MAX_BURST: usize = 512;

/// The `[scanner]` section of the config file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScannerConfig {
    /// The longest gap between two keys of a burst (`max_gap_ms` in the file).
    #[serde(rename = "max_gap_ms", deserialize_with = "millis")]
    pub max_gap: Duration,
    /// The fewest characters (prefix and suffix included) a burst needs to be a scan.
    pub min_length: usize,
    /// Characters the scanner is set to send before every code, stripped when present.
    pub prefix: String,
    /// Characters the scanner is set to send after every code (before the terminator).
    pub suffix: String,
    /// Maps `&é"'(-è_çà` back to `1234567890` inside a burst: a scanner set to a US layout
    /// types those on a French AZERTY keyboard.
    pub azerty: bool,
    /// The shop's GS1 in-store code layouts; replaces [`InStoreTemplate::defaults`] when set.
    pub in_store: Vec<InStoreTemplate>,
}

fn millis<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    u64::deserialize(d).map(Duration::from_millis)
}

impl Default for ScannerConfig {
    fn default() -> Self {
        Self {
            max_gap: Duration::from_millis(40),
            min_length: 6,
            prefix: String::new(),
            suffix: String::new(),
            azerty: true,
            in_store: InStoreTemplate::defaults(),
        }
    }
}

impl ScannerConfig {
    /// Refuses settings that would take people for scanners or never see a scan.
    pub fn validate(&self) -> Result<(), String> {
        if self.max_gap.is_zero() || self.max_gap > Duration::from_millis(75) {
            return Err(format!(
                "scanner.max_gap_ms is {} ms: between 1 and 75, or fast typing would be taken for a scan",
                self.max_gap.as_millis()
            ));
        }
        if !(2..=64).contains(&self.min_length) {
            return Err(format!(
                "scanner.min_length is {}: between 2 and 64 (a barcode is 8 to 14 characters)",
                self.min_length
            ));
        }
        self.in_store.iter().try_for_each(InStoreTemplate::validate)
    }
}

/// What the rest of the till receives: keys as typed, or a whole scanned code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Scan(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminator {
    Cr,
    Tab,
    Lf,
}

const AZERTY_DIGITS: [char; 10] = ['à', '&', 'é', '"', '\'', '(', '-', 'è', '_', 'ç'];

/// Maps the characters a US-layout scanner types on an AZERTY keyboard for `0`–`9` back to
/// digits, but only when the whole text is made of digits and those characters: in a code
/// with letters, `-` and `'` are more likely what they look like.
pub fn azerty_digits(text: &str) -> String {
    let digit = |c: char| {
        AZERTY_DIGITS
            .iter()
            .position(|a| *a == c)
            .and_then(|p| char::from_digit(u32::try_from(p).ok()?, 10))
    };
    if text
        .chars()
        .all(|c| c.is_ascii_digit() || digit(c).is_some())
    {
        text.chars().map(|c| digit(c).unwrap_or(c)).collect()
    } else {
        text.to_string()
    }
}

const COMMAND_MODIFIERS: KeyModifiers = KeyModifiers::CONTROL
    .union(KeyModifiers::ALT)
    .union(KeyModifiers::SUPER)
    .union(KeyModifiers::HYPER)
    .union(KeyModifiers::META);

/// A character a scanner may type: printable, with no modifier but Shift.
fn burst_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !c.is_control() && !key.modifiers.intersects(COMMAND_MODIFIERS) => {
            Some(c)
        }
        _ => None,
    }
}

/// In raw mode crossterm reads LF as Ctrl-J; some terminals give `Char('\n')`.
fn is_lf(key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char('\n') => true,
        KeyCode::Char('j' | 'J') => {
            key.modifiers.contains(KeyModifiers::CONTROL)
                && !key.modifiers.intersects(KeyModifiers::ALT)
        }
        _ => false,
    }
}

fn terminator(key: &KeyEvent) -> Option<Terminator> {
    if is_lf(key) {
        return Some(Terminator::Lf);
    }
    if key.modifiers.intersects(COMMAND_MODIFIERS) {
        return None;
    }
    match key.code {
        KeyCode::Enter => Some(Terminator::Cr),
        KeyCode::Tab => Some(Terminator::Tab),
        _ => None,
    }
}

/// The burst detector; see the module documentation.
#[derive(Debug, Clone)]
pub struct ScanDetector {
    max_gap: Duration,
    min_length: usize,
    prefix: String,
    suffix: String,
    azerty: bool,
    /// Keys held back, in arrival order (releases included, so nothing is reordered).
    held: Vec<KeyEvent>,
    /// The characters of the held presses.
    chars: String,
    char_count: usize,
    /// When the last held character arrived.
    last_at: Option<Instant>,
    /// When a scan ended with CR: a LF (or a second Enter) right after is the same terminator.
    after_cr: Option<Instant>,
}

impl ScanDetector {
    pub fn new(config: &ScannerConfig) -> Self {
        Self {
            max_gap: config.max_gap,
            min_length: config.min_length,
            prefix: config.prefix.clone(),
            suffix: config.suffix.clone(),
            azerty: config.azerty,
            held: Vec::new(),
            chars: String::new(),
            char_count: 0,
            last_at: None,
            after_cr: None,
        }
    }

    /// Takes one key and when it arrived; returns what can be handed on now, in order. Keys
    /// that may start or continue a burst are held back (the result is then empty).
    pub fn push(&mut self, key: KeyEvent, at: Instant) -> Vec<Input> {
        let mut out = Vec::new();
        if self.deadline().is_some_and(|d| at >= d) {
            self.release(&mut out);
        }
        if key.kind == KeyEventKind::Release {
            // Releases follow their press: held with it, or handed on if nothing is held.
            if self.held.is_empty() {
                out.push(Input::Key(key));
            } else {
                self.held.push(key);
            }
            return out;
        }
        if let Some(cr_at) = self.after_cr.take() {
            let second = is_lf(&key) || (key.code == KeyCode::Enter && key.modifiers.is_empty());
            if second && self.held.is_empty() && at.saturating_duration_since(cr_at) < self.max_gap
            {
                return out;
            }
        }
        if key.kind == KeyEventKind::Press {
            if let Some(c) = burst_char(&key) {
                self.held.push(key);
                self.chars.push(c);
                self.char_count += 1;
                self.last_at = Some(at);
                if self.char_count >= MAX_BURST {
                    self.release(&mut out);
                }
                return out;
            }
            if let Some(term) = terminator(&key)
                && let Some(code) = self.scan_code()
            {
                self.clear();
                if term == Terminator::Cr {
                    self.after_cr = Some(at);
                }
                out.push(Input::Scan(code));
                return out;
            }
        }
        self.release(&mut out);
        out.push(Input::Key(key));
        out
    }

    /// When the held keys must be handed on if no other key comes; `None` when nothing is held.
    pub fn deadline(&self) -> Option<Instant> {
        self.last_at
            .filter(|_| !self.held.is_empty())
            .map(|t| t.checked_add(self.max_gap).unwrap_or(t))
    }

    /// Hands on the held keys if their burst can no longer complete by `now` (a person typing).
    pub fn flush(&mut self, now: Instant) -> Vec<Input> {
        let mut out = Vec::new();
        if self.deadline().is_some_and(|d| now >= d) {
            self.release(&mut out);
        }
        out
    }

    /// The characters held back, in order: shown at once in the entry line while the detector
    /// waits to see whether a scan is starting (a scan then takes them back).
    pub fn held_text(&self) -> &str {
        &self.chars
    }

    /// Whether keys are held back (the UI need not redraw for them yet).
    pub fn is_holding(&self) -> bool {
        !self.held.is_empty()
    }

    /// The code of the held burst if it is a scan, prefix and suffix stripped.
    fn scan_code(&self) -> Option<String> {
        if self.char_count < self.min_length {
            return None;
        }
        let mut chars = self.chars.chars();
        let first = chars.next()?;
        if chars.all(|c| c == first) {
            // One character repeated: a key held down, not a barcode.
            return None;
        }
        let mut text = self.chars.as_str();
        if !self.prefix.is_empty() {
            text = text.strip_prefix(self.prefix.as_str()).unwrap_or(text);
        }
        if !self.suffix.is_empty() {
            text = text.strip_suffix(self.suffix.as_str()).unwrap_or(text);
        }
        if text.is_empty() {
            return None;
        }
        Some(if self.azerty {
            azerty_digits(text)
        } else {
            text.to_string()
        })
    }

    fn clear(&mut self) {
        self.held.clear();
        self.chars.clear();
        self.char_count = 0;
        self.last_at = None;
    }

    fn release(&mut self, out: &mut Vec<Input>) {
        out.extend(self.held.drain(..).map(Input::Key));
        self.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MS: Duration = Duration::from_millis(1);

    fn ch(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// Feeds keys `gap` apart from `t0`, flushing at deadlines as the event loop would; returns
    /// everything handed on, the final flush included.
    fn feed(d: &mut ScanDetector, t0: Instant, keys: &[(KeyEvent, u64)]) -> Vec<Input> {
        let mut out = Vec::new();
        for (k, at_ms) in keys {
            let at = t0 + MS * u32::try_from(*at_ms).unwrap();
            while let Some(dl) = d.deadline().filter(|dl| *dl <= at) {
                out.extend(d.flush(dl));
            }
            out.extend(d.push(*k, at));
        }
        out.extend(d.flush(t0 + Duration::from_secs(3600)));
        out
    }

    #[test]
    fn held_characters_can_be_shown_before_they_are_handed_on() {
        let mut d = ScanDetector::new(&ScannerConfig::default());
        let t0 = Instant::now();
        assert!(d.push(ch('c'), t0).is_empty());
        assert!(d.push(ch('r'), t0 + MS * 5).is_empty());
        assert_eq!(d.held_text(), "cr");
        let out = d.flush(t0 + Duration::from_secs(1));
        assert_eq!(out, vec![Input::Key(ch('c')), Input::Key(ch('r'))]);
        assert_eq!(d.held_text(), "");
    }

    fn timed(keys: &[KeyEvent], start: u64, gap: u64) -> Vec<(KeyEvent, u64)> {
        keys.iter()
            .enumerate()
            .map(|(i, k)| (*k, start + gap * i as u64))
            .collect()
    }

    fn text(s: &str) -> Vec<KeyEvent> {
        s.chars().map(ch).collect()
    }

    fn detector() -> ScanDetector {
        ScanDetector::new(&ScannerConfig::default())
    }

    fn scan(code: &str) -> Input {
        Input::Scan(code.to_string())
    }

    #[test]
    fn burst_with_enter_is_one_scan() {
        let mut keys = text("3017620422003");
        keys.push(key(KeyCode::Enter));
        let out = feed(&mut detector(), Instant::now(), &timed(&keys, 0, 3));
        assert_eq!(out, vec![scan("3017620422003")]);
    }

    #[test]
    fn burst_with_tab_is_one_scan() {
        let mut keys = text("96385074");
        keys.push(key(KeyCode::Tab));
        let out = feed(&mut detector(), Instant::now(), &timed(&keys, 0, 8));
        assert_eq!(out, vec![scan("96385074")]);
    }

    #[test]
    fn cr_lf_is_one_terminator_whatever_the_lf_looks_like() {
        for lf in [ctrl('j'), ch('\n'), key(KeyCode::Enter)] {
            let mut keys = text("3017620422003");
            keys.push(key(KeyCode::Enter));
            keys.push(lf);
            keys.push(ch('1'));
            let mut t = timed(&keys, 0, 2);
            t.last_mut().unwrap().1 = 500;
            let out = feed(&mut detector(), Instant::now(), &t);
            assert_eq!(
                out,
                vec![scan("3017620422003"), Input::Key(ch('1'))],
                "{lf:?}"
            );
        }
    }

    #[test]
    fn a_late_enter_after_a_scan_is_a_key() {
        let mut keys = text("3017620422003");
        keys.push(key(KeyCode::Enter));
        keys.push(key(KeyCode::Enter));
        let mut t = timed(&keys, 0, 2);
        t.last_mut().unwrap().1 = 300;
        let out = feed(&mut detector(), Instant::now(), &t);
        assert_eq!(
            out,
            vec![scan("3017620422003"), Input::Key(key(KeyCode::Enter))]
        );
    }

    #[test]
    fn lf_alone_terminates() {
        let mut keys = text("3017620422003");
        keys.push(ctrl('j'));
        let out = feed(&mut detector(), Instant::now(), &timed(&keys, 0, 2));
        assert_eq!(out, vec![scan("3017620422003")]);
    }

    #[test]
    fn a_person_typing_fast_is_not_a_scanner() {
        for gap in [45, 60, 80, 120] {
            let mut keys = text("3017620422003");
            keys.push(key(KeyCode::Enter));
            let out = feed(&mut detector(), Instant::now(), &timed(&keys, 0, gap));
            let expected: Vec<Input> = keys.iter().map(|k| Input::Key(*k)).collect();
            assert_eq!(out, expected, "{gap} ms");
        }
    }

    #[test]
    fn a_fast_burst_with_a_slow_enter_is_typing() {
        let mut t = timed(&text("3017620422003"), 0, 3);
        t.push((key(KeyCode::Enter), 36 + 200));
        let out = feed(&mut detector(), Instant::now(), &t);
        assert_eq!(out.len(), 14);
        assert!(out.iter().all(|i| matches!(i, Input::Key(_))));
    }

    #[test]
    fn short_bursts_are_given_back_in_order() {
        let keys = [ch('4'), ch('2'), key(KeyCode::Enter)];
        let out = feed(&mut detector(), Instant::now(), &timed(&keys, 0, 2));
        let expected: Vec<Input> = keys.iter().map(|k| Input::Key(*k)).collect();
        assert_eq!(out, expected);
    }

    #[test]
    fn held_keys_wait_for_the_deadline() {
        let mut d = detector();
        let t0 = Instant::now();
        assert!(d.push(ch('1'), t0).is_empty());
        assert!(d.push(ch('2'), t0 + MS * 10).is_empty());
        assert_eq!(d.deadline(), Some(t0 + MS * 50));
        assert!(d.flush(t0 + MS * 49).is_empty());
        assert_eq!(
            d.flush(t0 + MS * 50),
            vec![Input::Key(ch('1')), Input::Key(ch('2'))]
        );
        assert_eq!(d.deadline(), None);
        // Without a flush, the next key after the gap hands them on first.
        assert!(d.push(ch('3'), t0 + MS * 100).is_empty());
        assert_eq!(
            d.push(key(KeyCode::F(2)), t0 + MS * 200),
            vec![Input::Key(ch('3')), Input::Key(key(KeyCode::F(2)))]
        );
    }

    #[test]
    fn command_keys_end_a_burst_and_pass_through() {
        let mut d = detector();
        let t0 = Instant::now();
        for (i, c) in "301762".chars().enumerate() {
            assert!(d.push(ch(c), t0 + MS * i as u32).is_empty());
        }
        let out = d.push(ctrl('n'), t0 + MS * 6);
        assert_eq!(out.len(), 7);
        assert_eq!(out[6], Input::Key(ctrl('n')));
        assert!(d.push(key(KeyCode::Up), t0 + MS * 7) == vec![Input::Key(key(KeyCode::Up))]);
    }

    #[test]
    fn prefix_and_suffix_are_stripped() {
        let config = ScannerConfig {
            prefix: "]E0".into(),
            suffix: "#".into(),
            ..ScannerConfig::default()
        };
        let mut keys = text("]E03017620422003#");
        keys.push(key(KeyCode::Enter));
        let out = feed(
            &mut ScanDetector::new(&config),
            Instant::now(),
            &timed(&keys, 0, 2),
        );
        assert_eq!(out, vec![scan("3017620422003")]);
        // A burst without them is still a scan.
        let mut keys = text("3017620422003");
        keys.push(key(KeyCode::Enter));
        let out = feed(
            &mut ScanDetector::new(&config),
            Instant::now(),
            &timed(&keys, 0, 2),
        );
        assert_eq!(out, vec![scan("3017620422003")]);
    }

    #[test]
    fn azerty_digits_are_mapped_inside_a_burst_only() {
        assert_eq!(azerty_digits("&é\"'(-è_çà"), "1234567890");
        assert_eq!(azerty_digits("ç&àé(àé-'%"), "ç&àé(àé-'%", "not all digits");
        assert_eq!(azerty_digits("ABC-123"), "ABC-123");
        assert_eq!(azerty_digits("3017620422003"), "3017620422003");
        // 3017620422003 typed by a US-layout scanner on AZERTY.
        let mut keys = text("\"à&è-éà'ééàà\"");
        keys.push(key(KeyCode::Enter));
        let out = feed(&mut detector(), Instant::now(), &timed(&keys, 0, 2));
        assert_eq!(out, vec![scan("3017620422003")]);
        // Typed by a person, the same characters stay what they are.
        let out = feed(&mut detector(), Instant::now(), &timed(&keys, 0, 150));
        assert_eq!(out[0], Input::Key(ch('"')));
        // Off when the shop says so.
        let config = ScannerConfig {
            azerty: false,
            ..ScannerConfig::default()
        };
        let out = feed(
            &mut ScanDetector::new(&config),
            Instant::now(),
            &timed(&keys, 0, 2),
        );
        assert_eq!(out, vec![scan("\"à&è-éà'ééàà\"")]);
    }

    #[test]
    fn a_key_held_down_is_not_a_scan() {
        let mut keys = text("0000000000");
        keys.push(key(KeyCode::Enter));
        let out = feed(&mut detector(), Instant::now(), &timed(&keys, 0, 30));
        assert_eq!(out.len(), 11);
        let mut repeat = ch('5');
        repeat.kind = KeyEventKind::Repeat;
        let mut d = detector();
        let t0 = Instant::now();
        d.push(ch('1'), t0);
        assert_eq!(
            d.push(repeat, t0 + MS),
            vec![Input::Key(ch('1')), Input::Key(repeat)]
        );
    }

    #[test]
    fn releases_stay_in_order() {
        let release = |c| {
            let mut k = ch(c);
            k.kind = KeyEventKind::Release;
            k
        };
        let mut keys = Vec::new();
        for c in "3017620422003".chars() {
            keys.push(ch(c));
            keys.push(release(c));
        }
        keys.push(key(KeyCode::Enter));
        let out = feed(&mut detector(), Instant::now(), &timed(&keys, 0, 1));
        assert_eq!(out, vec![scan("3017620422003")]);
        let short = [ch('4'), release('4'), ch('2')];
        let out = feed(&mut detector(), Instant::now(), &timed(&short, 0, 1));
        let expected: Vec<Input> = short.iter().map(|k| Input::Key(*k)).collect();
        assert_eq!(out, expected);
    }

    #[test]
    fn config_section() {
        #[derive(Deserialize)]
        struct File {
            scanner: ScannerConfig,
        }
        let f: File = toml::from_str("[scanner]\nmax_gap_ms = 25\nprefix = \"*\"\n").unwrap();
        assert_eq!(f.scanner.max_gap, MS * 25);
        assert_eq!(f.scanner.min_length, 6);
        assert_eq!(f.scanner.prefix, "*");
        assert!(f.scanner.azerty);
        assert_eq!(f.scanner.in_store, InStoreTemplate::defaults());
        f.scanner.validate().unwrap();
        let err = toml::from_str::<File>("[scanner]\nmax_gap = 25\n")
            .err()
            .unwrap();
        assert!(err.to_string().contains("max_gap"), "{err}");
        let slow = ScannerConfig {
            max_gap: MS * 200,
            ..ScannerConfig::default()
        };
        assert!(slow.validate().is_err());
    }

    // The property: whatever keys come and whenever, the outputs are the inputs in order, except
    // that each Scan replaces a contiguous fast run of characters and its terminator.

    fn any_key() -> impl Strategy<Value = KeyEvent> {
        prop_oneof![
            6 => prop::sample::select(vec!['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']).prop_map(ch),
            1 => prop::sample::select(vec!['a', 'Z', ' ', '&', 'é', '"', 'ç', 'à', '-', '*']).prop_map(ch),
            2 => Just(key(KeyCode::Enter)),
            1 => Just(key(KeyCode::Tab)),
            1 => prop::sample::select(vec![ctrl('j'), ch('\n'), ctrl('c'), key(KeyCode::F(2)),
                key(KeyCode::Esc), key(KeyCode::Backspace), key(KeyCode::Up)]),
            1 => prop::sample::select(vec!['1', '2']).prop_map(|c| {
                let mut k = ch(c);
                k.kind = KeyEventKind::Release;
                k
            }),
        ]
    }

    fn any_gap() -> impl Strategy<Value = u64> {
        prop_oneof![4 => 0u64..8, 1 => 8u64..60, 1 => 30u64..50, 1 => 60u64..400]
    }

    fn check_reconstruction(
        config: &ScannerConfig,
        inputs: &[(KeyEvent, u64)],
        out: &[Input],
    ) -> Result<(), TestCaseError> {
        let gap = u64::try_from(config.max_gap.as_millis()).unwrap();
        let mut p = 0;
        let mut swallowed = Vec::new();
        for o in out {
            while swallowed.contains(&p) {
                p += 1;
            }
            match o {
                Input::Key(k) => {
                    prop_assert!(p < inputs.len(), "extra key {k:?}");
                    prop_assert_eq!(*k, inputs[p].0, "key {} out of place", p);
                    p += 1;
                }
                Input::Scan(code) => {
                    let start = p;
                    let mut run = String::new();
                    let mut last = None::<u64>;
                    while p < inputs.len()
                        && terminator(&inputs[p].0)
                            .is_none_or(|_| inputs[p].0.kind == KeyEventKind::Release)
                    {
                        let (k, at) = inputs[p];
                        if k.kind == KeyEventKind::Press {
                            let c = burst_char(&k);
                            prop_assert!(c.is_some(), "scan swallowed {k:?}");
                            run.push(c.unwrap_or('?'));
                            if let Some(l) = last {
                                prop_assert!(at - l < gap, "slow key in a scan");
                            }
                            last = Some(at);
                        }
                        p += 1;
                    }
                    prop_assert!(p < inputs.len(), "scan without terminator");
                    let (term, term_at) = inputs[p];
                    prop_assert!(last.is_some_and(|l| term_at - l < gap), "slow terminator");
                    prop_assert!(run.chars().count() >= config.min_length);
                    prop_assert_eq!(
                        code,
                        &azerty_digits(&run),
                        "scan of inputs {}..{}",
                        start,
                        p
                    );
                    p += 1;
                    // A LF or second Enter right after a CR is part of the terminator (releases
                    // in between are handed on).
                    let next =
                        (p..inputs.len()).find(|q| inputs[*q].0.kind != KeyEventKind::Release);
                    if let Some(q) = next.filter(|_| terminator(&term) == Some(Terminator::Cr)) {
                        let (next, at) = inputs[q];
                        let second = is_lf(&next)
                            || (next.code == KeyCode::Enter && next.modifiers.is_empty());
                        if second && at - term_at < gap {
                            swallowed.push(q);
                        }
                    }
                }
            }
        }
        while swallowed.contains(&p) {
            p += 1;
        }
        prop_assert_eq!(p, inputs.len(), "keys lost");
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn nothing_is_lost_doubled_or_reordered(
            keys in prop::collection::vec((any_key(), any_gap()), 0..120),
            timer in any::<bool>(),
            min_length in 2usize..8,
        ) {
            let config = ScannerConfig { min_length, ..ScannerConfig::default() };
            let mut d = ScanDetector::new(&config);
            let t0 = Instant::now();
            let mut at = 0;
            let mut inputs = Vec::new();
            let mut out = Vec::new();
            for (k, gap) in keys {
                at += gap;
                let when = t0 + Duration::from_millis(at);
                if timer {
                    while let Some(dl) = d.deadline().filter(|dl| *dl <= when) {
                        out.extend(d.flush(dl));
                    }
                }
                out.extend(d.push(k, when));
                inputs.push((k, at));
            }
            out.extend(d.flush(t0 + Duration::from_millis(at + 1000)));
            prop_assert!(!d.is_holding());
            check_reconstruction(&config, &inputs, &out)?;
        }
    }
}

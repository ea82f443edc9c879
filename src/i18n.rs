//! The cashier's language: every word kash-pos shows comes from the Fluent files in
//! `assets/i18n/<lang>/kash.ftl`, compiled into the binary. The language is a value (`Lang`) the
//! view and the state changes are given, never a global, so tests render both side by side.
//!
//! Fluent's Unicode isolation marks (U+2068, U+2069 around every argument) are turned off: a
//! terminal counts them as characters and the columns no longer line up.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use time::{OffsetDateTime, UtcOffset};

use crate::money::MoneyStyle;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./assets/i18n",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static FR: LanguageIdentifier = langid!("fr");

/// The languages of the till.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

/// An argument of a message: a number (plurals are chosen on it) or a text.
pub type Arg<'a> = FluentValue<'a>;

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// `"fr"`, `"en"` (as in the configuration).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// From the configuration's `language`: `fr`, `en` (case ignored, `fr-FR`, `en_GB` too).
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        let head = lower.split(['-', '_', '.']).next().unwrap_or("");
        match head {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// From the locale variables as POSIX reads them: the first set and non-empty of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG`. French on a French locale (`fr_FR.UTF-8`, `fr_BE`, `fr`),
    /// English otherwise (including `C` and `POSIX`).
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|v| !v.trim().is_empty())
            .and_then(|v| Lang::from_code(&v))
            .unwrap_or(Lang::En)
    }

    /// How amounts are written in this language, unless the configuration says otherwise.
    pub fn money_style(self) -> MoneyStyle {
        match self {
            Lang::En => MoneyStyle::English,
            Lang::Fr => MoneyStyle::French,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    /// The message `id` in this language. A message missing from the files shows its id (and
    /// the parity test of `assets/i18n` fails).
    pub fn t(self, id: &str) -> String {
        LOCALES
            .try_lookup(self.id(), id)
            .unwrap_or_else(|| id.to_string())
    }

    /// The message `id` with its arguments: `lang.ta("lines", &[("count", 2.into())])`.
    pub fn ta(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_string()), v.clone().into_owned()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), id, &map)
            .unwrap_or_else(|| id.to_string())
    }

    /// A fixed English word of the program (a field name, a list's name, a delivery method)
    /// in this language: the message `<kind>-<word in kebab case>`, whose English is `english`;
    /// `english` itself when there is none.
    pub fn word(self, kind: &str, english: &str) -> String {
        let slug: String = english
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let id = format!("{kind}-{slug}");
        if Lang::En.t(&id) == english {
            self.t(&id)
        } else {
            english.to_string()
        }
    }

    /// "order 17724460" (`crate::pos::sale::order_label`) in this language: the server's order
    /// number, the one on the receipt, in every list and message.
    pub fn order_label(self, o: &crate::kash::model::PendingOrder) -> String {
        self.ta("order-label", &[("number", s(o.order_id.to_string()))])
    }

    /// A date and time, in `offset` (the till's time zone): `23/11/2026 14:05` in French,
    /// `2026-11-23 2:05 PM` in English.
    pub fn date_time(self, at: OffsetDateTime, offset: UtcOffset) -> String {
        let at = at.to_offset(offset);
        match self {
            Lang::Fr => format!(
                "{:02}/{:02}/{} {:02}:{:02}",
                at.day(),
                u8::from(at.month()),
                at.year(),
                at.hour(),
                at.minute()
            ),
            Lang::En => {
                let (h, pm) = at.hour().pipe_12h();
                format!(
                    "{}-{:02}-{:02} {}:{:02} {}",
                    at.year(),
                    u8::from(at.month()),
                    at.day(),
                    h,
                    at.minute(),
                    if pm { "PM" } else { "AM" }
                )
            }
        }
    }

    /// A time of day: `14:05` in French, `2:05 PM` in English.
    pub fn time_of_day(self, at: OffsetDateTime, offset: UtcOffset) -> String {
        let at = at.to_offset(offset);
        match self {
            Lang::Fr => format!("{:02}:{:02}", at.hour(), at.minute()),
            Lang::En => {
                let (h, pm) = at.hour().pipe_12h();
                format!("{h}:{:02} {}", at.minute(), if pm { "PM" } else { "AM" })
            }
        }
    }
}

trait Hour12 {
    fn pipe_12h(self) -> (u8, bool);
}

impl Hour12 for u8 {
    /// 0 → 12 AM, 13 → 1 PM.
    fn pipe_12h(self) -> (u8, bool) {
        let pm = self >= 12;
        let h = self % 12;
        (if h == 0 { 12 } else { h }, pm)
    }
}

/// A number argument (plurals are chosen on it): `("count", n(3))`.
pub fn n(count: impl Into<FluentValue<'static>>) -> Arg<'static> {
    count.into()
}

/// A decimal number argument (a quantity of weighed goods), for choosing a plural.
pub fn number(d: rust_decimal::Decimal) -> Arg<'static> {
    use rust_decimal::prelude::ToPrimitive;
    FluentValue::from(d.to_f64().unwrap_or(0.0))
}

/// A text argument.
pub fn s(text: impl Into<String>) -> Arg<'static> {
    FluentValue::from(text.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use time::macros::{datetime, offset};

    /// Message ids and, for each, the set of `$arguments` it uses (in any variant).
    fn messages(ftl: &str) -> std::collections::BTreeMap<String, BTreeSet<String>> {
        let mut out = std::collections::BTreeMap::<String, BTreeSet<String>>::new();
        let mut current: Option<String> = None;
        for line in ftl.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(char::is_whitespace)
                && let Some((id, _)) = line.split_once('=')
            {
                let id = id.trim().to_string();
                assert!(
                    id.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                    "bad message id {id:?}"
                );
                assert!(!out.contains_key(&id), "message {id} defined twice");
                out.insert(id.clone(), BTreeSet::new());
                current = Some(id);
            }
            if let Some(id) = &current {
                let mut rest = line;
                while let Some(i) = rest.find('$') {
                    let tail = &rest[i + 1..];
                    let end = tail
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                        .unwrap_or(tail.len());
                    if let Some(args) = out.get_mut(id) {
                        args.insert(tail[..end].to_string());
                    }
                    rest = &tail[end..];
                }
            }
        }
        out
    }

    const EN_FTL: &str = include_str!("../assets/i18n/en/kash.ftl");
    const FR_FTL: &str = include_str!("../assets/i18n/fr/kash.ftl");

    #[test]
    fn both_languages_have_the_same_messages_with_the_same_arguments() {
        let en = messages(EN_FTL);
        let fr = messages(FR_FTL);
        assert!(en.len() > 50, "only {} messages", en.len());
        let only_en: Vec<_> = en.keys().filter(|k| !fr.contains_key(*k)).collect();
        let only_fr: Vec<_> = fr.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            only_en.is_empty(),
            "messages missing in French: {only_en:?}"
        );
        assert!(
            only_fr.is_empty(),
            "messages missing in English: {only_fr:?}"
        );
        for (id, args) in &en {
            assert_eq!(Some(args), fr.get(id), "arguments of {id} differ");
        }
    }

    #[test]
    fn the_parity_check_sees_a_missing_message_and_other_arguments() {
        let a = messages("one = One\ntwo = { $count ->\n    [one] line\n   *[other] lines\n}\n");
        let b = messages("one = Un { $name }\n");
        assert_ne!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
        assert_eq!(a["two"], BTreeSet::from(["count".to_string()]));
        assert_ne!(a["one"], b["one"]);
    }

    #[test]
    fn every_message_resolves_in_both_languages_without_isolation_marks() {
        for (id, args) in messages(EN_FTL) {
            let values: Vec<(&str, Arg<'static>)> =
                args.iter().map(|a| (a.as_str(), n(2))).collect();
            for lang in Lang::ALL {
                let text = lang.ta(&id, &values);
                assert_ne!(text, id, "{id} does not resolve in {lang:?}");
                assert!(
                    !text.contains(['\u{2068}', '\u{2069}']),
                    "{id} in {lang:?} has isolation marks"
                );
            }
        }
    }

    #[test]
    fn numbers_are_written_plainly() {
        let text = Lang::En.ta(
            "check-rtt-median",
            &[("median", s("3 ms")), ("count", n(100_000))],
        );
        assert_eq!(text, "median 3 ms over 100000 answers");
        let text = Lang::Fr.ta(
            "check-rtt-median",
            &[("median", s("3 ms")), ("count", n(1))],
        );
        assert_eq!(text, "médiane 3 ms sur 1 réponse");
    }

    #[test]
    fn plurals_are_right_in_both_languages() {
        let lines = |lang: Lang, c| lang.ta("count-lines", &[("count", n(c))]);
        assert_eq!(lines(Lang::En, 1), "1 line");
        assert_eq!(lines(Lang::En, 2), "2 lines");
        assert_eq!(lines(Lang::En, 0), "0 lines");
        assert_eq!(lines(Lang::Fr, 1), "1 ligne");
        assert_eq!(lines(Lang::Fr, 2), "2 lignes");
        assert_eq!(lines(Lang::Fr, 0), "0 ligne");
    }

    #[test]
    fn the_locale_chooses_french_or_english() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "fr_FR.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "fr_BE"),
                ("LANG", "en")
            ])),
            Lang::Fr
        );
        assert_eq!(Lang::from_code("FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn money_follows_the_language_and_its_narrow_space_is_one_column() {
        use rust_decimal_macros::dec;
        use unicode_width::UnicodeWidthStr;
        let fr = crate::money::format_money(dec!(1234.5), Lang::Fr.money_style());
        let en = crate::money::format_money(dec!(1234.5), Lang::En.money_style());
        assert_eq!(fr, "1\u{202f}234,50 €");
        assert_eq!(en, "€1,234.50");
        // U+202F NARROW NO-BREAK SPACE is one terminal column, as ratatui counts it.
        assert_eq!(fr.width(), fr.chars().count());
        assert_eq!(ratatui::text::Span::raw(fr.as_str()).width(), 10);
    }

    #[test]
    fn dates_and_times_follow_the_language_and_the_time_zone() {
        let at = datetime!(2026-11-23 13:05 UTC);
        let paris = offset!(+1);
        assert_eq!(Lang::Fr.date_time(at, paris), "23/11/2026 14:05");
        assert_eq!(Lang::En.date_time(at, paris), "2026-11-23 2:05 PM");
        assert_eq!(
            Lang::En.time_of_day(datetime!(2026-11-23 0:07 UTC), UtcOffset::UTC),
            "12:07 AM"
        );
        assert_eq!(
            Lang::En.time_of_day(datetime!(2026-11-23 12:00 UTC), UtcOffset::UTC),
            "12:00 PM"
        );
        assert_eq!(
            Lang::Fr.time_of_day(datetime!(2026-11-23 9:30 UTC), UtcOffset::UTC),
            "09:30"
        );
    }
}

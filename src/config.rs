//! The configuration file: where the shop is, the key, and the till's settings. Unknown keys and
//! wrong types are errors that name the key and the file; with no file at all kash-pos runs on
//! the embedded demo shop.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::app::keymap::{KeyOverrides, Keymap};
use crate::kash::ApiKey;
use crate::money::MoneyStyle;
use crate::pos::barcode::InStoreTemplate;
use crate::pos::basket::Limits;
use crate::pos::scanner::ScannerConfig;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KashSection {
    #[serde(default = "default_base_url")]
    pub base_url: String,
    pub shop_id: String,
    #[serde(default)]
    api_key: Option<String>,
    #[serde(default)]
    pub api_key_file: Option<PathBuf>,
    /// Seconds before a request is given up.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
}

fn default_base_url() -> String {
    "https://kash.click".to_string()
}

fn default_timeout() -> u64 {
    15
}

fn default_refresh() -> u64 {
    10
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MoneyStyleSetting {
    #[default]
    French,
    English,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PosSection {
    /// `idUser` sent with every order.
    #[serde(default)]
    pub user_id: Option<u64>,
    /// `idcaisse` sent with every order.
    #[serde(default)]
    pub cashbox_id: Option<u64>,
    /// How amounts are shown; without it, as the language writes them.
    #[serde(default)]
    pub money_style: Option<MoneyStyleSetting>,
    /// The largest quantity on one line (units or kilograms).
    #[serde(default = "default_max_quantity")]
    pub max_quantity: u64,
    /// The largest unit price a line or a catalog item may have.
    #[serde(default = "default_max_unit_price")]
    pub max_unit_price: u64,
    /// The largest line total (quantity × price).
    #[serde(default = "default_max_line_total")]
    pub max_line_total: u64,
    /// The most covers an order may have.
    #[serde(default = "default_max_covers")]
    pub max_covers: u64,
    /// The terminal bell on a misread or unknown code.
    #[serde(default = "default_bell")]
    pub bell: bool,
    /// The cashier's language, `"fr"` or `"en"`; without it, from the locale (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`).
    #[serde(default)]
    pub language: Option<LanguageSetting>,
    /// `"default"`, `"high-contrast"` or `"monochrome"` (also chosen when `NO_COLOR` is set).
    #[serde(default)]
    pub theme: Option<crate::look::Theme>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSetting {
    Fr,
    En,
}

fn default_max_quantity() -> u64 {
    Limits::DEFAULT_MAX_QUANTITY
}

fn default_max_unit_price() -> u64 {
    Limits::DEFAULT_MAX_UNIT_PRICE
}

fn default_max_line_total() -> u64 {
    Limits::DEFAULT_MAX_LINE_TOTAL
}

fn default_bell() -> bool {
    true
}

fn default_max_covers() -> u64 {
    u64::from(Limits::DEFAULT_MAX_COVERS)
}

impl Default for PosSection {
    fn default() -> Self {
        Self {
            user_id: None,
            cashbox_id: None,
            money_style: None,
            language: None,
            theme: None,
            max_quantity: default_max_quantity(),
            max_unit_price: default_max_unit_price(),
            max_line_total: default_max_line_total(),
            max_covers: default_max_covers(),
            bell: default_bell(),
        }
    }
}

impl PosSection {
    /// The limits a basket line is checked against.
    pub fn limits(&self) -> Limits {
        Limits::new(self.max_quantity, self.max_unit_price, self.max_line_total)
            .with_max_covers(u32::try_from(self.max_covers).unwrap_or(u32::MAX))
    }
}

/// The largest API key file read: a key is a few dozen characters.
pub const MAX_KEY_FILE_BYTES: u64 = 4096;

/// Accepted ranges of the numeric keys: (key, lowest, highest, why).
const RANGES: &[(&str, u64, u64, &str)] = &[
    (
        "kash.timeout_secs",
        1,
        600,
        "seconds: a request left longer than 10 minutes is lost",
    ),
    (
        "sync.pending_refresh_secs",
        1,
        86_400,
        "seconds: at most once a day",
    ),
    (
        "journal.retention_days",
        1,
        36_500,
        "days: at most 100 years; unset keeps every sale",
    ),
    (
        "pos.max_quantity",
        1,
        Limits::CEILING,
        "a quantity on one line",
    ),
    (
        "pos.max_unit_price",
        1,
        Limits::CEILING,
        "an amount in the shop's currency",
    ),
    (
        "pos.max_line_total",
        1,
        Limits::CEILING,
        "an amount in the shop's currency",
    ),
    ("pos.max_covers", 1, 100_000, "covers of one order"),
];

/// The line of `key` (`section.name`) in the file's text, for messages.
fn line_of(text: &str, key: &str) -> Option<usize> {
    let (section, name) = key.split_once('.')?;
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(s) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = s.trim().to_string();
        } else if current == section && t.split_once('=').is_some_and(|(k, _)| k.trim() == name) {
            return Some(i + 1);
        }
    }
    None
}

/// `Err` naming the key and its line when `value` is outside the key's range.
fn check_range(text: &str, key: &str, value: u64) -> Result<(), String> {
    let Some((_, low, high, unit)) = RANGES.iter().find(|(k, ..)| *k == key) else {
        return Ok(());
    };
    if (*low..=*high).contains(&value) {
        return Ok(());
    }
    let at = line_of(text, key)
        .map(|n| format!(" (line {n})"))
        .unwrap_or_default();
    Err(format!(
        "key `{key}`{at}: {value} is out of range: between {low} and {high} ({unit})"
    ))
}

/// The largest configuration file read: a few kilobytes in practice.
pub const MAX_CONFIG_FILE_BYTES: u64 = 1024 * 1024;

/// A text file, at most `max` bytes: `--config /dev/zero` is an error, not a hang.
fn read_bounded(path: &Path, max: u64) -> Result<String, String> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(format!("larger than {max} bytes: not a configuration file"));
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

/// Reads the key file, at most [`MAX_KEY_FILE_BYTES`]: a device or a wrong file is an error,
/// never a read until memory runs out.
fn read_key_file(file: &Path) -> Result<String, String> {
    use std::io::Read as _;
    let fail = |e: String| {
        format!(
            "key `kash.api_key_file`: cannot read {}: {e}",
            file.display()
        )
    };
    let handle = std::fs::File::open(file).map_err(|e| fail(e.to_string()))?;
    let mut bytes = Vec::new();
    handle
        .take(MAX_KEY_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_KEY_FILE_BYTES {
        return Err(fail(format!(
            "larger than {MAX_KEY_FILE_BYTES} bytes: a key file holds only the key"
        )));
    }
    String::from_utf8(bytes).map_err(|_| fail("not text".to_string()))
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncSection {
    #[serde(default = "default_refresh")]
    pub pending_refresh_secs: u64,
}

impl Default for SyncSection {
    fn default() -> Self {
        Self {
            pending_refresh_secs: default_refresh(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    kash: KashSection,
    #[serde(default)]
    pos: PosSection,
    #[serde(default)]
    sync: SyncSection,
    #[serde(default)]
    scanner: ScannerConfig,
    #[serde(default)]
    journal: JournalSection,
    /// Key bindings per screen, in the form of `assets/keymap.toml`.
    #[serde(default)]
    keys: KeyOverrides,
    /// The receipt printer and the drawer; none without the section.
    #[serde(default)]
    printer: Option<crate::print::PrinterSection>,
}

/// The local journal of sales.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalSection {
    /// The `SQLite` file (default: `journal-<shop id>.sqlite3` in the user's data directory).
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// Days confirmed sales are kept; unset keeps them all. Unconfirmed sales are never removed.
    #[serde(default)]
    pub retention_days: Option<u64>,
    /// Seconds a sale whose answer was lost is looked up before it may be sent again (60 to
    /// 86 400; at least twice `kash.timeout_secs` is used in any case). Default 60.
    #[serde(default)]
    pub settle_secs: Option<u64>,
}

/// The range `[journal] settle_secs` accepts.
pub const SETTLE_SECS_RANGE: std::ops::RangeInclusive<u64> = 60..=86_400;

/// The configuration kash-pos runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub base_url: String,
    pub shop_id: String,
    pub api_key: ApiKey,
    pub timeout: Duration,
    pub pos: PosSection,
    pub sync: SyncSection,
    pub scanner: ScannerConfig,
    pub journal: JournalSection,
    /// The default keys with the `[keys]` section applied.
    pub keymap: Keymap,
    /// Where it was read from; `None` for the demo shop.
    pub source: Option<PathBuf>,
    /// Warnings to show once (a key file readable by others…).
    pub warnings: Vec<String>,
    /// `[printer]`, checked.
    pub printer: Option<crate::print::PrinterSection>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub message: String,
}

impl Config {
    /// The embedded demo shop; the base URL is set when the simulator is up.
    pub fn demo() -> Self {
        Self {
            base_url: String::new(),
            shop_id: "demo".to_string(),
            api_key: ApiKey::new("demo"),
            timeout: Duration::from_secs(10),
            pos: PosSection::default(),
            sync: SyncSection::default(),
            scanner: ScannerConfig::default(),
            journal: JournalSection::default(),
            keymap: Keymap::default(),
            source: None,
            warnings: Vec::new(),
            printer: None,
        }
    }

    pub fn is_demo(&self) -> bool {
        self.source.is_none()
    }

    /// The in-store label layouts: the shop's own, else the documented defaults.
    pub fn in_store_templates(&self) -> Vec<InStoreTemplate> {
        if self.scanner.in_store.is_empty() {
            InStoreTemplate::defaults()
        } else {
            self.scanner.in_store.clone()
        }
    }

    /// The journal's file: the configured one, else one per shop in the user's data directory,
    /// so the demo shop's sales never mix with a real shop's queue.
    pub fn journal_path(&self) -> Option<PathBuf> {
        if let Some(p) = &self.journal.path {
            return Some(p.clone());
        }
        let shop: String = self
            .shop_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        crate::journal::Journal::default_path()
            .map(|p| p.with_file_name(format!("journal-{shop}.sqlite3")))
    }

    /// How the journal's sender works with this configuration: the settle window is
    /// `[journal] settle_secs`, at least 60 s and at least twice the request timeout.
    pub fn sender_config(&self) -> crate::journal::SenderConfig {
        crate::journal::SenderConfig::for_till(self.timeout, self.journal.settle_secs)
    }

    /// The configured money style, else the language's.
    pub fn money_style(&self, lang: crate::i18n::Lang) -> MoneyStyle {
        match self.pos.money_style {
            Some(MoneyStyleSetting::French) => MoneyStyle::French,
            Some(MoneyStyleSetting::English) => MoneyStyle::English,
            None => lang.money_style(),
        }
    }

    /// `[pos] language`, else the locale as `var` reads the environment.
    pub fn language(&self, var: impl Fn(&str) -> Option<String>) -> crate::i18n::Lang {
        use crate::i18n::Lang;
        match self.pos.language {
            Some(LanguageSetting::Fr) => Lang::Fr,
            Some(LanguageSetting::En) => Lang::En,
            None => Lang::from_locale(var),
        }
    }

    /// `[pos] theme`, else monochrome when `NO_COLOR` is set (and not empty), else the default.
    pub fn theme(&self, var: impl Fn(&str) -> Option<String>) -> crate::look::Theme {
        self.pos.theme.unwrap_or_else(|| {
            if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                crate::look::Theme::Monochrome
            } else {
                crate::look::Theme::Default
            }
        })
    }

    /// `$XDG_CONFIG_HOME/kash-pos/config.toml` (or the platform's equivalent).
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("click", "kash", "kash-pos")
            .map(|d| d.config_dir().join("config.toml"))
    }

    /// Reads `--config FILE`, else the default file if it exists, else the demo shop.
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        match explicit {
            Some(path) => Self::from_file(path),
            None => match Self::default_path() {
                Some(path) if path.exists() => Self::from_file(&path),
                _ => Ok(Self::demo()),
            },
        }
    }

    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let file = path.display().to_string();
        let err = |message: String| ConfigError {
            file: file.clone(),
            message,
        };
        let text = read_bounded(path, MAX_CONFIG_FILE_BYTES)
            .map_err(|e| err(format!("cannot read: {e}")))?;
        let mut config = Self::from_toml(&text).map_err(err)?;
        config.source = Some(path.to_path_buf());
        if let Some(w) = permission_warning(path) {
            config.warnings.push(w);
        }
        Ok(config)
    }

    /// Parses the text of a config file (key files are read relative to nothing: give a full path).
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let parsed: FileConfig = toml::from_str(text).map_err(|e| describe_toml_error(&e, text))?;
        let k = parsed.kash;
        if k.shop_id.trim().is_empty() {
            return Err("key `kash.shop_id` is empty: set your Kash.click shop id".to_string());
        }
        check_range(text, "kash.timeout_secs", k.timeout_secs)?;
        check_range(
            text,
            "sync.pending_refresh_secs",
            parsed.sync.pending_refresh_secs,
        )?;
        if let Some(days) = parsed.journal.retention_days {
            check_range(text, "journal.retention_days", days)?;
        }
        check_range(text, "pos.max_quantity", parsed.pos.max_quantity)?;
        check_range(text, "pos.max_unit_price", parsed.pos.max_unit_price)?;
        check_range(text, "pos.max_line_total", parsed.pos.max_line_total)?;
        check_range(text, "pos.max_covers", parsed.pos.max_covers)?;
        let mut warnings = Vec::new();
        let api_key = match (&k.api_key, &k.api_key_file) {
            (Some(_), Some(_)) => {
                return Err(
                    "keys `kash.api_key` and `kash.api_key_file` are both set: keep one"
                        .to_string(),
                );
            }
            (Some(key), None) => key.clone(),
            (None, Some(file)) => {
                if let Some(w) = permission_warning(file) {
                    warnings.push(w);
                }
                read_key_file(file)?
            }
            (None, None) => {
                return Err("missing key `kash.api_key` (or `kash.api_key_file`)".to_string());
            }
        };
        let api_key = ApiKey::new(api_key);
        if api_key.expose().is_empty() {
            return Err("key `kash.api_key` is empty".to_string());
        }
        if api_key
            .expose()
            .chars()
            .any(|c| c.is_control() || c.is_whitespace())
        {
            return Err(
                "key `kash.api_key`: the key holds spaces, line breaks or control characters: \
                 the value (or the key file) must hold the key alone"
                    .to_string(),
            );
        }
        if let Some(n) = parsed.journal.settle_secs
            && !SETTLE_SECS_RANGE.contains(&n)
        {
            return Err(format!(
                "key `journal.settle_secs` = {n} is out of range ({} to {} seconds)",
                SETTLE_SECS_RANGE.start(),
                SETTLE_SECS_RANGE.end()
            ));
        }
        if let Some(p) = &parsed.printer {
            p.validate()?;
        }
        parsed
            .scanner
            .validate()
            .map_err(|e| format!("section `[scanner]`: {e}"))?;
        crate::kash::client::check_base_url(&k.base_url)
            .map_err(|e| format!("key `kash.base_url`: {e}"))?;
        let keymap = Keymap::embedded()
            .with_overrides(&parsed.keys, text)
            .map_err(|e| format!("section `[keys]` (line {}): {}", e.line, e.message))?;
        Ok(Self {
            base_url: k.base_url,
            shop_id: k.shop_id.trim().to_string(),
            api_key,
            timeout: Duration::from_secs(k.timeout_secs),
            pos: parsed.pos,
            scanner: parsed.scanner,
            journal: parsed.journal,
            keymap,
            sync: parsed.sync,
            source: None,
            warnings,
            printer: parsed.printer,
        })
    }
}

/// One line that names the key (`kash.shop_id`) and its line, whatever toml's message says.
fn describe_toml_error(e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim().replace('\n', " ");
    let Some(span) = e.span() else { return message };
    let start = span.start.min(text.len());
    let line_no = text[..start].matches('\n').count() + 1;
    let line = text.lines().nth(line_no - 1).unwrap_or_default().trim();
    let section = text
        .lines()
        .take(line_no)
        .filter_map(|l| l.trim().strip_prefix('[').and_then(|r| r.strip_suffix(']')))
        .last()
        .map(str::trim);
    // A key's name, not a line of an inline table (`{ on = "F1", … }` in `[keys]`).
    let key = line
        .split_once('=')
        .map(|(key, _)| key.trim())
        .filter(|key| {
            key.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"'))
        });
    match (key, section) {
        (Some(key), Some(section)) => format!("key `{section}.{key}` (line {line_no}): {message}"),
        (Some(key), None) => format!("key `{key}` (line {line_no}): {message}"),
        (None, Some(section)) => format!("section `[{section}]` (line {line_no}): {message}"),
        (None, None) => format!("line {line_no}: {message}"),
    }
}

#[cfg(unix)]
fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} is readable by other users: run chmod 600 on it (it holds the API key)",
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn permission_warning(_path: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[kash]
base_url = "https://kash.click"
shop_id = "12345"
api_key = "abcdef0123456789"

[pos]
user_id = 3
cashbox_id = 1

[sync]
pending_refresh_secs = 5
"#;

    #[test]
    fn language_theme_and_money_style_come_from_the_file_else_the_environment() {
        use crate::i18n::Lang;
        use crate::look::Theme;
        let base = include_str!("../config.example.toml");
        let none = |_: &str| None;
        let french = |k: &str| (k == "LANG").then(|| "fr_FR.UTF-8".to_string());
        let no_color = |k: &str| (k == "NO_COLOR").then(|| "1".to_string());
        let c = Config::from_toml(base).unwrap();
        assert_eq!(c.language(none), Lang::En);
        assert_eq!(c.language(french), Lang::Fr);
        assert_eq!(c.money_style(Lang::Fr), MoneyStyle::French);
        assert_eq!(c.money_style(Lang::En), MoneyStyle::English);
        assert_eq!(c.theme(none), Theme::Default);
        assert_eq!(c.theme(no_color), Theme::Monochrome);
        let set = base.replace(
            "# language = \"fr\"",
            "language = \"en\"\nmoney_style = \"french\"\ntheme = \"high-contrast\"",
        );
        let c = Config::from_toml(&set).unwrap();
        assert_eq!(c.language(french), Lang::En);
        assert_eq!(c.money_style(Lang::En), MoneyStyle::French);
        assert_eq!(c.theme(no_color), Theme::HighContrast);
    }

    #[test]
    fn the_example_file_is_a_valid_configuration() {
        let c = Config::from_toml(include_str!("../config.example.toml")).unwrap();
        assert_eq!(c.shop_id, "12345");
        assert_eq!(c.scanner.max_gap, std::time::Duration::from_millis(40));
        assert_eq!(c.sync.pending_refresh_secs, 10);
        assert_eq!(c.in_store_templates().len(), 3);
        let f12 = crate::app::keymap::parse_key("F12").unwrap();
        assert_eq!(
            crate::app::keymap::lookup(&c.keymap, crate::app::keymap::Context::Sale, &f12),
            Some(crate::app::keymap::Action::OpenPayment)
        );
    }

    #[test]
    fn reads_the_documented_keys() {
        let c = Config::from_toml(GOOD).unwrap();
        assert_eq!(c.shop_id, "12345");
        assert_eq!(c.api_key.expose(), "abcdef0123456789");
        assert_eq!(c.pos.user_id, Some(3));
        assert_eq!(c.sync.pending_refresh_secs, 5);
        assert!(!format!("{c:?}").contains("abcdef0123456789"));
    }

    #[test]
    fn settle_window_is_a_journal_key_in_range() {
        let c = Config::from_toml(GOOD).unwrap();
        assert_eq!(c.journal.settle_secs, None);
        assert_eq!(c.sender_config().settle_window, Duration::from_secs(60));
        let long = format!("{GOOD}\n[journal]\nsettle_secs = 120\n");
        let c = Config::from_toml(&long).unwrap();
        assert_eq!(c.sender_config().settle_window, Duration::from_secs(120));
        let slow = long.replace("[kash]", "[kash]\ntimeout_secs = 90");
        let c = Config::from_toml(&slow).unwrap();
        assert_eq!(c.sender_config().settle_window, Duration::from_secs(180));
        for bad in ["0", "59", "86401"] {
            let text = format!("{GOOD}\n[journal]\nsettle_secs = {bad}\n");
            let err = Config::from_toml(&text).unwrap_err();
            assert!(err.contains("journal.settle_secs"), "{err}");
        }
    }

    #[test]
    fn errors_name_the_key() {
        let unknown = GOOD.replace("user_id = 3", "usr_id = 3");
        assert!(Config::from_toml(&unknown).unwrap_err().contains("usr_id"));
        let wrong_type = GOOD.replace("user_id = 3", "user_id = \"three\"");
        let e = Config::from_toml(&wrong_type).unwrap_err();
        assert!(e.starts_with("key `pos.user_id` (line 8)"), "{e}");
        let wrong_shop = GOOD.replace("shop_id = \"12345\"", "shop_id = 12345");
        let e = Config::from_toml(&wrong_shop).unwrap_err();
        assert!(e.starts_with("key `kash.shop_id`"), "{e}");
        let no_shop = GOOD.replace("shop_id = \"12345\"\n", "");
        assert!(Config::from_toml(&no_shop).unwrap_err().contains("shop_id"));
        let no_key = GOOD.replace("api_key = \"abcdef0123456789\"\n", "");
        assert!(Config::from_toml(&no_key).unwrap_err().contains("api_key"));
        let http = GOOD.replace("https://kash.click", "http://kash.click");
        assert!(Config::from_toml(&http).unwrap_err().contains("base_url"));
    }

    #[test]
    fn key_overrides() {
        use crate::app::keymap::{Action, Context, lookup, parse_key};
        let text = format!(
            "{GOOD}\n[keys]\nsale = [\n  {{ on = \"F12\", run = \"open_payment\", label = \"Pay\" }},\n  {{ on = \"F1\", run = \"pay\", args = [2] }},\n]\nglobal = [{{ on = \"Ctrl-Y\", run = \"quit\" }}]\n"
        );
        let c = Config::from_toml(&text).unwrap();
        let sale = |key: &str| lookup(&c.keymap, Context::Sale, &parse_key(key).unwrap());
        assert_eq!(sale("F12"), Some(Action::OpenPayment));
        assert_eq!(sale("F1"), Some(Action::PayWith(1)));
        assert_eq!(sale("F2"), Some(Action::PayWith(1)));
        assert_eq!(sale("F9"), Some(Action::OpenPayment));
        assert_eq!(sale("Ctrl-Y"), Some(Action::Quit));
        // Without `[keys]`, the defaults.
        assert_eq!(&Config::from_toml(GOOD).unwrap().keymap, Keymap::embedded());
        assert_eq!(&Config::demo().keymap, Keymap::embedded());

        // The line of the first override: after GOOD, a blank line, `[keys]` and `sale = [`.
        let first = GOOD.lines().count() + 4;
        let bad = |from: &str, to: &str| {
            let t = text.replace(from, to);
            assert_ne!(t, text, "{from}");
            Config::from_toml(&t).unwrap_err()
        };
        let e = bad("\"open_payment\"", "\"open_paymnt\"");
        assert!(
            e.starts_with(&format!(
                "section `[keys]` (line {first}): unknown action \"open_paymnt\""
            )),
            "{e}"
        );
        let e = bad("\"F12\"", "\"Ctrl-F99\"");
        assert!(
            e.starts_with(&format!(
                "section `[keys]` (line {first}): unknown key \"Ctrl-F99\""
            )),
            "{e}"
        );
        let e = bad("\"F1\"", "\"f12\"");
        assert!(
            e.starts_with(&format!(
                "section `[keys]` (line {}): F12 is bound twice in [sale]: line {first}",
                first + 1
            )),
            "{e}"
        );
        let e = bad("args = [2]", "args = [0]");
        assert!(
            e.starts_with(&format!(
                "section `[keys]` (line {}): action `pay`",
                first + 1
            )),
            "{e}"
        );
        let e = bad("sale = [", "sales = [");
        assert!(
            e.starts_with(&format!(
                "section `[keys]` (line {}): unknown screen",
                first - 1
            )),
            "{e}"
        );
        let e = bad("label = ", "lable = ");
        assert!(
            e.starts_with(&format!(
                "section `[keys]` (line {first}): unknown field `lable`"
            )),
            "{e}"
        );
    }

    #[test]
    fn numbers_out_of_range_name_the_key_and_line() {
        let retention = format!("{GOOD}\n[journal]\nretention_days = 100000000\n");
        let e = Config::from_toml(&retention).unwrap_err();
        assert!(
            e.starts_with("key `journal.retention_days` (line 15): 100000000 is out of range"),
            "{e}"
        );
        let zero_days = format!("{GOOD}\n[journal]\nretention_days = 0\n");
        assert!(
            Config::from_toml(&zero_days)
                .unwrap_err()
                .contains("retention_days")
        );
        let timeout = GOOD.replace(
            "api_key = \"abcdef0123456789\"",
            "api_key = \"abcdef0123456789\"\ntimeout_secs = 0",
        );
        let e = Config::from_toml(&timeout).unwrap_err();
        assert!(e.starts_with("key `kash.timeout_secs` (line 6)"), "{e}");
        let timeout = timeout.replace("timeout_secs = 0", "timeout_secs = 18446744073709551615");
        assert!(
            Config::from_toml(&timeout)
                .unwrap_err()
                .contains("timeout_secs")
        );
        let refresh = GOOD.replace("pending_refresh_secs = 5", "pending_refresh_secs = 0");
        let e = Config::from_toml(&refresh).unwrap_err();
        assert!(
            e.starts_with("key `sync.pending_refresh_secs` (line 12)"),
            "{e}"
        );
        for key in ["max_quantity", "max_unit_price", "max_line_total"] {
            for bad in ["0", "1000000000001"] {
                let text =
                    GOOD.replace("cashbox_id = 1", &format!("cashbox_id = 1\n{key} = {bad}"));
                let e = Config::from_toml(&text).unwrap_err();
                assert!(e.starts_with(&format!("key `pos.{key}` (line 10)")), "{e}");
            }
        }
        // Negative numbers and floats are type errors, also naming the key.
        let negative = GOOD.replace("cashbox_id = 1", "cashbox_id = 1\nmax_quantity = -5");
        assert!(
            Config::from_toml(&negative)
                .unwrap_err()
                .contains("pos.max_quantity")
        );
        let limits = GOOD.replace(
            "cashbox_id = 1",
            "cashbox_id = 1\nmax_quantity = 50\nmax_unit_price = 2000\nmax_line_total = 5000",
        );
        let c = Config::from_toml(&limits).unwrap();
        assert_eq!(c.pos.limits(), Limits::new(50, 2000, 5000));
        assert_eq!(
            Config::from_toml(GOOD).unwrap().pos.limits(),
            Limits::default()
        );
    }

    #[test]
    fn key_files_are_read_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let with_file = |path: &Path| {
            GOOD.replace(
                "api_key = \"abcdef0123456789\"",
                &format!("api_key_file = {:?}", path.display().to_string()),
            )
        };
        #[cfg(unix)]
        {
            let e = Config::from_toml(&with_file(Path::new("/dev/zero"))).unwrap_err();
            assert!(e.contains("larger than 4096 bytes"), "{e}");
        }
        let big = dir.path().join("big");
        std::fs::write(&big, "k".repeat(5000)).unwrap();
        assert!(
            Config::from_toml(&with_file(&big))
                .unwrap_err()
                .contains("4096")
        );
        let two_lines = dir.path().join("two");
        std::fs::write(&two_lines, "abc\ndef\n").unwrap();
        let e = Config::from_toml(&with_file(&two_lines)).unwrap_err();
        assert!(e.contains("line breaks"), "{e}");
        assert!(!e.contains("abc"), "the message does not show the key: {e}");
        let binary = dir.path().join("bin");
        std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
        assert!(
            Config::from_toml(&with_file(&binary))
                .unwrap_err()
                .contains("not text")
        );
        let ok = dir.path().join("ok");
        std::fs::write(&ok, "filekey0123456789\n").unwrap();
        assert_eq!(
            Config::from_toml(&with_file(&ok)).unwrap().api_key.expose(),
            "filekey0123456789"
        );
    }

    #[test]
    fn key_file_and_permissions() {
        let dir = std::env::temp_dir().join(format!("kash-pos-config-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let key = dir.join("key");
        std::fs::write(&key, "filekey0123456789\n").unwrap();
        let text = GOOD.replace(
            "api_key = \"abcdef0123456789\"",
            &format!("api_key_file = {:?}", key.display().to_string()),
        );
        let cfg = dir.join("config.toml");
        std::fs::write(&cfg, &text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
            std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let c = Config::from_file(&cfg).unwrap();
        assert_eq!(c.api_key.expose(), "filekey0123456789");
        #[cfg(unix)]
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        #[cfg(unix)]
        {
            let e = Config::from_file(Path::new("/dev/zero")).unwrap_err();
            assert!(e.message.contains("larger than"), "{e}");
        }
        let missing = Config::from_file(&dir.join("nope.toml")).unwrap_err();
        assert!(missing.file.ends_with("nope.toml"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

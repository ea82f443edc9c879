//! Who is at the till: the cashiers' optional local PINs and the till (cashbox) chosen on this
//! machine. Both live in a small file beside the configuration, `till-<shop id>.toml`, never
//! in the journal, and are per machine: a PIN set here is asked here only.
//!
//! A PIN is never stored nor logged in clear: the file keeps PBKDF2-HMAC-SHA256 of it, with
//! a random salt per user and the iteration count beside it (a later version may raise it;
//! the PINs set before still verify). A PIN is a few digits: the slow hash makes a copied file
//! costly to try, and the till makes the cashier wait after [`FAILURES_BEFORE_WAIT`] wrong
//! ones.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// PBKDF2-HMAC-SHA256 iterations for a new PIN. The hash runs on the till's event loop when a
/// PIN is checked or set; a PIN has a few digits, so more iterations would slow every switch of
/// cashier without keeping a copied file safe (ten thousand 4-digit PINs): the wait after
/// wrong PINs is what protects the till.
pub const ITERATIONS: u32 = 100_000;
/// Wrong PINs in a row before the till makes the cashier wait.
pub const FAILURES_BEFORE_WAIT: u32 = 3;
/// How long the cashier waits then, in seconds.
pub const WAIT_SECS: i64 = 5;
/// The shortest and longest PIN, in digits.
pub const PIN_MIN: usize = 4;
pub const PIN_MAX: usize = 12;

/// A PIN as stored: salt, iterations and derived key, in hexadecimal.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinHash {
    pub salt: String,
    pub iterations: u32,
    pub hash: String,
}

impl std::fmt::Debug for PinHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Not even the hash goes to a log.
        f.write_str("PinHash(…)")
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn derive(pin: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(pin.as_bytes(), salt, iterations, &mut out);
    out
}

impl PinHash {
    /// The stored form of `pin` with this salt (see [`PinHash::new_random`]).
    pub fn with_salt(pin: &str, salt: [u8; 16], iterations: u32) -> Self {
        Self {
            salt: hex(&salt),
            iterations,
            hash: hex(&derive(pin, &salt, iterations)),
        }
    }

    /// The stored form of `pin`, with a fresh random salt.
    pub fn new_random(pin: &str) -> Self {
        Self::with_salt(pin, rand::random(), ITERATIONS)
    }

    /// Whether `pin` is the PIN this was made from (compared in constant time). A damaged
    /// record matches nothing.
    pub fn verify(&self, pin: &str) -> bool {
        let (Some(salt), Some(expected)) = (unhex(&self.salt), unhex(&self.hash)) else {
            return false;
        };
        if self.iterations == 0 || expected.len() != 32 {
            return false;
        }
        let got = derive(pin, &salt, self.iterations);
        got.iter()
            .zip(&expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

/// Why a PIN typed as a new one is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinRule {
    /// Digits only.
    NotDigits,
    /// Shorter than [`PIN_MIN`] or longer than [`PIN_MAX`].
    Length,
}

/// Checks a new PIN: [`PIN_MIN`] to [`PIN_MAX`] digits.
pub fn check_new_pin(pin: &str) -> Result<(), PinRule> {
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinRule::NotDigits);
    }
    if !(PIN_MIN..=PIN_MAX).contains(&pin.len()) {
        return Err(PinRule::Length);
    }
    Ok(())
}

/// What this machine keeps about its till: the cashbox chosen, the cashiers' PINs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TillFile {
    /// The cashbox (`getCashbox.php`) chosen here, when the configuration fixes none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cashbox_id: Option<u64>,
    /// PIN of each user (`getUsers.php` id, as text: TOML keys are strings).
    #[serde(default)]
    pub pins: BTreeMap<String, PinHash>,
}

impl TillFile {
    pub fn pin(&self, user_id: u64) -> Option<&PinHash> {
        self.pins.get(&user_id.to_string())
    }

    pub fn has_pin(&self, user_id: u64) -> bool {
        self.pin(user_id).is_some()
    }

    /// Sets (or with `None` removes) the PIN of `user_id`.
    pub fn set_pin(&mut self, user_id: u64, pin: Option<PinHash>) {
        match pin {
            Some(p) => {
                self.pins.insert(user_id.to_string(), p);
            }
            None => {
                self.pins.remove(&user_id.to_string());
            }
        }
    }

    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# kash-pos: this till's cashbox and the cashiers' PINs (hashed, PBKDF2-HMAC-SHA256).\n\
             # Written by kash-pos; remove a [pins] line to remove that cashier's PIN.\n{body}"
        )
    }

    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    /// Reads the file; a file that does not exist is an empty one.
    pub fn load(path: &Path) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_toml(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Writes the file whole or not at all, readable by its owner alone.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        crate::report::write_whole(path, self.to_toml().as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// The till file of `shop_id`: beside the configuration file `config` when there is one,
/// else in the user's configuration directory.
pub fn till_path(config: Option<&Path>, shop_id: &str) -> Option<PathBuf> {
    let dir = match config {
        Some(c) => c
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None => directories::ProjectDirs::from("click", "kash", "kash-pos")?
            .config_dir()
            .to_path_buf(),
    };
    let safe: String = shop_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Some(dir.join(format!("till-{safe}.toml")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_verifies_and_another_does_not() {
        let h = PinHash::with_salt("1234", [7; 16], 1000);
        assert!(h.verify("1234"));
        assert!(!h.verify("1235"));
        assert!(!h.verify(""));
        // The salt changes the hash: the same PIN of two cashiers is not the same record.
        let other = PinHash::with_salt("1234", [8; 16], 1000);
        assert_ne!(h.hash, other.hash);
        assert!(other.verify("1234"));
    }

    #[test]
    fn the_pin_is_not_in_the_file_nor_in_debug() {
        let mut f = TillFile::default();
        f.set_pin(2, Some(PinHash::with_salt("424242", [1; 16], 1000)));
        f.cashbox_id = Some(2);
        let text = f.to_toml();
        assert!(!text.contains("424242"), "{text}");
        assert!(!format!("{f:?}").contains("424242"));
        assert!(!format!("{f:?}").contains(&f.pins["2"].hash));
        let back = TillFile::from_toml(&text).unwrap();
        assert_eq!(back, f);
        assert!(back.pin(2).unwrap().verify("424242"));
    }

    #[test]
    fn a_damaged_record_matches_nothing() {
        let mut h = PinHash::with_salt("1234", [7; 16], 1000);
        h.hash.pop();
        assert!(!h.verify("1234"));
        let mut h = PinHash::with_salt("1234", [7; 16], 1000);
        h.salt = "zz".into();
        assert!(!h.verify("1234"));
        let mut h = PinHash::with_salt("1234", [7; 16], 1000);
        h.iterations = 0;
        assert!(!h.verify("1234"));
    }

    #[test]
    fn new_pins_are_four_to_twelve_digits() {
        assert_eq!(check_new_pin("1234"), Ok(()));
        assert_eq!(check_new_pin("123"), Err(PinRule::Length));
        assert_eq!(check_new_pin("1234567890123"), Err(PinRule::Length));
        assert_eq!(check_new_pin("12a4"), Err(PinRule::NotDigits));
    }

    #[test]
    fn saved_whole_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = till_path(Some(&dir.path().join("config.toml")), "shop/1").unwrap();
        assert_eq!(path.file_name().unwrap(), "till-shop_1.toml");
        assert_eq!(TillFile::load(&path).unwrap(), TillFile::default());
        let f = TillFile {
            cashbox_id: Some(3),
            ..Default::default()
        };
        f.save(&path).unwrap();
        assert_eq!(TillFile::load(&path).unwrap(), f);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
        }
        std::fs::write(&path, "pins = 3").unwrap();
        assert!(TillFile::load(&path).is_err());
    }
}

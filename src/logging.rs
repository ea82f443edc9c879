//! The log file, made safe in one place so that no call site can forget:
//!
//! - every secret (the API key, raw and URL-encoded) is replaced by `[redacted]` in every line,
//!   whatever logged it — a server error page that echoes the key included;
//! - control characters, bidi controls and zero-width characters in a line (a server message
//!   with `ESC[2J`, a line break that would forge a log line, a U+202E) are escaped as `\u{…}`;
//! - the files are readable by their owner alone (0600, in a 0700 directory), one per day
//!   (`kash-pos.log.YYYY-MM-DD`).
//!
//! [`Redacting`] wraps any [`MakeWriter`]: tracing formats one event into one buffer, which is
//! cleaned when the event's writer is dropped, then written whole.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tracing_subscriber::fmt::MakeWriter;

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are not redacted: they would hide common words, and a key that
/// short is no secret (the demo shop's key is `demo`).
pub const MIN_SECRET_LEN: usize = 6;

/// Cleans log text: secrets out, invisible and control characters escaped.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// Longest first, so a secret that contains another is replaced whole.
    secrets: Vec<String>,
}

/// Characters that reorder or hide text: bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), the left-to-right and right-to-left marks (U+200E/F), and zero-width
/// characters (U+200B–U+200D, U+2060–U+2064, U+FEFF). Stripped from server text before it is
/// drawn (`kash::json::clean_text`), escaped in logs so what was received stays visible.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// The secrets of this process (the API key), for the text that reaches the screen from the
/// server: [`crate::kash::json::short`] and the refusal messages pass through [`redact`].
static REGISTERED: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Adds a secret that no excerpt of a server answer may show (main registers the key).
pub fn register_secret(secret: &str) {
    let mut list = REGISTERED
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !list.iter().any(|s| s == secret) {
        list.push(secret.to_string());
    }
}

/// The text with every registered secret replaced by [`REDACTED`].
pub fn redact(text: &str) -> String {
    let list = REGISTERED
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if list.is_empty() {
        return text.to_string();
    }
    Redactor::new(list.iter().map(String::as_str)).replace_secrets(text)
}

impl Redactor {
    /// The text with the secrets replaced, nothing else changed.
    pub fn replace_secrets(&self, text: &str) -> String {
        let mut out = text.to_string();
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
        }
        out
    }

    /// A redactor for these secrets, in the forms they can be logged in: as is, and URL-encoded
    /// (a form body, a query string).
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut forms: Vec<String> = Vec::new();
        for secret in secrets {
            let secret = secret.trim();
            if secret.chars().count() < MIN_SECRET_LEN {
                continue;
            }
            forms.push(secret.to_string());
            let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            forms.push(encoded.clone());
            forms.push(encoded.to_ascii_lowercase());
            // Inside JSON text.
            if let Ok(json) = serde_json::to_string(secret) {
                forms.push(json.trim_matches('"').to_string());
            }
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        forms.dedup();
        Self { secrets: forms }
    }

    /// The text with every secret replaced and every control, bidi or zero-width character
    /// escaped; a final line break is kept (one event, one line).
    pub fn clean(&self, text: &str) -> String {
        let out = self.replace_secrets(text);
        let (body, end) = match out.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (out.as_str(), ""),
        };
        let mut escaped = String::with_capacity(body.len() + end.len());
        for c in body.chars() {
            if c.is_control() || is_invisible(c) {
                escaped.extend(c.escape_unicode());
            } else {
                escaped.push(c);
            }
        }
        escaped.push_str(end);
        escaped
    }
}

/// A [`MakeWriter`] whose writers clean what they are given before passing it on.
#[derive(Debug, Clone)]
pub struct Redacting<M> {
    inner: M,
    redactor: Arc<Redactor>,
}

impl<M> Redacting<M> {
    pub fn new(inner: M, redactor: Redactor) -> Self {
        Self {
            inner,
            redactor: Arc::new(redactor),
        }
    }
}

/// One event's writer: collects the event's text, cleans and writes it when dropped (or
/// flushed).
pub struct RedactingWriter<W: Write> {
    inner: W,
    redactor: Arc<Redactor>,
    buffer: Vec<u8>,
}

impl<W: Write> RedactingWriter<W> {
    fn emit(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&self.buffer);
        let clean = self.redactor.clean(&text);
        self.buffer.clear();
        self.inner.write_all(clean.as_bytes())
    }
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.emit()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        // Nowhere to report a failure to write the log.
        let _ = self.emit();
    }
}

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            inner: self.inner.make_writer(),
            redactor: Arc::clone(&self.redactor),
            buffer: Vec::new(),
        }
    }
}

/// Daily log files readable by their owner alone: `<dir>/<prefix>.YYYY-MM-DD`, created 0600.
#[derive(Debug)]
pub struct PrivateDailyFile {
    dir: PathBuf,
    prefix: String,
    day: String,
    file: Option<File>,
}

impl PrivateDailyFile {
    /// Creates the directory (0700) and makes the files already there owner-only too.
    pub fn new(dir: &Path, prefix: &str) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
            for entry in std::fs::read_dir(dir)?.flatten() {
                let name = entry.file_name();
                if name.to_string_lossy().starts_with(prefix) && entry.path().is_file() {
                    std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o600))?;
                }
            }
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            prefix: prefix.to_string(),
            day: String::new(),
            file: None,
        })
    }

    fn today() -> String {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::OffsetDateTime::now_utc()
            .format(&format)
            .unwrap_or_else(|_| "unknown-day".to_string())
    }

    /// The file of the day, opened (or created owner-only) when the day changes.
    fn current(&mut self) -> io::Result<&mut File> {
        let today = Self::today();
        if self.file.is_none() || today != self.day {
            let path = self.dir.join(format!("{}.{today}", self.prefix));
            let mut options = OpenOptions::new();
            options.create(true).append(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt as _;
                options.mode(0o600);
            }
            self.file = Some(options.open(path)?);
            self.day = today;
        }
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other("log file not open"))
    }
}

impl Write for PrivateDailyFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.current()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    const KEY: &str = "sekr3t/0f+the shop&93c1e7";

    #[test]
    fn secrets_are_redacted_in_every_form() {
        let r = Redactor::new([KEY]);
        let encoded: String = url::form_urlencoded::byte_serialize(KEY.as_bytes()).collect();
        let line = format!(
            "error page: <p>Bad key {KEY}</p> body APIKEY={encoded}&x lower {} json {}\n",
            encoded.to_ascii_lowercase(),
            serde_json::to_string(KEY).unwrap()
        );
        let clean = r.clean(&line);
        assert!(!clean.contains(KEY) && !clean.contains(&encoded), "{clean}");
        assert!(!clean.contains("93c1e7"), "{clean}");
        assert_eq!(clean.matches(REDACTED).count(), 4, "{clean}");
        assert!(clean.ends_with('\n'));
        // Short keys (the demo's) are no secret and hide nothing.
        assert_eq!(Redactor::new(["demo"]).clean("shop demo\n"), "shop demo\n");
    }

    #[test]
    fn control_bidi_and_zero_width_characters_are_escaped() {
        let r = Redactor::default();
        let line = "server said \u{1b}[2Jhello\nFAKE LINE\r\u{202e}cba\u{200b}\tend\n";
        let clean = r.clean(line);
        assert_eq!(
            clean,
            "server said \\u{1b}[2Jhello\\u{a}FAKE LINE\\u{d}\\u{202e}cba\\u{200b}\\u{9}end\n"
        );
        assert_eq!(clean.matches('\n').count(), 1);
    }

    /// A writer that keeps what it is given, for the subscriber test.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_subscriber_behind_the_redactor_never_writes_the_key() {
        let sink = Sink::default();
        let out = sink.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(Redacting::new(move || out.clone(), Redactor::new([KEY])))
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let body = format!("<html>500: invalid APIKEY {KEY}\u{1b}[31m</html>");
            tracing::warn!(error = %body, "request failed");
            tracing::info!(key = KEY, "debug print");
            tracing::error!("{KEY:?} in a message");
        });
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(!text.contains("93c1e7"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
        assert_eq!(text.matches(REDACTED).count(), 3, "{text}");
    }

    #[test]
    fn registered_secrets_never_reach_an_excerpt() {
        let key = "registered-k3y-8d1f0c";
        register_secret(key);
        let page = format!("<html><body>Invalid key {key}</body></html>");
        let cut = crate::kash::json::short(&page, 30);
        assert!(!cut.contains("8d1f"), "{cut}");
        assert!(!cut.contains("registered-"), "not even its start: {cut}");
        let refused = serde_json::json!({"result": "ERROR", "message": format!("bad key {key}")});
        assert_eq!(
            crate::kash::json::refusal(&refused).as_deref(),
            Some("bad key [redacted]")
        );
    }

    #[cfg(unix)]
    #[test]
    fn log_files_are_owner_only() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join("state");
        std::fs::create_dir_all(&logs).unwrap();
        let old = logs.join("kash-pos.log.2026-01-01");
        std::fs::write(&old, "old\n").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut file = PrivateDailyFile::new(&logs, "kash-pos.log").unwrap();
        file.write_all(b"line\n").unwrap();
        file.flush().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&logs), 0o700);
        assert_eq!(mode(&old), 0o600);
        let today = logs.join(format!("kash-pos.log.{}", PrivateDailyFile::today()));
        assert_eq!(mode(&today), 0o600);
        assert_eq!(std::fs::read_to_string(&today).unwrap(), "line\n");
    }
}

//! The durable local journal: every order (and every edit or payment of an order) is written
//! here before it goes on the wire, and stays here after the server confirmed it. It is what
//! makes "never lose a sale, never record one twice" possible over an API without idempotency
//! keys (see [`delivery`]).
//!
//! - `SQLite` through rusqlite, WAL, `synchronous=FULL`: a write that returned is on disk.
//! - Each entry has a reference of its own (`KP-` + 10 base32 characters), also written into the
//!   request's private comment as `[kash-pos KP-…]`, so the order can be found on the server
//!   when the outcome of a request is unknown.
//! - Append-only from the app's side: no method deletes a sale except [`Journal::prune_confirmed`],
//!   which only removes confirmed entries older than the retention; a trigger enforces it.
//! - Also holds the basket in progress (one row) and the cached lists for an offline start.
//! - Never holds the API key: requests are stored without credentials.
//!
//! Every method is blocking (`SQLite` with fsync). From async code, call them through
//! `tokio::task::spawn_blocking`, as [`delivery`] does.

mod check;
pub mod delivery;
pub mod drawer;
mod owner;
pub mod settle;
pub mod shift;
pub mod split;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rand::Rng as _;
use rusqlite::{Connection, OptionalExtension as _, Row, params};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;
use time::macros::format_description;

use crate::kash::model::OrderReceipt;
use crate::kash::order::{Order, OrderEdit};

pub use delivery::{
    Blindness, Outcome, Sender, SenderConfig, SenderEvent, SenderHandle, Sight, deliver,
    deliver_with,
};
pub use settle::{ConfirmedBy, DoubleOrder, Hold, Settling};

/// The schema version this code writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 4;

/// What the journal can fail with.
#[derive(Debug, Error)]
pub enum JournalError {
    #[error("journal database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("journal entry {0} does not exist")]
    NotFound(i64),
    #[error("journal entry {seq} is {from}; it cannot become {to}")]
    BadTransition { seq: i64, from: State, to: State },
    #[error("journal entry {seq}: stored request unreadable: {detail}")]
    Corrupt { seq: i64, detail: String },
    #[error(
        "the journal was written by a newer kash-pos (schema {found}, this one knows {known}): \
         run the newer kash-pos, or give this one a journal of its own (--journal FILE)"
    )]
    TooNew { found: i64, known: i64 },
    #[error("journal file: {0}")]
    Io(#[from] std::io::Error),
    #[error("journal: {0}")]
    Other(String),
    /// Another process owns the journal (its lock is held).
    #[error("{}", owner::busy_message(path, *pid))]
    Busy { path: PathBuf, pid: Option<u32> },
    /// The file is a `SQLite` database that `SQLite` itself finds damaged.
    #[error(
        "the journal {} is damaged ({detail}). kash-pos will not use it: quit, move it aside \
         (mv {0} {0}.damaged, with its -wal file if there is one) and start again with a new \
         journal. The confirmed sales are on Kash.click; the others are in the file moved aside \
         (`kash-pos export --journal {0}.damaged` lists what can still be read)",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },
    /// The file is not a kash-pos journal (not `SQLite`, or another program's tables).
    #[error(
        "{} is not a kash-pos journal ({detail}). kash-pos will not write into it: if it belongs \
         to another program, give kash-pos its own file (`--journal FILE` or `[journal] path`); \
         if it was the journal, move it aside (mv {0} {0}.damaged) and start again with a new one",
        path.display()
    )]
    Foreign { path: PathBuf, detail: String },
    /// The journal file was removed or replaced after it was opened.
    #[error(
        "the journal file {} was removed or replaced while kash-pos ran: nothing more is written \
         into it, and no sale can be recorded until kash-pos is started again (it then makes a \
         new journal). The confirmed sales are on Kash.click{recovery}",
        path.display()
    )]
    Gone { path: PathBuf, recovery: String },
    /// Opened read-only (`export`): nothing can be written.
    #[error("the journal {} is open read-only", path.display())]
    ReadOnly { path: PathBuf },
    /// Read-only open of a journal that does not exist.
    #[error("there is no journal at {}: no sale was recorded with this configuration (see `[journal] path`)", path.display())]
    Missing { path: PathBuf },
}

impl JournalError {
    /// The journal as a whole cannot be used (another till owns it, it is damaged, foreign,
    /// gone, or newer): the till must say so and not take sales, rather than fail at payment.
    pub fn is_unusable(&self) -> bool {
        matches!(
            self,
            Self::Busy { .. }
                | Self::Damaged { .. }
                | Self::Foreign { .. }
                | Self::Gone { .. }
                | Self::TooNew { .. }
                | Self::Missing { .. }
        )
    }
}

/// Where an entry is on its way to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum State {
    /// Written, not sent yet (or known not to have been recorded).
    Queued,
    /// The request is (or was, if we crashed) on the wire.
    Sending,
    /// Sent, no readable answer: must be looked up on the server before any resend.
    Uncertain,
    /// The server recorded it and gave an order id. Final.
    Confirmed,
    /// The server said no. Never resent automatically; the cashier decides.
    Refused,
    /// The journal could not tell whether the server recorded it; the cashier decides.
    NeedsCashier,
}

impl State {
    pub const ALL: [Self; 6] = [
        Self::Queued,
        Self::Sending,
        Self::Uncertain,
        Self::Confirmed,
        Self::Refused,
        Self::NeedsCashier,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "Queued",
            Self::Sending => "Sending",
            Self::Uncertain => "Uncertain",
            Self::Confirmed => "Confirmed",
            Self::Refused => "Refused",
            Self::NeedsCashier => "NeedsCashier",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// States the background sender works on without the cashier.
    pub fn is_automatic(self) -> bool {
        matches!(self, Self::Queued | Self::Sending | Self::Uncertain)
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an entry asks the server to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// A new order, through `webapp.php`.
    NewOrder(Order),
    /// A change or a payment of an existing order, through `editOrder.php`.
    Edit(OrderEdit),
    /// One part of a sale paid in several tenders (`editOrder.php` with `payment` and
    /// `paymentAmount`), recorded with its sale in one transaction. It goes on the wire only
    /// once its sale and the parts before it are confirmed.
    Payment(PartPayment),
}

/// How a part payment's request starts in the journal (`{"part":{…}}`, kind `edit`): what SQL
/// filters on to tell parts from other edits.
pub const PART_PREFIX: &str = "{\"part\":";

/// The stored form of a part payment.
#[derive(Serialize, Deserialize)]
struct StoredPart {
    part: PartPayment,
}

/// A part of a split payment. It carries no reference of its own on the server (a validated
/// order's comments cannot change): a lost answer is settled from the order's paid amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartPayment {
    /// The journal entry of the sale whose order this pays.
    pub sale_seq: i64,
    pub mode_id: u64,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: rust_decimal::Decimal,
    /// What the parts before this one pay: the order's paid amount before this part lands.
    #[serde(with = "rust_decimal::serde::str")]
    pub paid_before: rust_decimal::Decimal,
}

impl PartPayment {
    /// The request for the sale's order, once its number is known.
    pub fn edit(&self, order_id: u64) -> OrderEdit {
        OrderEdit {
            order_id,
            changes: Order::new(crate::kash::order::Payment::Mode(self.mode_id)),
            payment_amount: Some(self.amount),
        }
    }
}

impl Request {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::NewOrder(_) => "order",
            Self::Edit(_) => "edit",
            Self::Payment(_) => "payment",
        }
    }

    /// The `kind` column: a part payment is an `editOrder.php` request, stored as `edit` (the
    /// schema's kinds) with its JSON under `"part"` ([`PART_PREFIX`]).
    fn stored_kind(&self) -> &'static str {
        match self {
            Self::NewOrder(_) => "order",
            Self::Edit(_) | Self::Payment(_) => "edit",
        }
    }

    /// The private comment the reference is tagged into; a part payment has none.
    fn private_comment_mut(&mut self) -> Option<&mut Option<String>> {
        match self {
            Self::NewOrder(o) => Some(&mut o.private_comment),
            Self::Edit(e) => Some(&mut e.changes.private_comment),
            Self::Payment(_) => None,
        }
    }

    fn to_json(&self) -> Result<String, JournalError> {
        let text = match self {
            Self::NewOrder(o) => serde_json::to_string(o),
            Self::Edit(e) => serde_json::to_string(e),
            Self::Payment(p) => serde_json::to_string(&StoredPart { part: p.clone() }),
        };
        text.map_err(|e| JournalError::Other(format!("cannot encode the request: {e}")))
    }

    fn from_json(kind: &str, text: &str) -> Result<Self, String> {
        match kind {
            "order" => serde_json::from_str(text)
                .map(Self::NewOrder)
                .map_err(|e| e.to_string()),
            "edit" if text.starts_with(PART_PREFIX) => serde_json::from_str::<StoredPart>(text)
                .map(|s| Self::Payment(s.part))
                .map_err(|e| e.to_string()),
            "edit" => serde_json::from_str(text)
                .map(Self::Edit)
                .map_err(|e| e.to_string()),
            other => Err(format!("unknown kind {other:?}")),
        }
    }
}

/// Inserts a queued entry with a new reference (tagged into its private comment, when it has
/// one) inside `tx`; returns its sequence number.
fn insert_entry(
    tx: &rusqlite::Transaction<'_>,
    request: &Request,
    now: &str,
) -> Result<i64, JournalError> {
    // 50 random bits make a collision unlikely; the UNIQUE constraint makes it harmless.
    for _ in 0..8 {
        let reference = new_reference();
        let mut tagged = request.clone();
        if let Some(comment) = tagged.private_comment_mut() {
            *comment = Some(tag_comment(comment.as_deref(), &reference));
        }
        let inserted = tx.execute(
            "INSERT INTO entries (reference, created_at, updated_at, kind, request, state)
             VALUES (?1, ?2, ?2, ?3, ?4, 'Queued')",
            params![reference, now, tagged.stored_kind(), tagged.to_json()?],
        );
        match inserted {
            Ok(_) => return Ok(tx.last_insert_rowid()),
            // Draw again, tagging the original request.
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(JournalError::Other(
        "could not draw a unique reference".to_string(),
    ))
}

/// The tag written into the private comment: `[kash-pos KP-XXXXXXXXXX]`.
pub fn reference_tag(reference: &str) -> String {
    format!("[kash-pos {reference}]")
}

/// Appends the reference's tag to an existing private comment (or makes it the comment).
pub fn tag_comment(existing: Option<&str>, reference: &str) -> String {
    let tag = reference_tag(reference);
    match existing.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("{c} {tag}"),
        None => tag,
    }
}

/// True when a private comment read back from the server carries this reference's tag.
pub fn comment_has_reference(comment: &str, reference: &str) -> bool {
    comment.contains(&reference_tag(reference))
}

/// A fresh reference: `KP-` and 10 characters of RFC 4648 base32 (50 random bits).
pub fn new_reference() -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut rng = rand::rng();
    let tail: String = (0..10)
        .map(|_| char::from(ALPHABET[rng.random_range(0..32)]))
        .collect();
    format!("KP-{tail}")
}

/// One recorded request and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: i64,
    pub reference: String,
    /// RFC 3339 UTC, millisecond precision (so the text sorts like the time).
    pub created_at: String,
    pub updated_at: String,
    /// With the reference already in its private comment.
    pub request: Request,
    pub state: State,
    pub order_id: Option<u64>,
    pub receipt: Option<OrderReceipt>,
    /// How many times the request went on the wire.
    pub attempts: u32,
    /// How many times the server was searched for the reference.
    pub lookups: u32,
    /// Consecutive look-ups that got an unreadable answer (reset by a readable one).
    pub garbled_lookups: u32,
    pub last_error: Option<String>,
}

/// How many entries are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub queued: usize,
    pub sending: usize,
    pub uncertain: usize,
    pub confirmed: usize,
    pub refused: usize,
    pub needs_cashier: usize,
}

impl Counts {
    /// Sales the background sender still has to deliver ("3 sales waiting").
    pub fn waiting(&self) -> usize {
        self.queued + self.sending + self.uncertain
    }

    /// Sales waiting for the cashier's decision.
    pub fn need_attention(&self) -> usize {
        self.refused + self.needs_cashier
    }
}

/// The time source, injectable for tests.
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// Formats a time as the journal stores it: RFC 3339, UTC, milliseconds, fixed width.
pub fn timestamp(t: OffsetDateTime) -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    t.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".to_string())
}

/// How a journal was opened.
#[derive(Debug)]
enum Access {
    /// In memory (tests, benchmarks): no file, no owner.
    Memory,
    /// A file this process owns: writes check it is still there.
    Owner(owner::Owner),
    /// A file opened to read only (`export`); another till may own it.
    ReadOnly(PathBuf),
}

/// The journal; clones share one connection (and the ownership of the file).
#[derive(Clone)]
pub struct Journal {
    conn: Arc<Mutex<Connection>>,
    clock: Clock,
    access: Arc<Access>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").finish_non_exhaustive()
    }
}

const MIGRATIONS: &[&str] = &[
    // Version 1.
    "CREATE TABLE entries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('order', 'edit')),
        request TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN
            ('Queued', 'Sending', 'Uncertain', 'Confirmed', 'Refused', 'NeedsCashier')),
        order_id INTEGER,
        receipt TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        lookups INTEGER NOT NULL DEFAULT 0,
        garbled_lookups INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE INDEX entries_by_state ON entries (state, seq);
    -- Append-only: only confirmed entries may ever be deleted (retention).
    CREATE TRIGGER entries_keep_unconfirmed BEFORE DELETE ON entries
        WHEN OLD.state <> 'Confirmed'
        BEGIN SELECT RAISE(ABORT, 'only confirmed journal entries can be deleted'); END;
    -- A recorded request never changes.
    CREATE TRIGGER entries_request_immutable BEFORE UPDATE OF reference, request, kind, created_at
        ON entries
        BEGIN SELECT RAISE(ABORT, 'a recorded journal request cannot be changed'); END;
    CREATE TABLE basket (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        json TEXT NOT NULL,
        saved_at TEXT NOT NULL
    );
    CREATE TABLE cache (
        name TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        saved_at TEXT NOT NULL
    );",
    // Version 2: settle windows, holds, doubles (see `settle`).
    settle::MIGRATION_V2,
    // Version 3: the drawer's log (see `drawer`).
    drawer::MIGRATION_V3,
    // Version 4: the drawer's shifts (see `shift`).
    shift::MIGRATION_V4,
];

const ENTRY_COLUMNS: &str = "seq, reference, created_at, updated_at, kind, request, state, \
    order_id, receipt, attempts, lookups, garbled_lookups, last_error";

/// Why an entry left in `Sending` at open is uncertain.
const INTERRUPTED: &str = "kash-pos stopped while the request was on the wire";

impl Journal {
    /// The journal's usual place: `journal.sqlite3` in the user's data directory.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("click", "kash", "kash-pos")
            .map(|d| d.data_dir().join("journal.sqlite3"))
    }

    /// Opens (or creates) the journal file for the till that owns it, creating its directory.
    ///
    /// Takes the journal's lock for as long as any clone of the journal lives
    /// ([`JournalError::Busy`] when another process has it), checks the file
    /// ([`JournalError::Damaged`], [`JournalError::Foreign`], [`JournalError::TooNew`]), migrates
    /// it, and marks the requests a previous run left on the wire as uncertain.
    pub fn open(path: &Path) -> Result<Self, JournalError> {
        Self::open_with_clock(path, Arc::new(OffsetDateTime::now_utc))
    }

    pub fn open_with_clock(path: &Path, clock: Clock) -> Result<Self, JournalError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        // The lock first: a second till must not even read the file as its own.
        let mut owner = owner::Owner::acquire(path)?;
        let conn = Connection::open(path).map_err(|e| check::classify(path, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version = check::version(&conn, path)?;
        if version == 0 {
            check::fresh(&conn, path)?;
        } else {
            check::integrity(&conn, path)?;
        }
        let journal = Self::setup(conn, clock, Access::Memory, path)?;
        owner.bind()?;
        let journal = Self {
            access: Arc::new(Access::Owner(owner)),
            ..journal
        };
        journal.recover()?;
        Ok(journal)
    }

    /// Opens an existing journal to read it only (`kash-pos export`, any reader), while its
    /// till may be running: no lock taken, nothing migrated, nothing marked, nothing written.
    pub fn open_read_only(path: &Path) -> Result<Self, JournalError> {
        if !path.exists() {
            return Err(JournalError::Missing {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| check::classify(path, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version = check::version(&conn, path)?;
        let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
        if version > known {
            return Err(JournalError::TooNew {
                found: version,
                known,
            });
        }
        if version == 0 {
            check::fresh(&conn, path)?;
            return Err(JournalError::Foreign {
                path: path.to_path_buf(),
                detail: "an empty database".to_string(),
            });
        }
        check::schema(&conn, path)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            clock: Arc::new(OffsetDateTime::now_utc),
            access: Arc::new(Access::ReadOnly(path.to_path_buf())),
        })
    }

    /// A journal that lives in memory only (tests, the demo).
    pub fn open_in_memory() -> Result<Self, JournalError> {
        Self::open_in_memory_with_clock(Arc::new(OffsetDateTime::now_utc))
    }

    pub fn open_in_memory_with_clock(clock: Clock) -> Result<Self, JournalError> {
        let journal = Self::setup(
            Connection::open_in_memory()?,
            clock,
            Access::Memory,
            Path::new(":memory:"),
        )?;
        journal.recover()?;
        Ok(journal)
    }

    fn setup(
        mut conn: Connection,
        clock: Clock,
        access: Access,
        path: &Path,
    ) -> Result<Self, JournalError> {
        // Readers (`export`) may hold SQLite's lock briefly.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // `journal_mode` answers with a row; an in-memory database stays "memory".
        let _mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| check::classify(path, e))?;
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        migrate(&mut conn).map_err(|e| match e {
            JournalError::Sql(e) => check::classify(path, e),
            other => other,
        })?;
        check::schema(&conn, path)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            clock,
            access: Arc::new(access),
        })
    }

    /// Before any write: this process owns the file and the path still names it.
    /// The file of the journal (none in memory).
    pub fn path(&self) -> Option<&Path> {
        match &*self.access {
            Access::Memory => None,
            Access::Owner(owner) => Some(owner.path()),
            Access::ReadOnly(path) => Some(path),
        }
    }

    fn writable(&self) -> Result<(), JournalError> {
        match self.access.as_ref() {
            Access::Memory => Ok(()),
            Access::Owner(owner) => owner.check(),
            Access::ReadOnly(path) => Err(JournalError::ReadOnly { path: path.clone() }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock left no transaction open (rusqlite rolls back on drop),
        // so the connection is still sound.
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn now(&self) -> String {
        timestamp((self.clock)())
    }

    /// At open: a request left `Sending` may or may not have reached the server.
    fn recover(&self) -> Result<usize, JournalError> {
        self.writable()?;
        let now = self.now();
        let n = self.lock().execute(
            "UPDATE entries SET state = 'Uncertain', updated_at = ?1, last_error = ?2,
             window_since = ?1, window_lookups = 0
             WHERE state = 'Sending'",
            params![now, INTERRUPTED],
        )?;
        if n > 0 {
            tracing::warn!(
                entries = n,
                "journal: requests interrupted by a stop are uncertain"
            );
        }
        Ok(n)
    }

    /// Writes a request with a new reference (also put into its private comment), state
    /// `Queued`. On disk when this returns.
    pub fn record(&self, request: Request) -> Result<Entry, JournalError> {
        self.record_inner(request, false)
    }

    /// Records a sale and forgets the saved basket in one transaction: after a crash the basket
    /// is either still there to restore or already in the queue, never both (which would let the
    /// cashier ring it up twice).
    pub fn record_sale(&self, order: Order) -> Result<Entry, JournalError> {
        self.record_inner(Request::NewOrder(order), true)
    }

    fn record_inner(&self, request: Request, clear_basket: bool) -> Result<Entry, JournalError> {
        self.writable()?;
        let now = self.now();
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let seq = insert_entry(&tx, &request, &now)?;
        if clear_basket {
            tx.execute("DELETE FROM basket", [])?;
        }
        tx.commit()?;
        drop(conn);
        self.entry(seq)
    }

    /// Records a sale paid in several tenders as one unit: the order (`payment` = `-1`,
    /// validated and unpaid until its parts pay it) and each part, in one transaction that also forgets the saved
    /// basket. Each part goes on the wire after the sale and the parts before it are
    /// confirmed. Returns the sale's entry.
    pub fn record_split(
        &self,
        mut order: Order,
        parts: &[(u64, rust_decimal::Decimal)],
    ) -> Result<Entry, JournalError> {
        self.writable()?;
        // Validated, unpaid: final at once (nothing can be added), paid by its parts.
        order.payment = crate::kash::order::Payment::Validated;
        let now = self.now();
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let sale_seq = insert_entry(&tx, &Request::NewOrder(order), &now)?;
        let mut paid_before = rust_decimal::Decimal::ZERO;
        for (mode_id, amount) in parts {
            let part = PartPayment {
                sale_seq,
                mode_id: *mode_id,
                amount: *amount,
                paid_before,
            };
            insert_entry(&tx, &Request::Payment(part), &now)?;
            paid_before = paid_before
                .checked_add(*amount)
                .ok_or_else(|| JournalError::Other("the parts overflow".to_string()))?;
        }
        tx.execute("DELETE FROM basket", [])?;
        tx.commit()?;
        drop(conn);
        self.entry(sale_seq)
    }

    /// Records a new order (`webapp.php`).
    pub fn record_order(&self, order: Order) -> Result<Entry, JournalError> {
        self.record(Request::NewOrder(order))
    }

    /// Records an edit or a payment of an order (`editOrder.php`).
    pub fn record_edit(&self, edit: OrderEdit) -> Result<Entry, JournalError> {
        self.record(Request::Edit(edit))
    }

    /// One entry.
    pub fn entry(&self, seq: i64) -> Result<Entry, JournalError> {
        let conn = self.lock();
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE seq = ?1");
        let row = conn
            .query_row(&sql, params![seq], read_row)
            .optional()?
            .ok_or(JournalError::NotFound(seq))?;
        row.into_entry()
    }

    /// The entry with this reference.
    pub fn entry_by_reference(&self, reference: &str) -> Result<Option<Entry>, JournalError> {
        let conn = self.lock();
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE reference = ?1");
        conn.query_row(&sql, params![reference], read_row)
            .optional()?
            .map(RawEntry::into_entry)
            .transpose()
    }

    fn select(&self, filter: &str) -> Result<Vec<Entry>, JournalError> {
        let conn = self.lock();
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries {filter} ORDER BY seq");
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([], read_row)?;
        let mut out = Vec::new();
        for row in rows {
            // An unreadable row never hides the others; `unreadable()` lists it.
            match row?.into_entry() {
                Ok(e) => out.push(e),
                Err(JournalError::Corrupt { seq, detail }) => {
                    tracing::warn!(seq, %detail, "journal entry unreadable");
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Every entry not confirmed and not refused, oldest first: what still has to reach the
    /// server, and what waits for the cashier (`NeedsCashier`).
    pub fn unfinished(&self) -> Result<Vec<Entry>, JournalError> {
        self.select("WHERE state IN ('Queued', 'Sending', 'Uncertain', 'NeedsCashier')")
    }

    /// Entries waiting for the cashier: refused, or outcome unknown.
    pub fn needing_attention(&self) -> Result<Vec<Entry>, JournalError> {
        self.select("WHERE state IN ('Refused', 'NeedsCashier')")
    }

    /// The oldest entry the background sender has to work on.
    pub fn next_to_send(&self) -> Result<Option<Entry>, JournalError> {
        // Unreadable rows are quarantined on the way, so one of them never stops the queue.
        Ok(self
            .readable("WHERE state IN ('Queued', 'Sending', 'Uncertain')")?
            .into_iter()
            .next())
    }

    /// The new orders not refused whose request contains `fragment` (a comment tag), oldest
    /// first.
    pub fn orders_containing(&self, fragment: &str) -> Result<Vec<Entry>, JournalError> {
        let conn = self.lock();
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries
             WHERE kind = 'order' AND state <> 'Refused' AND instr(request, ?1) > 0
             ORDER BY seq"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params![fragment], read_row)?;
        let mut out = Vec::new();
        for row in rows {
            match row?.into_entry() {
                Ok(e) => out.push(e),
                Err(JournalError::Corrupt { seq, detail }) => {
                    tracing::warn!(seq, %detail, "journal entry unreadable");
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Every entry, oldest first.
    pub fn all(&self) -> Result<Vec<Entry>, JournalError> {
        self.select("")
    }

    pub fn counts(&self) -> Result<Counts, JournalError> {
        let conn = self.lock();
        let mut stmt = conn.prepare("SELECT state, COUNT(*) FROM entries GROUP BY state")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut c = Counts::default();
        for row in rows {
            let (state, n) = row?;
            let n = usize::try_from(n).unwrap_or(0);
            match State::parse(&state) {
                Some(State::Queued) => c.queued = n,
                Some(State::Sending) => c.sending = n,
                Some(State::Uncertain) => c.uncertain = n,
                Some(State::Confirmed) => c.confirmed = n,
                Some(State::Refused) => c.refused = n,
                Some(State::NeedsCashier) => c.needs_cashier = n,
                None => {}
            }
        }
        Ok(c)
    }

    /// Moves an entry from one of `from` to `to`, setting extra columns, in one statement so
    /// two tasks cannot both win the same transition.
    fn transition(
        &self,
        seq: i64,
        from: &[State],
        to: State,
        set: &str,
        extra: &[&dyn rusqlite::ToSql],
    ) -> Result<(), JournalError> {
        self.writable()?;
        let now = self.now();
        let allowed = from
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let sets = if set.is_empty() {
            String::new()
        } else {
            format!(", {set}")
        };
        // Only fixed identifiers are formatted in; every value is a parameter.
        let sql = format!(
            "UPDATE entries SET state = ?1, updated_at = ?2{sets}
             WHERE seq = ?3 AND state IN ({allowed})"
        );
        let state = to.as_str();
        let mut values: Vec<&dyn rusqlite::ToSql> = vec![&state, &now, &seq];
        values.extend_from_slice(extra);
        let conn = self.lock();
        let n = conn.execute(&sql, values.as_slice())?;
        if n == 1 {
            return Ok(());
        }
        let current: Option<String> = conn
            .query_row(
                "SELECT state FROM entries WHERE seq = ?1",
                params![seq],
                |r| r.get(0),
            )
            .optional()?;
        match current.as_deref().and_then(State::parse) {
            Some(from) => Err(JournalError::BadTransition { seq, from, to }),
            None => Err(JournalError::NotFound(seq)),
        }
    }

    /// The request is about to leave. Durable before it does.
    pub fn mark_sending(&self, seq: i64) -> Result<(), JournalError> {
        self.transition(
            seq,
            &[State::Queued],
            State::Sending,
            "attempts = attempts + 1",
            &[],
        )
    }

    /// The server recorded it: final.
    pub fn mark_confirmed(&self, seq: i64, receipt: &OrderReceipt) -> Result<(), JournalError> {
        let json = serde_json::to_string(receipt)
            .map_err(|e| JournalError::Other(format!("cannot encode the receipt: {e}")))?;
        let order_id = i64::try_from(receipt.order_id)
            .map_err(|_| JournalError::Other(format!("order id {} too big", receipt.order_id)))?;
        self.transition(
            seq,
            // Refused: a resend was refused, and the first copy was found after all.
            &[
                State::Sending,
                State::Uncertain,
                State::NeedsCashier,
                State::Refused,
            ],
            State::Confirmed,
            "order_id = ?4, receipt = ?5, last_error = NULL",
            &[&order_id, &json],
        )
    }

    /// The server refused it; it is not resent unless the cashier asks ([`Journal::requeue`]).
    pub fn mark_refused(&self, seq: i64, message: &str) -> Result<(), JournalError> {
        self.transition(
            seq,
            &[State::Sending, State::Uncertain],
            State::Refused,
            "last_error = ?4",
            &[&message],
        )
    }

    /// Sent, but no readable answer: look it up before any resend.
    pub fn mark_uncertain(&self, seq: i64, error: &str) -> Result<(), JournalError> {
        self.transition(
            seq,
            &[State::Sending, State::Uncertain],
            State::Uncertain,
            // The settle window starts with the first unknown answer and goes on after that.
            "last_error = ?4, window_since = COALESCE(window_since, ?2)",
            &[&error],
        )
    }

    /// The journal cannot tell whether the server recorded it: the cashier must choose
    /// ([`Journal::resolve_as_recorded`] or [`Journal::requeue`]).
    pub fn mark_needs_cashier(&self, seq: i64, why: &str) -> Result<(), JournalError> {
        self.transition(
            seq,
            &[State::Queued, State::Sending, State::Uncertain],
            State::NeedsCashier,
            "last_error = ?4",
            &[&why],
        )
    }

    /// Back in the queue: the request did not reach the server (`Sending`), a look-up showed
    /// it was not recorded (`Uncertain`), or the cashier chose to send it again (`Refused`,
    /// `NeedsCashier`).
    pub fn requeue(&self, seq: i64) -> Result<(), JournalError> {
        self.transition(
            seq,
            &[
                State::Sending,
                State::Uncertain,
                State::Refused,
                State::NeedsCashier,
            ],
            State::Queued,
            "garbled_lookups = 0, window_since = NULL, window_lookups = 0, hold = NULL, \
             candidate_order_id = NULL",
            &[],
        )
    }

    /// Like [`Journal::requeue`], keeping why it went back for the log and the export.
    pub fn requeue_with(&self, seq: i64, why: &str) -> Result<(), JournalError> {
        self.transition(
            seq,
            &[State::Sending, State::Uncertain],
            State::Queued,
            "garbled_lookups = 0, last_error = ?4, window_since = NULL, window_lookups = 0, \
             hold = NULL, candidate_order_id = NULL",
            &[&why],
        )
    }

    /// The cashier's choice: the order is on the server with this id (seen in the back office).
    pub fn resolve_as_recorded(&self, seq: i64, order_id: u64) -> Result<(), JournalError> {
        let receipt = OrderReceipt {
            order_id,
            payment_link: None,
            invoice: None,
            quote: None,
        };
        self.confirm_by(seq, &receipt, settle::ConfirmedBy::Cashier)
    }

    /// Deletes confirmed entries last changed before `older_than`: the retention setting. The
    /// only deletion there is; anything not confirmed stays, and so do the sales of a shift
    /// still open (one with an event since the last close): its close counts them.
    pub fn prune_confirmed(&self, older_than: OffsetDateTime) -> Result<usize, JournalError> {
        self.writable()?;
        let limit = timestamp(older_than);
        Ok(self.lock().execute(
            "DELETE FROM entries WHERE state = 'Confirmed' AND updated_at < ?1
             AND NOT (seq > (SELECT COALESCE(MAX(entries_upto), 0) FROM shift
                             WHERE kind = 'close')
                      AND EXISTS (SELECT 1 FROM shift WHERE seq >
                             (SELECT COALESCE(MAX(seq), 0) FROM shift WHERE kind = 'close')))",
            params![limit],
        )?)
    }

    /// Every entry as a JSON array.
    pub fn export_json(&self, mut out: impl Write) -> Result<(), JournalError> {
        let all = self.all()?;
        let all = all
            .iter()
            .map(|e| Ok(settle::Exported::new(e, self.settling(e.seq)?)))
            .collect::<Result<Vec<_>, JournalError>>()?;
        serde_json::to_writer_pretty(&mut out, &all)
            .map_err(|e| JournalError::Other(format!("cannot write the export: {e}")))?;
        out.write_all(b"\n")?;
        Ok(())
    }

    /// Every entry as CSV (RFC 4180, `,`-separated, the request as JSON in the last column).
    pub fn export_csv(&self, mut out: impl Write) -> Result<(), JournalError> {
        writeln!(
            out,
            "seq,reference,created_at,updated_at,kind,state,order_id,attempts,lookups,last_error,request,double_order_id,candidate_order_id"
        )?;
        for e in self.all()? {
            let s = self.settling(e.seq)?;
            let state = settle::export_state(&e, &s);
            let request = match &e.request {
                Request::NewOrder(o) => serde_json::to_string(o),
                Request::Edit(x) => serde_json::to_string(x),
                Request::Payment(p) => serde_json::to_string(p),
            }
            .unwrap_or_default();
            let fields = [
                e.seq.to_string(),
                e.reference,
                e.created_at,
                e.updated_at,
                e.request.kind().to_string(),
                state,
                e.order_id.map(|i| i.to_string()).unwrap_or_default(),
                e.attempts.to_string(),
                e.lookups.to_string(),
                e.last_error.unwrap_or_default(),
                request,
                s.double_order_id.map(|i| i.to_string()).unwrap_or_default(),
                s.candidate_order_id
                    .map(|i| i.to_string())
                    .unwrap_or_default(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            writeln!(out, "{}", line.join(","))?;
        }
        // Rows that cannot be read are exported as they stand, never left out.
        for u in self.unreadable()? {
            let fields = [
                u.seq.to_string(),
                u.reference,
                u.created_at,
                String::new(),
                String::new(),
                format!("{}/unreadable", u.state),
                String::new(),
                String::new(),
                String::new(),
                u.detail,
                String::new(),
                String::new(),
                String::new(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            writeln!(out, "{}", line.join(","))?;
        }
        Ok(())
    }

    /// Saves the basket in progress (any JSON the app chooses), replacing the previous one.
    pub fn save_basket(&self, json: &str) -> Result<(), JournalError> {
        self.writable()?;
        let now = self.now();
        self.lock().execute(
            "INSERT INTO basket (id, json, saved_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at",
            params![json, now],
        )?;
        Ok(())
    }

    /// The basket saved last, if any.
    pub fn load_basket(&self) -> Result<Option<String>, JournalError> {
        Ok(self
            .lock()
            .query_row("SELECT json FROM basket WHERE id = 1", [], |r| r.get(0))
            .optional()?)
    }

    /// The basket was recorded (or cancelled by the cashier): nothing to restore.
    pub fn clear_basket(&self) -> Result<(), JournalError> {
        self.writable()?;
        self.lock().execute("DELETE FROM basket", [])?;
        Ok(())
    }

    /// Saves a list for an offline start (`"items"`, `"payment_modes"`, `"tables"`…).
    pub fn save_cache(&self, name: &str, json: &str) -> Result<(), JournalError> {
        self.writable()?;
        let now = self.now();
        self.lock().execute(
            "INSERT INTO cache (name, json, saved_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at",
            params![name, json, now],
        )?;
        Ok(())
    }

    /// Marks the saved copy of a list fresh as it is: a fresh list that is its saved copy to the
    /// byte updates the time only (at 100 000 items, 8 MB not written again at every start).
    /// `false` when there is no copy of that name.
    pub fn touch_cache(&self, name: &str) -> Result<bool, JournalError> {
        self.writable()?;
        let now = self.now();
        let n = self.lock().execute(
            "UPDATE cache SET saved_at = ?2 WHERE name = ?1",
            params![name, now],
        )?;
        Ok(n > 0)
    }

    /// A cached list and when it was saved (RFC 3339 UTC).
    pub fn load_cache(&self, name: &str) -> Result<Option<(String, String)>, JournalError> {
        Ok(self
            .lock()
            .query_row(
                "SELECT json, saved_at FROM cache WHERE name = ?1",
                params![name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn migrate(conn: &mut Connection) -> Result<(), JournalError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    if version > known {
        return Err(JournalError::TooNew {
            found: version,
            known,
        });
    }
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(version).unwrap_or(0))
    {
        let target = index + 1;
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        // PRAGMA takes no parameters; `target` is a number of ours.
        tx.execute_batch(&format!("PRAGMA user_version = {target}"))?;
        tx.commit()?;
    }
    Ok(())
}

/// A row as stored, before its JSON columns are read.
struct RawEntry {
    seq: i64,
    reference: String,
    created_at: String,
    updated_at: String,
    kind: String,
    request: String,
    state: String,
    order_id: Option<i64>,
    receipt: Option<String>,
    attempts: i64,
    lookups: i64,
    garbled_lookups: i64,
    last_error: Option<String>,
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<RawEntry> {
    Ok(RawEntry {
        seq: r.get(0)?,
        reference: r.get(1)?,
        created_at: r.get(2)?,
        updated_at: r.get(3)?,
        kind: r.get(4)?,
        request: r.get(5)?,
        state: r.get(6)?,
        order_id: r.get(7)?,
        receipt: r.get(8)?,
        attempts: r.get(9)?,
        lookups: r.get(10)?,
        garbled_lookups: r.get(11)?,
        last_error: r.get(12)?,
    })
}

impl RawEntry {
    fn into_entry(self) -> Result<Entry, JournalError> {
        let seq = self.seq;
        let corrupt = |detail: String| JournalError::Corrupt { seq, detail };
        let request = Request::from_json(&self.kind, &self.request).map_err(corrupt)?;
        let state = State::parse(&self.state)
            .ok_or_else(|| corrupt(format!("unknown state {:?}", self.state)))?;
        let receipt = match self.receipt {
            Some(text) => Some(serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))?),
            None => None,
        };
        let count = |n: i64| u32::try_from(n).unwrap_or(0);
        Ok(Entry {
            seq,
            reference: self.reference,
            created_at: self.created_at,
            updated_at: self.updated_at,
            request,
            state,
            order_id: self.order_id.and_then(|i| u64::try_from(i).ok()),
            receipt,
            attempts: count(self.attempts),
            lookups: count(self.lookups),
            garbled_lookups: count(self.garbled_lookups),
            last_error: self.last_error,
        })
    }
}

#[cfg(test)]
mod tests;

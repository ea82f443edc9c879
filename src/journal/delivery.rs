//! Exactly-once delivery of journal entries over [`KashClient`], without help from the API.
//!
//! The rules:
//! - Only a clear refusal in the body, or no connection at all, says a request was not acted
//!   upon. Anything else (a timeout, a dropped connection, any 3xx/4xx/5xx, HTML, garbage, a
//!   `success` without a usable order id) is an **unknown outcome**.
//! - An unknown outcome is never settled by one look-up. The reference is looked up (in
//!   `getPending.php` and `getOrders.php`, by the private comment) again and again over a
//!   **settle window** longer than the server could still be working on the request: at least
//!   twice the request timeout and at least [`MIN_SETTLE_WINDOW`]. Found → confirmed. Sent
//!   again only when the window has passed, every look-up in it answered (a look-up that did
//!   not answer starts the window again) and at least [`SIGHTED_LOOKUPS_BEFORE_RESEND`] of
//!   them could see.
//! - **A look-up proves it can see.** The reference of the most recent sale the server
//!   confirmed is the control: a look-up is [`Sight::Sighted`] only when it finds the control
//!   in the listings and window it used. Otherwise it is [`Sight::Blind`]: not finding a
//!   reference proves nothing, and a sale of unknown outcome is never sent again by itself; at
//!   the end of its window it waits for the cashier with the order that is probably it (same
//!   total, same lines where readable), or none.
//! - The look-up's window uses the server's clock (the `Date` headers), so a till whose clock
//!   is off still finds its sales.
//! - **A double is caught.** A resent sale is watched for a while; if its reference is ever
//!   found on two orders, the journal records the second order and the sender says so.
//! - An entry whose request cannot be read is quarantined for the cashier; the others go on.
//!   The sender's loop never ends on one entry's error.
//!
//! Journal calls are blocking `SQLite` writes with fsync; they run on tokio's blocking pool
//! (`spawn_blocking`) so they never stall the async workers that draw the screen.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use time::OffsetDateTime;
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;

use super::settle::{ConfirmedBy, Control, DoubleOrder, Hold, Settling, created_time};
use super::{Entry, Journal, JournalError, Request, State, comment_has_reference};
use crate::kash::model::{OrderReceipt, PendingOrder};
use crate::kash::order::{ItemsListEntry, Order};
use crate::kash::{KashClient, KashError, OrdersQuery};

/// Consecutive unreadable look-up answers before an uncertain entry goes to the cashier. Five:
/// a transient fault (a maintenance page, a truncated body) rarely repeats five times at the
/// sender's backoff, while a server that keeps answering garbage should not hold a sale
/// silently for long.
pub const GARBLED_LOOKUPS_BEFORE_CASHIER: u32 = 5;

/// The shortest settle window the till runs with (configuration refuses less).
pub const MIN_SETTLE_WINDOW: Duration = Duration::from_secs(60);

/// Sighted look-ups a window needs before its sale may be sent again: never one.
pub const SIGHTED_LOOKUPS_BEFORE_RESEND: u32 = 2;

/// Whether the look-up can see the till's references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sight {
    /// No look-up has answered yet.
    Unknown,
    /// The last look-up found the control (the most recent confirmed sale's reference).
    Sighted { control: String },
    /// The last look-up could not show it sees: not finding a reference proves nothing.
    Blind { why: Blindness },
}

/// Why a look-up is blind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blindness {
    /// No sale confirmed yet: nothing to check the look-up against.
    NoControl,
    /// The last confirmed sale is seen among the open orders only.
    OpenOnly { reference: String },
    /// `getOrders.php` is not served and the last confirmed sale is not open.
    NoPeriodNotOpen { reference: String },
    /// The last confirmed sale is not in the listings with its reference.
    NotListed { reference: String, order_id: u64 },
}

impl Blindness {
    /// Why, in `lang` (the log and the journal take the English, through `Display`).
    pub fn text_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::s;
        match self {
            Self::NoControl => lang.t("blind-no-control"),
            Self::OpenOnly { reference } => {
                lang.ta("blind-open-only", &[("reference", s(reference.as_str()))])
            }
            Self::NoPeriodNotOpen { reference } => lang.ta(
                "blind-no-period-not-open",
                &[("reference", s(reference.as_str()))],
            ),
            Self::NotListed {
                reference,
                order_id,
            } => lang.ta(
                "blind-not-listed",
                &[
                    ("reference", s(reference.as_str())),
                    ("order", s(order_id.to_string())),
                ],
            ),
        }
    }
}

impl std::fmt::Display for Blindness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text_in(crate::i18n::Lang::En))
    }
}

impl Sight {
    pub fn is_sighted(&self) -> bool {
        matches!(self, Self::Sighted { .. })
    }

    /// One word for a status bar or `kash-pos check`: `sighted`, `blind`, `unknown`.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Sighted { .. } => "sighted",
            Self::Blind { .. } => "blind",
        }
    }

    /// What follows for the cashier, in one sentence.
    pub fn cashier_message(&self) -> String {
        self.cashier_message_in(crate::i18n::Lang::En)
    }

    /// The state in a sentence for the cashier, in `lang`.
    pub fn cashier_message_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::s;
        match self {
            Self::Unknown => lang.t("sight-unknown"),
            Self::Sighted { control } => {
                lang.ta("sight-sighted", &[("control", s(control.clone()))])
            }
            Self::Blind { why } => lang.ta("sight-blind", &[("why", s(why.text_in(lang)))]),
        }
    }
}

/// What one delivery attempt (or one look-up) ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server has the order (sent now, or found by its reference).
    Confirmed(OrderReceipt),
    /// The server said no; not resent automatically.
    Refused(String),
    /// Not sent (server unreachable, or the request never left): retry later.
    Offline(KashError),
    /// May or may not be recorded, and the last look-up did not answer: looked up again.
    Uncertain(KashError),
    /// May or may not be recorded: in its settle window, looked up `lookups` times (by
    /// sighted look-ups in the window), not found yet.
    Settling { lookups: u32, sighted: bool },
    /// The cashier must decide whether the server has it.
    NeedsCashier(String),
    /// The journal itself could not be read or written (disk full, file removed). Nothing was
    /// sent unrecorded: a request whose `Sending` mark failed never leaves.
    JournalFailed(String),
    /// The sale was found recorded twice: the journal keeps both order numbers.
    Double(DoubleOrder),
    /// The look-up's sight changed (sighted / blind).
    Sight(Sight),
    /// A part of a split payment waits for its sale, or the part before it, to be confirmed.
    Waiting,
}

impl Outcome {
    /// True when the sender should wait before trying the entry again.
    pub fn should_back_off(&self) -> bool {
        matches!(
            self,
            Self::Offline(_) | Self::Uncertain(_) | Self::Settling { .. } | Self::JournalFailed(_)
        )
    }
}

async fn blocking<T, F>(journal: &Journal, f: F) -> Result<T, JournalError>
where
    T: Send + 'static,
    F: FnOnce(&Journal) -> Result<T, JournalError> + Send + 'static,
{
    let j = journal.clone();
    tokio::task::spawn_blocking(move || f(&j))
        .await
        .map_err(|e| JournalError::Other(format!("journal task failed: {e}")))?
}

/// How the sender works: its backoff, the settle window and the look-ups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SenderConfig {
    /// First wait after a failed attempt.
    pub initial_backoff: Duration,
    /// The wait doubles up to this.
    pub max_backoff: Duration,
    /// How long an unknown outcome is looked up before a resend (or the cashier). The sender
    /// uses at least twice the client's timeout.
    pub settle_window: Duration,
    /// The pause between two look-ups.
    pub lookup_interval: Duration,
    /// How long a resent sale is still looked up for a double.
    pub double_watch: Duration,
    /// Added on both sides of the look-up's `getOrders.php` period (server's local days,
    /// clocks that disagree by more than the `Date` header can tell).
    pub lookup_margin: Duration,
    /// Held entries older than this are no longer looked up.
    pub held_horizon: Duration,
}

impl Default for SenderConfig {
    fn default() -> Self {
        Self {
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            settle_window: MIN_SETTLE_WINDOW,
            lookup_interval: Duration::from_secs(5),
            double_watch: Duration::from_secs(15 * 60),
            lookup_margin: Duration::from_secs(24 * 3600),
            held_horizon: Duration::from_secs(24 * 3600),
        }
    }
}

impl SenderConfig {
    /// The settings of a till: `settle_secs` from `[journal]` (at least 60 s), and at least
    /// twice the request timeout.
    pub fn for_till(request_timeout: Duration, settle_secs: Option<u64>) -> Self {
        let configured = settle_secs.map_or(MIN_SETTLE_WINDOW, Duration::from_secs);
        Self {
            settle_window: configured
                .max(MIN_SETTLE_WINDOW)
                .max(request_timeout.saturating_mul(2)),
            ..Self::default()
        }
    }

    /// The window the sender applies with this client.
    pub fn window_for(&self, client: &KashClient) -> Duration {
        self.settle_window.max(client.timeout().saturating_mul(2))
    }
}

fn to_time(d: Duration) -> time::Duration {
    time::Duration::try_from(d).unwrap_or(time::Duration::DAY)
}

/// What one look-up saw: the orders of `getPending.php` and `getOrders.php` (one copy each).
struct Listing {
    orders: Vec<PendingOrder>,
    /// Elements that could not be read: a reference may hide in one.
    skipped: usize,
    /// `getOrders.php` was not served (404): the period was not searched.
    no_period: bool,
    /// The server's clock minus this machine's, as the answers told it.
    skew: time::Duration,
    /// The private comments of the period's listing (`getOrders.php`).
    period_comments: Vec<String>,
}

impl Listing {
    fn in_period(&self, reference: &str) -> bool {
        self.period_comments
            .iter()
            .any(|c| comment_has_reference(c, reference))
    }
}

enum View {
    Failed(KashError),
    Answered {
        listing: Listing,
        /// Sighted only when the control is in the period's listing (`getOrders.php`), which
        /// holds every order, open or paid.
        sight: Sight,
        /// The control was found among the open orders only: the look-up can see open
        /// orders, and nothing else (a paid sale leaves `getPending.php`).
        open_only: bool,
    },
}

/// True for a sale that stays among the open orders once recorded.
fn stays_open(entry: &Entry) -> bool {
    matches!(&entry.request, Request::NewOrder(o) if o.payment == crate::kash::order::Payment::Open)
}

fn garbled(e: &KashError) -> bool {
    matches!(e, KashError::NotJson { .. } | KashError::BadShape { .. })
}

fn found_ids(listing: &Listing, reference: &str) -> Vec<u64> {
    let mut ids: Vec<u64> = listing
        .orders
        .iter()
        .filter(|o| comment_has_reference(&o.private_comment, reference))
        .map(|o| o.order_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// One look-up: both listings, over a period that covers the targets and the control on the
/// server's clock; then whether it saw the control.
async fn look(
    client: &KashClient,
    config: &SenderConfig,
    targets: &[Entry],
    control: Option<&Control>,
    also_from: Option<OffsetDateTime>,
) -> View {
    let mut orders: BTreeMap<u64, PendingOrder> = BTreeMap::new();
    let mut skipped = 0;
    let open_list = match client.pending().await {
        Ok(list) => {
            skipped += list.skipped.len();
            list.items
        }
        Err(e) => return View::Failed(e),
    };
    // The first answer told the server's clock: the period is on it.
    let skew = client
        .server_clock()
        .map_or(time::Duration::ZERO, |c| c.skew);
    let margin = to_time(config.lookup_margin);
    let earliest = targets
        .iter()
        .filter_map(created_time)
        .chain(control.map(|c| c.created_at))
        .chain(also_from)
        .min()
        .unwrap_or_else(OffsetDateTime::now_utc);
    let query = OrdersQuery {
        validated: None,
        from: Some(super::timestamp(earliest + skew - margin)),
        to: Some(super::timestamp(client.server_now() + margin)),
        delivery_method: None,
    };
    let mut no_period = false;
    let mut in_period = false;
    let mut period_comments = Vec::new();
    match client.orders(&query).await {
        Ok(list) => {
            skipped += list.skipped.len();
            in_period = control.is_some_and(|c| {
                list.items
                    .iter()
                    .any(|o| comment_has_reference(&o.private_comment, &c.reference))
            });
            period_comments = list
                .items
                .iter()
                .filter(|o| !o.private_comment.is_empty())
                .map(|o| o.private_comment.clone())
                .collect();
            for o in list.items {
                orders.insert(o.order_id, o);
            }
        }
        Err(KashError::Http { status: 404, .. }) => no_period = true,
        Err(e) => return View::Failed(e),
    }
    let in_open = control.is_some_and(|c| {
        open_list
            .iter()
            .any(|o| comment_has_reference(&o.private_comment, &c.reference))
    });
    for o in open_list {
        orders.entry(o.order_id).or_insert(o);
    }
    let listing = Listing {
        orders: orders.into_values().collect(),
        skipped,
        no_period,
        skew,
        period_comments,
    };
    let open_only = in_open && !in_period;
    let sight = match control {
        None => Sight::Blind {
            why: Blindness::NoControl,
        },
        Some(c) if in_period => Sight::Sighted {
            control: c.reference.clone(),
        },
        Some(c) if open_only => Sight::Blind {
            why: Blindness::OpenOnly {
                reference: c.reference.clone(),
            },
        },
        Some(c) if listing.no_period => Sight::Blind {
            why: Blindness::NoPeriodNotOpen {
                reference: c.reference.clone(),
            },
        },
        Some(c) => Sight::Blind {
            why: Blindness::NotListed {
                reference: c.reference.clone(),
                order_id: c.order_id,
            },
        },
    };
    View::Answered {
        listing,
        sight,
        open_only,
    }
}

/// The total an order will have on the server, when every line carries its price.
pub fn order_total(order: &Order) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for line in &order.lines {
        let amount = match line {
            ItemsListEntry::Item {
                quantity,
                price: Some(p),
                ..
            } => quantity.checked_mul(*p)?.round_dp(2),
            ItemsListEntry::Item { price: None, .. } => return None,
            ItemsListEntry::Department { price, .. } | ItemsListEntry::Free { price, .. } => *price,
        };
        total = total.checked_add(amount)?;
    }
    Some(total)
}

/// The catalog lines of a request as (item id, quantity), sorted: what a listing's readable
/// lines are compared with.
fn item_lines(order: &Order) -> Option<Vec<(u64, Decimal)>> {
    let mut lines = Vec::new();
    for line in &order.lines {
        match line {
            ItemsListEntry::Item { id, quantity, .. } => lines.push((*id, quantity.normalize())),
            _ => return None,
        }
    }
    lines.sort();
    Some(lines)
}

fn listed_lines(o: &PendingOrder) -> Option<Vec<(u64, Decimal)>> {
    if o.items.is_empty() || o.unreadable_lines > 0 || o.items.iter().any(|l| l.id == 0) {
        return None;
    }
    let mut lines: Vec<(u64, Decimal)> = o
        .items
        .iter()
        .map(|l| (l.id, l.quantity.normalize()))
        .collect();
    lines.sort();
    Some(lines)
}

/// The order a blind look-up thinks is probably this sale: not claimed by another entry, with
/// the same total (when the till knows it) and the same lines (where they can be read).
/// Returns the lowest such order id and how many match.
fn candidate(
    entry: &Entry,
    settling: &Settling,
    listing: &Listing,
    claimed: &std::collections::HashSet<u64>,
) -> Option<(u64, usize, &'static str)> {
    let Request::NewOrder(order) = &entry.request else {
        return None;
    };
    let total = settling.expected_total.or_else(|| order_total(order));
    let lines = item_lines(order);
    // On the server's clock, with the Date header's second and some slack.
    let not_before = created_time(entry).map(|t| t + listing.skew - time::Duration::seconds(5));
    let mut matches: Vec<(OffsetDateTime, u64, &'static str)> = Vec::new();
    for o in &listing.orders {
        if claimed.contains(&o.order_id) {
            continue;
        }
        // An order recorded before the sale was rung up is not it; without a date, it may be.
        let date =
            OffsetDateTime::parse(&o.date, &time::format_description::well_known::Rfc3339).ok();
        if let (Some(date), Some(not_before)) = (date, not_before)
            && date < not_before
        {
            continue;
        }
        let listed = listed_lines(o);
        let same_lines = match (&lines, &listed) {
            (Some(a), Some(b)) => Some(a == b),
            _ => None,
        };
        let same_total = total.map(|t| t == o.price);
        let ok = match (same_total, same_lines) {
            (Some(t), Some(l)) => t && l,
            (Some(t), None) => t,
            (None, Some(l)) => l,
            (None, None) => false,
        };
        if ok {
            let what = match (same_total, same_lines) {
                (Some(true), Some(true)) => "same total and lines",
                (Some(true), _) => "same total",
                _ => "same lines",
            };
            matches.push((date.unwrap_or(OffsetDateTime::UNIX_EPOCH), o.order_id, what));
        }
    }
    // The first recorded after the sale was rung up.
    matches.sort();
    let (_, id, what) = matches.first().copied()?;
    Some((id, matches.len(), what))
}

/// What a look-up made of one target.
enum Step {
    /// Something to report.
    Report(Vec<Outcome>),
    /// Sent again: put back in the queue.
    Resend,
}

fn lookup_receipt(order_id: u64) -> OrderReceipt {
    OrderReceipt {
        order_id,
        payment_link: None,
        invoice: None,
        quote: None,
    }
}

/// Applies one look-up's view to one target entry.
async fn settle_one(
    journal: &Journal,
    window: Duration,
    double_watch: Duration,
    entry: &Entry,
    settling: &Settling,
    view: &View,
) -> Result<Step, JournalError> {
    let seq = entry.seq;
    let ids = match view {
        View::Answered { listing, .. } => found_ids(listing, &entry.reference),
        View::Failed(_) => Vec::new(),
    };
    let mut out = Vec::new();
    match entry.state {
        State::Confirmed => {
            // Watched after a resend: is the reference on a second order?
            let kept = entry.order_id.unwrap_or(0);
            if let Some(second) = ids.iter().copied().find(|id| *id != kept) {
                let newly = blocking(journal, move |j| j.mark_double(seq, second)).await?;
                if newly {
                    out.push(Outcome::Double(DoubleOrder {
                        seq,
                        reference: entry.reference.clone(),
                        kept_order_id: kept,
                        second_order_id: second,
                    }));
                }
            }
            let over = settling
                .watch_until
                .is_none_or(|until| journal.clock_now() >= until);
            if over {
                blocking(journal, move |j| j.end_watch(seq)).await?;
            }
            return Ok(Step::Report(out));
        }
        State::Refused => {
            // A resend was refused: the first copy may still land, and then it is the sale.
            if let Some(&first) = ids.first() {
                let receipt = lookup_receipt(first);
                let r = receipt.clone();
                blocking(journal, move |j| {
                    j.confirm_by(seq, &r, ConfirmedBy::Lookup)?;
                    j.end_watch(seq)
                })
                .await?;
                tracing::info!(
                    seq,
                    order_id = first,
                    "refused resend: the first copy was found"
                );
                out.push(Outcome::Confirmed(receipt));
            } else if settling
                .watch_until
                .is_none_or(|until| journal.clock_now() >= until)
            {
                blocking(journal, move |j| j.end_watch(seq)).await?;
            }
            return Ok(Step::Report(out));
        }
        State::Uncertain | State::NeedsCashier => {}
        _ => return Ok(Step::Report(out)),
    }
    if let Some(&first) = ids.first() {
        tracing::info!(
            seq,
            order_id = first,
            "order of unknown outcome found on the server"
        );
        let receipt = lookup_receipt(first);
        let r = receipt.clone();
        let watch = (entry.attempts > 1).then_some(to_time(double_watch));
        blocking(journal, move |j| {
            j.note_answered_lookup(seq, true)?;
            j.confirm_by(seq, &r, ConfirmedBy::Lookup)?;
            // Sent more than once: the other copy may land yet.
            if let Some(watch) = watch {
                j.watch_for_double(seq, j.clock_now() + watch)?;
            }
            Ok(())
        })
        .await?;
        out.push(Outcome::Confirmed(receipt));
        if let Some(&second) = ids.get(1) {
            let newly = blocking(journal, move |j| j.mark_double(seq, second)).await?;
            if newly {
                out.push(Outcome::Double(DoubleOrder {
                    seq,
                    reference: entry.reference.clone(),
                    kept_order_id: first,
                    second_order_id: second,
                }));
            }
        }
        return Ok(Step::Report(out));
    }
    if entry.state == State::NeedsCashier {
        // Held for the cashier: only finding it changes anything.
        return Ok(Step::Report(out));
    }
    let (listing, sight, open_only) = match view {
        View::Failed(e) => {
            let text = e.to_string();
            let is_garbled = garbled(e);
            let t = text.clone();
            let count = blocking(journal, move |j| {
                j.note_failed_lookup(seq, is_garbled.then_some(t.as_str()))
            })
            .await?;
            if count >= GARBLED_LOOKUPS_BEFORE_CASHIER {
                return hold_unreadable(journal, entry, count, &text).await;
            }
            out.push(Outcome::Uncertain(e.clone()));
            return Ok(Step::Report(out));
        }
        View::Answered {
            listing,
            sight,
            open_only,
        } => (listing, sight, *open_only),
    };
    if listing.skipped > 0 {
        // The reference may be in an element that could not be read: proves nothing.
        let detail = format!("{} unreadable order(s) in the listings", listing.skipped);
        let d = detail.clone();
        let count = blocking(journal, move |j| j.note_failed_lookup(seq, Some(&d))).await?;
        if count >= GARBLED_LOOKUPS_BEFORE_CASHIER {
            return hold_unreadable(journal, entry, count, &detail).await;
        }
        out.push(Outcome::Uncertain(KashError::BadShape {
            endpoint: "lookup".to_string(),
            detail,
        }));
        return Ok(Step::Report(out));
    }
    // An open sale is seen by a look-up that sees the open orders.
    let mut sighted = sight.is_sighted() || (open_only && stays_open(entry));
    if sight.is_sighted() {
        // The latest control is newer than this sale; the confirmed sale just before it must
        // be seen too, so that a listing cut short (a page, a cap) cannot hide this one.
        let created = entry.created_at.clone();
        let before = blocking(journal, move |j| j.control_before(&created)).await?;
        if let Some(b) = before
            && !listing.in_period(&b.reference)
        {
            tracing::warn!(
                seq,
                control = %b.reference,
                "the sale confirmed before this one is not in the listing: not sighted for it"
            );
            sighted = false;
        }
    }
    let (since, lookups) = blocking(journal, move |j| j.note_answered_lookup(seq, sighted)).await?;
    let passed = journal.clock_now() - since >= to_time(window);
    if !passed {
        out.push(Outcome::Settling { lookups, sighted });
        return Ok(Step::Report(out));
    }
    if sighted && lookups >= SIGHTED_LOOKUPS_BEFORE_RESEND {
        let why = format!(
            "not found on the server by {lookups} look-ups over {} s: sent again",
            window.as_secs()
        );
        tracing::warn!(seq, reference = %entry.reference, %why);
        blocking(journal, move |j| j.requeue_with(seq, &why)).await?;
        return Ok(Step::Resend);
    }
    if sighted {
        // The window has passed, but too few look-ups in it could see: one more round.
        out.push(Outcome::Settling { lookups, sighted });
        return Ok(Step::Report(out));
    }
    // Blind at the end of the window: the cashier decides, with what is known.
    let claimed = blocking(journal, super::Journal::claimed_order_ids).await?;
    let guess = candidate(entry, settling, listing, &claimed);
    let why_blind = match sight {
        Sight::Blind { why } => why.to_string(),
        _ => "the look-up cannot see".to_string(),
    };
    let why = match guess {
        Some((id, n, what)) => {
            let more = if n > 1 {
                format!(" ({n} orders match; this is the first)")
            } else {
                String::new()
            };
            format!(
                "Sale {} may or may not be recorded on Kash.click, and the look-up cannot tell \
                 ({why_blind}). Probably order {id} ({what}){more}: confirm it, or send again.",
                entry.reference
            )
        }
        None => format!(
            "Sale {} may or may not be recorded on Kash.click, and the look-up cannot tell \
             ({why_blind}). No order with the same total or lines was found: check the back \
             office, then confirm the order number or send it again.",
            entry.reference
        ),
    };
    let w = why.clone();
    let guess_id = guess.map(|g| g.0);
    blocking(journal, move |j| {
        j.hold_for_cashier(seq, Hold::Blind, &w, guess_id)
    })
    .await?;
    out.push(Outcome::NeedsCashier(why));
    Ok(Step::Report(out))
}

async fn hold_unreadable(
    journal: &Journal,
    entry: &Entry,
    count: u32,
    detail: &str,
) -> Result<Step, JournalError> {
    let why = format!(
        "Sale {} may or may not be recorded on Kash.click: the server's answers could not be \
         read {count} times in a row ({detail}). Check the back office: if the order is there, \
         mark it recorded; if not, send it again.",
        entry.reference
    );
    let w = why.clone();
    let seq = entry.seq;
    blocking(journal, move |j| {
        j.hold_for_cashier(seq, Hold::UnreadableLookups, &w, None)
    })
    .await?;
    Ok(Step::Report(vec![Outcome::NeedsCashier(why)]))
}

/// What one look-up round did.
struct Round {
    /// (entry, what happened) for each target something happened to.
    reports: Vec<(Entry, Outcome)>,
    /// Entries put back in the queue.
    resent: usize,
    /// The look-up did not answer.
    failed: bool,
    /// The sight, when the look-up answered.
    sight: Option<Sight>,
    /// Some target was in its settle window (not only held or watched ones).
    settling: bool,
}

/// Held and watched entries are looked up this many times less often than entries in their
/// settle window: found later they are settled all the same, without loading the server.
const SLOW_LOOKUPS: u32 = 12;

async fn lookup_round(
    journal: &Journal,
    client: &KashClient,
    config: &SenderConfig,
    targets: Vec<(Entry, Settling)>,
) -> Result<Round, JournalError> {
    let window = config.window_for(client);
    let control = blocking(journal, super::Journal::latest_control).await?;
    let entries: Vec<Entry> = targets.iter().map(|(e, _)| e.clone()).collect();
    // The period reaches back to the confirmed sale before each sale to settle.
    let created: Vec<String> = entries
        .iter()
        .filter(|e| e.state == State::Uncertain)
        .map(|e| e.created_at.clone())
        .collect();
    let also_from = blocking(journal, move |j| {
        let mut earliest = None;
        for c in &created {
            if let Some(b) = j.control_before(c)? {
                earliest =
                    Some(earliest.map_or(b.created_at, |e: OffsetDateTime| e.min(b.created_at)));
            }
        }
        Ok(earliest)
    })
    .await?;
    let view = look(client, config, &entries, control.as_ref(), also_from).await;
    let settling = targets.iter().any(|(e, _)| e.state == State::Uncertain);
    let mut round = Round {
        settling,
        reports: Vec::new(),
        resent: 0,
        failed: matches!(view, View::Failed(_)),
        sight: match &view {
            View::Answered { sight, .. } => Some(sight.clone()),
            View::Failed(_) => None,
        },
    };
    for (entry, settling) in targets {
        match settle_one(
            journal,
            window,
            config.double_watch,
            &entry,
            &settling,
            &view,
        )
        .await
        {
            Ok(Step::Report(outcomes)) => {
                for o in outcomes {
                    round.reports.push((entry.clone(), o));
                }
            }
            Ok(Step::Resend) => round.resent += 1,
            // One entry's trouble never stops the others.
            Err(e) => {
                tracing::error!(seq = entry.seq, error = %e, "journal failure during a look-up");
                round
                    .reports
                    .push((entry.clone(), Outcome::JournalFailed(e.to_string())));
            }
        }
    }
    Ok(round)
}

/// One look-up without any entry to settle: whether the look-up can see (for `kash-pos
/// check`). `Err` when it did not answer.
pub async fn probe_sight(
    journal: &Journal,
    client: &KashClient,
    config: &SenderConfig,
) -> Result<Sight, KashError> {
    let control = blocking(journal, super::Journal::latest_control)
        .await
        .map_err(|e| KashError::Config(e.to_string()))?;
    match look(client, config, &[], control.as_ref(), None).await {
        View::Answered { sight, .. } => Ok(sight),
        View::Failed(e) => Err(e),
    }
}

/// Delivers one entry one step with the default settings (see [`deliver_with`]).
pub async fn deliver(journal: &Journal, client: &KashClient, seq: i64) -> Outcome {
    deliver_with(journal, client, &SenderConfig::default(), seq).await
}

/// Delivers one entry one step: a queued entry is sent; an entry of unknown outcome is looked
/// up once (and sent again right away when that look-up closes a sighted window in which it
/// was never found). Entries already final, or waiting for the cashier, are reported as they
/// stand, without any request.
pub async fn deliver_with(
    journal: &Journal,
    client: &KashClient,
    config: &SenderConfig,
    seq: i64,
) -> Outcome {
    match try_deliver(journal, client, config, seq).await {
        Ok(outcome) => outcome,
        Err(JournalError::Corrupt { seq, detail }) => {
            let d = detail.clone();
            match blocking(journal, move |j| j.quarantine(seq, &d)).await {
                Ok(()) => Outcome::NeedsCashier(format!("journal entry unreadable: {detail}")),
                Err(e) => Outcome::JournalFailed(e.to_string()),
            }
        }
        Err(e) => {
            tracing::error!(seq, error = %e, "journal failure during delivery");
            Outcome::JournalFailed(e.to_string())
        }
    }
}

async fn try_deliver(
    journal: &Journal,
    client: &KashClient,
    config: &SenderConfig,
    seq: i64,
) -> Result<Outcome, JournalError> {
    let mut entry = blocking(journal, move |j| j.entry(seq)).await?;
    match entry.state {
        State::Confirmed => {
            let receipt = entry
                .receipt
                .clone()
                .unwrap_or_else(|| lookup_receipt(entry.order_id.unwrap_or(0)));
            return Ok(Outcome::Confirmed(receipt));
        }
        State::Refused => return Ok(Outcome::Refused(entry.last_error.unwrap_or_default())),
        State::NeedsCashier => {
            return Ok(Outcome::NeedsCashier(entry.last_error.unwrap_or_default()));
        }
        State::Sending => {
            // Left on the wire by an attempt that did not finish (cancelled task): unknown.
            blocking(journal, move |j| {
                j.mark_uncertain(seq, "the previous attempt did not finish")
            })
            .await?;
            entry.state = State::Uncertain;
        }
        State::Queued | State::Uncertain => {}
    }
    if entry.state == State::Uncertain && matches!(entry.request, Request::Payment(_)) {
        // A part of a split payment: settled from the order's paid amount.
        let (outcome, resent) = settle_part(journal, client, config, entry).await?;
        if !resent {
            return Ok(outcome);
        }
        entry = blocking(journal, move |j| j.entry(seq)).await?;
    } else if entry.state == State::Uncertain {
        let settling = blocking(journal, move |j| j.settling(seq)).await?;
        let round = lookup_round(journal, client, config, vec![(entry.clone(), settling)]).await?;
        if round.resent == 0 {
            let mut last = None;
            for (_, o) in round.reports {
                // A double comes with the confirmation; the confirmation is the outcome.
                if !matches!(o, Outcome::Double(_)) || last.is_none() {
                    last = Some(o);
                }
            }
            return Ok(last.unwrap_or(Outcome::Settling {
                lookups: 0,
                sighted: false,
            }));
        }
        entry = blocking(journal, move |j| j.entry(seq)).await?;
    }
    send(journal, client, config, entry).await
}

/// Puts a queued entry on the wire.
async fn send(
    journal: &Journal,
    client: &KashClient,
    config: &SenderConfig,
    entry: Entry,
) -> Result<Outcome, JournalError> {
    let seq = entry.seq;
    // A part of a split payment pays its sale's order, once the sale and the parts before it
    // are confirmed.
    let request = match &entry.request {
        Request::Payment(part) => {
            let p = part.clone();
            match blocking(journal, move |j| j.part_readiness(seq, &p)).await? {
                super::split::Readiness::Ready(order_id) => Request::Edit(part.edit(order_id)),
                super::split::Readiness::Wait => return Ok(Outcome::Waiting),
                super::split::Readiness::SaleRefused(why) => {
                    let w = why.clone();
                    blocking(journal, move |j| j.mark_refused(seq, &w)).await?;
                    return Ok(Outcome::Refused(why));
                }
            }
        }
        other => other.clone(),
    };
    // Durable before the request leaves: a crash from here on makes it uncertain, not lost
    // and not blindly resent.
    blocking(journal, move |j| j.mark_sending(seq)).await?;
    let result = match &request {
        Request::NewOrder(order) => client.submit_order(order).await,
        Request::Edit(edit) => client.edit_order(edit).await,
        Request::Payment(_) => return Err(JournalError::Other("a part was not prepared".into())),
    };
    match result {
        Ok(receipt) => {
            let r = receipt.clone();
            let watch = to_time(config.double_watch);
            blocking(journal, move |j| {
                j.confirm_by(seq, &r, ConfirmedBy::Server)?;
                // Sent more than once: watched for a double for a while.
                if j.entry(seq)?.attempts > 1 {
                    j.watch_for_double(seq, j.clock_now() + watch)?;
                }
                Ok(())
            })
            .await?;
            Ok(Outcome::Confirmed(receipt))
        }
        Err(KashError::Refused { message, .. } | KashError::BadCredentials { message, .. }) => {
            let m = message.clone();
            let watch = to_time(config.double_watch);
            blocking(journal, move |j| {
                j.mark_refused(seq, &m)?;
                // A refused resend: the first copy may still land; keep looking for a while.
                if j.entry(seq)?.attempts > 1 {
                    j.watch_for_double(seq, j.clock_now() + watch)?;
                }
                Ok(())
            })
            .await?;
            Ok(Outcome::Refused(message))
        }
        Err(e) if e.never_sent() => {
            // Unreachable, a timeout before connecting, a configuration error: the server
            // did not see it.
            let text = e.to_string();
            blocking(journal, move |j| j.requeue_with(seq, &text)).await?;
            Ok(Outcome::Offline(e))
        }
        Err(e) => {
            // Anything else may have been recorded: settled by look-ups, never by a resend.
            let text = e.to_string();
            blocking(journal, move |j| j.mark_uncertain(seq, &text)).await?;
            Ok(Outcome::Uncertain(e))
        }
    }
}

/// One state change reported by the sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderEvent {
    /// The entry concerned (for [`Outcome::Sight`], the entry whose look-up showed it).
    pub seq: i64,
    /// The journal reference: for the logs, never shown (the screen says the entry's time and
    /// total, from `created_at` and `request`).
    pub reference: String,
    pub outcome: Outcome,
    /// When the entry was recorded (RFC 3339 UTC); empty when unknown.
    pub created_at: String,
    /// What it asks (`None` for an unreadable entry or a look-up's report).
    pub request: Option<Box<super::Request>>,
    /// Entries still to deliver ("3 sales waiting").
    pub waiting: usize,
    /// Entries waiting for the cashier (refused, outcome unknown, quarantined).
    pub need_attention: usize,
}

/// The background sender.
pub struct Sender;

/// Controls a running sender.
#[derive(Debug)]
pub struct SenderHandle {
    wake: Arc<Notify>,
    stop: watch::Sender<bool>,
    sight: watch::Receiver<Sight>,
    task: JoinHandle<()>,
}

impl SenderHandle {
    /// A sale was recorded (or the cashier resolved one): look at the queue now. While backing
    /// off, the wait ends early too, so a cashier's "retry now" is immediate.
    pub fn notify(&self) {
        self.wake.notify_one();
    }

    /// Whether the look-ups can see, as the last one showed (for the status bar).
    pub fn sight(&self) -> Sight {
        self.sight.borrow().clone()
    }

    /// Follows the sight as it changes.
    pub fn watch_sight(&self) -> watch::Receiver<Sight> {
        self.sight.clone()
    }

    /// Stops the sender after the attempt in flight (bounded by the client's timeout).
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

impl Sender {
    /// Starts the sender with the default settings (0.5 s backoff doubling to 30 s, a settle
    /// window of 60 s or twice the client's timeout).
    pub fn spawn(
        journal: Journal,
        client: KashClient,
    ) -> (SenderHandle, mpsc::UnboundedReceiver<SenderEvent>) {
        Self::spawn_with(journal, client, SenderConfig::default())
    }

    /// Starts the sender on the current tokio runtime. Events go on an unbounded channel so a
    /// slow screen never holds up delivery; one event per attempt keeps it small.
    pub fn spawn_with(
        journal: Journal,
        client: KashClient,
        config: SenderConfig,
    ) -> (SenderHandle, mpsc::UnboundedReceiver<SenderEvent>) {
        let (events_tx, events_rx) = mpsc::unbounded_channel();
        let wake = Arc::new(Notify::new());
        let (stop_tx, stop_rx) = watch::channel(false);
        let (sight_tx, sight_rx) = watch::channel(Sight::Unknown);
        let task = tokio::spawn(run(
            Worker {
                journal,
                client,
                config,
                events: events_tx,
                sight: sight_tx,
            },
            Arc::clone(&wake),
            stop_rx,
        ));
        (
            SenderHandle {
                wake,
                stop: stop_tx,
                sight: sight_rx,
                task,
            },
            events_rx,
        )
    }
}

/// Waits for `duration` (or forever when `None`), a wake-up, or the stop. True when stopping.
async fn wait(wake: &Notify, stop: &mut watch::Receiver<bool>, duration: Option<Duration>) -> bool {
    if *stop.borrow() {
        return true;
    }
    let sleep = async {
        match duration {
            Some(d) => tokio::time::sleep(d).await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        () = sleep => false,
        () = wake.notified() => false,
        _ = stop.wait_for(|s| *s) => true,
    }
}

struct Worker {
    journal: Journal,
    client: KashClient,
    config: SenderConfig,
    events: mpsc::UnboundedSender<SenderEvent>,
    sight: watch::Sender<Sight>,
}

impl Worker {
    async fn report(&self, entry: &Entry, outcome: Outcome) {
        self.report_as(
            (entry.seq, &entry.reference),
            (&entry.created_at, Some(&entry.request)),
            outcome,
        )
        .await;
    }

    /// At start: every entry that waits for the cashier (refused, outcome unknown after its
    /// window, quarantined) is reported again, so nothing waits unseen after a restart.
    async fn announce_waiting(&self) -> Result<(), JournalError> {
        let held = blocking(&self.journal, super::Journal::held).await?;
        for (e, _) in &held {
            let why = e.last_error.clone().unwrap_or_default();
            self.report(e, Outcome::NeedsCashier(why)).await;
        }
        let refused = blocking(&self.journal, super::Journal::needing_attention).await?;
        for e in refused.iter().filter(|e| e.state == State::Refused) {
            let why = e.last_error.clone().unwrap_or_default();
            self.report(e, Outcome::Refused(why)).await;
        }
        let unreadable = blocking(&self.journal, super::Journal::unreadable).await?;
        for u in unreadable
            .iter()
            .filter(|u| u.state == State::NeedsCashier.as_str())
        {
            let why = format!("journal entry unreadable: {}", u.detail);
            self.report_as(
                (u.seq, &u.reference),
                (&u.created_at, None),
                Outcome::NeedsCashier(why),
            )
            .await;
        }
        Ok(())
    }

    async fn report_as(
        &self,
        (seq, reference): (i64, &str),
        (created_at, request): (&str, Option<&super::Request>),
        outcome: Outcome,
    ) {
        let counts = blocking(&self.journal, super::Journal::counts)
            .await
            .unwrap_or_default();
        // A closed channel only means nobody watches; delivery goes on.
        let _ = self.events.send(SenderEvent {
            seq,
            reference: reference.to_string(),
            outcome,
            created_at: created_at.to_string(),
            request: request.cloned().map(Box::new),
            waiting: counts.waiting(),
            need_attention: counts.need_attention(),
        });
    }

    fn horizon(&self) -> OffsetDateTime {
        self.journal.clock_now() - to_time(self.config.held_horizon)
    }

    /// One look-up round over every target; `None` when there was nothing to look up.
    async fn look_up_all(&self) -> Result<Option<Round>, JournalError> {
        let horizon = self.horizon();
        let targets = blocking(&self.journal, move |j| j.lookup_targets(horizon)).await?;
        let Some((first, _)) = targets.first() else {
            return Ok(None);
        };
        let first = first.clone();
        let round = lookup_round(&self.journal, &self.client, &self.config, targets).await?;
        if let Some(sight) = &round.sight {
            let changed = self.sight.send_if_modified(|current| {
                let differs = current.label() != sight.label();
                if differs || current != sight {
                    *current = sight.clone();
                }
                differs
            });
            if changed {
                if let Sight::Blind { why } = sight {
                    tracing::warn!(%why, "look-ups are blind");
                } else {
                    tracing::info!(sight = sight.label(), "look-ups");
                }
                self.report(&first, Outcome::Sight(sight.clone())).await;
            }
        }
        for (entry, outcome) in &round.reports {
            self.report(entry, outcome.clone()).await;
        }
        Ok(Some(round))
    }

    /// One look-up for each part of a split payment whose answer was lost (see
    /// [`super::split`]); a part its window cleared is sent again at once. True when some
    /// part is still settling.
    async fn settle_parts(&self) -> Result<bool, JournalError> {
        let parts = blocking(&self.journal, super::Journal::uncertain_parts).await?;
        let mut settling = false;
        for entry in parts {
            let seq = entry.seq;
            let (outcome, resent) =
                settle_part(&self.journal, &self.client, &self.config, entry.clone()).await?;
            settling |= matches!(outcome, Outcome::Settling { .. } | Outcome::Uncertain(_));
            let outcome = if resent {
                deliver_with(&self.journal, &self.client, &self.config, seq).await
            } else {
                outcome
            };
            self.report(&entry, outcome).await;
        }
        Ok(settling)
    }
}

/// A look-up against the newest confirmed sale alone checks whether the look-ups can see, while
/// the queue is idle: at start and after the first sale confirmed, then at most once every
/// [`SIGHT_RECHECK`] while new sales are confirmed.
#[derive(Default)]
struct SightCheck {
    /// The control the last check was made against.
    checked: Option<i64>,
    last: Option<Instant>,
}

/// How often, at most, the idle sender checks that its look-ups still see.
const SIGHT_RECHECK: Duration = Duration::from_secs(600);

impl SightCheck {
    /// Checks when due; returns how long until the next check could be due, when one is
    /// waiting (a newer control than the one checked).
    async fn run_if_due(&mut self, worker: &Worker) -> Option<Duration> {
        let control = match blocking(&worker.journal, super::Journal::latest_control).await {
            Ok(Some(c)) => c,
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!(error = %e, "journal unreadable: the look-up's sight is not checked");
                return None;
            }
        };
        if self.checked == Some(control.seq) {
            return None;
        }
        if let Some(last) = self.last {
            let since = last.elapsed();
            if since < SIGHT_RECHECK {
                return Some(SIGHT_RECHECK.saturating_sub(since));
            }
        }
        self.last = Some(Instant::now());
        match look(&worker.client, &worker.config, &[], Some(&control), None).await {
            View::Answered { sight, .. } => {
                // Sighted: settled for this control. Blind: checked again after the interval
                // (a listing may lag behind the sale it was checked against).
                let again = if sight.is_sighted() {
                    self.checked = Some(control.seq);
                    None
                } else {
                    Some(SIGHT_RECHECK)
                };
                let changed = worker.sight.send_if_modified(|current| {
                    let differs = current != &sight;
                    if differs {
                        *current = sight.clone();
                    }
                    differs
                });
                if changed {
                    if let Sight::Blind { why } = &sight {
                        tracing::warn!(%why, "look-ups are blind");
                    } else {
                        tracing::info!(sight = sight.label(), "look-ups");
                    }
                    worker
                        .report_as(
                            (control.seq, &control.reference),
                            ("", None),
                            Outcome::Sight(sight),
                        )
                        .await;
                }
                again
            }
            // Not known: tried again after the recheck interval.
            View::Failed(e) => {
                tracing::info!(error = %e, "the look-up's sight could not be checked");
                Some(SIGHT_RECHECK)
            }
        }
    }
}

async fn run(worker: Worker, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    let config = worker.config;
    let mut backoff = config.initial_backoff;
    let mut lookup_backoff = config.lookup_interval;
    let mut next_lookup = Instant::now() + config.lookup_interval;
    // Entries that failed at the journal, with how often: set aside after a few tries.
    let mut journal_failures: HashMap<i64, u32> = HashMap::new();
    let mut sight_check = SightCheck::default();
    if let Err(e) = worker.announce_waiting().await {
        tracing::error!(error = %e, "could not read the entries waiting for the cashier");
    }
    loop {
        if *stop.borrow() {
            return;
        }
        // 1. Look-ups when due: they never hold up the queue for longer than one round.
        if Instant::now() >= next_lookup {
            let parts_settling = match worker.settle_parts().await {
                Ok(settling) => settling,
                Err(e) => {
                    tracing::error!(error = %e, "journal unreadable while settling payments");
                    false
                }
            };
            match worker.look_up_all().await {
                Ok(Some(round)) => {
                    if round.failed {
                        lookup_backoff = (lookup_backoff * 2).min(config.max_backoff);
                    } else {
                        lookup_backoff = config.lookup_interval;
                    }
                    let pause = if round.settling || round.failed {
                        lookup_backoff
                    } else {
                        config.lookup_interval.saturating_mul(SLOW_LOOKUPS)
                    };
                    next_lookup = Instant::now() + pause;
                }
                Ok(None) => next_lookup = Instant::now() + config.lookup_interval,
                Err(e) => {
                    tracing::error!(error = %e, "journal unreadable during look-ups");
                    next_lookup = Instant::now() + backoff;
                }
            }
            if parts_settling {
                next_lookup = next_lookup.min(Instant::now() + config.lookup_interval);
            }
        }
        // 2. The oldest queued entry.
        let next = match blocking(&worker.journal, super::Journal::next_queued).await {
            Ok(next) => next,
            Err(e) => {
                tracing::error!(error = %e, "journal unreadable; the sender waits");
                if wait(&wake, &mut stop, Some(backoff)).await {
                    return;
                }
                backoff = (backoff * 2).min(config.max_backoff);
                continue;
            }
        };
        let Some(entry) = next else {
            // Nothing to send: whether the look-up sees the newest confirmed sale, when due
            // (so the cashier knows it is blind before a sale's answer is lost, not after).
            let recheck = sight_check.run_if_due(&worker).await;
            // Then sleep until a sale is recorded, or the next look-up.
            let horizon = worker.horizon();
            let pending = blocking(&worker.journal, move |j| j.has_lookup_targets(horizon))
                .await
                .unwrap_or(true);
            let until = pending.then(|| next_lookup.saturating_duration_since(Instant::now()));
            let until = match (until, recheck) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if wait(&wake, &mut stop, until).await {
                return;
            }
            continue;
        };
        let seq = entry.seq;
        let outcome = deliver_with(&worker.journal, &worker.client, &config, seq).await;
        if matches!(outcome, Outcome::Uncertain(_)) {
            // Its first look-up after one interval.
            next_lookup = next_lookup.min(Instant::now() + config.lookup_interval);
        }
        let back_off = outcome.should_back_off();
        if let Outcome::JournalFailed(why) = &outcome {
            let n = journal_failures.entry(seq).or_insert(0);
            *n += 1;
            if *n >= 3 {
                // The journal keeps failing on this entry alone: set it aside, go on.
                let w = why.clone();
                if let Err(e) = blocking(&worker.journal, move |j| j.quarantine(seq, &w)).await {
                    tracing::error!(seq, error = %e, "could not set the entry aside");
                }
            }
        } else {
            journal_failures.remove(&seq);
        }
        worker.report(&entry, outcome).await;
        if back_off {
            if wait(&wake, &mut stop, Some(backoff)).await {
                return;
            }
            backoff = (backoff * 2).min(config.max_backoff);
        } else {
            backoff = config.initial_backoff;
        }
    }
}

// ------------------------------------------------------------ parts of a split payment

/// What the listings say the order has been paid: `Ok(None)` when they do not show the order,
/// or show it without its paid amount.
async fn paid_of(
    client: &KashClient,
    config: &SenderConfig,
    order_id: u64,
    since: OffsetDateTime,
) -> Result<Option<Decimal>, KashError> {
    let margin = time::Duration::try_from(config.lookup_margin).unwrap_or(time::Duration::DAY);
    let open = client.pending().await?;
    if let Some(paid) = open
        .items
        .iter()
        .find(|o| o.order_id == order_id)
        .and_then(|o| o.paid)
    {
        return Ok(Some(paid));
    }
    let skew = client
        .server_clock()
        .map_or(time::Duration::ZERO, |c| c.skew);
    let query = OrdersQuery {
        validated: None,
        from: Some(super::timestamp(since + skew - margin)),
        to: Some(super::timestamp(client.server_now() + margin)),
        delivery_method: None,
    };
    let all = client.orders(&query).await?;
    Ok(all
        .items
        .iter()
        .find(|o| o.order_id == order_id)
        .and_then(|o| o.paid))
}

/// One look-up for a part whose answer was lost; sends it again when a whole sighted window
/// saw the order paid only as before it.
async fn settle_part(
    journal: &Journal,
    client: &KashClient,
    config: &SenderConfig,
    entry: Entry,
) -> Result<(Outcome, bool), JournalError> {
    let seq = entry.seq;
    let Request::Payment(part) = entry.request.clone() else {
        return Ok((
            Outcome::NeedsCashier("not a part payment".to_string()),
            false,
        ));
    };
    let p = part.clone();
    let ready = blocking(journal, move |j| j.part_readiness(seq, &p)).await?;
    let super::split::Readiness::Ready(order_id) = ready else {
        // Sent once, so its sale was confirmed: the journal says otherwise now.
        let why = "the sale of this payment is no longer confirmed in the journal".to_string();
        let w = why.clone();
        blocking(journal, move |j| {
            j.hold_for_cashier(seq, Hold::Blind, &w, None)
        })
        .await?;
        return Ok((Outcome::NeedsCashier(why), false));
    };
    let since = created_time(&entry).unwrap_or_else(|| journal.clock_now());
    let before = crate::money::round_cents(part.paid_before);
    let after = crate::money::round_cents(part.paid_before.saturating_add(part.amount));
    match paid_of(client, config, order_id, since).await {
        Err(e) => {
            let garbled = matches!(e, KashError::NotJson { .. } | KashError::BadShape { .. });
            let text = e.to_string();
            let n = blocking(journal, move |j| {
                j.note_failed_lookup(seq, garbled.then_some(text.as_str()))
            })
            .await?;
            if n >= GARBLED_LOOKUPS_BEFORE_CASHIER {
                let why = format!("the look-ups for order {order_id} keep answering garbage");
                let w = why.clone();
                blocking(journal, move |j| {
                    j.hold_for_cashier(seq, Hold::UnreadableLookups, &w, Some(order_id))
                })
                .await?;
                return Ok((Outcome::NeedsCashier(why), false));
            }
            Ok((Outcome::Uncertain(e), false))
        }
        Ok(Some(paid)) if crate::money::round_cents(paid) >= after => {
            let receipt = OrderReceipt {
                order_id,
                payment_link: None,
                invoice: None,
                quote: None,
            };
            let r = receipt.clone();
            blocking(journal, move |j| j.confirm_by(seq, &r, ConfirmedBy::Lookup)).await?;
            Ok((Outcome::Confirmed(receipt), false))
        }
        Ok(Some(paid)) if crate::money::round_cents(paid) == before => {
            let (window_since, lookups) =
                blocking(journal, move |j| j.note_answered_lookup(seq, true)).await?;
            let window =
                time::Duration::try_from(config.window_for(client)).unwrap_or(time::Duration::DAY);
            if journal.clock_now() - window_since >= window
                && lookups >= SIGHTED_LOOKUPS_BEFORE_RESEND
            {
                blocking(journal, move |j| {
                    j.requeue_with(
                        seq,
                        "not recorded: the order's paid amount did not change over the settle window",
                    )
                })
                .await?;
                return Ok((
                    Outcome::Settling {
                        lookups,
                        sighted: true,
                    },
                    true,
                ));
            }
            Ok((
                Outcome::Settling {
                    lookups,
                    sighted: true,
                },
                false,
            ))
        }
        other => {
            let why = match other {
                Ok(Some(paid)) => format!(
                    "order {order_id} shows {paid} paid: neither {before} (before this payment) \
                     nor {after} (with it); check it in the back office"
                ),
                _ => format!(
                    "the listings do not show what order {order_id} has been paid: check this \
                     payment in the back office"
                ),
            };
            let w = why.clone();
            blocking(journal, move |j| {
                j.hold_for_cashier(seq, Hold::Blind, &w, Some(order_id))
            })
            .await?;
            Ok((Outcome::NeedsCashier(why), false))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kash::model::OrderLine;
    use crate::kash::order::Payment;
    use rust_decimal_macros::dec;

    fn listed(id: u64, price: Decimal, lines: &[(u64, Decimal)], date: &str) -> PendingOrder {
        PendingOrder {
            order_id: id,
            internal_id: String::new(),
            price,
            date: date.to_string(),
            client_id: None,
            cashbox_id: None,
            table_id: None,
            covers: None,
            delivery_method: None,
            pager: None,
            public_comment: String::new(),
            private_comment: String::new(),
            items: lines
                .iter()
                .map(|(id, q)| OrderLine {
                    id: *id,
                    title: String::new(),
                    quantity: *q,
                    price: Decimal::ONE,
                    declinaisons: Vec::new(),
                })
                .collect(),
            validated: true,
            paid: None,
            unreadable_lines: 0,
        }
    }

    fn entry(order: Order) -> Entry {
        Entry {
            seq: 1,
            reference: "KP-AAAAAAAAAA".to_string(),
            created_at: "2026-12-01T10:00:00.000Z".to_string(),
            updated_at: "2026-12-01T10:00:00.000Z".to_string(),
            request: Request::NewOrder(order),
            state: State::Uncertain,
            order_id: None,
            receipt: None,
            attempts: 1,
            lookups: 0,
            garbled_lookups: 0,
            last_error: None,
        }
    }

    #[test]
    fn totals_only_when_every_price_is_known() {
        let mut o = Order::new(Payment::Mode(1));
        o.lines.push(ItemsListEntry::Free {
            price: dec!(2.50),
            title: "x".into(),
        });
        o.lines.push(ItemsListEntry::Item {
            id: 3,
            quantity: dec!(3),
            title: None,
            price: Some(dec!(1.30)),
            variations: Vec::new(),
        });
        assert_eq!(order_total(&o), Some(dec!(6.40)));
        o.lines.push(ItemsListEntry::item(4, Decimal::ONE));
        assert_eq!(order_total(&o), None);
        let mut huge = Order::new(Payment::Mode(1));
        huge.lines.push(ItemsListEntry::Item {
            id: 1,
            quantity: Decimal::MAX,
            title: None,
            price: Some(Decimal::MAX),
            variations: Vec::new(),
        });
        assert_eq!(
            order_total(&huge),
            None,
            "overflow is no total, not a panic"
        );
    }

    #[test]
    fn the_probable_order_has_the_same_lines_and_comes_after_the_sale() {
        let mut o = Order::new(Payment::Mode(1));
        o.lines.push(ItemsListEntry::item(6, dec!(3)));
        let e = entry(o);
        let listing = Listing {
            orders: vec![
                // Before the sale was rung up: not it.
                listed(1, dec!(9), &[(6, dec!(3))], "2026-12-01T09:00:00Z"),
                listed(2, dec!(9), &[(6, dec!(2))], "2026-12-01T10:00:01Z"),
                listed(4, dec!(9), &[(6, dec!(3.000))], "2026-12-01T10:00:09Z"),
                listed(3, dec!(9), &[(6, dec!(3))], "2026-12-01T10:00:02Z"),
                // Claimed by another sale of the journal.
                listed(5, dec!(9), &[(6, dec!(3))], "2026-12-01T10:00:01Z"),
            ],
            skipped: 0,
            no_period: false,
            skew: time::Duration::ZERO,
            period_comments: Vec::new(),
        };
        let claimed = [5].into_iter().collect();
        let got = candidate(&e, &Settling::default(), &listing, &claimed);
        assert_eq!(got, Some((3, 2, "same lines")));
        // With the total known, a different total is not it.
        let s = Settling {
            expected_total: Some(dec!(8)),
            ..Settling::default()
        };
        assert_eq!(candidate(&e, &s, &listing, &claimed), None);
    }
}

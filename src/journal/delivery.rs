//! Exactly-once delivery of journal entries over [`KashClient`], without help from the API.
//!
//! The rule: a request whose outcome is unknown is never sent again before the server has been
//! searched for its reference (in `getPending.php` and `getOrders.php`, by the private comment).
//! Found → confirmed with that order id. Both look-ups answered and the reference absent → sent
//! again. Look-ups offline → it stays uncertain and is retried later. Look-ups answered with
//! something unreadable [`GARBLED_LOOKUPS_BEFORE_CASHIER`] times in a row → the cashier decides.
//!
//! Journal calls are blocking SQLite writes with fsync; they run on tokio's blocking pool
//! (`spawn_blocking`) so they never stall the async workers that draw the screen.

use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;

use super::{Entry, Journal, JournalError, Request, State, comment_has_reference, timestamp};
use crate::kash::model::{OrderReceipt, PendingOrder};
use crate::kash::{KashClient, KashError, Listed, OrdersQuery};

/// Consecutive unreadable look-up answers before an uncertain entry goes to the cashier. Five:
/// a transient fault (a maintenance page, a truncated body) rarely repeats five times at the
/// sender's backoff, while a server that keeps answering garbage should not hold a sale
/// silently for long.
pub const GARBLED_LOOKUPS_BEFORE_CASHIER: u32 = 5;

/// How far before the entry's creation `getOrders.php` is searched: covers a till clock that
/// runs ahead of the server's, and the server's local-time day boundaries.
const LOOKUP_MARGIN: time::Duration = time::Duration::days(1);

/// What one delivery attempt ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server has the order (sent now, or found by its reference).
    Confirmed(OrderReceipt),
    /// The server said no; not resent automatically.
    Refused(String),
    /// Not sent (server unreachable, or the request never left): retry later.
    Offline(KashError),
    /// May or may not be recorded; will be looked up before any resend.
    Uncertain(KashError),
    /// The cashier must decide whether the server has it.
    NeedsCashier(String),
    /// The journal itself could not be read or written (disk full, file removed). Nothing was
    /// sent unrecorded: a request whose `Sending` mark failed never leaves.
    JournalFailed(String),
}

impl Outcome {
    /// True when the sender should wait before trying the next entry.
    pub fn should_back_off(&self) -> bool {
        matches!(
            self,
            Self::Offline(_) | Self::Uncertain(_) | Self::JournalFailed(_)
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

/// What a search of the server for a reference found.
enum Lookup {
    Found(u64),
    NotFound,
    Offline(KashError),
    Garbled(String),
}

fn find_in(list: &Listed<PendingOrder>, reference: &str) -> Option<u64> {
    list.items
        .iter()
        .find(|o| comment_has_reference(&o.private_comment, reference))
        .map(|o| o.order_id)
}

/// Sorts one look-up's failure: offline, or an answer that cannot be trusted.
fn lookup_error(e: KashError) -> Lookup {
    if e.is_connectivity() {
        Lookup::Offline(e)
    } else {
        Lookup::Garbled(e.to_string())
    }
}

async fn look_up(client: &KashClient, entry: &Entry) -> Lookup {
    match client.pending().await {
        Ok(list) => {
            if let Some(id) = find_in(&list, &entry.reference) {
                return Lookup::Found(id);
            }
            if !list.skipped.is_empty() {
                // The reference may be in an element we could not read.
                return Lookup::Garbled(format!(
                    "getPending: {} unreadable order(s)",
                    list.skipped.len()
                ));
            }
        }
        Err(e) => return lookup_error(e),
    }
    // Validated and paid orders leave getPending: search the period too.
    let created = time::OffsetDateTime::parse(
        &entry.created_at,
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap_or_else(|_| OffsetDateTime::now_utc());
    let query = OrdersQuery {
        validated: None,
        from: Some(timestamp(created - LOOKUP_MARGIN)),
        to: Some(timestamp(
            OffsetDateTime::now_utc().max(created) + LOOKUP_MARGIN,
        )),
        delivery_method: None,
    };
    match client.orders(&query).await {
        Ok(list) => {
            if let Some(id) = find_in(&list, &entry.reference) {
                Lookup::Found(id)
            } else if !list.skipped.is_empty() {
                Lookup::Garbled(format!(
                    "getOrders: {} unreadable order(s)",
                    list.skipped.len()
                ))
            } else {
                Lookup::NotFound
            }
        }
        Err(e) => lookup_error(e),
    }
}

/// Delivers one entry exactly once: reconciles it first if its outcome is unknown, then sends
/// it if it is queued. Entries already final (or waiting for the cashier) are reported as they
/// stand, without any request.
pub async fn deliver(journal: &Journal, client: &KashClient, seq: i64) -> Outcome {
    match try_deliver(journal, client, seq).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!(seq, error = %e, "journal failure during delivery");
            Outcome::JournalFailed(e.to_string())
        }
    }
}

async fn try_deliver(
    journal: &Journal,
    client: &KashClient,
    seq: i64,
) -> Result<Outcome, JournalError> {
    let mut entry = blocking(journal, move |j| j.entry(seq)).await?;
    match entry.state {
        State::Confirmed => {
            let receipt = entry.receipt.clone().unwrap_or(OrderReceipt {
                order_id: entry.order_id.unwrap_or(0),
                payment_link: None,
                invoice: None,
                quote: None,
            });
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

    if entry.state == State::Uncertain {
        match look_up(client, &entry).await {
            Lookup::Found(order_id) => {
                tracing::info!(seq, order_id, "uncertain order found on the server");
                let receipt = OrderReceipt {
                    order_id,
                    payment_link: None,
                    invoice: None,
                    quote: None,
                };
                let r = receipt.clone();
                blocking(journal, move |j| {
                    j.note_lookup(seq, None)?;
                    j.mark_confirmed(seq, &r)
                })
                .await?;
                return Ok(Outcome::Confirmed(receipt));
            }
            Lookup::NotFound => {
                tracing::info!(seq, "uncertain order not on the server: sending again");
                blocking(journal, move |j| {
                    j.note_lookup(seq, None)?;
                    j.requeue_with(seq, "not found on the server; sent again")
                })
                .await?;
            }
            Lookup::Offline(e) => {
                let text = e.to_string();
                blocking(journal, move |j| j.mark_uncertain(seq, &text)).await?;
                return Ok(Outcome::Uncertain(e));
            }
            Lookup::Garbled(detail) => {
                let d = detail.clone();
                let garbled = blocking(journal, move |j| j.note_lookup(seq, Some(&d))).await?;
                if garbled >= GARBLED_LOOKUPS_BEFORE_CASHIER {
                    let why = format!(
                        "Sale {} may or may not be recorded on Kash.click: the server's answers \
                         could not be read {garbled} times in a row ({detail}). Check the \
                         back office: if the order is there, mark it recorded; if not, send \
                         it again.",
                        entry.reference
                    );
                    let w = why.clone();
                    blocking(journal, move |j| j.mark_needs_cashier(seq, &w)).await?;
                    return Ok(Outcome::NeedsCashier(why));
                }
                return Ok(Outcome::Uncertain(KashError::BadShape {
                    endpoint: "lookup".to_string(),
                    detail,
                }));
            }
        }
    }

    // Durable before the request leaves: a crash from here on makes it uncertain, not lost
    // and not blindly resent.
    blocking(journal, move |j| j.mark_sending(seq)).await?;
    let result = match &entry.request {
        Request::NewOrder(order) => client.submit_order(order).await,
        Request::Edit(edit) => client.edit_order(edit).await,
    };
    match result {
        Ok(receipt) => {
            let r = receipt.clone();
            blocking(journal, move |j| j.mark_confirmed(seq, &r)).await?;
            Ok(Outcome::Confirmed(receipt))
        }
        Err(e) if e.outcome_unknown() => {
            let text = e.to_string();
            blocking(journal, move |j| j.mark_uncertain(seq, &text)).await?;
            Ok(Outcome::Uncertain(e))
        }
        Err(KashError::Refused { message, .. } | KashError::BadCredentials { message, .. }) => {
            let m = message.clone();
            blocking(journal, move |j| j.mark_refused(seq, &m)).await?;
            Ok(Outcome::Refused(message))
        }
        Err(e) => {
            // Unreachable, a timeout before connecting, a 4xx, a configuration error: the
            // server did not act on it.
            let text = e.to_string();
            blocking(journal, move |j| j.requeue_with(seq, &text)).await?;
            Ok(Outcome::Offline(e))
        }
    }
}

/// Backoff of the background sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SenderConfig {
    /// First wait after a failed attempt.
    pub initial_backoff: Duration,
    /// The wait doubles up to this.
    pub max_backoff: Duration,
}

impl Default for SenderConfig {
    fn default() -> Self {
        Self {
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }
}

/// One state change reported by the sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderEvent {
    pub seq: i64,
    pub reference: String,
    pub outcome: Outcome,
    /// Entries still to deliver ("3 sales waiting").
    pub waiting: usize,
    /// Entries waiting for the cashier (refused, or outcome unknown).
    pub need_attention: usize,
}

/// The background sender.
pub struct Sender;

/// Controls a running sender.
#[derive(Debug)]
pub struct SenderHandle {
    wake: Arc<Notify>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl SenderHandle {
    /// A sale was recorded (or the cashier resolved one): look at the queue now. While backing
    /// off, the wait ends early too, so a cashier's "retry now" is immediate.
    pub fn notify(&self) {
        self.wake.notify_one();
    }

    /// Stops the sender after the attempt in flight (bounded by the client's timeout).
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

impl Sender {
    /// Starts the sender with the default backoff (0.5 s doubling to 30 s).
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
        let task = tokio::spawn(run(
            journal,
            client,
            config,
            Arc::clone(&wake),
            stop_rx,
            events_tx,
        ));
        (
            SenderHandle {
                wake,
                stop: stop_tx,
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

async fn run(
    journal: Journal,
    client: KashClient,
    config: SenderConfig,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
    events: mpsc::UnboundedSender<SenderEvent>,
) {
    let mut backoff = config.initial_backoff;
    loop {
        if *stop.borrow() {
            return;
        }
        let next = match blocking(&journal, |j| j.next_to_send()).await {
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
            // Nothing to send: sleep until a sale is recorded.
            if wait(&wake, &mut stop, None).await {
                return;
            }
            continue;
        };
        let outcome = deliver(&journal, &client, entry.seq).await;
        let counts = blocking(&journal, |j| j.counts()).await.unwrap_or_default();
        let back_off = outcome.should_back_off();
        // A closed channel only means nobody watches; delivery goes on.
        let _ = events.send(SenderEvent {
            seq: entry.seq,
            reference: entry.reference,
            outcome,
            waiting: counts.waiting(),
            need_attention: counts.need_attention(),
        });
        if back_off {
            // Strictly in order: the same entry is tried again after the wait.
            if wait(&wake, &mut stop, Some(backoff)).await {
                return;
            }
            backoff = (backoff * 2).min(config.max_backoff);
        } else {
            backoff = config.initial_backoff;
        }
    }
}

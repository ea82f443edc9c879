//! The event loop and the effects: the only part of the app with tokio, the network, the
//! journal, files and the clock. Keys from the terminal and results of effects go through
//! `update`; effects run as tokio tasks (`perform`); the screen is drawn only when something
//! changed, after every key already waiting has been handled (a scanner's burst is one redraw,
//! not thirteen).

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use super::effect::{CustomerChange, Decision, Effect};
use super::event::{Event, Loaded, PrintNote};
use super::screen::Screen;
use super::state::{App, Attention};
use super::update::{start, update};
use crate::journal::Journal;
use crate::journal::delivery::{Sender, SenderConfig};
use crate::kash::client::parse_list_bytes;
use crate::kash::model::Item;
use crate::kash::saved;
use crate::kash::{KashClient, KashError, ListEndpoint, Listed, OrdersQuery};
use crate::pos::scanner::{Input, ScanDetector, ScannerConfig};
use crate::print::{Job, PrintSetup, Spooler, Timing, Which};

/// How long a refused code flashes.
pub const FLASH: Duration = Duration::from_millis(400);

/// What effects need: the Kash.click client, the journal, and a way to wake the sender.
#[derive(Clone)]
pub struct Services {
    pub client: KashClient,
    pub journal: Journal,
    /// Wakes the background sender; `None` where a test delivers by itself.
    pub wake: Option<Arc<dyn Fn() + Send + Sync>>,
    /// The printers' threads (none without a `[printer]` section).
    pub printers: Printers,
    /// Opens once the till is ready: the saved copies of the lists are written after it.
    pub started: StartGate,
    /// The text of each list the till holds, to tell a fresh list that changed nothing.
    pub held: HeldLists,
}

/// The text of each list the till holds, as a fingerprint: the saved copy it started from,
/// then each fresh list swapped in. A fresh list that is the same text is not swapped in again:
/// at 300 000 items, a second catalog not built beside the first for nothing.
#[derive(Clone, Default)]
pub struct HeldLists(Arc<std::sync::Mutex<Vec<(&'static str, u64)>>>);

impl HeldLists {
    /// The fingerprint of a copy's text: 64 bits of a hash seeded once per process, so a server
    /// cannot choose a list that passes for another.
    fn print(text: &str) -> u64 {
        use std::hash::BuildHasher as _;
        static SEED: std::sync::OnceLock<foldhash::quality::RandomState> =
            std::sync::OnceLock::new();
        SEED.get_or_init(Default::default).hash_one(text)
    }

    fn holds(&self, list: &'static str, print: u64) {
        let mut copies = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        copies.retain(|(name, _)| *name != list);
        copies.push((list, print));
    }

    /// Whether the till holds `list` as this text.
    fn is(&self, list: &'static str, print: u64) -> bool {
        let copies = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        copies.contains(&(list, print))
    }
}

/// The longest a saved copy, or the fresh list behind one, waits for the till to be ready (a
/// start that never gets there still keeps the lists it read and gets the fresh ones).
const SAVE_AT_THE_LATEST: Duration = Duration::from_secs(30);

/// A gate that opens once, when the ready till is first drawn: the saved copy of a
/// big catalog written while the catalog is built slows both (300 000 items: 610 ms to build
/// instead of 280), so it waits. Open from the start by default (a till driven without the
/// event loop, as the tests drive it).
#[derive(Clone)]
pub struct StartGate(Arc<tokio::sync::watch::Sender<bool>>);

impl Default for StartGate {
    fn default() -> Self {
        Self::new(true)
    }
}

impl StartGate {
    #[must_use]
    pub fn new(open: bool) -> Self {
        Self(Arc::new(tokio::sync::watch::channel(open).0))
    }

    /// Opens the gate (once; later calls do nothing).
    pub fn open(&self) {
        self.0
            .send_if_modified(|open| !std::mem::replace(open, true));
    }

    /// Whether the gate is open.
    #[must_use]
    pub fn is_open(&self) -> bool {
        *self.0.borrow()
    }

    /// Waits for the gate to open, `at_most` that long.
    pub async fn wait(&self, at_most: Duration) {
        let mut rx = self.0.subscribe();
        let _ = tokio::time::timeout(at_most, rx.wait_for(|open| *open)).await;
    }
}

/// The printers' threads.
#[derive(Clone, Default)]
pub struct Printers {
    pub receipt: Option<Spooler>,
    pub kitchen: Option<Spooler>,
}

impl Printers {
    /// Starts the threads of `setup`'s printers; their reports come back as events on `tx`.
    pub fn spawn(setup: &PrintSetup, tx: &mpsc::UnboundedSender<Event>, timing: Timing) -> Self {
        let spool = |name: &str, target: &crate::print::Target| {
            let tx = tx.clone();
            Spooler::spawn(name, target.clone(), timing, move |status| {
                let _ = tx.send(Event::Printing(PrintNote::Status(status)));
            })
        };
        let receipt = spool("receipt", &setup.target);
        let kitchen = setup.kitchen.as_ref().map(|(target, _)| {
            if *target == setup.target {
                receipt.clone()
            } else {
                spool("kitchen", target)
            }
        });
        Self {
            receipt: Some(receipt),
            kitchen,
        }
    }

    fn get(&self, which: Which) -> Option<&Spooler> {
        match which {
            Which::Receipt => self.receipt.as_ref(),
            Which::Kitchen => self.kitchen.as_ref(),
        }
    }
}

impl Services {
    fn wake(&self) {
        if let Some(w) = &self.wake {
            w();
        }
    }
}

/// Runs blocking journal work (`SQLite` with fsync) off the async workers.
async fn blocking<T: Send + 'static>(
    journal: &Journal,
    f: impl FnOnce(&Journal) -> Result<T, crate::journal::JournalError> + Send + 'static,
) -> Result<T, String> {
    let journal = journal.clone();
    match tokio::task::spawn_blocking(move || f(&journal)).await {
        Ok(r) => r.map_err(|e| e.to_string()),
        Err(e) => Err(format!("journal task failed: {e}")),
    }
}

/// Carries out one effect and returns the event that reports it.
pub async fn perform(services: &Services, effect: Effect) -> Event {
    let client = &services.client;
    match effect {
        Effect::Load(endpoint) => load_or_cache(services, endpoint).await,
        Effect::LoadSaved(endpoint) => load_saved(services, endpoint).await,
        Effect::LoadFresh(endpoint) => load_fresh(services, endpoint).await,
        Effect::BuildCatalog(lists) => {
            let started = Instant::now();
            match tokio::task::spawn_blocking(move || lists.build()).await {
                Ok(catalog) => {
                    tracing::debug!(
                        ms = started.elapsed().as_millis() as u64,
                        "catalog built off the event loop"
                    );
                    Event::CatalogBuilt(Box::new(catalog))
                }
                // The build panicked: as it would have on the event loop.
                Err(e) => std::panic::resume_unwind(e.into_panic()),
            }
        }
        Effect::Record(order, total) => {
            let result = blocking(&services.journal, move |j| {
                let entry = j.record_sale(*order)?;
                if let Err(e) = j.set_expected_total(entry.seq, total) {
                    // The sale is on disk; only the hint for a blind look-up is missing.
                    tracing::warn!(seq = entry.seq, error = %e, "expected total not kept");
                }
                Ok(Box::new(entry))
            })
            .await;
            if result.is_ok() {
                services.wake();
            }
            Event::Recorded(result)
        }
        Effect::RecordSplit {
            order,
            parts,
            total,
        } => {
            let result = blocking(&services.journal, move |j| {
                let entry = j.record_split(*order, &parts)?;
                if let Err(e) = j.set_expected_total(entry.seq, total) {
                    tracing::warn!(seq = entry.seq, error = %e, "expected total not kept");
                }
                Ok(Box::new(entry))
            })
            .await;
            if result.is_ok() {
                services.wake();
            }
            Event::Recorded(result)
        }
        Effect::Park(order) => {
            // A parked order is a sale too: on disk first, then the sender delivers it.
            let result = blocking(&services.journal, move |j| j.record_sale(*order)).await;
            if result.is_ok() {
                services.wake();
            }
            Event::ParkRecorded(result.map(|e| e.reference))
        }
        Effect::EndFlash => {
            tokio::time::sleep(FLASH).await;
            Event::FlashOff
        }
        Effect::Resolve { seq, decision } => {
            let result = blocking(&services.journal, move |j| match decision {
                Decision::SendAgain => j.requeue_with(seq, "the cashier chose to send it again"),
                Decision::Recorded(order_id) => j.resolve_as_recorded(seq, order_id),
            })
            .await;
            services.wake();
            Event::Resolved(result.map(|()| seq))
        }
        Effect::Edit(edit) => Event::Edited(client.edit_order(&edit).await),
        Effect::RefreshPending => {
            let result = client.pending().await.map(|l| l.items);
            Event::Pending {
                at: OffsetDateTime::now_utc(),
                result,
            }
        }
        Effect::LoadCustomers => Event::Customers(client.clients().await.map(|l| l.items)),
        Effect::AddCustomer(data) => {
            Event::CustomerSaved(CustomerChange::Added, client.add_client(&data).await)
        }
        Effect::EditCustomer(id, data) => Event::CustomerSaved(
            CustomerChange::Edited(id),
            client.edit_client(id, &data).await.map(|()| id),
        ),
        Effect::DeleteCustomer(id) => Event::CustomerSaved(
            CustomerChange::Deleted(id),
            client.del_client(id).await.map(|()| id),
        ),
        Effect::LoadValidated => {
            let from = (OffsetDateTime::now_utc() - time::Duration::days(7)).date();
            let query = OrdersQuery {
                validated: Some(true),
                from: Some(from.to_string()),
                ..OrdersQuery::default()
            };
            Event::Validated(client.orders(&query).await.map(|l| l.items))
        }
        Effect::LoadJournalParked => {
            let entries = blocking(&services.journal, Journal::unfinished).await;
            Event::JournalParked(entries.map(|list| {
                list.into_iter()
                    .filter_map(|e| match &e.request {
                        crate::journal::Request::NewOrder(o)
                            if o.payment == crate::kash::order::Payment::Open =>
                        {
                            Some(super::state::ParkedInJournal {
                                reference: e.reference.clone(),
                                created_at: e.created_at.clone(),
                                state: e.state,
                                total: crate::journal::delivery::order_total(o),
                                table_id: o.table_id,
                                covers: o.covers,
                                lines: o.lines.clone(),
                            })
                        }
                        _ => None,
                    })
                    .collect()
            }))
        }
        Effect::LoadJournalRefunds => {
            let entries = blocking(&services.journal, |j| {
                j.orders_containing(crate::pos::refund::TAG_PREFIX)
            })
            .await;
            Event::JournalRefunds(entries.map(|list| {
                list.into_iter()
                    .filter_map(|e| match &e.request {
                        crate::journal::Request::NewOrder(o) => {
                            crate::pos::refund::Refund::from_journaled(o, &e.reference, e.order_id)
                        }
                        _ => None,
                    })
                    .collect()
            }))
        }
        Effect::LoadAttention => {
            let entries = blocking(&services.journal, Journal::needing_attention).await;
            Event::Attention(entries.map(|list| {
                list.into_iter()
                    .map(|e| Attention {
                        seq: e.seq,
                        created_at: e.created_at.clone(),
                        request: Some(e.request.clone()),
                        why: e
                            .last_error
                            .unwrap_or_else(|| "waiting for your decision".to_string()),
                        reference: e.reference,
                        double: None,
                    })
                    .collect()
            }))
        }
        Effect::Print(which, job) => match services.printers.get(which) {
            Some(spooler) => {
                spooler.print(*job);
                Event::Printing(PrintNote::Queued)
            }
            None => Event::Printing(PrintNote::NoPrinter),
        },
        Effect::PrinterQueue { drop } => {
            if let Some(spooler) = &services.printers.receipt {
                if drop {
                    spooler.drop_waiting();
                } else {
                    spooler.retry();
                }
            }
            Event::Printing(PrintNote::Queued)
        }
        Effect::LoadSalesReport { day, format, lang } => {
            let answer = client
                .sales(Some(crate::report::wire_day(day)), format)
                .await;
            Event::SalesReport {
                day,
                part: read_report(format, answer, lang).await,
            }
        }
        Effect::SaveSalesReport {
            day,
            format,
            path,
            lang,
        } => save_report(services, day, format, path, lang, &mut |_, _| {}).await,
        Effect::OpenDrawer {
            who,
            why,
            reference,
        } => {
            let Some(spooler) = services.printers.receipt.clone() else {
                return Event::Printing(PrintNote::NoPrinter);
            };
            // Journaled first: an opening that is not in the journal does not happen.
            let said = why.clone();
            let result = blocking(&services.journal, move |j| {
                j.record_drawer_opening(&who, &why, reference.as_deref())
            })
            .await;
            Event::Printing(PrintNote::Drawer(result.map(|seq| {
                tracing::info!(seq, why = %said, "drawer opened");
                spooler.kick(Job {
                    label: "drawer".to_string(),
                    bytes: crate::print::escpos::drawer_kick(),
                });
                said
            })))
        }
        Effect::LoadShift => Event::Shift(
            blocking(&services.journal, |j| {
                crate::shift::figures(j).map(Box::new)
            })
            .await,
        ),
        Effect::RecordShift(event) => Event::ShiftRecorded(
            blocking(&services.journal, move |j| {
                let written = j.record_shift_event(&event)?;
                tracing::info!(seq = written.seq, kind = written.kind.wire(), "shift event");
                Ok((Box::new(written), Box::new(crate::shift::figures(j)?)))
            })
            .await,
        ),
        Effect::CloseShift(close) => Event::ShiftClosed(
            blocking(&services.journal, move |j| {
                close_shift(j, *close).map(Box::new)
            })
            .await,
        ),
        Effect::SaveTill { path, file } => {
            let result = tokio::task::spawn_blocking(move || file.save(&path))
                .await
                .unwrap_or_else(|e| Err(format!("till file task failed: {e}")));
            Event::TillSaved(result)
        }
        Effect::SignInCode {
            base_url,
            email,
            account_id,
            lang,
        } => {
            let result = match KashClient::anonymous(&base_url, SIGN_IN_TIMEOUT) {
                Ok(c) => c
                    .get_otp_for_account(&email, account_id.as_deref())
                    .await
                    .map(|_| ())
                    .map_err(|e| e.cashier_message_in(lang)),
                Err(e) => Err(e.cashier_message_in(lang)),
            };
            Event::SignInCodeSent(result)
        }
        Effect::SignIn {
            base_url,
            config,
            how,
            lang,
        } => Event::SignedIn(sign_in(&base_url, config, how, lang).await),
        Effect::RememberDemo(path) => {
            let result = tokio::task::spawn_blocking(move || {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(&path, b"")
            })
            .await
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()));
            Event::DemoRemembered(result)
        }
    }
}

/// How long a sign-in request may take (the service may be slow to send an email).
const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(20);

/// The key for the code or the password, then the files written. The key is registered as a
/// secret the moment it arrives, before anything may log it.
async fn sign_in(
    base_url: &str,
    config: std::path::PathBuf,
    how: super::effect::SignInHow,
    lang: crate::i18n::Lang,
) -> Result<crate::signin::SignedIn, String> {
    use super::effect::SignInHow;
    let client =
        KashClient::anonymous(base_url, SIGN_IN_TIMEOUT).map_err(|e| e.cashier_message_in(lang))?;
    let credentials = match how {
        SignInHow::Code { email, code } => {
            client.get_auth_token_with_otp(&email, code.trim()).await
        }
        SignInHow::Password { login, password } => {
            crate::signin::password_credentials(&client, login.trim(), &password.0).await
        }
    }
    .map_err(|e| e.cashier_message_in(lang))?;
    crate::logging::register_secret(credentials.api_key.expose());
    let base_url = base_url.to_string();
    tokio::task::spawn_blocking(move || {
        crate::signin::write_account(&config, &base_url, &credentials)
    })
    .await
    .map_err(|e| format!("sign-in task failed: {e}"))?
    .map_err(|e| match e {
        crate::signin::WriteError::ConfigExists(path) => lang.ta(
            "signin-config-exists",
            &[("path", crate::i18n::s(path.display().to_string()))],
        ),
        crate::signin::WriteError::Io { path, error } => lang.ta(
            "signin-write-failed",
            &[
                ("path", crate::i18n::s(path.display().to_string())),
                ("error", crate::i18n::s(error)),
            ],
        ),
    })
}

/// A report for the reports screen, read off the async workers: the `CSV` into totals (what
/// cannot be read is shown as received), the `Std` report into text.
async fn read_report(
    format: crate::kash::SalesFormat,
    answer: Result<crate::kash::client::SalesReport, KashError>,
    lang: crate::i18n::Lang,
) -> super::event::ReportPart {
    use super::event::ReportPart;
    let csv = format == crate::kash::SalesFormat::Csv;
    let answer = answer.map_err(|e| e.cashier_message_in(lang));
    let work = move || {
        if csv {
            ReportPart::Csv(answer.map(|r| crate::sales_report::read_csv(&r.bytes)))
        } else {
            ReportPart::Std(answer.and_then(|r| {
                crate::report::check_answer(format, &r, lang)?;
                Ok(crate::sales_report::std_text(&r.bytes))
            }))
        }
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(part) => part,
        Err(e) => {
            let e = format!("report task failed: {e}");
            if csv {
                ReportPart::Csv(Err(e))
            } else {
                ReportPart::Std(Err(e))
            }
        }
    }
}

/// Downloads `day`'s report in `format` (telling `progress` the bytes as they come), checks it
/// is one (`report::check_answer`, as `kash-pos report` does) and writes it whole under `path`
/// or not at all (`report::write_whole`). A path starting `~/` is in the home directory.
pub async fn save_report(
    services: &Services,
    day: time::Date,
    format: crate::kash::SalesFormat,
    path: std::path::PathBuf,
    lang: crate::i18n::Lang,
    progress: &mut (dyn FnMut(u64, Option<u64>) + Send),
) -> Event {
    let path = match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => path,
    };
    let report = match services
        .client
        .sales_reporting(Some(crate::report::wire_day(day)), format, progress)
        .await
    {
        Ok(r) => r,
        Err(e) => return Event::ReportSaved(Err(e.cashier_message_in(lang))),
    };
    if let Err(e) = crate::report::check_answer(format, &report, lang) {
        return Event::ReportSaved(Err(e));
    }
    let target = path.clone();
    let written =
        tokio::task::spawn_blocking(move || crate::report::write_whole(&target, &report.bytes))
            .await;
    Event::ReportSaved(match written {
        Ok(Ok(())) => Ok(path),
        Ok(Err(e)) => Err(crate::sales_report::write_error(&path, &e, lang)),
        Err(e) => Err(format!("report task failed: {e}")),
    })
}

/// The user's documents directory, else the home directory: where reports are saved.
pub fn reports_dir() -> Option<std::path::PathBuf> {
    let user = directories::UserDirs::new()?;
    Some(
        user.document_dir()
            .filter(|d| d.is_dir())
            .unwrap_or_else(|| user.home_dir())
            .to_path_buf(),
    )
}

/// The canonical JSON of a list, for the offline cache.
pub fn cache_json(loaded: &Loaded) -> String {
    fn j<T: serde::Serialize>(l: &Listed<T>) -> String {
        serde_json::to_string(&l.items).unwrap_or_else(|_| "[]".to_string())
    }
    match loaded {
        Loaded::Items(l) => {
            let wire: Vec<_> = l.items.iter().map(Item::wire).collect();
            serde_json::to_string(&wire).unwrap_or_else(|_| "[]".to_string())
        }
        Loaded::Variations(l) => j(l),
        Loaded::Departments(l) => j(l),
        Loaded::DepartmentGroups(l) => j(l),
        Loaded::PaymentModes(l) => j(l),
        Loaded::Tables(l) => j(l),
        Loaded::Users(l) => j(l),
        Loaded::Cashboxes(l) => j(l),
        Loaded::Discounts(l) => j(l),
    }
}

/// Reads a list back from the offline cache: the catalog in its compact form
/// ([`crate::kash::saved`]), another list as the server sent it (or as [`cache_json`] wrote
/// it: the same reader takes both).
pub fn from_cache(endpoint: ListEndpoint, json: &str) -> Option<Loaded> {
    let b = json.as_bytes();
    let w = endpoint.worker();
    Some(match endpoint {
        ListEndpoint::Items if saved::is_compact(json) => Loaded::Items(saved::decode_items(json)?),
        ListEndpoint::Items => Loaded::Items(parse_list_bytes(w, b).ok()?),
        ListEndpoint::Variations => Loaded::Variations(parse_list_bytes(w, b).ok()?),
        ListEndpoint::Departments => Loaded::Departments(parse_list_bytes(w, b).ok()?),
        ListEndpoint::DepartmentGroups => Loaded::DepartmentGroups(parse_list_bytes(w, b).ok()?),
        ListEndpoint::PaymentModes => Loaded::PaymentModes(parse_list_bytes(w, b).ok()?),
        ListEndpoint::Tables => Loaded::Tables(parse_list_bytes(w, b).ok()?),
        ListEndpoint::Users => Loaded::Users(parse_list_bytes(w, b).ok()?),
        ListEndpoint::Cashboxes => Loaded::Cashboxes(parse_list_bytes(w, b).ok()?),
        ListEndpoint::Discounts => Loaded::Discounts(parse_list_bytes(w, b).ok()?),
        _ => return None,
    })
}

/// The list saved at the last start, read off the async workers; without one (or one that
/// cannot be read), the list from the server.
async fn load_saved(services: &Services, endpoint: ListEndpoint) -> Event {
    let name = endpoint.worker();
    let asked = std::time::Instant::now();
    if let Ok(Some((json, saved_at))) =
        blocking(&services.journal, move |j| j.load_cache(name)).await
        && let Ok(Some((loaded, print))) = tokio::task::spawn_blocking(move || {
            let read = asked.elapsed().as_millis();
            let t = std::time::Instant::now();
            let loaded = from_cache(endpoint, &json)?;
            let decoded = t.elapsed().as_millis();
            let t = std::time::Instant::now();
            let print = HeldLists::print(&json);
            let printed = t.elapsed().as_millis();
            tracing::debug!(
                list = name,
                bytes = json.len(),
                read_ms = read as u64,
                decoded_ms = decoded as u64,
                printed_ms = printed as u64,
                "saved copy read"
            );
            Some((loaded, print))
        })
        .await
    {
        services.held.holds(name, print);
        return Event::LoadedSaved(endpoint, loaded, saved_at);
    }
    load_or_cache(services, endpoint).await
}

/// Loads a list; saves it for an offline start; when the server cannot be reached, answers with
/// the list saved last time.
async fn load_or_cache(services: &Services, endpoint: ListEndpoint) -> Event {
    let name = endpoint.worker();
    // The till waits for it: read on every core.
    match load(&services.client, endpoint, crate::kash::stream::all_cores()).await {
        Ok((loaded, copy)) => {
            save_copy(services, name, copy);
            Event::Loaded(endpoint, Ok(loaded))
        }
        Err(e) if e.is_connectivity() => {
            let cached = blocking(&services.journal, move |j| j.load_cache(name)).await;
            match cached {
                Ok(Some((json, saved_at))) => {
                    match tokio::task::spawn_blocking(move || from_cache(endpoint, &json)).await {
                        Ok(Some(loaded)) => Event::LoadedFromCache(endpoint, loaded, saved_at),
                        _ => Event::Loaded(endpoint, Err(e)),
                    }
                }
                _ => Event::Loaded(endpoint, Err(e)),
            }
        }
        Err(e) => Event::Loaded(endpoint, Err(e)),
    }
}

/// The fresh list behind a saved copy: saved when it comes; an error as it is (the copy the
/// till started from stays, and is not read again).
async fn load_fresh(services: &Services, endpoint: ListEndpoint) -> Event {
    // Asked once the till is ready from its saved copies: a big list that arrives fast would
    // otherwise be read on the cores the start needs (100k items over loopback: the warm start
    // took 332 ms with the fresh catalog read beside it).
    services.started.wait(SAVE_AT_THE_LATEST).await;
    // Behind a till that sells already: read on one thread, which holds less memory at once.
    match load(&services.client, endpoint, 0).await {
        Ok((loaded, copy)) => {
            let name = endpoint.worker();
            let Ok((copy, print)) = tokio::task::spawn_blocking(move || {
                let print = HeldLists::print(&copy);
                (copy, print)
            })
            .await
            else {
                return Event::Loaded(endpoint, Ok(loaded));
            };
            let same = services.held.is(name, print);
            if !same {
                services.held.holds(name, print);
            }
            if same {
                // The copy's time says when it was last fresh; its text is already there.
                drop(copy);
                touch_copy(services, name);
            } else {
                save_copy(services, name, copy);
            }
            if same {
                let (count, skipped) = loaded.counts();
                tracing::debug!(list = name, count, "the fresh list is the saved copy");
                return Event::LoadedAsSaved {
                    endpoint,
                    count,
                    skipped,
                };
            }
            Event::Loaded(endpoint, Ok(loaded))
        }
        Err(e) => Event::Loaded(endpoint, Err(e)),
    }
}

/// Writes the saved copy of a list beside the start, not before it: the event that hands the
/// list over goes first.
fn save_copy(services: &Services, name: &'static str, copy: String) {
    after_start(services, name, "could not cache the list", move |j| {
        j.save_cache(name, &copy)
    });
}

/// Marks the saved copy of a list fresh, its text unchanged, as [`save_copy`] writes one.
fn touch_copy(services: &Services, name: &'static str) {
    after_start(
        services,
        name,
        "could not mark the saved list fresh",
        move |j| j.touch_cache(name).map(drop),
    );
}

/// `write` on the journal once the till is ready (or [`SAVE_AT_THE_LATEST`]).
fn after_start(
    services: &Services,
    name: &'static str,
    failed: &'static str,
    write: impl FnOnce(&Journal) -> Result<(), crate::journal::JournalError> + Send + 'static,
) {
    let journal = services.journal.clone();
    let started = services.started.clone();
    tokio::spawn(async move {
        tokio::task::yield_now().await;
        started.wait(SAVE_AT_THE_LATEST).await;
        if let Err(e) = blocking(&journal, write).await {
            tracing::warn!(list = name, error = %e, "{failed}");
        }
    });
}

/// A list from the server, with its saved copy: the catalog read while it comes and saved in its
/// compact form ([`crate::kash::saved`]); another list with its body as it came (no JSON
/// rebuilt; one that is not UTF-8 is written as the list read from it).
async fn load(
    client: &KashClient,
    endpoint: ListEndpoint,
    workers: usize,
) -> Result<(Loaded, String), KashError> {
    fn with<T>(
        r: Result<(Listed<T>, Vec<u8>), KashError>,
        f: impl FnOnce(Listed<T>) -> Loaded,
    ) -> Result<(Loaded, String), KashError> {
        r.map(|(l, body)| {
            let loaded = f(l);
            let copy = String::from_utf8(body).unwrap_or_else(|_| cache_json(&loaded));
            (loaded, copy)
        })
    }
    let c = client;
    match endpoint {
        ListEndpoint::Items => c
            .list_streamed(endpoint, workers, saved::encode_item)
            .await
            .map(|(l, lines)| {
                let copy = saved::compact(lines, &l.skipped);
                (Loaded::Items(l), copy)
            }),
        ListEndpoint::Variations => with(c.list_with_body(endpoint).await, Loaded::Variations),
        ListEndpoint::Departments => with(c.list_with_body(endpoint).await, Loaded::Departments),
        ListEndpoint::DepartmentGroups => {
            with(c.list_with_body(endpoint).await, Loaded::DepartmentGroups)
        }
        ListEndpoint::PaymentModes => with(c.list_with_body(endpoint).await, Loaded::PaymentModes),
        ListEndpoint::Tables => with(c.list_with_body(endpoint).await, Loaded::Tables),
        ListEndpoint::Users => with(c.list_with_body(endpoint).await, Loaded::Users),
        ListEndpoint::Cashboxes => with(c.list_with_body(endpoint).await, Loaded::Cashboxes),
        ListEndpoint::Discounts => with(c.list_with_body(endpoint).await, Loaded::Discounts),
        other => Err(KashError::Config(format!(
            "{} is not loaded at start",
            other.label()
        ))),
    }
}

/// When this process started, as near as it can tell: the first call (`main` makes it first
/// thing). "The ready till drawn" is logged with the time since, the till's own start-up time.
pub fn process_started() -> std::time::Instant {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *STARTED.get_or_init(std::time::Instant::now)
}

/// Carries effects out on tokio; results come back on the channel.
#[derive(Clone)]
pub struct Runner {
    services: Services,
    tx: mpsc::UnboundedSender<Event>,
}

impl Runner {
    pub fn new(services: Services, tx: mpsc::UnboundedSender<Event>) -> Self {
        Self { services, tx }
    }

    pub fn spawn(&self, effect: Effect) {
        let services = self.services.clone();
        let tx = self.tx.clone();
        if let Effect::SaveSalesReport {
            day,
            format,
            path,
            lang,
        } = effect
        {
            // The bytes received go to the screen as they come (a step at least every 1% or
            // 64 KiB, so a large file does not flood the loop).
            tokio::spawn(async move {
                let progress_tx = tx.clone();
                let mut shown = 0u64;
                let mut progress = move |received: u64, total: Option<u64>| {
                    let step = total.map_or(64 * 1024, |t| (t / 100).clamp(1, 64 * 1024));
                    if received.saturating_sub(shown) >= step || Some(received) == total {
                        shown = received;
                        let _ = progress_tx.send(Event::SaveProgress { received, total });
                    }
                };
                let event = save_report(&services, day, format, path, lang, &mut progress).await;
                let _ = tx.send(event);
            });
            return;
        }
        tokio::spawn(async move {
            let event = perform(&services, effect).await;
            // The receiver is gone only when the app is quitting.
            let _ = tx.send(event);
        });
    }
}

/// Saves the sale in progress (its lines, its context, the open order it adds to) whenever it
/// changes, so a crash or a power cut loses nothing;
/// never while a sale is being sent (the journal then holds it, and it must not come back as a
/// basket too). The writes go to one thread of their own, in order; `finish` waits for the last.
struct BasketSaver {
    tx: std::sync::mpsc::Sender<String>,
    thread: std::thread::JoinHandle<()>,
    last: String,
}

impl BasketSaver {
    fn spawn(journal: Journal) -> Self {
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let thread = std::thread::spawn(move || {
            while let Ok(mut json) = rx.recv() {
                // Only the newest basket matters: skip what a later change replaced.
                while let Ok(newer) = rx.try_recv() {
                    json = newer;
                }
                let result = if json.is_empty() {
                    journal.clear_basket()
                } else {
                    journal.save_basket(&json)
                };
                if let Err(e) = result {
                    tracing::error!(error = %e, "could not save the basket");
                }
            }
        });
        Self {
            tx,
            thread,
            last: String::new(),
        }
    }

    /// The last basket is on disk before kash-pos exits.
    fn finish(self) {
        drop(self.tx);
        if self.thread.join().is_err() {
            tracing::error!("the basket saver stopped");
        }
    }

    fn after(&mut self, app: &App) {
        if matches!(app.screen, Screen::Loading | Screen::Submitting(_)) {
            // Whatever the journal holds now, the next change is written.
            self.last.clear();
            return;
        }
        let sale = app.saved_sale();
        let json = if sale.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&sale).unwrap_or_default()
        };
        if json == self.last {
            return;
        }
        self.last.clone_from(&json);
        if self.tx.send(json).is_err() {
            tracing::error!("the basket saver stopped");
        }
    }
}

/// SIGTERM, SIGHUP and SIGINT: kash-pos saves the basket, gives the terminal back and exits;
/// a sale on the wire stays in the journal, settled at the next start.
struct Signals {
    term: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            term: signal(SignalKind::terminate())?,
            hup: signal(SignalKind::hangup())?,
            int: signal(SignalKind::interrupt())?,
        })
    }

    async fn recv(&mut self) -> &'static str {
        tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.hup.recv() => "SIGHUP",
            _ = self.int.recv() => "SIGINT",
        }
    }
}

/// How long a signal lets the sender finish an attempt in flight before kash-pos exits.
const SIGNAL_GRACE: Duration = Duration::from_secs(2);

/// Reads the terminal on a thread of its own and stamps every event with its arrival time.
/// (Polling crossterm's `EventStream` with `now_or_never` to drain a burst registers a no-op
/// waker and stalls the loop until the next tick; a plain channel drains without that trap.)
fn spawn_input_thread() -> mpsc::UnboundedReceiver<(Instant, crossterm::event::Event)> {
    let (tx, rx) = mpsc::unbounded_channel();
    std::thread::spawn(move || {
        // Never blocked in a read once the till has stopped: a till started again in the
        // same process (after a sign-in) reads its keys in a new thread, and this one must
        // not take the first of them. A key that arrives as this one stops stays in
        // crossterm's queue for the next reader.
        loop {
            match crossterm::event::poll(Duration::from_millis(100)) {
                Ok(false) => {
                    if tx.is_closed() {
                        break;
                    }
                }
                Ok(true) if tx.is_closed() => break,
                Ok(true) => match crossterm::event::read() {
                    Ok(ev) => {
                        if tx.send((Instant::now(), ev)).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                },
                Err(_) => break,
            }
        }
    });
    rx
}

/// Runs the till until it quits. `Some(config)`: it quits to start again on that
/// configuration (just signed in from the demo).
pub async fn run(
    terminal: &mut DefaultTerminal,
    mut app: App,
    client: KashClient,
    journal: Journal,
    scanner: &ScannerConfig,
    delivery: SenderConfig,
) -> anyhow::Result<Option<std::path::PathBuf>> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    // The journal's sender delivers recorded sales in order, in the background; what it does
    // comes back to `update` as events.
    let (sender, mut deliveries) = Sender::spawn_with(journal.clone(), client.clone(), delivery);
    let sender = Arc::new(sender);
    let wake_sender = Arc::clone(&sender);
    let printers = app
        .printing
        .setup
        .as_ref()
        .map(|setup| Printers::spawn(setup, &tx, Timing::default()))
        .unwrap_or_default();
    let services = Services {
        client,
        journal: journal.clone(),
        wake: Some(Arc::new(move || wake_sender.notify())),
        printers,
        started: StartGate::new(false),
        held: HeldLists::default(),
    };
    let started = services.started.clone();
    let runner = Runner::new(services, tx.clone());
    tokio::spawn(async move {
        while let Some(event) = deliveries.recv().await {
            if tx.send(Event::Delivery(event)).is_err() {
                break;
            }
        }
    });
    app.reports_dir = reports_dir();
    let mut saver = BasketSaver::spawn(journal);
    let mut signals = Signals::new()?;
    let mut keys = spawn_input_thread();
    // Keys go through the scanner's burst detector with their arrival times: a scan comes out
    // whole, and nothing is drawn while a burst is being held.
    let mut detector = ScanDetector::new(scanner);
    for effect in start(&mut app) {
        runner.spawn(effect);
    }
    // The open orders are refreshed in the background; the clock ticks every second.
    let mut refresh = tokio::time::interval(Duration::from_secs(app.orders.refresh_secs.max(1)));
    refresh.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut clock = tokio::time::interval(Duration::from_secs(1));
    clock.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut dirty = true;
    // The held characters last echoed in the entry line.
    let mut echoed = String::new();
    loop {
        if dirty && !detector.is_holding() {
            terminal.draw(|f| crate::ui::view(&app, f))?;
            dirty = false;
            echoed.clear();
            if app.staged.ready && !started.is_open() {
                // Once the ready till is on screen: the saved copies written and the fresh
                // lists asked for before its first frame would be drawn beside it, on the same
                // cores (300k items over loopback: ~120 ms later).
                tracing::debug!(
                    since_start_ms = process_started().elapsed().as_millis() as u64,
                    "the ready till drawn"
                );
                started.open();
            }
        } else if detector.is_holding()
            && app.screen.echoes_typing()
            && detector.held_text() != echoed
            && detector
                .held_text()
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '*' | '.' | ','))
        {
            // Letters and digits (not the keys bound on the screen, such as + and -) show as
            // they are typed, with the search they start, even while the detector holds them
            // to see whether a scan is starting; drawn from the till with them, then put back:
            // the state changes only when they are handed on (a scan never shows its digits
            // typed into the entry for more than a frame).
            echoed = detector.held_text().to_string();
            crate::app::actions::with_typed(&mut app, &echoed, |app| {
                terminal.draw(|f| crate::ui::view(app, f)).map(drop)
            })?;
            dirty = true;
        }
        let wake = detector.deadline().map_or_else(
            || tokio::time::Instant::now() + Duration::from_secs(1),
            tokio::time::Instant::from_std,
        );
        let mut inputs: Vec<Input> = Vec::new();
        let mut batch: Vec<Event> = Vec::new();
        tokio::select! {
            key = keys.recv() => if let Some((at, ev)) = key {
                dirty = true;
                if let crossterm::event::Event::Key(k) = ev {
                    inputs.extend(detector.push(k, at));
                }
            } else {
                saver.finish();
                return Ok(None);
            },
            Some(result) = rx.recv() => batch.push(result),
            () = tokio::time::sleep_until(wake) => inputs.extend(detector.flush(Instant::now())),
            _ = clock.tick() => batch.push(Event::Tick(OffsetDateTime::now_utc())),
            _ = refresh.tick() => batch.push(Event::RefreshDue),
            name = signals.recv() => {
                tracing::warn!(signal = name, "signal received: saving the basket and quitting");
                saver.after(&app);
                saver.finish();
                drop(runner);
                if let Ok(sender) = Arc::try_unwrap(sender)
                    && tokio::time::timeout(SIGNAL_GRACE, sender.shutdown()).await.is_err()
                {
                    tracing::warn!("a sale was on the wire: it is settled at the next start");
                }
                return Ok(None);
            }
        }
        // Drain whatever else is already waiting before drawing.
        while let Ok((at, ev)) = keys.try_recv() {
            if let crossterm::event::Event::Key(k) = ev {
                inputs.extend(detector.push(k, at));
            }
        }
        while let Ok(result) = rx.try_recv() {
            batch.push(result);
        }
        let events = inputs.into_iter().map(|input| match input {
            Input::Key(k) => Event::Key(k),
            Input::Scan(code) => Event::Scan(code),
        });
        for event in events.chain(batch) {
            dirty = true;
            for effect in update(&mut app, event) {
                runner.spawn(effect);
            }
        }
        if std::mem::take(&mut app.ring) && app.bell {
            // The terminal's bell: a misread or unknown code, heard with the eyes elsewhere.
            use std::io::Write as _;
            let mut out = std::io::stdout();
            if out.write_all(b"\x07").and_then(|()| out.flush()).is_err() {
                tracing::warn!("could not ring the bell");
            }
        }
        saver.after(&app);
        if app.quit {
            saver.finish();
            drop(runner);
            if let Ok(sender) = Arc::try_unwrap(sender) {
                // Bounded by the client's timeout: an attempt in flight finishes or is abandoned
                // safely (the journal marked it before it left).
                sender.shutdown().await;
            }
            return Ok(app.reopen.take());
        }
    }
}

/// The close: the figures read afresh (the sales up to the last entry read are this shift's),
/// the close written with them under the next number, then its report saved beside the journal.
fn close_shift(
    journal: &Journal,
    close: super::effect::CloseShift,
) -> Result<crate::shift::ClosedShift, crate::journal::JournalError> {
    use crate::journal::shift::{NewShiftEvent, ShiftKind};
    let figures = crate::shift::figures(journal)?;
    let json = crate::shift::to_json(&figures, Some(&close.counted));
    let event = journal.record_shift_event(&NewShiftEvent {
        kind: ShiftKind::Close,
        who: close.who,
        user_id: close.user_id,
        cashbox_id: close.cashbox_id,
        amount: Some(close.counted.amount),
        counts: close.counted.counts.clone(),
        reason: String::new(),
        entries_upto: Some(figures.entries_upto),
        figures: Some(json.to_string()),
    })?;
    let number = event.close_number.unwrap_or_default();
    tracing::info!(number, "shift closed");
    let report = crate::shift::report(
        &figures,
        Some(&close.counted),
        Some(number),
        close.at,
        close.offset,
        close.paper.lang,
        close.paper.style,
    );
    let text = crate::print::layout::preview(&crate::print::layout::report(&report, &close.paper))
        .join("\n");
    let export = export_close(journal, number, close.at.date(), &text, &json);
    Ok(crate::shift::ClosedShift {
        event,
        figures,
        counted: close.counted,
        export,
    })
}

/// Writes the close's report (as printed) and its figures (JSON) to `closes/` beside the
/// journal, each whole or not at all.
fn export_close(
    journal: &Journal,
    number: i64,
    day: time::Date,
    text: &str,
    json: &serde_json::Value,
) -> Result<std::path::PathBuf, String> {
    let dir = journal
        .path()
        .and_then(std::path::Path::parent)
        .map(|d| d.join("closes"))
        .ok_or_else(|| "the journal is not a file".to_string())?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let base = dir.join(format!("z-{number:04}-{day}"));
    let txt = base.with_extension("txt");
    crate::report::write_whole(&txt, format!("{text}\n").as_bytes())
        .map_err(|e| format!("{}: {e}", txt.display()))?;
    let js = base.with_extension("json");
    crate::report::write_whole(&js, format!("{json:#}\n").as_bytes())
        .map_err(|e| format!("{}: {e}", js.display()))?;
    Ok(txt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_saved_copy_waits_for_the_till_to_be_ready() {
        let gate = StartGate::new(false);
        let waiting = tokio::spawn({
            let gate = gate.clone();
            async move { gate.wait(Duration::from_secs(3600)).await }
        });
        for _ in 0..20 {
            tokio::task::yield_now().await;
        }
        assert!(!waiting.is_finished(), "a closed gate holds the copy back");
        gate.open();
        gate.open();
        waiting.await.unwrap();
        // Open by default, and once open, open for every later copy.
        StartGate::default().wait(Duration::from_secs(3600)).await;
        gate.wait(Duration::from_secs(3600)).await;
    }
}

//! A local HTTP server that behaves like the Kash.click web-service API (`/workers/*.php`, as the
//! vendor's web-service help at <https://kash.click> documents it): the embedded demo shop, a
//! training till, and the server the integration tests talk to. Everything lives in memory.
//!
//! - Shop id `demo`, API key `demo` (`idboutique` or `shopID` accepted on every endpoint). A wrong
//!   shop or key gets the endpoint's documented failure body with HTTP 200.
//! - Log-in: `demo@kash-pos.test` with password `demo` (`getAuthToken.php`,
//!   `getAuthTokenWithPassword.php`). OTP flow: `getOTPForAccount.php` with that email "sends"
//!   the OTP **`123456`** and answers with `consumeOTPlink`; `getAuthTokenWithOTP.php` then
//!   accepts that OTP once per request of it.
//! - Orders get increasing ids from 17724460 (as in the vendor's examples). `payment=-2` keeps an
//!   order open and editable, `-1` validates it unpaid, a payment mode id validates it and pays
//!   it (or `paymentAmount` of it on `editOrder.php`). A payment always validates the order. A
//!   fully paid order is closed and leaves `getPending.php`. Without `idUser` the user
//!   "webservice" is used (created when missing).
//! - `getOrders.php`: `validatedOrders=1` lists validated orders only, `0` the others only.
//! - `getSales.php` computes its reports from the validated orders recorded on that day: Std
//!   (HTML) and CSV (one row per order line, with its order's payment mode and user), and PDF,
//!   XLS, FEC and SAF-T files their programs open (see `exports`; not the vendor's layouts,
//!   which are not published).
//! - The invoice, quote and payment links it returns point at the simulator and answer 404 with
//!   a plain-text explanation.
//! - [`Faults`] injects latency, HTTP 500s, refusals, HTML pages, garbage, dropped connections,
//!   slow answers after recording, recordings that land after the client gave up, a 429 / 500
//!   / redirect after recording, and the loose JSON the Tolerance section lists, all from a
//!   seeded random source so a run can be repeated. [`Variant`] makes the server differ in
//!   what the reference leaves open (listings without the private comment, lines as itemsList
//!   strings, no `getOrders.php`, orders without dates, a clock that is off).

mod exports;
mod http;
pub mod shop;
pub mod state;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context as _;
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::kash::model::Customer;
use crate::kash::order::{Order, OrderEdit};
pub use shop::Catalog;
pub use state::{LineKind, SimLine, SimOrder};
use state::{Params, ShopState};

/// The simulator's shop id.
pub const SHOP_ID: &str = "demo";
/// The simulator's API key.
pub const API_KEY: &str = "demo";
/// The demo account's login (an email).
pub const DEMO_EMAIL: &str = "demo@kash-pos.test";
/// The demo account's password.
pub const DEMO_PASSWORD: &str = "demo";
/// An older account of the simulator: `getAuthToken.php` knows it (with [`DEMO_PASSWORD`]),
/// `getAuthTokenWithPassword.php` does not.
pub const DEMO_OLDER_LOGIN: &str = "older@kash-pos.test";
/// The one-time password `getOTPForAccount.php` "sends" for the demo account.
pub const DEMO_OTP: &str = "123456";

/// What can go wrong on the wire, on purpose. Rates are probabilities from 0 to 1, drawn from a
/// random source seeded with `seed`, so a sequence of requests always meets the same faults.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    /// Added before every answer.
    pub latency: Duration,
    /// A link of this many bytes a second: every body is sent no faster (none: as fast as the
    /// loopback goes). A shop's line, for start-up measures that a loopback would flatter.
    pub link_bytes_per_sec: Option<u64>,
    /// HTTP 500, or a refusal in the endpoint's convention (nothing is recorded).
    pub error_rate: f64,
    /// An HTML page with HTTP 200 instead of the answer (nothing is recorded).
    pub html_rate: f64,
    /// Bytes that are not JSON (nothing is recorded).
    pub garbage_rate: f64,
    /// The request is read and acted upon, then the answer breaks off mid-body.
    pub drop_rate: f64,
    /// `webapp.php` / `editOrder.php`: record, then wait this long before answering.
    pub delay_after_record: Duration,
    /// Numbers and booleans as strings, decimal commas in amounts, lists wrapped in `data`.
    pub loose: bool,
    pub seed: u64,
    /// `webapp.php` / `editOrder.php`: the server works [`Faults::record_delay`] before it
    /// records (longer than the client's timeout: the client gives up, the order lands later).
    pub slow_record_rate: f64,
    pub record_delay: Duration,
    /// `webapp.php` / `editOrder.php`: record, then answer 429 or 500.
    pub status_after_record_rate: f64,
    /// `webapp.php` / `editOrder.php`: record, then answer a 302 to a page that answers 404,
    /// or a 307 to [`Faults::redirect_to`] (a second host) when set.
    pub redirect_after_record_rate: f64,
    /// Base URL of the second host a 307 points to (`http://127.0.0.1:PORT`).
    pub redirect_to: Option<String>,
    /// The server variants the API reference leaves open.
    pub variant: Variant,
}

/// How a server may differ from the simulator's default in what the reference marks as
/// assumed: the shape of the order listings, `getOrders.php` itself, the clock.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Variant {
    /// The listings send every order with an empty `privateComment`.
    pub no_private_comment: bool,
    /// The listings send the lines as itemsList strings (`"101_3"`) instead of objects.
    pub lines_as_strings: bool,
    /// `getOrders.php` is not served (404).
    pub no_get_orders: bool,
    /// The listings send orders without a `date`.
    pub no_dates: bool,
    /// The server's clock runs this many seconds ahead (negative: behind), in its `Date`
    /// header and in its orders' dates.
    pub clock_offset_secs: i64,
    /// `getOrders.php` sends at most this many orders, the most recent (a page, a cap).
    pub orders_cap: Option<usize>,
}

struct Inner {
    shop: ShopState,
    faults: Faults,
    rng: StdRng,
    otp_pending: bool,
    /// How many times each fault was served, by name.
    served: std::collections::BTreeMap<&'static str, usize>,
    /// Slow recordings still to land.
    in_flight: usize,
}

/// The simulated shop; clones share the same state.
#[derive(Clone)]
pub struct Simulator {
    inner: Arc<Mutex<Inner>>,
}

impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulator").finish_non_exhaustive()
    }
}

impl Simulator {
    /// A simulator serving the given shop.
    pub fn with_catalog(catalog: Catalog) -> Self {
        // Read the local offset while it can still be read (see `state::local_offset`).
        state::local_offset();
        Self {
            inner: Arc::new(Mutex::new(Inner {
                shop: ShopState::new(catalog),
                faults: Faults::default(),
                rng: StdRng::seed_from_u64(0),
                otp_pending: false,
                served: std::collections::BTreeMap::new(),
                in_flight: 0,
            })),
        }
    }

    /// The demo shop (`assets/demo-shop.json`).
    pub fn demo() -> Self {
        Self::with_catalog(Catalog::demo())
    }

    /// The demo shop plus `items` generated items, for benchmarks.
    pub fn with_generated_catalog(items: usize) -> Self {
        let mut catalog = Catalog::demo();
        catalog.add_generated_items(items);
        Self::with_catalog(catalog)
    }

    /// Adds `count` generated open orders of one line each, one minute apart.
    pub fn add_generated_orders(&self, count: usize) {
        self.lock().shop.add_generated_orders(count);
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the shop half-changed (requests are
        // checked before anything changes), so a poisoned lock is still usable.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Replaces the fault settings and restarts their random source from `faults.seed`.
    pub fn set_faults(&self, faults: Faults) {
        let mut inner = self.lock();
        inner.rng = StdRng::seed_from_u64(faults.seed);
        inner.shop.clock_offset = time::Duration::seconds(faults.variant.clock_offset_secs);
        inner.faults = faults;
    }

    /// Changes the server variant only, keeping the faults.
    pub fn set_variant(&self, variant: Variant) {
        let mut faults = self.faults();
        faults.variant = variant;
        let mut inner = self.lock();
        inner.shop.clock_offset = time::Duration::seconds(faults.variant.clock_offset_secs);
        inner.faults = faults;
    }

    pub fn faults(&self) -> Faults {
        self.lock().faults.clone()
    }

    fn decide(&self, write: bool) -> http::Decision {
        let mut inner = self.lock();
        let f = inner.faults.clone();
        let mut roll = |rate: f64| rate > 0.0 && inner.rng.random::<f64>() < rate;
        let fault = if write && roll(f.slow_record_rate) {
            http::Fault::SlowRecord
        } else if write && roll(f.status_after_record_rate) {
            http::Fault::StatusAfterRecord(if roll(0.5) { 429 } else { 500 })
        } else if write && roll(f.redirect_after_record_rate) {
            http::Fault::RedirectAfterRecord {
                temporary: f.redirect_to.is_some() && roll(0.5),
            }
        } else if roll(f.drop_rate) {
            http::Fault::Drop
        } else if roll(f.error_rate) {
            if roll(0.5) {
                http::Fault::Http500
            } else {
                http::Fault::Refusal
            }
        } else if roll(f.html_rate) {
            http::Fault::Html
        } else if roll(f.garbage_rate) {
            http::Fault::Garbage
        } else {
            http::Fault::None
        };
        let name = fault.name();
        if !name.is_empty() {
            *inner.served.entry(name).or_insert(0) += 1;
        }
        http::Decision {
            latency: f.latency,
            fault,
            delay_after_record: f.delay_after_record,
            record_delay: f.record_delay,
            redirect_to: f.redirect_to.clone(),
            loose: f.loose,
        }
    }

    /// Binds `addr` (use port 0 for a free port) and serves on the current tokio runtime.
    pub async fn spawn(&self, addr: SocketAddr) -> std::io::Result<SimHandle> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (stop_tx, stop_rx) = watch::channel(false);
        let router = http::router(http::Server {
            sim: self.clone(),
            base: format!("http://{addr}"),
            stop: stop_rx.clone(),
        });
        let mut stop = stop_rx;
        let task = tokio::spawn(async move {
            let shutdown = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            if let Err(e) = axum::serve(listener, router)
                .with_graceful_shutdown(shutdown)
                .await
            {
                tracing::error!(error = %e, "simulator server stopped");
            }
        });
        Ok(SimHandle {
            addr,
            stop: stop_tx,
            task: Some(task),
        })
    }

    /// How many times each fault was served so far, by name (`http-500`, `slow-record`…).
    pub fn fault_counts(&self) -> std::collections::BTreeMap<&'static str, usize> {
        self.lock().served.clone()
    }

    /// Slow recordings (see [`Faults::slow_record_rate`]) that have not landed yet.
    pub fn recordings_in_flight(&self) -> usize {
        self.lock().in_flight
    }

    pub(crate) fn starting(&self) {
        self.lock().in_flight += 1;
    }

    pub(crate) fn landed(&self) {
        let mut inner = self.lock();
        inner.in_flight = inner.in_flight.saturating_sub(1);
    }

    /// Every order recorded, oldest first.
    pub fn orders(&self) -> Vec<SimOrder> {
        self.lock().shop.orders.clone()
    }

    pub fn order(&self, id: u64) -> Option<SimOrder> {
        self.lock().shop.order(id).cloned()
    }

    /// The customer file as it stands.
    pub fn customers(&self) -> Vec<Customer> {
        self.lock().shop.catalog.customers.clone()
    }

    /// The shop's catalog and lists as they stand.
    pub fn catalog(&self) -> Catalog {
        self.lock().shop.catalog.clone()
    }

    /// Records an order directly, as another terminal would; the same rules as `webapp.php`.
    pub fn create_order(&self, order: &Order) -> Result<u64, String> {
        let params = Params(order.form_fields());
        self.lock().shop.record_order(&params).map(|r| r.order_id)
    }

    /// Changes an order or records a payment, as another terminal would (`editOrder.php`).
    pub fn edit_order(&self, edit: &OrderEdit) -> Result<(), String> {
        let params = Params(edit.form_fields());
        self.lock().shop.edit_order(&params).map(|_| ())
    }

    /// Validates an open order, as another terminal would.
    pub fn validate_order(&self, order_id: u64) -> Result<(), String> {
        self.lock().shop.validate(order_id)
    }

    /// Closes an order (it leaves `getPending.php`), as another terminal would.
    pub fn close_order(&self, order_id: u64) -> Result<(), String> {
        self.lock().shop.close(order_id)
    }
}

/// A running simulator server. Dropping it stops the server too.
#[derive(Debug)]
pub struct SimHandle {
    pub addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, ends waiting handlers, and waits (briefly) for the server to stop.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(2), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

fn rate(text: &str) -> Result<f64, String> {
    let r: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (0.0..=1.0).contains(&r) {
        Ok(r)
    } else {
        Err(format!("{r} is not a probability between 0 and 1"))
    }
}

/// `kash-pos sim`: serve the simulator alone.
#[derive(clap::Args, Debug, Clone)]
pub struct SimArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,
    /// Generated items to add to the demo shop (for load tests).
    #[arg(long, default_value_t = 0)]
    pub items: usize,
    /// Latency added to every answer, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Send every body no faster than a link of this many megabits a second (a shop's line:
    /// 20, 100, 1000…); unset, as fast as the loopback goes.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub link_mbps: Option<u64>,
    /// Probability of an HTTP 500 or a refusal.
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    pub error_rate: f64,
    /// Probability of an HTML page instead of the answer.
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    pub html_rate: f64,
    /// Probability of a body that is not JSON.
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    pub garbage_rate: f64,
    /// Probability of a connection broken after the request is read.
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    pub drop_rate: f64,
    /// After recording an order, wait this long before answering, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub delay_after_record_ms: u64,
    /// Loose JSON: numbers as strings, decimal commas, wrapped lists.
    #[arg(long)]
    pub loose: bool,
    /// Seed of the fault random source.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Probability that an order is recorded only after `--record-delay-ms`.
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    pub slow_record_rate: f64,
    /// How long a slow recording takes, in milliseconds.
    #[arg(long, default_value_t = 8000)]
    pub record_delay_ms: u64,
    /// Probability of a 429 or a 500 after an order is recorded.
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    pub status_after_record_rate: f64,
    /// Probability of a redirect (302 to a 404 page, or 307 to `--redirect-to`) after an
    /// order is recorded.
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    pub redirect_after_record_rate: f64,
    /// A second host the 307 redirects point to, e.g. `http://127.0.0.1:9999`.
    #[arg(long)]
    pub redirect_to: Option<String>,
    /// Listings send an empty private comment (a look-up cannot see references).
    #[arg(long)]
    pub no_private_comment: bool,
    /// Listings send order lines as itemsList strings (`"101_3"`).
    #[arg(long)]
    pub lines_as_strings: bool,
    /// `getOrders.php` answers 404.
    #[arg(long)]
    pub no_get_orders: bool,
    /// Listings send orders without a date.
    #[arg(long)]
    pub no_dates: bool,
    /// The server's clock is this many seconds ahead (negative: behind).
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    pub clock_offset_secs: i64,
    /// `getOrders.php` sends at most this many orders (the most recent).
    #[arg(long)]
    pub orders_cap: Option<usize>,
    /// Generated open orders to add (for load tests of the open-orders list).
    #[arg(long, default_value_t = 0)]
    pub orders: usize,
}

impl SimArgs {
    pub fn faults(&self) -> Faults {
        Faults {
            latency: Duration::from_millis(self.latency_ms),
            link_bytes_per_sec: self.link_mbps.map(|m| m * 1_000_000 / 8),
            error_rate: self.error_rate,
            html_rate: self.html_rate,
            garbage_rate: self.garbage_rate,
            drop_rate: self.drop_rate,
            delay_after_record: Duration::from_millis(self.delay_after_record_ms),
            loose: self.loose,
            seed: self.seed,
            slow_record_rate: self.slow_record_rate,
            record_delay: Duration::from_millis(self.record_delay_ms),
            status_after_record_rate: self.status_after_record_rate,
            redirect_after_record_rate: self.redirect_after_record_rate,
            redirect_to: self.redirect_to.clone(),
            variant: Variant {
                no_private_comment: self.no_private_comment,
                lines_as_strings: self.lines_as_strings,
                no_get_orders: self.no_get_orders,
                no_dates: self.no_dates,
                clock_offset_secs: self.clock_offset_secs,
                orders_cap: self.orders_cap,
            },
        }
    }
}

/// Serves the simulator until Ctrl-C.
pub async fn run(args: SimArgs) -> anyhow::Result<()> {
    let sim = if args.items > 0 {
        Simulator::with_generated_catalog(args.items)
    } else {
        Simulator::demo()
    };
    sim.set_faults(args.faults());
    sim.add_generated_orders(args.orders);
    let handle = sim
        .spawn(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    println!(
        "Kash.click simulator on {} — shop id {SHOP_ID}, key {API_KEY}",
        handle.base_url()
    );
    tokio::signal::ctrl_c()
        .await
        .context("cannot wait for Ctrl-C")?;
    handle.shutdown().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        sim: SimArgs,
    }

    #[test]
    fn sim_flags_for_the_faults_and_variants() {
        let cli = Cli::try_parse_from([
            "sim",
            "--slow-record-rate",
            "0.5",
            "--record-delay-ms",
            "9000",
            "--status-after-record-rate",
            "0.1",
            "--redirect-after-record-rate",
            "0.2",
            "--redirect-to",
            "http://127.0.0.1:9999",
            "--no-private-comment",
            "--lines-as-strings",
            "--no-get-orders",
            "--no-dates",
            "--clock-offset-secs",
            "-1200",
        ])
        .unwrap();
        let f = cli.sim.faults();
        assert_eq!(f.slow_record_rate, 0.5);
        assert_eq!(f.record_delay, Duration::from_secs(9));
        assert_eq!(f.redirect_to.as_deref(), Some("http://127.0.0.1:9999"));
        assert_eq!(
            f.variant,
            Variant {
                no_private_comment: true,
                lines_as_strings: true,
                no_get_orders: true,
                no_dates: true,
                clock_offset_secs: -1200,
                orders_cap: None,
            }
        );
        assert!(Cli::try_parse_from(["sim", "--slow-record-rate", "2"]).is_err());
    }
}

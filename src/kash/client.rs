//! The HTTP client of the Kash.click API: one typed async method per documented endpoint.
//! Every request has a timeout; the key travels in the query or the form and never appears in a
//! log line, an error or a `Debug` output.

use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use url::Url;

use super::error::KashError;
use super::json::{Fields, Obj, list_elements, refusal, short};
use super::model::{
    Cashbox, Credentials, Customer, DeliveryMethodEntry, DeliveryZone, Department, DepartmentGroup,
    Discount, FromJson, Item, OrderReceipt, PaymentMode, PendingOrder, RelayPoint, Table, User,
    Variation,
};
use super::order::{CustomerData, Order, OrderEdit};

/// The API key: compared and sent, never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into().trim().to_string())
    }

    /// The key itself, for the wire only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A masked form for the screen: `ab…yz`, or `•••` for a short key.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() >= 12 {
            let head: String = chars[..2].iter().collect();
            let tail: String = chars[chars.len() - 2..].iter().collect();
            format!("{head}…{tail}")
        } else {
            "•••".to_string()
        }
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.masked())
    }
}

/// The 14 documented list endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListEndpoint {
    Items,
    Departments,
    DepartmentGroups,
    Clients,
    Variations,
    DeliveryMethods,
    PaymentModes,
    Cashboxes,
    DeliveryZones,
    RelayPoints,
    Discounts,
    Users,
    Tables,
    Pending,
}

impl ListEndpoint {
    pub const ALL: [Self; 14] = [
        Self::Items,
        Self::Departments,
        Self::DepartmentGroups,
        Self::Clients,
        Self::Variations,
        Self::DeliveryMethods,
        Self::PaymentModes,
        Self::Cashboxes,
        Self::DeliveryZones,
        Self::RelayPoints,
        Self::Discounts,
        Self::Users,
        Self::Tables,
        Self::Pending,
    ];

    /// The worker's name, as in `/workers/NAME.php`.
    pub fn worker(self) -> &'static str {
        match self {
            Self::Items => "getPlus",
            Self::Departments => "getDepartments",
            Self::DepartmentGroups => "getDepartmentGroups",
            Self::Clients => "getClients",
            Self::Variations => "getDeclinaisons",
            Self::DeliveryMethods => "getLivraisons",
            Self::PaymentModes => "getPaymentModes",
            Self::Cashboxes => "getCashbox",
            Self::DeliveryZones => "getDeliveryZones",
            Self::RelayPoints => "getRelayDeposit",
            Self::Discounts => "getDiscounts",
            Self::Users => "getUsers",
            Self::Tables => "getTables",
            Self::Pending => "getPending",
        }
    }

    /// What the cashier calls it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Items => "items",
            Self::Departments => "departments",
            Self::DepartmentGroups => "department groups",
            Self::Clients => "customers",
            Self::Variations => "variations",
            Self::DeliveryMethods => "delivery methods",
            Self::PaymentModes => "payment modes",
            Self::Cashboxes => "cashboxes",
            Self::DeliveryZones => "delivery zones",
            Self::RelayPoints => "relay points",
            Self::Discounts => "discounts",
            Self::Users => "users",
            Self::Tables => "tables",
            Self::Pending => "open orders",
        }
    }

    pub fn from_worker(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.worker() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Json,
    Csv,
    Html,
}

impl ListFormat {
    pub fn wire(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Html => "html",
        }
    }
}

/// `formatExport` of `getSales.php`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SalesFormat {
    Std,
    Pdf,
    Xls,
    Csv,
    Fec,
    Saft,
}

impl SalesFormat {
    pub const ALL: [Self; 6] = [
        Self::Std,
        Self::Pdf,
        Self::Xls,
        Self::Csv,
        Self::Fec,
        Self::Saft,
    ];

    pub fn wire(self) -> &'static str {
        match self {
            Self::Std => "Std",
            Self::Pdf => "PDF",
            Self::Xls => "XLS",
            Self::Csv => "CSV",
            Self::Fec => "frafec",
            Self::Saft => "saft",
        }
    }

    pub fn from_wire(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.wire().eq_ignore_ascii_case(s))
    }
}

/// A list as loaded: the elements that could be read, and why the others were skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub skipped: Vec<String>,
}

/// The report `getSales.php` sends, as bytes (PDF and XLS are binary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesReport {
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// The filters of `getOrders.php`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrdersQuery {
    pub validated: Option<bool>,
    /// ISO 8601, e.g. `2026-11-22T00:00:00+01:00` or `2026-11-22`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub delivery_method: Option<u8>,
}

/// A day for `getSales.php`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub day: u8,
    pub month: u8,
    pub year: i32,
}

/// The default bound on one answer's body: far above the largest list (a 100 000-item catalog
/// is about 28 MB), low enough that a hostile or broken server cannot exhaust memory.
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

/// What the `Date` headers of the answers say about the server's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerClock {
    /// The server's clock minus this machine's, at the last answer that carried a `Date`.
    pub skew: time::Duration,
    /// When that answer came (this machine's clock).
    pub measured_at: time::OffsetDateTime,
}

/// The bound on a whole read however steadily its bytes come (a read that stalls for the client's
/// timeout fails long before).
pub const READ_CAP: Duration = Duration::from_secs(30 * 60);

#[derive(Clone)]
pub struct KashClient {
    pub(super) http: reqwest::Client,
    base: Url,
    shop_id: String,
    key: ApiKey,
    timeout: Duration,
    pub(super) max_body: usize,
    clock: Arc<Mutex<Option<ServerClock>>>,
}

impl fmt::Debug for KashClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KashClient")
            .field("base", &self.base.as_str())
            .field("shop_id", &self.shop_id)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

/// True for `localhost`, 127.0.0.0/8 and `::1`.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Checks a base URL: https anywhere, plain http only to loopback.
pub fn check_base_url(base_url: &str) -> Result<Url, KashError> {
    let mut url = Url::parse(base_url.trim())
        .map_err(|e| KashError::Config(format!("base_url {base_url:?} is not a URL: {e}")))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(KashError::Config(format!(
                "base_url {base_url:?}: plain http is refused except to this machine; use https"
            )));
        }
        other => {
            return Err(KashError::Config(format!(
                "base_url {base_url:?}: unsupported scheme {other}"
            )));
        }
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    Ok(url)
}

/// Words that mark a refusal as a credentials problem.
fn is_credentials_message(message: &str) -> bool {
    let m = message.to_lowercase();
    [
        "key",
        "token",
        "auth",
        "identif",
        "credential",
        "password",
        "login",
        "otp",
        "shop",
        "boutique",
    ]
    .iter()
    .any(|w| m.contains(w))
}

impl KashClient {
    /// A client for one shop. `timeout` bounds every request, from connect to the last byte.
    pub fn new(
        base_url: &str,
        shop_id: &str,
        key: ApiKey,
        timeout: Duration,
    ) -> Result<Self, KashError> {
        let base = check_base_url(base_url)?;
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("kash-pos/", env!("CARGO_PKG_VERSION")))
            // Never followed: a redirect would re-send the form (the key with it) to wherever
            // the server points, and a write answered by a redirect has an unknown outcome.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| KashError::Config(format!("HTTP client: {e}")))?;
        Ok(Self {
            http,
            base,
            shop_id: shop_id.trim().to_string(),
            key,
            timeout,
            max_body: DEFAULT_MAX_BODY_BYTES,
            clock: Arc::new(Mutex::new(None)),
        })
    }

    /// The same client with another bound on an answer's body, in bytes.
    #[must_use]
    pub fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes.max(1);
        self
    }

    /// The bound on every request, from connect to the last byte.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The server's clock as its answers' `Date` headers tell it, once one was read.
    pub fn server_clock(&self) -> Option<ServerClock> {
        *self
            .clock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Now on the server's clock where it is known, else on this machine's.
    pub fn server_now(&self) -> time::OffsetDateTime {
        let now = time::OffsetDateTime::now_utc();
        match self.server_clock() {
            Some(c) => now + c.skew,
            None => now,
        }
    }

    fn note_date(&self, headers: &reqwest::header::HeaderMap, started: Instant) {
        let Some(server) = headers
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_http_date)
        else {
            return;
        };
        // The header is written somewhere between the request and the answer: the middle.
        let now = time::OffsetDateTime::now_utc();
        let half = started.elapsed() / 2;
        let local = now - time::Duration::try_from(half).unwrap_or(time::Duration::ZERO);
        let skew = server - local;
        let mut clock = self
            .clock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let before = clock.map(|c| c.skew);
        // The header has a one-second resolution: only a real change is news.
        let changed = before.is_none_or(|b| (b - skew).abs() > time::Duration::seconds(2));
        *clock = Some(ServerClock {
            skew,
            measured_at: now,
        });
        drop(clock);
        if changed && skew.abs() > time::Duration::minutes(1) {
            tracing::warn!(
                skew_secs = skew.whole_seconds(),
                "the server's clock differs from this machine's; look-ups use the server's"
            );
        } else if changed {
            tracing::debug!(skew_secs = skew.whole_seconds(), "server clock");
        }
    }

    /// A client with no shop yet, for the log-in endpoints.
    pub fn anonymous(base_url: &str, timeout: Duration) -> Result<Self, KashError> {
        Self::new(base_url, "", ApiKey::new(""), timeout)
    }

    pub fn shop_id(&self) -> &str {
        &self.shop_id
    }

    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    fn url(&self, worker: &str) -> Url {
        let mut url = self.base.clone();
        let path = format!("{}workers/{worker}.php", self.base.path());
        url.set_path(&path);
        url
    }

    fn map_send_error(&self, worker: &str, e: &reqwest::Error) -> KashError {
        let endpoint = worker.to_string();
        // The source chain without the URL, which carries the key on GET requests.
        let mut detail = String::new();
        let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
        while let Some(s) = source {
            detail = s.to_string();
            source = s.source();
        }
        if detail.is_empty() {
            detail = "no detail".to_string();
        }
        let detail = detail.replace(self.key.expose(), "<key>");
        if e.is_timeout() {
            return KashError::Timeout {
                endpoint,
                seconds: self.timeout.as_secs().max(1),
                may_have_reached: !e.is_connect(),
            };
        }
        if e.is_connect() {
            return KashError::Unreachable { endpoint, detail };
        }
        KashError::ConnectionLost { endpoint, detail }
    }

    /// The error of a read that waited `self.timeout` without a byte.
    fn stalled(&self, worker: &str) -> KashError {
        KashError::Timeout {
            endpoint: worker.to_string(),
            seconds: self.timeout.as_secs().max(1),
            may_have_reached: true,
        }
    }

    /// `step` within the client's timeout when `stall` (else as it is: the request's own
    /// timeout bounds it).
    async fn within<F: std::future::Future>(
        &self,
        worker: &str,
        stall: bool,
        step: F,
    ) -> Result<F::Output, KashError> {
        if stall {
            tokio::time::timeout(self.timeout, step)
                .await
                .map_err(|_| self.stalled(worker))
        } else {
            Ok(step.await)
        }
    }

    /// Sends a request and reads its answer. A write (`stall == false`) is bounded as a whole by
    /// the client's timeout. A read (`stall == true`) is bounded by the time without a byte: the
    /// answer's headers must come within the timeout and then each part of the body, however
    /// long the whole takes (a big catalog over a slow link), up to [`READ_CAP`].
    async fn send(
        &self,
        worker: &str,
        request: reqwest::RequestBuilder,
        stall: bool,
    ) -> Result<(Option<String>, Vec<u8>), KashError> {
        self.send_reporting(worker, request, stall, &mut |_, _| {})
            .await
    }

    /// As `send`, telling `progress` the bytes received so far and the length announced (if
    /// any) after each chunk.
    async fn send_reporting(
        &self,
        worker: &str,
        request: reqwest::RequestBuilder,
        stall: bool,
        progress: &mut (dyn FnMut(u64, Option<u64>) + Send),
    ) -> Result<(Option<String>, Vec<u8>), KashError> {
        let started = Instant::now();
        let mut response = self.open(worker, request, stall).await?;
        let status = response.status();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        // Read by chunks so that a body without a length stops at the bound too.
        let announced = response.content_length();
        let mut bytes = Vec::new();
        while let Some(chunk) = self.next_chunk(worker, stall, &mut response).await? {
            if bytes.len() + chunk.as_ref().len() > self.max_body {
                return Err(self.too_large(worker));
            }
            bytes.extend_from_slice(chunk.as_ref());
            progress(bytes.len() as u64, announced);
        }
        tracing::debug!(
            endpoint = worker,
            status = status.as_u16(),
            bytes = bytes.len(),
            ms = started.elapsed().as_millis() as u64,
            "kash request"
        );
        if !status.is_success() {
            return Err(Self::http_error(worker, status, &bytes));
        }
        Ok((content_type, bytes))
    }

    /// Sends a request and takes its answer's headers (see [`Self::send`] for the bounds); an
    /// answer announced larger than the bound on a body is not read.
    pub(super) async fn open(
        &self,
        worker: &str,
        request: reqwest::RequestBuilder,
        stall: bool,
    ) -> Result<reqwest::Response, KashError> {
        let started = Instant::now();
        let request = if stall {
            request.timeout(READ_CAP)
        } else {
            request
        };
        let response = self
            .within(worker, stall, request.send())
            .await?
            .map_err(|e| self.map_send_error(worker, &e))?;
        self.note_date(response.headers(), started);
        if response
            .content_length()
            .is_some_and(|n| usize::try_from(n).map_or(true, |n| n > self.max_body))
        {
            return Err(self.too_large(worker));
        }
        Ok(response)
    }

    /// The next part of an answer's body (`None` at its end), within the bounds of `stall`.
    pub(super) async fn next_chunk(
        &self,
        worker: &str,
        stall: bool,
        response: &mut reqwest::Response,
    ) -> Result<Option<impl AsRef<[u8]> + Send + 'static + use<>>, KashError> {
        self.within(worker, stall, response.chunk())
            .await?
            .map_err(|e| self.map_send_error(worker, &e))
    }

    pub(super) fn too_large(&self, worker: &str) -> KashError {
        KashError::ConnectionLost {
            endpoint: worker.to_string(),
            detail: format!("answer larger than {} bytes, not read", self.max_body),
        }
    }

    pub(super) fn http_error(worker: &str, status: reqwest::StatusCode, bytes: &[u8]) -> KashError {
        KashError::Http {
            endpoint: worker.to_string(),
            status: status.as_u16(),
            excerpt: short(&String::from_utf8_lossy(bytes), 80),
        }
    }

    /// The address of a read of `worker` with the shop, the key and `query`.
    pub(super) fn get_url(&self, worker: &str, query: &[(&str, String)]) -> Url {
        let mut url = self.url(worker);
        {
            let mut pairs = url.query_pairs_mut();
            pairs.append_pair("idboutique", &self.shop_id);
            pairs.append_pair("key", self.key.expose());
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        url
    }

    async fn get_raw(
        &self,
        worker: &str,
        query: &[(&str, String)],
    ) -> Result<(Option<String>, Vec<u8>), KashError> {
        let url = self.get_url(worker, query);
        self.send(worker, self.http.get(url), true).await
    }

    async fn get_raw_reporting(
        &self,
        worker: &str,
        query: &[(&str, String)],
        progress: &mut (dyn FnMut(u64, Option<u64>) + Send),
    ) -> Result<(Option<String>, Vec<u8>), KashError> {
        let url = self.get_url(worker, query);
        self.send_reporting(worker, self.http.get(url), true, progress)
            .await
    }

    async fn post_raw(
        &self,
        worker: &str,
        fields: &[(String, String)],
    ) -> Result<Vec<u8>, KashError> {
        let body = serde_urlencoded::to_string(fields)
            .map_err(|e| KashError::Config(format!("cannot encode the form: {e}")))?;
        let request = self
            .http
            .post(self.url(worker))
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded; charset=UTF-8",
            )
            .body(body);
        Ok(self.send(worker, request, false).await?.1)
    }

    /// Parses a JSON body and turns a refusal into an error.
    #[allow(clippy::unused_self)] // a method, beside the requests that call it
    fn json(&self, worker: &str, bytes: &[u8], login: bool) -> Result<Value, KashError> {
        json_body(worker, bytes, login)
    }

    /// Any list, typed.
    pub async fn list<T: FromJson + Send + 'static>(
        &self,
        endpoint: ListEndpoint,
    ) -> Result<Listed<T>, KashError> {
        self.list_filtered(endpoint, &[]).await
    }

    async fn list_filtered<T: FromJson + Send + 'static>(
        &self,
        endpoint: ListEndpoint,
        query: &[(&str, String)],
    ) -> Result<Listed<T>, KashError> {
        let worker = endpoint.worker();
        let mut q = vec![("format", "json".to_string())];
        q.extend(query.iter().cloned());
        let (_, bytes) = self.get_raw(worker, &q).await?;
        Ok(self.list_body(worker, bytes).await?.0)
    }

    /// A list's body read into its elements off the async workers (a big catalog takes a
    /// while), with the body itself, which is what the till saves for its next start.
    async fn list_body<T: FromJson + Send + 'static>(
        &self,
        worker: &str,
        bytes: Vec<u8>,
    ) -> Result<(Listed<T>, Vec<u8>), KashError> {
        let name = worker.to_string();
        let (parsed, bytes) = on_reader(move || {
            let parsed = parse_list_bytes::<T>(&name, &bytes);
            (parsed, bytes)
        })
        .await?;
        Ok((parsed?, bytes))
    }

    /// A list with the body it was read from (saved as it came for the next start).
    pub async fn list_with_body<T: FromJson + Send + 'static>(
        &self,
        endpoint: ListEndpoint,
    ) -> Result<(Listed<T>, Vec<u8>), KashError> {
        let worker = endpoint.worker();
        let (_, bytes) = self
            .get_raw(worker, &[("format", "json".to_string())])
            .await?;
        self.list_body(worker, bytes).await
    }

    /// A list as CSV or HTML text (or JSON text).
    pub async fn list_text(
        &self,
        endpoint: ListEndpoint,
        format: ListFormat,
    ) -> Result<String, KashError> {
        let worker = endpoint.worker();
        let (_, bytes) = self
            .get_raw(worker, &[("format", format.wire().to_string())])
            .await?;
        self.reject_json_refusal(worker, &bytes)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    fn reject_json_refusal(&self, worker: &str, bytes: &[u8]) -> Result<(), KashError> {
        let trimmed = bytes.trim_ascii_start();
        if trimmed.starts_with(b"{")
            && let Ok(v) = serde_json::from_slice::<Value>(trimmed)
            && refusal(&v).is_some()
        {
            self.json(worker, bytes, false)?;
        }
        Ok(())
    }

    pub async fn items(&self) -> Result<Listed<Item>, KashError> {
        self.list(ListEndpoint::Items).await
    }
    pub async fn departments(&self) -> Result<Listed<Department>, KashError> {
        self.list(ListEndpoint::Departments).await
    }
    pub async fn department_groups(&self) -> Result<Listed<DepartmentGroup>, KashError> {
        self.list(ListEndpoint::DepartmentGroups).await
    }
    pub async fn clients(&self) -> Result<Listed<Customer>, KashError> {
        self.list(ListEndpoint::Clients).await
    }
    pub async fn variations(&self) -> Result<Listed<Variation>, KashError> {
        self.list(ListEndpoint::Variations).await
    }
    pub async fn delivery_methods(&self) -> Result<Listed<DeliveryMethodEntry>, KashError> {
        self.list(ListEndpoint::DeliveryMethods).await
    }
    pub async fn payment_modes(&self) -> Result<Listed<PaymentMode>, KashError> {
        self.list(ListEndpoint::PaymentModes).await
    }
    pub async fn cashboxes(&self) -> Result<Listed<Cashbox>, KashError> {
        self.list(ListEndpoint::Cashboxes).await
    }
    pub async fn delivery_zones(&self) -> Result<Listed<DeliveryZone>, KashError> {
        self.list(ListEndpoint::DeliveryZones).await
    }
    pub async fn relay_points(&self) -> Result<Listed<RelayPoint>, KashError> {
        self.list(ListEndpoint::RelayPoints).await
    }
    pub async fn discounts(&self) -> Result<Listed<Discount>, KashError> {
        self.list(ListEndpoint::Discounts).await
    }
    pub async fn users(&self) -> Result<Listed<User>, KashError> {
        self.list(ListEndpoint::Users).await
    }
    pub async fn tables(&self) -> Result<Listed<Table>, KashError> {
        self.list(ListEndpoint::Tables).await
    }
    pub async fn pending(&self) -> Result<Listed<PendingOrder>, KashError> {
        self.list(ListEndpoint::Pending).await
    }

    /// `getOrders.php`: orders over a period.
    pub async fn orders(&self, query: &OrdersQuery) -> Result<Listed<PendingOrder>, KashError> {
        let mut q: Vec<(&str, String)> = Vec::new();
        if let Some(v) = query.validated {
            q.push(("validatedOrders", if v { "1" } else { "0" }.to_string()));
        }
        if let Some(f) = &query.from {
            q.push(("from_date_ISO8601", f.clone()));
        }
        if let Some(t) = &query.to {
            q.push(("to_date_ISO8601", t.clone()));
        }
        if let Some(d) = query.delivery_method {
            q.push(("filterDeliveryMethod", d.to_string()));
        }
        let worker = "getOrders";
        let (_, bytes) = self.get_raw(worker, &q).await?;
        Ok(self.list_body(worker, bytes).await?.0)
    }

    /// `getSales.php`: a day's report (yesterday without a day), bytes as sent.
    pub async fn sales(
        &self,
        day: Option<Day>,
        format: SalesFormat,
    ) -> Result<SalesReport, KashError> {
        self.sales_reporting(day, format, &mut |_, _| {}).await
    }

    /// `getSales.php` as [`Self::sales`], telling `progress` the bytes received so far and the
    /// length the server announced (if it did) as the answer comes in.
    pub async fn sales_reporting(
        &self,
        day: Option<Day>,
        format: SalesFormat,
        progress: &mut (dyn FnMut(u64, Option<u64>) + Send),
    ) -> Result<SalesReport, KashError> {
        let worker = "getSales";
        let mut q: Vec<(&str, String)> = Vec::new();
        if let Some(d) = day {
            q.push(("d", d.day.to_string()));
            q.push(("m", d.month.to_string()));
            q.push(("y", d.year.to_string()));
        }
        q.push(("formatExport", format.wire().to_string()));
        let (content_type, bytes) = self.get_raw_reporting(worker, &q, progress).await?;
        self.reject_json_refusal(worker, &bytes)?;
        Ok(SalesReport {
            content_type,
            bytes,
        })
    }

    fn receipt(&self, worker: &str, bytes: &[u8]) -> Result<OrderReceipt, KashError> {
        let value = self.json(worker, bytes, false)?;
        let obj = value.as_object().ok_or_else(|| KashError::BadShape {
            endpoint: worker.to_string(),
            detail: short(&value.to_string(), 60),
        })?;
        let receipt = OrderReceipt::from_json(&Obj(obj)).map_err(|detail| KashError::BadShape {
            endpoint: worker.to_string(),
            detail,
        })?;
        if receipt.order_id == 0 {
            // Not an order anyone can find again: the outcome is unknown.
            return Err(KashError::BadShape {
                endpoint: worker.to_string(),
                detail: "order id 0".to_string(),
            });
        }
        Ok(receipt)
    }

    /// `webapp.php`: records an order.
    pub async fn submit_order(&self, order: &Order) -> Result<OrderReceipt, KashError> {
        let mut fields = vec![
            ("idboutique".to_string(), self.shop_id.clone()),
            ("key".to_string(), self.key.expose().to_string()),
        ];
        fields.extend(order.form_fields());
        let bytes = self.post_raw("webapp", &fields).await?;
        self.receipt("webapp", &bytes)
    }

    /// `editOrder.php`: changes an open order or records a payment.
    pub async fn edit_order(&self, edit: &OrderEdit) -> Result<OrderReceipt, KashError> {
        let fields = self.shop_fields(edit.form_fields());
        let bytes = self.post_raw("editOrder", &fields).await?;
        self.receipt("editOrder", &bytes)
    }

    fn shop_fields(&self, rest: Vec<(String, String)>) -> Vec<(String, String)> {
        let mut fields = vec![
            ("shopID".to_string(), self.shop_id.clone()),
            ("key".to_string(), self.key.expose().to_string()),
        ];
        fields.extend(rest);
        fields
    }

    /// `addClient.php`: the new customer's id.
    pub async fn add_client(&self, data: &CustomerData) -> Result<u64, KashError> {
        let worker = "addClient";
        let bytes = self
            .post_raw(worker, &self.shop_fields(data.form_fields()))
            .await?;
        let value = self.json(worker, &bytes, false)?;
        value
            .as_object()
            .and_then(|o| Obj(o).id(&["id", "clientID", "idClient"]).ok())
            .ok_or_else(|| KashError::BadShape {
                endpoint: worker.to_string(),
                detail: "no customer id".to_string(),
            })
    }

    /// `editClient.php`.
    pub async fn edit_client(&self, id: u64, data: &CustomerData) -> Result<(), KashError> {
        let mut rest = vec![("id".to_string(), id.to_string())];
        rest.extend(data.form_fields());
        let bytes = self.post_raw("editClient", &self.shop_fields(rest)).await?;
        self.json("editClient", &bytes, false).map(|_| ())
    }

    /// `delClient.php`.
    pub async fn del_client(&self, id: u64) -> Result<(), KashError> {
        let bytes = self
            .post_raw(
                "delClient",
                &self.shop_fields(vec![("id".to_string(), id.to_string())]),
            )
            .await?;
        self.json("delClient", &bytes, false).map(|_| ())
    }

    fn credentials(&self, worker: &str, bytes: &[u8]) -> Result<Credentials, KashError> {
        let value = self.json(worker, bytes, true)?;
        let obj = value.as_object().ok_or_else(|| KashError::BadShape {
            endpoint: worker.to_string(),
            detail: "not an object".to_string(),
        })?;
        let o = Obj(obj);
        let key = o.opt_text(&["APIKEY", "apikey", "key"]);
        let shop = o.opt_text(&["SHOPID", "shopid", "shopID"]);
        match (key, shop) {
            (Some(k), Some(s)) => Ok(Credentials {
                shop_id: s,
                api_key: ApiKey::new(k),
            }),
            _ => Err(KashError::BadShape {
                endpoint: worker.to_string(),
                detail: "no APIKEY or SHOPID".to_string(),
            }),
        }
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    /// `getAuthToken.php` (the older `result: OK` convention).
    pub async fn get_auth_token(
        &self,
        login: &str,
        password: &str,
    ) -> Result<Credentials, KashError> {
        let bytes = self
            .post_raw(
                "getAuthToken",
                &Self::pairs(&[("login", login), ("password", password)]),
            )
            .await?;
        self.credentials("getAuthToken", &bytes)
    }

    /// `getAuthTokenWithPassword.php`.
    pub async fn get_auth_token_with_password(
        &self,
        login: &str,
        password: &str,
    ) -> Result<Credentials, KashError> {
        let worker = "getAuthTokenWithPassword";
        let bytes = self
            .post_raw(
                worker,
                &Self::pairs(&[("login", login), ("password", password)]),
            )
            .await?;
        self.credentials(worker, &bytes)
    }

    /// `getOTPForAccount.php`: sends a one-time password by email; returns the link to consume it.
    pub async fn get_otp_for_account(
        &self,
        email: &str,
        account_id: Option<&str>,
    ) -> Result<String, KashError> {
        let worker = "getOTPForAccount";
        let mut fields = Self::pairs(&[("email", email)]);
        if let Some(a) = account_id {
            fields.push(("accountID".to_string(), a.to_string()));
        }
        let bytes = self.post_raw(worker, &fields).await?;
        let value = self.json(worker, &bytes, true)?;
        Ok(value
            .get("consumeOTPlink")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string())
    }

    /// `getAuthTokenWithOTP.php`.
    pub async fn get_auth_token_with_otp(
        &self,
        email: &str,
        otp: &str,
    ) -> Result<Credentials, KashError> {
        let worker = "getAuthTokenWithOTP";
        let bytes = self
            .post_raw(worker, &Self::pairs(&[("email", email), ("otp", otp)]))
            .await?;
        self.credentials(worker, &bytes)
    }
}

/// Reads an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110's preferred form).
pub fn parse_http_date(text: &str) -> Option<time::OffsetDateTime> {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::PrimitiveDateTime::parse(text.trim(), format)
        .ok()
        .map(time::PrimitiveDateTime::assume_utc)
}

/// Writes an HTTP date, as [`parse_http_date`] reads it.
pub fn format_http_date(t: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(format)
        .unwrap_or_default()
}

/// Parses a JSON body and turns a refusal into an error.
fn json_body(worker: &str, bytes: &[u8], login: bool) -> Result<Value, KashError> {
    let text = String::from_utf8_lossy(bytes);
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|_| {
        KashError::NotJson {
            endpoint: worker.to_string(),
            excerpt: if text.trim().is_empty() {
                "(empty body)".to_string()
            } else {
                short(&text, 80)
            },
        }
    })?;
    if let Some(message) = refusal(&value) {
        let endpoint = worker.to_string();
        return Err(
            if (login && worker != "getOTPForAccount") || is_credentials_message(&message) {
                KashError::BadCredentials { endpoint, message }
            } else {
                KashError::Refused { endpoint, message }
            },
        );
    }
    Ok(value)
}

/// Reads a list body as it came: a bare array (the usual form) element by element, each one
/// typed and dropped before the next is read, so no tree of the whole body is ever built; any
/// other form (a refusal, a wrapped or keyed list), or a body the fast path cannot read, as
/// [`parse_list`] reads it, with the same errors.
pub fn parse_list_bytes<T: FromJson>(worker: &str, bytes: &[u8]) -> Result<Listed<T>, KashError> {
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if body.trim_ascii_start().starts_with(b"[") {
        let mut de = serde_json::Deserializer::from_slice(body);
        if let Ok(listed) = serde::Deserializer::deserialize_seq(
            &mut de,
            ElementsVisitor::<T> {
                worker,
                kind: std::marker::PhantomData,
            },
        ) && de.end().is_ok()
        {
            return Ok(listed);
        }
    }
    parse_list(worker, json_body(worker, bytes, false)?)
}

type ReadJob = Box<dyn FnOnce() + Send>;

/// Runs `job` on the one thread that reads whole list bodies, and waits for it off the async
/// workers. One long-lived thread, so the memory a big list takes while it is read (a tree of
/// 10 000 open orders, refreshed every few seconds) is the same memory each time: the
/// allocator keeps each thread's memory apart, and a refresh read on another pool thread each
/// time grows the process by a list's worth per thread. A job that panics is an error for its
/// caller; the thread goes on with the next.
async fn on_reader<R: Send + 'static>(
    job: impl FnOnce() -> R + Send + 'static,
) -> Result<R, KashError> {
    static READER: std::sync::OnceLock<Option<std::sync::mpsc::Sender<ReadJob>>> =
        std::sync::OnceLock::new();
    let reader = READER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<ReadJob>();
        std::thread::Builder::new()
            .name("kash-list-reader".to_string())
            .spawn(move || {
                for job in rx {
                    // The job's own answer channel tells its caller; nothing to do here.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                }
            })
            .ok()
            .map(|_| tx)
    });
    let failed = |e: &dyn std::fmt::Display| KashError::Config(format!("list reader failed: {e}"));
    let Some(reader) = reader else {
        // No thread could be started: the blocking pool reads it.
        return tokio::task::spawn_blocking(job)
            .await
            .map_err(|e| failed(&e));
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    let sent = reader.send(Box::new(move || {
        let _ = tx.send(job());
    }));
    if sent.is_err() {
        return Err(failed(&"the reader thread is gone"));
    }
    rx.await.map_err(|_| failed(&"the list could not be read"))
}

/// One element of a list, read by its type ([`FromJson::from_element`]).
struct Element<T>(Result<T, String>);

impl<'de, T: FromJson> serde::Deserialize<'de> for Element<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::from_element(d).map(Element)
    }
}

/// Reads a bare array's elements one by one into `T`.
struct ElementsVisitor<'w, T> {
    worker: &'w str,
    kind: std::marker::PhantomData<T>,
}

impl<'de, T: FromJson> serde::de::Visitor<'de> for ElementsVisitor<'_, T> {
    type Value = Listed<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Listed<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        let mut skipped = Vec::new();
        let mut index = 0usize;
        while let Some(Element(result)) = seq.next_element::<Element<T>>()? {
            match result {
                Ok(item) => items.push(item),
                Err(reason) => {
                    tracing::warn!(endpoint = self.worker, index, %reason, "list element skipped");
                    skipped.push(format!("#{index}: {reason}"));
                }
            }
            index += 1;
        }
        items.shrink_to_fit();
        Ok(Listed { items, skipped })
    }
}

/// Reads a list body, skipping (and logging) the elements that cannot be read.
pub fn parse_list<T: FromJson>(worker: &str, value: Value) -> Result<Listed<T>, KashError> {
    let elements = list_elements(value).map_err(|detail| KashError::BadShape {
        endpoint: worker.to_string(),
        detail,
    })?;
    let mut items = Vec::with_capacity(elements.len());
    let mut skipped = Vec::new();
    for (index, el) in elements.iter().enumerate() {
        let result = match el.as_object() {
            Some(map) => T::from_json(&Obj(map)),
            None => Err("not an object".to_string()),
        };
        match result {
            Ok(item) => items.push(item),
            Err(reason) => {
                tracing::warn!(endpoint = worker, index, %reason, "list element skipped");
                skipped.push(format!("#{index}: {reason}"));
            }
        }
    }
    Ok(Listed { items, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(check_base_url("https://kash.click").is_ok());
        assert!(check_base_url("http://127.0.0.1:8787").is_ok());
        assert!(check_base_url("http://localhost:1").is_ok());
        assert!(check_base_url("http://[::1]:1").is_ok());
        assert!(matches!(
            check_base_url("http://kash.click"),
            Err(KashError::Config(_))
        ));
        assert!(matches!(
            check_base_url("http://10.0.0.1"),
            Err(KashError::Config(_))
        ));
        assert!(check_base_url("ftp://x").is_err());
        assert!(check_base_url("nope").is_err());
    }

    #[test]
    fn key_never_in_debug() {
        let key = ApiKey::new("s3cr3t-very-long-key-value");
        let client =
            KashClient::new("https://kash.click", "12", key, Duration::from_secs(5)).unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("s3cr3t-very-long-key-value"), "{debug}");
        assert!(debug.contains("s3…ue"));
        assert_eq!(ApiKey::new("demo").masked(), "•••");
    }

    #[test]
    fn list_bodies_read_straight_or_as_a_tree_alike() {
        use crate::kash::model::Item;
        let bodies: [&str; 5] = [
            r#"[{"id":1,"title":"A","price":"1,50"},{"id":"x"},{"id":2,"title":"B","price":2}]"#,
            "\u{feff}  [{\"id\":1,\"title\":\"A\",\"price\":\"1.5\"}]",
            r#"{"data":[{"id":1,"title":"A","price":"1.5"}]}"#,
            r#"{"7":{"title":"Keyed","price":"3"}}"#,
            "[]",
        ];
        for body in bodies {
            let straight = parse_list_bytes::<Item>("getPlus", body.as_bytes()).unwrap();
            let value: Value = serde_json::from_str(body.trim_start_matches('\u{feff}')).unwrap();
            let tree = parse_list::<Item>("getPlus", value).unwrap();
            assert_eq!(straight.items, tree.items, "{body}");
            assert_eq!(straight.skipped, tree.skipped, "{body}");
        }
        let first = parse_list_bytes::<Item>("getPlus", bodies[0].as_bytes()).unwrap();
        assert_eq!(first.items.len(), 2);
        assert_eq!(first.skipped.len(), 1);
        assert!(matches!(
            parse_list_bytes::<Item>("getPlus", br#"{"result":"ERROR","message":"Bad key"}"#),
            Err(KashError::Refused { .. } | KashError::BadCredentials { .. })
        ));
        assert!(matches!(
            parse_list_bytes::<Item>("getPlus", b"<html>"),
            Err(KashError::NotJson { .. })
        ));
        // A truncated array is no list.
        assert!(parse_list_bytes::<Item>("getPlus", br#"[{"id":1,"price":1}"#).is_err());
    }

    #[test]
    fn http_dates_round_trip() {
        let t = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(t.unix_timestamp(), 784_111_777);
        assert_eq!(format_http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert!(parse_http_date("yesterday").is_none());
    }

    #[test]
    fn urls_keep_a_base_path() {
        let c = KashClient::new(
            "https://example.org/kash",
            "1",
            ApiKey::new("k"),
            Duration::from_secs(1),
        )
        .unwrap();
        assert_eq!(
            c.url("getPlus").as_str(),
            "https://example.org/kash/workers/getPlus.php"
        );
    }
}

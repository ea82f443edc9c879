//! The simulator's HTTP side: one handler for every `/workers/NAME.php`, the answer shapes of
//! each endpoint (JSON, CSV, HTML, the sales report), and fault injection on the way out.

use std::fmt::Write as _;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};
use tokio::sync::watch;

use super::state::{LineKind, Params, Recorded, ShopState, SimOrder, local_offset, now};
use super::{API_KEY, DEMO_EMAIL, DEMO_OLDER_LOGIN, DEMO_OTP, DEMO_PASSWORD, SHOP_ID, Simulator};
use crate::kash::ListEndpoint;
use crate::kash::client::SalesFormat;
use crate::kash::model::Item;
use crate::money::wire_price;

/// What a server instance shares between requests.
#[derive(Clone)]
pub(super) struct Server {
    pub sim: Simulator,
    /// `http://127.0.0.1:PORT`, for the links the API returns.
    pub base: String,
    /// Turns true at shutdown, so a handler that is waiting (latency, delay after record) ends.
    pub stop: watch::Receiver<bool>,
}

pub(super) fn router(server: Server) -> Router {
    Router::new()
        .route("/workers/{file}", any(worker))
        .fallback(not_served)
        .with_state(server)
}

/// The failure convention of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Convention {
    /// `{"result":"ERROR","message":…}`
    Older,
    /// `{"success":false,"result":…}`
    Newer,
}

impl Convention {
    fn of(worker: &str) -> Self {
        match worker {
            "editOrder"
            | "addClient"
            | "editClient"
            | "delClient"
            | "getAuthTokenWithPassword"
            | "getOTPForAccount"
            | "getAuthTokenWithOTP" => Self::Newer,
            _ => Self::Older,
        }
    }

    fn refusal(self, message: &str) -> Value {
        match self {
            Self::Older => json!({"result": "ERROR", "message": message}),
            Self::Newer => json!({"success": false, "result": message}),
        }
    }
}

/// What an endpoint answers, before faults and loose mode.
enum Reply {
    Json(Value),
    /// The catalog as `getPlus` lists it, written item by item while it is sent.
    Items(Arc<Vec<Item>>),
    Text {
        status: StatusCode,
        content_type: &'static str,
        body: String,
    },
}

impl Reply {
    fn text(content_type: &'static str, body: String) -> Self {
        Self::Text {
            status: StatusCode::OK,
            content_type,
            body,
        }
    }
}

/// The fault chosen for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fault {
    None,
    Http500,
    Refusal,
    Html,
    Garbage,
    Drop,
    /// Wait `record_delay`, then record (whether or not the client still waits), then answer.
    SlowRecord,
    /// Record, then answer this status with an HTML page.
    StatusAfterRecord(u16),
    /// Record, then answer a 302 to a 404 page, or (temporary) a 307 to the second host.
    RedirectAfterRecord {
        temporary: bool,
    },
}

impl Fault {
    /// The name the fault counts are kept under (empty for none).
    pub(super) fn name(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Http500 => "http-500",
            Self::Refusal => "refusal",
            Self::Html => "html",
            Self::Garbage => "garbage",
            Self::Drop => "dropped",
            Self::SlowRecord => "slow-record",
            Self::StatusAfterRecord(429) => "429-after-record",
            Self::StatusAfterRecord(_) => "500-after-record",
            Self::RedirectAfterRecord { temporary: false } => "302-after-record",
            Self::RedirectAfterRecord { temporary: true } => "307-after-record",
        }
    }
}

/// What the fault settings decide for one request.
pub(super) struct Decision {
    pub latency: Duration,
    pub fault: Fault,
    pub delay_after_record: Duration,
    pub record_delay: Duration,
    pub redirect_to: Option<String>,
    pub loose: bool,
}

/// A write that records an order.
fn is_write(worker: &str) -> bool {
    matches!(worker, "webapp" | "editOrder")
}

async fn wait_or_stop(stop: &mut watch::Receiver<bool>, duration: Duration) {
    if duration.is_zero() || *stop.borrow() {
        return;
    }
    tokio::select! {
        () = tokio::time::sleep(duration) => {}
        _ = stop.wait_for(|s| *s) => {}
    }
}

async fn not_served() -> Response {
    // The links the API returns (invoice, quote, payment) point here: said plainly, no fake PDF.
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "The Kash.click simulator does not serve this page (invoices, quotes and payment pages \
         are not produced by the simulator).\n",
    )
        .into_response()
}

fn parse_pairs(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
        .map_err(|e| format!("malformed form body: {e}"))
}

async fn worker(
    State(server): State<Server>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let faults = server.sim.faults();
    let offset = faults.variant.clock_offset_secs;
    let stop = server.stop.clone();
    let mut response = answer(server, file, query, body).await;
    if let Some(rate) = faults.link_bytes_per_sec {
        response = paced(response, rate, stop);
    }
    // The server's clock, as a real one tells it (a variant runs it off).
    let date = crate::kash::client::format_http_date(
        OffsetDateTime::now_utc() + time::Duration::seconds(offset),
    );
    if let Ok(v) = header::HeaderValue::from_str(&date) {
        response.headers_mut().insert(header::DATE, v);
    }
    response
}

async fn answer(server: Server, file: String, query: Option<String>, body: Bytes) -> Response {
    let name = file.strip_suffix(".php").unwrap_or(&file).to_string();
    let convention = Convention::of(&name);
    let mut stop = server.stop.clone();
    let decision = server.sim.decide(is_write(&name));
    wait_or_stop(&mut stop, decision.latency).await;

    match decision.fault {
        Fault::Http500 => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                "<html><body><h1>500 Internal Server Error</h1></body></html>",
            )
                .into_response();
        }
        Fault::Refusal => {
            let v = convention.refusal("Service temporarily unavailable, please try again");
            return json_response(&v, decision.loose);
        }
        Fault::Html => {
            return (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                "<!DOCTYPE html><html><head><title>Maintenance</title></head><body>\
                 <h1>Maintenance in progress</h1><p>Please come back in a few minutes.</p>\
                 </body></html>",
            )
                .into_response();
        }
        Fault::Garbage => {
            return (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                Body::from(&b"\x1f\x8b\x08{\"result\":\"OK\",\"da\xff\xfeta\":[{\"id\":1,\"ti"[..]),
            )
                .into_response();
        }
        Fault::None
        | Fault::Drop
        | Fault::SlowRecord
        | Fault::StatusAfterRecord(_)
        | Fault::RedirectAfterRecord { .. } => {}
    }

    let mut params = match query.as_deref().map(|q| parse_pairs(q.as_bytes())) {
        Some(Ok(p)) => p,
        Some(Err(e)) => return json_response(&convention.refusal(&e), decision.loose),
        None => Vec::new(),
    };
    match parse_pairs(&body) {
        Ok(p) => params.extend(p),
        Err(e) => return json_response(&convention.refusal(&e), decision.loose),
    }
    let params = Params(params);

    let (reply, recorded) = if decision.fault == Fault::SlowRecord {
        // The work goes on whether or not the client still waits for it, as on a real server.
        let sim = server.sim.clone();
        let (worker, base) = (name.clone(), server.base.clone());
        let delay = decision.record_delay;
        let mut stop = server.stop.clone();
        sim.starting();
        let work = tokio::spawn(async move {
            wait_or_stop(&mut stop, delay).await;
            let done = sim.handle(&worker, &params, &base);
            sim.landed();
            done
        });
        match work.await {
            Ok(done) => done,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    } else {
        server.sim.handle(&name, &params, &server.base)
    };
    if recorded {
        match decision.fault {
            Fault::StatusAfterRecord(code) => {
                let status =
                    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                return (
                    status,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    format!("<html><body><h1>{status}</h1></body></html>"),
                )
                    .into_response();
            }
            Fault::RedirectAfterRecord { temporary } => {
                let (status, location) = match (&decision.redirect_to, temporary) {
                    (Some(other), true) => (
                        StatusCode::TEMPORARY_REDIRECT,
                        format!("{}/workers/{name}.php", other.trim_end_matches('/')),
                    ),
                    _ => (StatusCode::FOUND, format!("{}/moved.html", server.base)),
                };
                return (status, [(header::LOCATION, location)], "").into_response();
            }
            _ => {}
        }
    }

    if decision.fault == Fault::Drop {
        // The request was read and acted upon; the answer breaks off mid-body.
        let chunks: Vec<Result<Bytes, io::Error>> = vec![
            Ok(Bytes::from_static(b"{\"success\":true,\"orde")),
            Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "simulated connection drop",
            )),
        ];
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            Body::from_stream(futures::stream::iter(chunks)),
        )
            .into_response();
    }
    if recorded {
        wait_or_stop(&mut stop, decision.delay_after_record).await;
    }
    match reply {
        Reply::Json(v) => json_response(&v, decision.loose),
        Reply::Items(items) if decision.loose => json_response(
            &Value::Array(items.iter().map(Item::to_wire).collect()),
            true,
        ),
        Reply::Items(items) => items_response(items),
        Reply::Text {
            status,
            content_type,
            body,
        } => (status, [(header::CONTENT_TYPE, content_type)], body).into_response(),
    }
}

/// The most bytes a paced body sends at once.
const LINK_PIECE: usize = 16 * 1024;

/// `response` with its body sent no faster than `rate` bytes a second, in pieces of at most
/// [`LINK_PIECE`], as a line of that rate carries it (the body is then sent chunked). Cut short
/// at shutdown.
fn paced(response: Response, rate: u64, stop: watch::Receiver<bool>) -> Response {
    use futures::StreamExt as _;
    let rate = rate.max(1);
    let (parts, body) = response.into_parts();
    struct Line {
        body: axum::body::BodyDataStream,
        piece: Bytes,
        start: Option<tokio::time::Instant>,
        sent: u64,
        stop: watch::Receiver<bool>,
    }
    let line = Line {
        body: body.into_data_stream(),
        piece: Bytes::new(),
        start: None,
        sent: 0,
        stop,
    };
    let stream = futures::stream::unfold(line, move |mut line| async move {
        while line.piece.is_empty() {
            match line.body.next().await? {
                Ok(chunk) => line.piece = chunk,
                Err(e) => return Some((Err(io::Error::other(e)), line)),
            }
        }
        let start = *line.start.get_or_insert_with(tokio::time::Instant::now);
        let out = line.piece.split_to(line.piece.len().min(LINK_PIECE));
        line.sent += out.len() as u64;
        // When the line has carried every byte up to this piece's last.
        let due = start + Duration::from_micros(line.sent.saturating_mul(1_000_000) / rate);
        tokio::select! {
            () = tokio::time::sleep_until(due) => {}
            _ = line.stop.wait_for(|s| *s) => return None,
        }
        Some((Ok::<_, io::Error>(out), line))
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

/// About how many bytes of the catalog go out at once.
const ITEMS_CHUNK: usize = 64 * 1024;

/// The catalog's listing, written on a thread of its own and sent as it is written (chunked), as a
/// server that writes its rows while it reads them sends it: the first items leave at once, and
/// the whole list is never held, neither as a tree nor as one text.
fn items_response(items: Arc<Vec<Item>>) -> Response {
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(4);
    tokio::task::spawn_blocking(move || {
        let fresh = || Vec::with_capacity(ITEMS_CHUNK + 1024);
        let mut buf = fresh();
        buf.push(b'[');
        for (n, item) in items.iter().enumerate() {
            if n > 0 {
                buf.push(b',');
            }
            write_wire_item(&mut buf, item);
            if buf.len() >= ITEMS_CHUNK
                && tx
                    .blocking_send(Bytes::from(std::mem::replace(&mut buf, fresh())))
                    .is_err()
            {
                // The client went away: nothing more to write.
                return;
            }
        }
        buf.push(b']');
        let _ = tx.blocking_send(Bytes::from(buf));
    });
    let body = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (Ok::<_, io::Error>(chunk), rx))
    });
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from_stream(body),
    )
        .into_response()
}

/// One item of the catalog's body, in its wire shape ([`Item::wire`]).
fn write_wire_item(out: &mut Vec<u8>, item: &Item) {
    // Writing into a Vec fails only for a value that cannot be JSON, and these all can.
    if serde_json::to_writer(&mut *out, &item.wire()).is_err() {
        out.extend_from_slice(b"null");
    }
}

fn json_response(value: &Value, loose: bool) -> Response {
    let (body, content_type) = if loose {
        // Loose mode also sends a misleading Content-Type, as some PHP services do.
        (
            loosen(value.clone(), None, true),
            "text/html; charset=UTF-8",
        )
    } else {
        (value.clone(), "application/json")
    };
    let text = serde_json::to_string(&body).unwrap_or_else(|_| "null".to_string());
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], text).into_response()
}

/// Fields whose values are amounts: written with a decimal comma in loose mode.
const PRICE_FIELDS: &[&str] = &[
    "price",
    "deltaPrice",
    "value",
    "minimumAmount",
    "maximumAmount",
    "paid",
    "total",
];

/// The variations the Tolerance section of the reference allows: numbers and booleans as
/// strings, decimal commas in amounts, and a top-level list wrapped in `{"data": …}`.
fn loosen(value: Value, key: Option<&str>, top: bool) -> Value {
    let price_like = key.is_some_and(|k| PRICE_FIELDS.contains(&k));
    match value {
        Value::Number(n) => {
            let text = n.to_string();
            Value::String(if price_like {
                text.replace('.', ",")
            } else {
                text
            })
        }
        Value::String(s) if price_like => Value::String(s.replace('.', ",")),
        Value::Bool(b) => Value::String(if b { "1" } else { "0" }.to_string()),
        Value::Array(items) => {
            let items: Vec<Value> = items.into_iter().map(|v| loosen(v, None, false)).collect();
            if top {
                json!({ "data": items })
            } else {
                Value::Array(items)
            }
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = loosen(v, Some(&k), false);
                    (k, v)
                })
                .collect(),
        ),
        other => other,
    }
}

impl Simulator {
    /// Answers one request; `true` when an order was recorded or changed.
    fn handle(&self, worker: &str, p: &Params, base: &str) -> (Reply, bool) {
        let convention = Convention::of(worker);
        match worker {
            "getAuthToken"
            | "getAuthTokenWithPassword"
            | "getOTPForAccount"
            | "getAuthTokenWithOTP" => return (self.auth(worker, p, base), false),
            _ => {}
        }
        let known = ListEndpoint::from_worker(worker).is_some()
            || matches!(
                worker,
                "getSales"
                    | "getOrders"
                    | "webapp"
                    | "editOrder"
                    | "addClient"
                    | "editClient"
                    | "delClient"
            );
        if !known {
            return (
                Reply::Text {
                    status: StatusCode::NOT_FOUND,
                    content_type: "text/plain; charset=utf-8",
                    body: format!("No such worker: {worker}.php\n"),
                },
                false,
            );
        }
        let shop = p.get(&["idboutique", "shopID", "shopId", "shopid", "idBoutique"]);
        let key = p.get(&["key", "APIKEY"]);
        if shop != Some(SHOP_ID) || key != Some(API_KEY) {
            return (
                Reply::Json(convention.refusal("Unknown shop or invalid API key")),
                false,
            );
        }
        let mut inner = self.lock();
        let variant = inner.faults.variant.clone();
        let shop = &mut inner.shop;
        if let Some(endpoint) = ListEndpoint::from_worker(worker) {
            return (list_reply(endpoint, shop, p, &variant), false);
        }
        match worker {
            "getOrders" if variant.no_get_orders => (
                Reply::Text {
                    status: StatusCode::NOT_FOUND,
                    content_type: "text/plain; charset=utf-8",
                    body: "No such worker: getOrders.php\n".to_string(),
                },
                false,
            ),
            "getOrders" => (orders_reply(shop, p, &variant), false),
            "getSales" => (sales_reply(shop, p), false),
            "webapp" => match shop.record_order(p) {
                Ok(r) => (Reply::Json(receipt(&r, base)), true),
                Err(e) => (Reply::Json(Convention::Newer.refusal(&e)), false),
            },
            "editOrder" => match shop.edit_order(p) {
                Ok(r) => (Reply::Json(receipt(&r, base)), true),
                Err(e) => (Reply::Json(Convention::Newer.refusal(&e)), false),
            },
            "addClient" => customer_reply(shop.add_customer(p)),
            "editClient" => customer_reply(shop.edit_customer(p)),
            _ => customer_reply(shop.delete_customer(p)),
        }
    }

    fn auth(&self, worker: &str, p: &Params, base: &str) -> Reply {
        let login = p.get(&["login", "email"]).unwrap_or_default();
        let password = p.get(&["password"]).unwrap_or_default();
        let is_demo = login.eq_ignore_ascii_case(DEMO_EMAIL);
        let credentials = |older: bool| {
            if older {
                json!({"result": "OK", "APIKEY": API_KEY, "SHOPID": SHOP_ID})
            } else {
                json!({"success": true, "result": "Here are your credentials",
                       "APIKEY": API_KEY, "SHOPID": SHOP_ID})
            }
        };
        let value = match worker {
            "getAuthToken" => {
                let known = is_demo || login.eq_ignore_ascii_case(DEMO_OLDER_LOGIN);
                if known && password == DEMO_PASSWORD {
                    credentials(true)
                } else {
                    Convention::Older.refusal("Invalid login or password")
                }
            }
            "getAuthTokenWithPassword" => {
                if is_demo && password == DEMO_PASSWORD {
                    credentials(false)
                } else {
                    Convention::Newer.refusal("Authentication error")
                }
            }
            "getOTPForAccount" => {
                let account_ok = p.get(&["accountID"]).is_none_or(|a| a == SHOP_ID);
                if is_demo && account_ok {
                    self.lock().otp_pending = true;
                    json!({"success": true, "result": "Email with OTP has been sent",
                           "consumeOTPlink": format!("{base}/workers/getAuthTokenWithOTP.php")})
                } else {
                    Convention::Newer.refusal("Error sending email")
                }
            }
            _ => {
                let otp = p.get(&["otp", "OTP"]).unwrap_or_default();
                let mut inner = self.lock();
                if is_demo && inner.otp_pending && otp == DEMO_OTP {
                    // One use per OTP sent, like the real one.
                    inner.otp_pending = false;
                    credentials(false)
                } else {
                    Convention::Newer.refusal("OTP not found")
                }
            }
        };
        Reply::Json(value)
    }
}

fn receipt(r: &Recorded, base: &str) -> Value {
    let id = r.order_id;
    let mut v = json!({"success": true, "orderID": id});
    if let Value::Object(o) = &mut v {
        if !r.paid {
            o.insert(
                "paymentLink".into(),
                Value::String(format!("{base}/pay/{id}")),
            );
        }
        if r.validated {
            o.insert(
                "invoice".into(),
                Value::String(format!("{base}/invoice/{id}.pdf")),
            );
        } else {
            o.insert(
                "quote".into(),
                Value::String(format!("{base}/quote/{id}.pdf")),
            );
        }
    }
    v
}

fn customer_reply(result: Result<u64, String>) -> (Reply, bool) {
    let v = match result {
        Ok(id) => json!({"success": true, "id": id}),
        Err(e) => Convention::Newer.refusal(&e),
    };
    (Reply::Json(v), false)
}

fn to_values<T: serde::Serialize>(list: &[T]) -> Vec<Value> {
    list.iter()
        .map(|x| serde_json::to_value(x).unwrap_or(Value::Null))
        .collect()
}

/// An order as a listing of this server variant sends it.
fn wire_order(o: &SimOrder, variant: &super::Variant) -> Value {
    let mut v = o.to_wire();
    if let Value::Object(map) = &mut v {
        if variant.no_private_comment {
            map.insert("privateComment".to_string(), Value::String(String::new()));
        }
        if variant.no_dates {
            map.remove("date");
        }
        if variant.lines_as_strings {
            let lines = o
                .lines
                .iter()
                .map(|l| {
                    let text = match l.kind {
                        LineKind::Item(id) if l.quantity == Decimal::ONE => id.to_string(),
                        LineKind::Item(id) => {
                            format!("{id}_{}", crate::money::wire_quantity(l.quantity))
                        }
                        LineKind::Department(d) => {
                            format!("-{d}_{}_{}", wire_price(l.unit_price), l.title)
                        }
                        LineKind::Free => format!("Free_{}_{}", wire_price(l.unit_price), l.title),
                    };
                    Value::String(text)
                })
                .collect();
            map.insert("items".to_string(), Value::Array(lines));
        }
    }
    v
}

fn list_values(endpoint: ListEndpoint, shop: &ShopState, variant: &super::Variant) -> Vec<Value> {
    let c = &shop.catalog;
    match endpoint {
        ListEndpoint::Items => c
            .items
            .iter()
            .map(super::super::kash::model::Item::to_wire)
            .collect(),
        ListEndpoint::Departments => to_values(&c.departments),
        ListEndpoint::DepartmentGroups => to_values(&c.department_groups),
        ListEndpoint::Clients => to_values(&c.customers),
        ListEndpoint::Variations => to_values(&c.variations),
        ListEndpoint::DeliveryMethods => to_values(&c.delivery_methods),
        ListEndpoint::PaymentModes => to_values(&c.payment_modes),
        ListEndpoint::Cashboxes => to_values(&c.cashboxes),
        ListEndpoint::DeliveryZones => to_values(&c.delivery_zones),
        ListEndpoint::RelayPoints => to_values(&c.relay_points),
        ListEndpoint::Discounts => to_values(&c.discounts),
        ListEndpoint::Users => to_values(&c.users),
        ListEndpoint::Tables => to_values(&c.tables),
        ListEndpoint::Pending => shop
            .orders
            .iter()
            .filter(|o| !o.closed)
            .map(|o| wire_order(o, variant))
            .collect(),
    }
}

fn list_reply(
    endpoint: ListEndpoint,
    shop: &ShopState,
    p: &Params,
    variant: &super::Variant,
) -> Reply {
    let format = p.get(&["format"]).unwrap_or("json").to_ascii_lowercase();
    if endpoint == ListEndpoint::Items && format == "json" {
        // Written while it is sent, from the catalog as it is now, once the shop is let go.
        return Reply::Items(shop.catalog.items.clone());
    }
    let values = list_values(endpoint, shop, variant);
    match format.as_str() {
        "json" => Reply::Json(Value::Array(values)),
        "csv" => Reply::text("text/csv; charset=utf-8", to_csv(endpoint, &values)),
        "html" => Reply::text("text/html; charset=utf-8", to_html_table(endpoint, &values)),
        other => Reply::Json(
            Convention::Older.refusal(&format!("Unknown format {other:?}: use json, csv or html")),
        ),
    }
}

/// The keys of a list's elements, in the order they first appear.
/// The fields the API reference lists for each resource: the header of an empty CSV or HTML
/// list, which would otherwise have no row to take its columns from.
fn documented_columns(endpoint: ListEndpoint) -> &'static [&'static str] {
    match endpoint {
        ListEndpoint::Items => &[
            "id",
            "title",
            "shortTitle",
            "price",
            "deptID",
            "vatID",
            "barcode",
            "stock",
            "internalID",
            "keyboardHide",
            "position",
            "variationID0",
            "variationID1",
            "variationID2",
            "variationID3",
            "variationID4",
        ],
        ListEndpoint::Departments => &[
            "id",
            "title",
            "shortTitle",
            "price",
            "vatID",
            "deptGroupID",
            "position",
            "keyboardHide",
        ],
        ListEndpoint::DepartmentGroups => &["id", "title", "position"],
        ListEndpoint::Clients => &[
            "id",
            "title",
            "surname",
            "name",
            "email",
            "phone",
            "phone2",
            "addressline1",
            "addressline2",
            "postcode",
            "city",
            "country",
            "VATnum",
            "barcode",
            "blacklist",
            "commentPrivate",
        ],
        ListEndpoint::Variations => &["id", "title", "choices"],
        ListEndpoint::PaymentModes => &["id", "title", "type", "minimumAmount", "maximumAmount"],
        ListEndpoint::DeliveryZones => &["id", "title", "price"],
        ListEndpoint::RelayPoints => &["id", "title", "address"],
        ListEndpoint::Discounts => &["id", "title", "type", "value"],
        ListEndpoint::Tables => &["id", "title", "covers"],
        ListEndpoint::DeliveryMethods | ListEndpoint::Cashboxes | ListEndpoint::Users => {
            &["id", "title"]
        }
        ListEndpoint::Pending => &[
            "orderID",
            "orderInternalID",
            "price",
            "date",
            "clientID",
            "cashBoxID",
            "idtable",
            "numcouverts",
            "deliveryMethod",
            "pagerNum",
            "publicComment",
            "privateComment",
            "items",
        ],
    }
}

fn columns(values: &[Value]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for v in values {
        if let Value::Object(o) = v {
            for k in o.keys() {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
    }
    keys
}

fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "1" } else { "0" }.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        // Nested lists (choices, order lines) travel as JSON text in one cell.
        Some(other) => other.to_string(),
    }
}

/// One CSV field: quoted when it holds the separator, a quote or a line break.
pub(super) fn csv_field(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv_line(fields: impl IntoIterator<Item = String>) -> String {
    let mut line = fields
        .into_iter()
        .map(|f| csv_field(&f))
        .collect::<Vec<_>>()
        .join(";");
    line.push_str("\r\n");
    line
}

fn to_csv(endpoint: ListEndpoint, values: &[Value]) -> String {
    let mut keys = columns(values);
    if keys.is_empty() {
        keys = documented_columns(endpoint)
            .iter()
            .map(|k| (*k).to_string())
            .collect();
    }
    let mut out = csv_line(keys.iter().cloned());
    for v in values {
        out.push_str(&csv_line(keys.iter().map(|k| cell(v.get(k)))));
    }
    out
}

pub(super) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn to_html_table(endpoint: ListEndpoint, values: &[Value]) -> String {
    let caption = endpoint.label();
    let mut keys = columns(values);
    if keys.is_empty() {
        keys = documented_columns(endpoint)
            .iter()
            .map(|k| (*k).to_string())
            .collect();
    }
    let mut out = format!(
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        html_escape(caption)
    );
    for k in &keys {
        let _ = write!(out, "<th>{}</th>", html_escape(k));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for v in values {
        out.push_str("<tr>");
        for k in &keys {
            let _ = write!(out, "<td>{}</td>", html_escape(&cell(v.get(k))));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Reads an ISO 8601 bound: a full date-time with offset, a local date-time, or a date (the
/// start of the day, or its end for the upper bound).
fn parse_bound(text: &str, upper: bool, offset: time::UtcOffset) -> Option<OffsetDateTime> {
    // A `+` sent unencoded in a query arrives as a space.
    let text = text.trim().replace(' ', "+");
    if let Ok(t) = OffsetDateTime::parse(&text, &Rfc3339) {
        return Some(t);
    }
    let local = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    if let Ok(t) = PrimitiveDateTime::parse(&text, local) {
        return Some(t.assume_offset(offset));
    }
    let day = Date::parse(&text, format_description!("[year]-[month]-[day]")).ok()?;
    let at = if upper {
        Time::from_hms(23, 59, 59).ok()?
    } else {
        Time::MIDNIGHT
    };
    Some(PrimitiveDateTime::new(day, at).assume_offset(offset))
}

fn orders_reply(shop: &ShopState, p: &Params, variant: &super::Variant) -> Reply {
    let refuse = |m: String| Reply::Json(Convention::Older.refusal(&m));
    let offset = local_offset();
    let validated = match p.get(&["validatedOrders"]) {
        None => None,
        Some(t) => match crate::kash::json::value_to_bool(&Value::String(t.to_string())) {
            Some(b) => Some(b),
            None => return refuse(format!("validatedOrders must be 0 or 1, not {t:?}")),
        },
    };
    let mut bounds = [None, None];
    for (i, name) in ["from_date_ISO8601", "to_date_ISO8601"].iter().enumerate() {
        if let Some(t) = p.get(&[name]) {
            match parse_bound(t, i == 1, offset) {
                Some(b) => bounds[i] = Some(b),
                None => return refuse(format!("{name} is not an ISO 8601 date: {t:?}")),
            }
        }
    }
    let delivery = match p.get(&["filterDeliveryMethod"]) {
        None => None,
        Some(t) => match t.parse::<u8>() {
            Ok(d) if d <= 6 => Some(d),
            _ => return refuse(format!("filterDeliveryMethod must be 0 to 6, not {t:?}")),
        },
    };
    let [from, to] = bounds;
    let list = shop
        .orders
        .iter()
        .filter(|o| validated.is_none_or(|v| o.validated == v))
        .filter(|o| from.is_none_or(|f| o.created >= f))
        .filter(|o| to.is_none_or(|t| o.created <= t))
        .filter(|o| delivery.is_none_or(|d| o.delivery_method == Some(d)))
        .map(|o| wire_order(o, variant))
        .collect::<Vec<Value>>();
    let list = match variant.orders_cap {
        Some(cap) if list.len() > cap => list[list.len() - cap..].to_vec(),
        _ => list,
    };
    Reply::Json(Value::Array(list))
}

/// The day `getSales.php` reports: `d`, `m`, `y`, each defaulting to yesterday's.
fn sales_day(p: &Params) -> Result<Date, String> {
    let now = now();
    let yesterday = now.date().previous_day().unwrap_or(now.date());
    let num = |name: &str, default: i32| -> Result<i32, String> {
        match p.get(&[name]) {
            None => Ok(default),
            Some(t) => t
                .parse()
                .map_err(|_| format!("{name} must be a number, not {t:?}")),
        }
    };
    let d = num("d", i32::from(yesterday.day()))?;
    let m = num("m", i32::from(u8::from(yesterday.month())))?;
    let y = num("y", yesterday.year())?;
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| format!("no month {m}"))?;
    let day = u8::try_from(d).map_err(|_| format!("no day {d}"))?;
    Date::from_calendar_date(y, month, day).map_err(|_| format!("no such day: {d}/{m}/{y}"))
}

fn sales_reply(shop: &ShopState, p: &Params) -> Reply {
    let refuse = |m: &str| Reply::Json(Convention::Older.refusal(m));
    let day = match sales_day(p) {
        Ok(d) => d,
        Err(e) => return refuse(&e),
    };
    let wire = p.get(&["formatExport", "format"]).unwrap_or("Std");
    let Some(format) = SalesFormat::from_wire(wire) else {
        return refuse(&format!(
            "Unknown formatExport {wire:?}: use Std, PDF, XLS, CSV, frafec or saft"
        ));
    };
    // A sale is a validated order; open quotes are not in the day's takings.
    let orders: Vec<&SimOrder> = shop
        .orders
        .iter()
        .filter(|o| o.validated && o.created.date() == day)
        .collect();
    match format {
        SalesFormat::Std => Reply::text("text/html; charset=utf-8", sales_html(shop, day, &orders)),
        SalesFormat::Csv => Reply::text("text/csv; charset=utf-8", sales_csv(shop, &orders)),
        SalesFormat::Pdf => Reply::text("application/pdf", super::exports::pdf(shop, day, &orders)),
        SalesFormat::Xls => Reply::text(
            "application/vnd.ms-excel",
            super::exports::xls(shop, day, &orders),
        ),
        SalesFormat::Fec => Reply::text(
            "text/plain; charset=utf-8",
            super::exports::fec(shop, day, &orders),
        ),
        SalesFormat::Saft => Reply::text(
            "application/xml; charset=utf-8",
            super::exports::saft(shop, day, &orders),
        ),
    }
}

fn department_title(shop: &ShopState, id: Option<u64>) -> String {
    match id.and_then(|d| shop.catalog.department(d)) {
        Some(d) => d.title.clone(),
        None => "Free lines".to_string(),
    }
}

/// Adds `amount` to the entry named `key`, keeping first-seen order.
fn add_to(totals: &mut Vec<(String, Decimal)>, key: String, amount: Decimal) {
    match totals.iter_mut().find(|(k, _)| *k == key) {
        Some((_, t)) => *t += amount,
        None => totals.push((key, amount)),
    }
}

fn sales_html(shop: &ShopState, day: Date, orders: &[&SimOrder]) -> String {
    let grand: Decimal = orders.iter().map(|o| o.total()).sum();
    let mut by_mode: Vec<(String, Decimal)> = Vec::new();
    let mut by_dept: Vec<(String, Decimal)> = Vec::new();
    let mut unpaid = Decimal::ZERO;
    for o in orders {
        for (mode, amount) in &o.payments {
            let title = shop
                .catalog
                .payment_mode(*mode)
                .map_or_else(|| format!("Mode {mode}"), |m| m.title.clone());
            add_to(&mut by_mode, title, *amount);
        }
        for l in &o.lines {
            add_to(
                &mut by_dept,
                department_title(shop, l.department_id),
                l.total(),
            );
        }
        unpaid += o.remaining();
    }
    let date = format!(
        "{:02}/{:02}/{}",
        day.day(),
        u8::from(day.month()),
        day.year()
    );
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sales report {date}</title>\
         </head><body>\n<h1>{} — sales of {date}</h1>\n\
         <p>Orders: <span class=\"orders\">{}</span></p>\n\
         <p>Grand total: <span class=\"total\">{}</span></p>\n",
        html_escape(&shop.catalog.title),
        orders.len(),
        wire_price(grand)
    );
    for (heading, rows) in [("By payment mode", &by_mode), ("By department", &by_dept)] {
        let _ = write!(
            out,
            "<h2>{heading}</h2>\n<table>\n<tr><th>Title</th><th>Amount</th></tr>\n"
        );
        for (title, amount) in rows {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td></tr>",
                html_escape(title),
                wire_price(*amount)
            );
        }
        out.push_str("</table>\n");
    }
    let _ = write!(
        out,
        "<p>Unpaid: <span class=\"unpaid\">{}</span></p>\n</body></html>\n",
        wire_price(unpaid)
    );
    out
}

/// One line per order line; amounts with a `.` decimal point.
fn sales_csv(shop: &ShopState, orders: &[&SimOrder]) -> String {
    let mut out = csv_line(
        [
            "date",
            "orderID",
            "orderInternalID",
            "type",
            "itemID",
            "deptID",
            "department",
            "title",
            "quantity",
            "unitPrice",
            "total",
            "paymentMode",
            "user",
        ]
        .map(str::to_string),
    );
    for o in orders {
        // The order's payment: its mode, or its modes joined when it was paid in parts.
        let mut modes: Vec<String> = Vec::new();
        for (mode, _) in &o.payments {
            let title = shop
                .catalog
                .payment_mode(*mode)
                .map_or_else(|| format!("Mode {mode}"), |m| m.title.clone());
            if !modes.contains(&title) {
                modes.push(title);
            }
        }
        let user = shop
            .catalog
            .users
            .iter()
            .find(|u| u.id == o.user_id)
            .map_or_else(|| format!("User {}", o.user_id), |u| u.title.clone());
        for l in &o.lines {
            let (kind, item) = match l.kind {
                LineKind::Item(id) => ("item", id.to_string()),
                LineKind::Department(_) => ("department", String::new()),
                LineKind::Free => ("free", String::new()),
            };
            out.push_str(&csv_line([
                o.date.clone(),
                o.id.to_string(),
                o.internal_id.clone(),
                kind.to_string(),
                item,
                l.department_id.map(|d| d.to_string()).unwrap_or_default(),
                department_title(shop, l.department_id),
                l.title.clone(),
                crate::money::wire_quantity(l.quantity),
                wire_price(l.unit_price),
                wire_price(l.total()),
                modes.join(" + "),
                user.clone(),
            ]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_list_keeps_its_documented_header() {
        let csv = to_csv(ListEndpoint::Pending, &[]);
        assert!(
            csv.starts_with("orderID;orderInternalID;price;date;"),
            "{csv}"
        );
        assert_eq!(csv.lines().count(), 1);
        let html = to_html_table(ListEndpoint::Tables, &[]);
        assert!(html.contains("<th>covers</th>"), "{html}");
    }

    #[test]
    fn csv_fields_are_escaped() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn loose_values() {
        let v = json!([{"id": 3, "price": "14.50", "title": "A.B", "hidden": false,
                        "choices": [{"deltaPrice": "0.50"}]}]);
        assert_eq!(
            loosen(v, None, true),
            json!({"data": [{"id": "3", "price": "14,50", "title": "A.B", "hidden": "0",
                             "choices": [{"deltaPrice": "0,50"}]}]})
        );
    }

    #[test]
    fn bounds() {
        let off = time::UtcOffset::UTC;
        let a = parse_bound("2026-11-22", false, off).unwrap();
        let b = parse_bound("2026-11-22", true, off).unwrap();
        assert!(a < b);
        assert!(parse_bound("2026-11-22T10:00:00 01:00", false, off).is_some());
        assert!(parse_bound("2026-11-22T10:00:00", false, off).is_some());
        assert!(parse_bound("yesterday", false, off).is_none());
    }
}

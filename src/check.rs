//! `kash-pos check`: a read-only probe of the account. Every list the till loads is asked for
//! once (answers, JSON or not, how many elements, how many could not be read, how long it took),
//! `getOrders.php` over the last day, and the look-up the sender uses to settle a sale of unknown
//! outcome is tried against the reference of the last sale this till confirmed (its journal,
//! opened read-only: a till may be running on it). The report says what is missing and what
//! follows for the cashier; the command exits non-zero when a capability the till relies on is
//! missing.
//!
//! Nothing is written: no sale, no order, no journal entry.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, n, s};
use crate::journal::{Journal, SenderConfig, Sight, delivery};
use crate::kash::client::{ListEndpoint, Listed, OrdersQuery};
use crate::kash::model::PendingOrder;
use crate::kash::{KashClient, KashError};

/// `getOrders.php`'s name in the report (it is not one of the lists of [`ListEndpoint`]).
pub const ORDERS: &str = "getOrders";

/// One endpoint asked once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// The worker's name without `.php` (`getPlus`).
    pub endpoint: &'static str,
    pub answer: Answer,
    /// From the request to the parsed answer.
    pub rtt: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A JSON list: `count` elements read, `unreadable` left out.
    Listed {
        count: usize,
        unreadable: usize,
        orders: Option<OrdersSeen>,
    },
    /// HTTP 404: the account does not serve it.
    NotServed,
    /// An answer that is not JSON.
    NotJson { excerpt: String },
    /// A refusal from the service (a wrong key, a missing right).
    Refused { message: String },
    /// No answer, or an HTTP error.
    Failed { message: String },
}

/// What order listings send back that the till relies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OrdersSeen {
    pub without_date: usize,
    pub with_private_comment: usize,
    /// Orders with lines the till could not read, and how many lines in all.
    pub with_unreadable_lines: usize,
    pub unreadable_lines: usize,
}

/// Whether the look-up that settles a sale of unknown outcome can see this till's sales.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seeing {
    /// The look-up found the last sale this till confirmed, by its reference.
    Sighted { control: String },
    /// It did not: not finding a sale then proves nothing.
    Blind { why: crate::journal::Blindness },
    /// This till has confirmed no sale yet (or has no journal yet): nothing to check against.
    NotKnownYet { why: NotKnown },
    /// The look-up did not answer.
    NoAnswer { message: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotKnown {
    NoJournal,
    /// The demo shop starts empty every time: the journal's sales were made on another one.
    DemoShop,
    NoConfirmedSale,
    JournalUnreadable(String),
}

/// Everything `kash-pos check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub shop: String,
    pub url: String,
    pub probes: Vec<Probe>,
    pub seeing: Seeing,
    /// The server's clock minus this machine's, where an answer carried a `Date`.
    pub skew: Option<time::Duration>,
}

/// How much a finding weighs: a missing capability fails the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Missing,
    Warning,
}

/// One line of what follows for the cashier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub weight: Weight,
    /// A stable name for scripts (`--json`).
    pub code: &'static str,
    pub text: String,
}

/// A skew under this is not worth a word.
const SKEW_SHOWN: i64 = 60;

/// Probes the account: every list, `getOrders.php` over the last day, then the look-up against
/// the journal at `journal` (read-only; absent is fine).
pub async fn probe(
    client: &KashClient,
    journal: Option<&Path>,
    sender: &SenderConfig,
    shop: &str,
    url: &str,
) -> Report {
    let mut probes = Vec::new();
    for endpoint in ListEndpoint::ALL {
        probes.push(probe_list(client, endpoint).await);
    }
    probes.push(probe_orders(client).await);
    let seeing = look_up(client, journal, sender).await;
    Report {
        shop: shop.to_string(),
        url: url.to_string(),
        probes,
        seeing,
        skew: client.server_clock().map(|c| c.skew),
    }
}

async fn probe_list(client: &KashClient, endpoint: ListEndpoint) -> Probe {
    let started = Instant::now();
    let answer = match endpoint {
        ListEndpoint::Items => listed(client.items().await),
        ListEndpoint::Departments => listed(client.departments().await),
        ListEndpoint::DepartmentGroups => listed(client.department_groups().await),
        ListEndpoint::Clients => listed(client.clients().await),
        ListEndpoint::Variations => listed(client.variations().await),
        ListEndpoint::DeliveryMethods => listed(client.delivery_methods().await),
        ListEndpoint::PaymentModes => listed(client.payment_modes().await),
        ListEndpoint::Cashboxes => listed(client.cashboxes().await),
        ListEndpoint::DeliveryZones => listed(client.delivery_zones().await),
        ListEndpoint::RelayPoints => listed(client.relay_points().await),
        ListEndpoint::Discounts => listed(client.discounts().await),
        ListEndpoint::Users => listed(client.users().await),
        ListEndpoint::Tables => listed(client.tables().await),
        ListEndpoint::Pending => orders_listed(client.pending().await),
    };
    Probe {
        endpoint: endpoint.worker(),
        answer,
        rtt: started.elapsed(),
    }
}

async fn probe_orders(client: &KashClient) -> Probe {
    let started = Instant::now();
    let now = client.server_now();
    let query = OrdersQuery {
        validated: None,
        from: Some(crate::journal::timestamp(now - time::Duration::days(1))),
        to: Some(crate::journal::timestamp(now + time::Duration::minutes(5))),
        delivery_method: None,
    };
    let answer = orders_listed(client.orders(&query).await);
    Probe {
        endpoint: ORDERS,
        answer,
        rtt: started.elapsed(),
    }
}

fn listed<T>(result: Result<Listed<T>, KashError>) -> Answer {
    match result {
        Ok(list) => Answer::Listed {
            count: list.items.len(),
            unreadable: list.skipped.len(),
            orders: None,
        },
        Err(e) => failed(&e),
    }
}

fn orders_listed(result: Result<Listed<PendingOrder>, KashError>) -> Answer {
    match result {
        Ok(list) => {
            let mut seen = OrdersSeen::default();
            for o in &list.items {
                if o.date.trim().is_empty() {
                    seen.without_date += 1;
                }
                if !o.private_comment.trim().is_empty() {
                    seen.with_private_comment += 1;
                }
                if o.unreadable_lines > 0 {
                    seen.with_unreadable_lines += 1;
                    seen.unreadable_lines += o.unreadable_lines;
                }
            }
            Answer::Listed {
                count: list.items.len(),
                unreadable: list.skipped.len(),
                orders: Some(seen),
            }
        }
        Err(e) => failed(&e),
    }
}

fn failed(e: &KashError) -> Answer {
    match e {
        KashError::Http { status: 404, .. } => Answer::NotServed,
        KashError::NotJson { excerpt, .. } => Answer::NotJson {
            excerpt: excerpt.clone(),
        },
        KashError::Refused { message, .. } | KashError::BadCredentials { message, .. } => {
            Answer::Refused {
                message: message.clone(),
            }
        }
        other => Answer::Failed {
            message: other.cashier_message(),
        },
    }
}

/// Probes the embedded demo shop: as [`probe`], but its look-up is not checked against the
/// journal, whose sales were made on an earlier demo shop (each starts empty).
pub async fn probe_demo(client: &KashClient, sender: &SenderConfig, url: &str) -> Report {
    let mut report = probe(client, None, sender, "demo", url).await;
    report.seeing = Seeing::NotKnownYet {
        why: NotKnown::DemoShop,
    };
    report
}

async fn look_up(client: &KashClient, journal: Option<&Path>, sender: &SenderConfig) -> Seeing {
    let Some(path) = journal.filter(|p| p.exists()) else {
        return Seeing::NotKnownYet {
            why: NotKnown::NoJournal,
        };
    };
    let journal = match Journal::open_read_only(path) {
        Ok(j) => j,
        Err(e) => {
            return Seeing::NotKnownYet {
                why: NotKnown::JournalUnreadable(e.to_string()),
            };
        }
    };
    match journal.latest_control() {
        Ok(Some(_)) => {}
        Ok(None) => {
            return Seeing::NotKnownYet {
                why: NotKnown::NoConfirmedSale,
            };
        }
        Err(e) => {
            return Seeing::NotKnownYet {
                why: NotKnown::JournalUnreadable(e.to_string()),
            };
        }
    }
    match delivery::probe_sight(&journal, client, sender).await {
        Ok(Sight::Sighted { control }) => Seeing::Sighted { control },
        Ok(Sight::Blind { why }) => Seeing::Blind { why },
        Ok(Sight::Unknown) => Seeing::NotKnownYet {
            why: NotKnown::NoConfirmedSale,
        },
        Err(e) => Seeing::NoAnswer {
            message: e.cashier_message(),
        },
    }
}

impl Report {
    fn answer(&self, endpoint: &str) -> Option<&Answer> {
        self.probes
            .iter()
            .find(|p| p.endpoint == endpoint)
            .map(|p| &p.answer)
    }

    /// The median round trip over the endpoints that answered.
    pub fn median_rtt(&self) -> Option<Duration> {
        let mut times: Vec<Duration> = self
            .probes
            .iter()
            .filter(|p| matches!(p.answer, Answer::Listed { .. }))
            .map(|p| p.rtt)
            .collect();
        if times.is_empty() {
            return None;
        }
        times.sort();
        Some(times[times.len() / 2])
    }

    /// What is missing and what follows for the cashier, the missing capabilities first.
    pub fn findings(&self, lang: Lang) -> Vec<Finding> {
        let mut out = Vec::new();
        let missing = |code, text| Finding {
            weight: Weight::Missing,
            code,
            text,
        };
        let warning = |code, text| Finding {
            weight: Weight::Warning,
            code,
            text,
        };
        if self
            .probes
            .iter()
            .all(|p| !matches!(p.answer, Answer::Listed { .. }))
        {
            out.push(missing("no-answer", lang.t("check-no-answer")));
        }
        if !matches!(self.answer("getPlus"), Some(Answer::Listed { .. })) {
            out.push(missing("catalog", lang.t("check-missing-catalog")));
        }
        match self.answer("getPaymentModes") {
            Some(Answer::Listed { count, .. }) if *count > 0 => {}
            _ => out.push(missing("payment-modes", lang.t("check-missing-modes"))),
        }
        if !matches!(self.answer("getPending"), Some(Answer::Listed { .. })) {
            out.push(missing("pending", lang.t("check-missing-pending")));
        }
        let orders = self.answer(ORDERS);
        if !matches!(orders, Some(Answer::Listed { .. })) {
            out.push(missing("orders", lang.t("check-missing-orders")));
        }
        match &self.seeing {
            Seeing::Blind { .. } => out.push(missing("blind", lang.t("check-missing-blind"))),
            Seeing::NoAnswer { .. } => {
                out.push(missing("look-up", lang.t("check-missing-lookup")));
            }
            Seeing::Sighted { .. } | Seeing::NotKnownYet { .. } => {}
        }
        if matches!(self.seeing, Seeing::NotKnownYet { .. }) {
            let listed: Vec<&OrdersSeen> = self
                .probes
                .iter()
                .filter_map(|p| match &p.answer {
                    Answer::Listed {
                        orders: Some(o),
                        count,
                        ..
                    } if *count > 0 => Some(o),
                    _ => None,
                })
                .collect();
            if !listed.is_empty() && listed.iter().all(|o| o.with_private_comment == 0) {
                out.push(warning("no-comments", lang.t("check-warn-no-comments")));
            }
        }
        for p in &self.probes {
            match &p.answer {
                Answer::Listed {
                    unreadable, orders, ..
                } => {
                    if *unreadable > 0 {
                        out.push(warning(
                            "unreadable",
                            lang.ta(
                                "check-warn-unreadable",
                                &[("count", n(*unreadable)), ("endpoint", s(p.endpoint))],
                            ),
                        ));
                    }
                    if let Some(o) = orders {
                        if o.without_date > 0 {
                            out.push(warning(
                                "no-dates",
                                lang.ta(
                                    "check-warn-no-dates",
                                    &[("count", n(o.without_date)), ("endpoint", s(p.endpoint))],
                                ),
                            ));
                        }
                        if o.unreadable_lines > 0 {
                            out.push(warning(
                                "unreadable-lines",
                                lang.ta(
                                    "check-warn-unreadable-lines",
                                    &[
                                        ("count", n(o.unreadable_lines)),
                                        ("orders", n(o.with_unreadable_lines)),
                                        ("endpoint", s(p.endpoint)),
                                    ],
                                ),
                            ));
                        }
                    }
                }
                _ if matches!(
                    p.endpoint,
                    "getPlus" | "getPaymentModes" | "getPending" | ORDERS
                ) => {}
                _ => out.push(warning(
                    "list",
                    lang.ta("check-warn-list", &[("endpoint", s(p.endpoint))]),
                )),
            }
        }
        if let Some(skew) = self.skew.filter(|k| k.whole_seconds().abs() >= SKEW_SHOWN) {
            out.push(warning(
                "clock",
                lang.ta("check-warn-clock", &[("skew", s(skew_text(skew, lang)))]),
            ));
        }
        out.sort_by_key(|f| f.weight == Weight::Warning);
        out
    }

    /// Whether every capability the till relies on is there (the exit status).
    pub fn passed(&self) -> bool {
        self.findings(Lang::En)
            .iter()
            .all(|f| f.weight != Weight::Missing)
    }

    /// The report as the terminal shows it: a table of the endpoints, then the look-up, the
    /// clock, the round trip, and what follows.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        out.push_str(&lang.ta(
            "check-title",
            &[
                ("shop", s(self.shop.as_str())),
                ("url", s(self.url.as_str())),
            ],
        ));
        out.push_str("\n\n");
        let header = [
            lang.t("check-col-endpoint"),
            lang.t("check-col-answer"),
            lang.t("check-col-elements"),
            lang.t("check-col-unreadable"),
            lang.t("check-col-time"),
        ];
        let mut rows: Vec<[String; 5]> = vec![header];
        for p in &self.probes {
            let (answer, count, unreadable) = match &p.answer {
                Answer::Listed {
                    count, unreadable, ..
                } => (
                    lang.t("check-answer-json"),
                    count.to_string(),
                    unreadable.to_string(),
                ),
                Answer::NotServed => (
                    lang.t("check-answer-not-served"),
                    String::new(),
                    String::new(),
                ),
                Answer::NotJson { .. } => (
                    lang.t("check-answer-not-json"),
                    String::new(),
                    String::new(),
                ),
                Answer::Refused { .. } => {
                    (lang.t("check-answer-refused"), String::new(), String::new())
                }
                Answer::Failed { .. } => {
                    (lang.t("check-answer-failed"), String::new(), String::new())
                }
            };
            rows.push([
                format!("{}.php", p.endpoint),
                answer,
                count,
                unreadable,
                millis(p.rtt, lang),
            ]);
        }
        let mut widths = [0usize; 5];
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        for row in &rows {
            let mut line = String::new();
            for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
                let pad = " ".repeat(w - cell.width());
                // Names and words to the left, figures to the right.
                if i < 2 {
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
                line.push_str("  ");
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        // What a failing endpoint said, under the table.
        for p in &self.probes {
            let said = match &p.answer {
                Answer::NotJson { excerpt } => Some(excerpt),
                Answer::Refused { message } | Answer::Failed { message } => Some(message),
                Answer::Listed { .. } | Answer::NotServed => None,
            };
            if let Some(said) = said {
                out.push_str(&format!("  {}.php: {said}\n", p.endpoint));
            }
        }
        out.push('\n');
        let labels = [
            lang.t("check-lookup"),
            lang.t("check-clock"),
            lang.t("check-rtt"),
        ];
        let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0);
        let field = |label: &str, value: String| {
            format!(
                "{label}{}  {value}\n",
                " ".repeat(label_width - label.width())
            )
        };
        out.push_str(&field(&labels[0], self.seeing_text(lang)));
        out.push_str(&field(
            &labels[1],
            match self.skew {
                None => lang.t("check-clock-unknown"),
                Some(k) if k.whole_seconds().abs() < SKEW_SHOWN => lang.t("check-clock-ok"),
                Some(k) => skew_text(k, lang),
            },
        ));
        out.push_str(&field(
            &labels[2],
            self.median_rtt().map_or_else(
                || lang.t("check-rtt-none"),
                |m| {
                    lang.ta(
                        "check-rtt-median",
                        &[
                            ("median", s(millis(m, lang))),
                            (
                                "count",
                                n(self
                                    .probes
                                    .iter()
                                    .filter(|p| matches!(p.answer, Answer::Listed { .. }))
                                    .count()),
                            ),
                        ],
                    )
                },
            ),
        ));
        let findings = self.findings(lang);
        out.push('\n');
        if findings.is_empty() {
            out.push_str(&lang.t("check-all-good"));
            out.push('\n');
        }
        for f in &findings {
            let mark = match f.weight {
                Weight::Missing => lang.t("check-mark-missing"),
                Weight::Warning => lang.t("check-mark-warning"),
            };
            out.push_str(&format!("{mark} {}\n", f.text));
        }
        out
    }

    fn seeing_text(&self, lang: Lang) -> String {
        match &self.seeing {
            Seeing::Sighted { control } => {
                lang.ta("check-sighted", &[("reference", s(control.as_str()))])
            }
            Seeing::Blind { why } => lang.ta("check-blind", &[("why", s(why.text_in(lang)))]),
            Seeing::NotKnownYet { why } => match why {
                NotKnown::NoJournal => lang.t("check-not-known-no-journal"),
                NotKnown::DemoShop => lang.t("check-not-known-demo"),
                NotKnown::NoConfirmedSale => lang.t("check-not-known-no-sale"),
                NotKnown::JournalUnreadable(e) => {
                    lang.ta("check-not-known-journal", &[("error", s(e.as_str()))])
                }
            },
            Seeing::NoAnswer { message } => {
                lang.ta("check-lookup-failed", &[("error", s(message.as_str()))])
            }
        }
    }

    /// The report for scripts (`kash-pos check --json`), in English.
    pub fn to_json(&self) -> Value {
        let probes: Vec<Value> = self
            .probes
            .iter()
            .map(|p| {
                let mut v = json!({
                    "endpoint": format!("{}.php", p.endpoint),
                    "rtt_ms": millis_f64(p.rtt),
                });
                let (answer, detail) = match &p.answer {
                    Answer::Listed {
                        count,
                        unreadable,
                        orders,
                    } => {
                        v["elements"] = json!(count);
                        v["unreadable"] = json!(unreadable);
                        if let Some(o) = orders {
                            v["orders"] = json!({
                                "without_date": o.without_date,
                                "with_private_comment": o.with_private_comment,
                                "with_unreadable_lines": o.with_unreadable_lines,
                                "unreadable_lines": o.unreadable_lines,
                            });
                        }
                        ("json", None)
                    }
                    Answer::NotServed => ("not_served", None),
                    Answer::NotJson { excerpt } => ("not_json", Some(excerpt)),
                    Answer::Refused { message } => ("refused", Some(message)),
                    Answer::Failed { message } => ("failed", Some(message)),
                };
                v["answer"] = json!(answer);
                if let Some(d) = detail {
                    v["detail"] = json!(d);
                }
                v
            })
            .collect();
        let (state, detail) = match &self.seeing {
            Seeing::Sighted { control } => ("sighted", Some(control.clone())),
            Seeing::Blind { why } => ("blind", Some(why.to_string())),
            Seeing::NotKnownYet { why } => (
                "not_known_yet",
                Some(match why {
                    NotKnown::NoJournal => "no journal yet".to_string(),
                    NotKnown::DemoShop => "the demo shop starts empty every time".to_string(),
                    NotKnown::NoConfirmedSale => "no sale confirmed yet".to_string(),
                    NotKnown::JournalUnreadable(e) => e.clone(),
                }),
            ),
            Seeing::NoAnswer { message } => ("no_answer", Some(message.clone())),
        };
        let findings: Vec<Value> = self
            .findings(Lang::En)
            .into_iter()
            .map(|f| {
                json!({
                    "missing": f.weight == Weight::Missing,
                    "code": f.code,
                    "text": f.text,
                })
            })
            .collect();
        json!({
            "shop": self.shop,
            "url": self.url,
            "passed": self.passed(),
            "endpoints": probes,
            "lookup": { "state": state, "detail": detail },
            "clock_skew_secs": self.skew.map(time::Duration::whole_seconds),
            "median_rtt_ms": self.median_rtt().map(millis_f64),
            "findings": findings,
        })
    }
}

/// "3 ms", "0.4 ms" (a tenth below 10 ms), with the language's decimal mark.
fn millis(d: Duration, lang: Lang) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    let text = if ms < 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    };
    match lang.money_style() {
        crate::money::MoneyStyle::French => format!("{} ms", text.replace('.', ",")),
        crate::money::MoneyStyle::English => format!("{text} ms"),
    }
}

fn millis_f64(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0 * 10.0).round() / 10.0
}

/// "20 min 5 s ahead of this machine".
fn skew_text(skew: time::Duration, lang: Lang) -> String {
    let secs = skew.whole_seconds();
    let abs = secs.unsigned_abs();
    let amount = if abs >= 60 {
        lang.ta(
            "check-skew-minutes",
            &[("minutes", n(abs / 60)), ("seconds", n(abs % 60))],
        )
    } else {
        lang.ta("check-skew-seconds", &[("seconds", n(abs))])
    };
    if secs >= 0 {
        lang.ta("check-skew-ahead", &[("amount", s(amount))])
    } else {
        lang.ta("check-skew-behind", &[("amount", s(amount))])
    }
}

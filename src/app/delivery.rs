//! What the background sender reports about journaled sales: the final answer for the sale on
//! screen, a provisional receipt when the server cannot be reached, the count still waiting, and
//! the sales whose outcome only the cashier can settle.

use crossterm::event::{KeyCode, KeyEvent};

use super::effect::{Decision, Effect};
use super::keymap::Action;
use super::state::{App, Attention, Connection, Mode, ReceiptState, Severity};
use super::update::{info, on_submitted};
use crate::journal::delivery::{Outcome, SenderEvent};
use crate::kash::KashError;
use crate::pos::tender::change_due;

pub fn on_delivery(app: &mut App, event: SenderEvent) -> Vec<Effect> {
    app.queue_waiting = event.waiting;
    let ours = matches!(&app.mode, Mode::Submitting(s) if s.seq == Some(event.seq));
    let waiting_for_ours = matches!(&app.mode, Mode::Submitting(s) if s.seq.is_some());
    match &event.outcome {
        Outcome::Confirmed(receipt) => {
            app.connection = Connection::Online;
            app.attention.retain(|a| a.seq != event.seq);
            if ours {
                return on_submitted(app, Ok(receipt.clone()));
            }
            info(
                app,
                Severity::Success,
                format!(
                    "{} recorded on Kash.click as order {}",
                    event.reference, receipt.order_id
                ),
            );
            // A parked or queued order just landed: the open-orders list shows it.
            return super::orders::refresh(app);
        }
        Outcome::Refused(message) => {
            if ours {
                return on_submitted(
                    app,
                    Err(KashError::Refused {
                        endpoint: "webapp".to_string(),
                        message: message.clone(),
                    }),
                );
            }
            push_attention(app, &event, format!("refused by Kash.click: {message}"));
        }
        Outcome::NeedsCashier(why) => {
            push_attention(app, &event, why.clone());
            if waiting_for_ours {
                return provisional(app);
            }
        }
        Outcome::Offline(e) | Outcome::Uncertain(e) => {
            app.connection = if e.is_connectivity() {
                Connection::Offline
            } else {
                Connection::Online
            };
            // The queue is blocked (by this sale or an earlier one): the cashier goes on selling.
            if waiting_for_ours {
                return provisional(app);
            }
        }
        Outcome::Settling { .. } => {
            // Looked up, not found yet: the queue goes on, the sale is safe in the journal.
            app.connection = Connection::Online;
            if waiting_for_ours {
                return provisional(app);
            }
        }
        Outcome::Double(d) => {
            info(
                app,
                Severity::Error,
                format!(
                    "{} was recorded twice on Kash.click: orders {} and {}. Refund order {} (the copy)",
                    d.reference, d.kept_order_id, d.second_order_id, d.second_order_id
                ),
            );
        }
        Outcome::Sight(sight) => {
            if matches!(sight, crate::journal::Sight::Blind { .. }) {
                info(app, Severity::Warning, sight.cashier_message());
            }
        }
        Outcome::JournalFailed(e) => {
            info(app, Severity::Error, format!("Journal: {e}"));
            if waiting_for_ours {
                return provisional(app);
            }
        }
    }
    Vec::new()
}

fn push_attention(app: &mut App, event: &SenderEvent, why: String) {
    if !app.attention.iter().any(|a| a.seq == event.seq) {
        app.attention.push(Attention {
            seq: event.seq,
            reference: event.reference.clone(),
            why,
        });
    }
    let n = app.attention.len();
    info(
        app,
        Severity::Warning,
        format!("{n} sale(s) need your decision: Ctrl-W"),
    );
}

/// The sale is safe in the journal but not confirmed yet: a provisional receipt, and the next
/// sale can start. The number will come from the server.
fn provisional(app: &mut App) -> Vec<Effect> {
    let Mode::Submitting(submission) = app.mode.clone() else {
        return Vec::new();
    };
    let change = submission
        .tendered
        .and_then(|t| change_due(submission.total, t));
    let reference = submission.reference.clone().unwrap_or_default();
    app.basket = Default::default();
    app.selected = None;
    app.last_changed = None;
    app.entry.clear();
    app.mode = Mode::Receipt(ReceiptState {
        order_id: None,
        submission,
        change,
        link: None,
    });
    info(
        app,
        Severity::Warning,
        format!("Provisional: {reference} queued, sent when Kash.click answers"),
    );
    let held = std::mem::take(&mut app.held);
    let mut effects = Vec::new();
    for event in held {
        effects.extend(super::update::update(app, event));
    }
    effects
}

pub fn attention_key(
    app: &mut App,
    selected: usize,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let n = app.attention.len();
    let Some(current) = app
        .attention
        .get(selected.min(n.saturating_sub(1)))
        .cloned()
    else {
        app.mode = Mode::Sale;
        return Vec::new();
    };
    match action {
        Some(Action::Up) => {
            app.mode = Mode::Attention {
                selected: selected.saturating_sub(1),
            }
        }
        Some(Action::Down) => {
            app.mode = Mode::Attention {
                selected: (selected + 1).min(n - 1),
            }
        }
        Some(Action::Retry) => {
            app.entry.clear();
            app.mode = Mode::Sale;
            info(
                app,
                Severity::Info,
                format!("Sending {} again", current.reference),
            );
            return vec![Effect::Resolve {
                seq: current.seq,
                decision: Decision::SendAgain,
            }];
        }
        Some(Action::Accept) => match app.entry.trim().parse::<u64>() {
            Ok(order_id) if order_id > 0 => {
                app.entry.clear();
                app.mode = Mode::Sale;
                return vec![Effect::Resolve {
                    seq: current.seq,
                    decision: Decision::Recorded(order_id),
                }];
            }
            _ => info(
                app,
                Severity::Warning,
                "Type the order number shown in Kash.click, then Enter",
            ),
        },
        Some(Action::Cancel) => {
            app.entry.clear();
            app.mode = Mode::Sale;
        }
        _ => {
            if let KeyCode::Char(c) = key.code {
                if c.is_ascii_digit() {
                    app.entry.push(c);
                }
            } else if key.code == KeyCode::Backspace {
                app.entry.pop();
            }
        }
    }
    Vec::new()
}

//! Who is at the till. The cashier picks their name from the shop's users (`getUsers.php`):
//! typed text filters the names, arrows move, Enter chooses; a cashier with a PIN set on this
//! machine types it. F2 sets, changes or removes the selected cashier's PIN (the PIN set now
//! is asked first); F3 chooses this machine's till (`getCashbox.php`), remembered in the till
//! file unless `[pos] cashbox_id` fixes it.
//!
//! At start the picker opens when the shop has more than one user or a PIN is set here; with
//! `[pos] user_id` the till starts as that user without it, unless that user has a PIN (then
//! it opens on their PIN). The demo shop starts on the sale (Ctrl-U shows the picker), and
//! its till file lasts as long as the till runs. The till is asked first when the shop has several and none is
//! configured nor remembered. From the sale, Ctrl-U opens it with the basket, the table and
//! the customer kept; the orders sent after carry the new cashier's `idUser`.
//!
//! Three wrong PINs in a row make the cashier wait a few seconds, by the till's clock (the
//! ticks), before the next try.

use crossterm::event::KeyEvent;

use crate::i18n::{self, n};
use crate::kash::model::User;
use crate::pos::cashiers::{FAILURES_BEFORE_WAIT, PinHash, PinRule, WAIT_SECS, check_new_pin};

use super::super::actions::{Field, edit, say, step};
use super::super::effect::Effect;
use super::super::keymap::Action;
use super::super::screen::{CashierStep, CashiersState, Flow, PinEntry, Screen};
use super::super::state::{App, Severity};

/// The users whose name contains `query` (any case), in the shop's order.
pub fn users<'a>(app: &'a App, query: &str) -> Vec<&'a User> {
    let q = query.trim().to_lowercase();
    app.lists
        .users
        .iter()
        .filter(|u| q.is_empty() || u.title.to_lowercase().contains(&q))
        .collect()
}

fn user_name(app: &App, id: u64) -> String {
    app.lists
        .users
        .iter()
        .find(|u| u.id == id)
        .map_or_else(|| format!("#{id}"), |u| u.title.clone())
}

/// Whether the cashier is chosen at start (see the module's text).
pub fn needs_picker(app: &App) -> bool {
    if let Some(id) = app.settings.user_id {
        return app.till.file.has_pin(id);
    }
    app.lists.users.len() > 1 || !app.till.file.pins.is_empty()
}

/// Whether the till is chosen at start: several cashboxes, none configured nor remembered.
pub fn needs_till(app: &App) -> bool {
    !app.till.cashbox_fixed && app.settings.cashbox_id.is_none() && app.lists.cashboxes.len() > 1
}

fn picker(app: &App, at_start: bool) -> CashiersState {
    let selected = app
        .settings
        .user_id
        .and_then(|id| users(app, "").iter().position(|u| u.id == id))
        .unwrap_or(0);
    CashiersState {
        query: String::new(),
        selected,
        step: CashierStep::Pick,
        at_start,
        error: None,
    }
}

fn till_step(app: &App) -> CashierStep {
    let selected = app
        .settings
        .cashbox_id
        .and_then(|id| app.lists.cashboxes.iter().position(|c| c.id == id))
        .unwrap_or(0);
    CashierStep::Till { selected }
}

/// The screen the till starts on once the shop is loaded: the till or the cashier to choose,
/// or `None` (the sale).
pub fn at_start(app: &App) -> Option<Screen> {
    if !app.till.ask_at_start {
        return None;
    }
    if needs_till(app) {
        let mut p = picker(app, true);
        p.step = till_step(app);
        return Some(Screen::Cashiers(Box::new(p)));
    }
    if !needs_picker(app) {
        return None;
    }
    let mut p = picker(app, true);
    if let Some(id) = app.settings.user_id.filter(|id| app.till.file.has_pin(*id)) {
        p.step = CashierStep::Pin {
            user_id: id,
            entry: PinEntry::default(),
        };
    }
    Some(Screen::Cashiers(Box::new(p)))
}

/// Ctrl-U from the sale: the picker, the sale kept as it is.
pub fn open(app: &mut App) -> Flow {
    if app.lists.users.is_empty() && app.lists.cashboxes.len() < 2 {
        say(app, Severity::Warning, "msg-cashier-no-users", &[]);
        return Flow::stay();
    }
    Flow::to(Screen::Cashiers(Box::new(picker(app, false))))
}

/// Seconds still to wait before a PIN may be tried, if any. The wait starts at the first tick
/// after the last wrong PIN when no tick has come yet.
fn wait_left(app: &mut App) -> Option<i64> {
    if app.till.failures < FAILURES_BEFORE_WAIT {
        return None;
    }
    let Some(now) = app.orders.now else {
        return Some(WAIT_SECS);
    };
    let until = *app
        .till
        .wait_until
        .get_or_insert(now + time::Duration::seconds(WAIT_SECS));
    if now < until {
        Some((until - now).whole_seconds().max(1))
    } else {
        app.till.failures = 0;
        app.till.wait_until = None;
        None
    }
}

/// Checks `pin` against `user_id`'s, counting the wrong ones. `Err` is the message to show.
fn check_pin(app: &mut App, user_id: u64, pin: &str) -> Result<(), String> {
    let l = app.settings.lang;
    if let Some(secs) = wait_left(app) {
        return Err(l.ta("cashier-pin-wait", &[("seconds", n(secs))]));
    }
    let ok = app.till.file.pin(user_id).is_some_and(|h| h.verify(pin));
    if ok {
        app.till.failures = 0;
        app.till.wait_until = None;
        return Ok(());
    }
    app.till.failures = app.till.failures.saturating_add(1);
    tracing::warn!(user_id, failures = app.till.failures, "wrong PIN");
    if app.till.failures >= FAILURES_BEFORE_WAIT {
        app.till.wait_until = app
            .orders
            .now
            .map(|now| now + time::Duration::seconds(WAIT_SECS));
        Err(l.ta("cashier-pin-wrong-wait", &[("seconds", n(WAIT_SECS))]))
    } else {
        Err(l.t("cashier-pin-wrong"))
    }
}

/// The till file written where it lives, if it lives anywhere.
fn save(app: &App) -> Vec<Effect> {
    app.till
        .path
        .clone()
        .map(|path| Effect::SaveTill {
            path,
            file: app.till.file.clone(),
        })
        .into_iter()
        .collect()
}

/// `user_id` is at the till now.
fn choose(app: &mut App, user_id: u64) -> Flow {
    let changed = app.settings.user_id != Some(user_id);
    app.settings.user_id = Some(user_id);
    let name = user_name(app, user_id);
    tracing::info!(user_id, "cashier at the till");
    let key = if changed {
        "msg-cashier-now"
    } else {
        "msg-cashier-same"
    };
    say(app, Severity::Success, key, &[("name", i18n::s(name))]);
    Flow::sale()
}

fn digits(entry: &mut PinEntry, key: &KeyEvent) {
    if entry.0.len() < crate::pos::cashiers::PIN_MAX
        || key.code == crossterm::event::KeyCode::Backspace
    {
        edit(&mut entry.0, key, Field::Digits);
    }
}

/// A burst of keys (what the scanner detector calls a scan) while a PIN is typed: a PIN typed
/// fast, or a badge. Its digits go into the PIN, its Enter confirms nothing (Enter does);
/// `false` when no PIN is being typed (the scan is then kept for the sale).
pub fn on_scan(s: &mut CashiersState, code: &str) -> bool {
    let entry = match &mut s.step {
        CashierStep::Pin { entry, .. }
        | CashierStep::OldPin { entry, .. }
        | CashierStep::NewPin { entry, .. }
        | CashierStep::ConfirmPin { entry, .. } => entry,
        CashierStep::Pick | CashierStep::Till { .. } => return false,
    };
    for c in code.chars().filter(char::is_ascii_digit) {
        if entry.0.len() < crate::pos::cashiers::PIN_MAX {
            entry.0.push(c);
        }
    }
    true
}

pub fn on_key(app: &mut App, s: &mut CashiersState, action: Option<Action>, key: KeyEvent) -> Flow {
    if action == Some(Action::Quit) {
        // As on the sale: a basket is asked about first, unless the till is still starting
        // (a restored sale is saved as it is and comes back at the next start).
        if s.at_start || app.basket.is_empty() {
            app.quit = true;
            return Flow::stay();
        }
        return Flow::to(Screen::Confirm(super::super::screen::ConfirmKind::Quit));
    }
    let mut effects = Vec::new();
    let step = std::mem::replace(&mut s.step, CashierStep::Pick);
    s.step = match step {
        CashierStep::Pick => return pick_key(app, s, action, key),
        CashierStep::Till { selected } => return till_key(app, s, selected, action),
        CashierStep::Pin { user_id, mut entry } => match action {
            Some(Action::Accept) => match check_pin(app, user_id, &entry.0) {
                Ok(()) => return choose(app, user_id),
                Err(e) => {
                    s.error = Some(e);
                    CashierStep::Pin {
                        user_id,
                        entry: PinEntry::default(),
                    }
                }
            },
            Some(Action::Cancel) => {
                s.error = None;
                CashierStep::Pick
            }
            _ => {
                digits(&mut entry, &key);
                CashierStep::Pin { user_id, entry }
            }
        },
        CashierStep::OldPin { user_id, mut entry } => match action {
            Some(Action::Accept) => match check_pin(app, user_id, &entry.0) {
                Ok(()) => {
                    s.error = None;
                    CashierStep::NewPin {
                        user_id,
                        entry: PinEntry::default(),
                    }
                }
                Err(e) => {
                    s.error = Some(e);
                    CashierStep::OldPin {
                        user_id,
                        entry: PinEntry::default(),
                    }
                }
            },
            Some(Action::Cancel) => {
                s.error = None;
                CashierStep::Pick
            }
            _ => {
                digits(&mut entry, &key);
                CashierStep::OldPin { user_id, entry }
            }
        },
        CashierStep::NewPin { user_id, mut entry } => match action {
            Some(Action::Accept) => {
                let (next, saved) = new_pin(app, s, user_id, entry);
                effects = saved;
                next
            }
            Some(Action::Cancel) => {
                s.error = None;
                CashierStep::Pick
            }
            _ => {
                digits(&mut entry, &key);
                CashierStep::NewPin { user_id, entry }
            }
        },
        CashierStep::ConfirmPin {
            user_id,
            first,
            mut entry,
        } => match action {
            Some(Action::Accept) if entry == first => {
                app.till
                    .file
                    .set_pin(user_id, Some(PinHash::new_random(&entry.0)));
                s.error = None;
                let name = user_name(app, user_id);
                say(
                    app,
                    Severity::Success,
                    "msg-cashier-pin-set",
                    &[("name", i18n::s(name))],
                );
                return Flow::stay().with(save(app));
            }
            Some(Action::Accept) => {
                s.error = Some(app.settings.lang.t("cashier-pin-differ"));
                CashierStep::NewPin {
                    user_id,
                    entry: PinEntry::default(),
                }
            }
            Some(Action::Cancel) => {
                s.error = None;
                CashierStep::Pick
            }
            _ => {
                digits(&mut entry, &key);
                CashierStep::ConfirmPin {
                    user_id,
                    first,
                    entry,
                }
            }
        },
    };
    Flow::stay().with(effects)
}

/// The new PIN typed: empty removes the one set; else it is typed again.
fn new_pin(
    app: &mut App,
    s: &mut CashiersState,
    user_id: u64,
    entry: PinEntry,
) -> (CashierStep, Vec<Effect>) {
    let l = app.settings.lang;
    if entry.0.is_empty() && app.till.file.has_pin(user_id) {
        app.till.file.set_pin(user_id, None);
        s.error = None;
        let name = user_name(app, user_id);
        say(
            app,
            Severity::Success,
            "msg-cashier-pin-removed",
            &[("name", i18n::s(name))],
        );
        return (CashierStep::Pick, save(app));
    }
    let next = match check_new_pin(&entry.0) {
        Ok(()) => {
            s.error = None;
            CashierStep::ConfirmPin {
                user_id,
                first: entry,
                entry: PinEntry::default(),
            }
        }
        Err(PinRule::NotDigits | PinRule::Length) => {
            s.error = Some(l.ta(
                "cashier-pin-rule",
                &[
                    ("min", n(crate::pos::cashiers::PIN_MIN)),
                    ("max", n(crate::pos::cashiers::PIN_MAX)),
                ],
            ));
            CashierStep::NewPin {
                user_id,
                entry: PinEntry::default(),
            }
        }
    };
    (next, Vec::new())
}

fn pick_key(app: &mut App, s: &mut CashiersState, action: Option<Action>, key: KeyEvent) -> Flow {
    let found: Vec<(u64, bool)> = users(app, &s.query)
        .iter()
        .map(|u| (u.id, app.till.file.has_pin(u.id)))
        .collect();
    let len = found.len();
    s.error = None;
    match action {
        Some(Action::Up) => s.selected = step(s.selected, -1, len),
        Some(Action::Down) => s.selected = step(s.selected, 1, len),
        Some(Action::Accept) => match found.get(s.selected) {
            Some((id, true)) => {
                s.step = CashierStep::Pin {
                    user_id: *id,
                    entry: PinEntry::default(),
                };
            }
            Some((id, false)) => return choose(app, *id),
            None => say(app, Severity::Warning, "msg-cashier-none-found", &[]),
        },
        Some(Action::SetPin) => match found.get(s.selected) {
            Some((id, has)) => {
                s.step = if *has {
                    CashierStep::OldPin {
                        user_id: *id,
                        entry: PinEntry::default(),
                    }
                } else {
                    CashierStep::NewPin {
                        user_id: *id,
                        entry: PinEntry::default(),
                    }
                };
            }
            None => say(app, Severity::Warning, "msg-cashier-none-found", &[]),
        },
        Some(Action::ChooseTill) => {
            if app.till.cashbox_fixed {
                say(app, Severity::Warning, "msg-till-fixed", &[]);
            } else if app.lists.cashboxes.is_empty() {
                say(app, Severity::Warning, "msg-till-none", &[]);
            } else {
                s.step = till_step(app);
            }
        }
        Some(Action::Cancel) => {
            if !s.query.is_empty() {
                s.query.clear();
                s.selected = 0;
            } else if s.at_start {
                say(app, Severity::Warning, "msg-cashier-choose", &[]);
            } else {
                return Flow::sale();
            }
        }
        Some(_) => {}
        None => {
            if edit(&mut s.query, &key, Field::Text) {
                s.selected = 0;
            }
        }
    }
    Flow::stay()
}

fn till_key(
    app: &mut App,
    s: &mut CashiersState,
    mut selected: usize,
    action: Option<Action>,
) -> Flow {
    let len = app.lists.cashboxes.len();
    match action {
        Some(Action::Up) => selected = step(selected, -1, len),
        Some(Action::Down) => selected = step(selected, 1, len),
        Some(Action::Accept) => {
            if let Some(c) = app.lists.cashboxes.get(selected).cloned() {
                app.settings.cashbox_id = Some(c.id);
                app.till.file.cashbox_id = Some(c.id);
                say(
                    app,
                    Severity::Success,
                    "msg-till-chosen",
                    &[("till", i18n::s(c.title))],
                );
                let effects = save(app);
                if s.at_start && !needs_picker(app) {
                    return Flow::sale().with(effects);
                }
                return Flow::stay().with(effects);
            }
        }
        Some(Action::Cancel) if needs_till(app) => {
            say(app, Severity::Warning, "msg-till-choose", &[]);
        }
        Some(Action::Cancel) => return Flow::stay(),
        _ => {}
    }
    s.step = CashierStep::Till { selected };
    Flow::stay()
}

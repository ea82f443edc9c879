//! The drawer's shift (Ctrl-X): the figures so far, the float, cash in and out, the X report
//! and the close (Z) with the cash counted. Every event is written to the journal's shift log
//! by the runner; this screen only decides what to write.

use crossterm::event::{KeyCode, KeyEvent};
use rust_decimal::Decimal;

use crate::i18n::s;
use crate::journal::shift::{NewShiftEvent, ShiftKind};
use crate::money::{format_money, parse_decimal};
use crate::shift::{Counted, DENOMINATIONS, MAX_AMOUNT, count_total};

use super::super::actions::{Field, edit, say, step};
use super::super::effect::{CloseShift, Effect};
use super::super::keymap::Action;
use super::super::screen::{Flow, Screen, ShiftMove, ShiftState, ShiftStep};
use super::super::state::{App, Severity};
use crate::shift::ClosedShift;

/// Ctrl-X: the shift screen, its figures read from the journal.
pub fn open() -> Flow {
    Flow::to(Screen::Shift(Box::new(ShiftState::loading()))).with(vec![Effect::LoadShift])
}

fn event(app: &App, kind: ShiftKind) -> NewShiftEvent {
    NewShiftEvent {
        kind,
        who: app.user_label(),
        user_id: app.settings.user_id,
        cashbox_id: app.settings.cashbox_id,
        amount: None,
        counts: None,
        reason: String::new(),
        entries_upto: None,
        figures: None,
    }
}

/// An amount as typed: 0 to [`MAX_AMOUNT`], in cents at most.
fn amount(text: &str) -> Option<Decimal> {
    parse_decimal(text)
        .filter(|a| *a >= Decimal::ZERO && *a <= MAX_AMOUNT && a.normalize().scale() <= 2)
}

fn amount_step(what: ShiftMove) -> ShiftStep {
    ShiftStep::Amount {
        what,
        amount: String::new(),
        reason: String::new(),
        field: 0,
    }
}

pub fn on_key(
    app: &mut App,
    state: &mut ShiftState,
    action: Option<Action>,
    key: KeyEvent,
) -> Flow {
    let step_now = std::mem::replace(&mut state.step, ShiftStep::Busy);
    let (next, flow) = match step_now {
        ShiftStep::Overview => overview(app, state, action),
        ShiftStep::Busy => (ShiftStep::Busy, Flow::stay()),
        ShiftStep::Closed(c) => match action {
            Some(Action::Back | Action::Accept) => (ShiftStep::Closed(c), Flow::sale()),
            Some(Action::Up) => {
                state.scroll = state.scroll.saturating_sub(1);
                (ShiftStep::Closed(c), Flow::stay())
            }
            Some(Action::Down) => {
                state.scroll = state.scroll.saturating_add(1);
                (ShiftStep::Closed(c), Flow::stay())
            }
            // The next shift has begun: its float, cash in and out, X and close.
            _ => overview(app, state, action),
        },
        ShiftStep::Amount {
            what,
            amount: typed,
            reason,
            field,
        } => amount_key(app, state, what, typed, reason, field, action, &key),
        ShiftStep::Count {
            what,
            counts,
            selected,
        } => count_key(app, state, what, counts, selected, action, &key),
        ShiftStep::ConfirmClose(counted) => match action {
            Some(Action::Accept) => {
                let close = CloseShift {
                    who: app.user_label(),
                    user_id: app.settings.user_id,
                    cashbox_id: app.settings.cashbox_id,
                    counted,
                    paper: super::super::printing::paper(app),
                    at: app.local_now(),
                    offset: app.settings.utc_offset,
                };
                (
                    ShiftStep::Busy,
                    Flow::stay().with(vec![Effect::CloseShift(Box::new(close))]),
                )
            }
            Some(Action::Back) => (amount_step(ShiftMove::Close), Flow::stay()),
            _ => (ShiftStep::ConfirmClose(counted), Flow::stay()),
        },
    };
    state.step = next;
    flow
}

fn overview(app: &mut App, state: &mut ShiftState, action: Option<Action>) -> (ShiftStep, Flow) {
    if state.figures.is_none() {
        // Still reading the journal (or it failed): only Esc.
        return match action {
            Some(Action::Back) => (ShiftStep::Overview, Flow::sale()),
            _ => (ShiftStep::Overview, Flow::stay()),
        };
    }
    match action {
        Some(Action::Back) => (ShiftStep::Overview, Flow::sale()),
        Some(Action::ShiftFloat) => (amount_step(ShiftMove::Float), Flow::stay()),
        Some(Action::ShiftCashIn) => (amount_step(ShiftMove::CashIn), Flow::stay()),
        Some(Action::ShiftCashOut) => (amount_step(ShiftMove::CashOut), Flow::stay()),
        Some(Action::ShiftClose) => (amount_step(ShiftMove::Close), Flow::stay()),
        Some(Action::ShiftX) => {
            let figures = state
                .figures
                .as_ref()
                .map(|f| crate::shift::to_json(f, None));
            let mut x = event(app, ShiftKind::X);
            x.entries_upto = state.figures.as_ref().map(|f| f.entries_upto);
            x.figures = figures.map(|f| f.to_string());
            (
                ShiftStep::Busy,
                Flow::stay().with(vec![Effect::RecordShift(Box::new(x))]),
            )
        }
        Some(Action::Up) => {
            state.scroll = state.scroll.saturating_sub(1);
            (ShiftStep::Overview, Flow::stay())
        }
        Some(Action::Down) => {
            state.scroll = state.scroll.saturating_add(1);
            (ShiftStep::Overview, Flow::stay())
        }
        _ => (ShiftStep::Overview, Flow::stay()),
    }
}

#[allow(clippy::too_many_arguments)]
fn amount_key(
    app: &mut App,
    state: &ShiftState,
    what: ShiftMove,
    mut typed: String,
    mut reason: String,
    field: usize,
    action: Option<Action>,
    key: &KeyEvent,
) -> (ShiftStep, Flow) {
    let needs_reason = matches!(what, ShiftMove::CashIn | ShiftMove::CashOut);
    let back = |typed, reason, field| ShiftStep::Amount {
        what,
        amount: typed,
        reason,
        field,
    };
    match action {
        Some(Action::Back) => (ShiftStep::Overview, Flow::stay()),
        Some(Action::NextField) if needs_reason => (back(typed, reason, 1 - field), Flow::stay()),
        Some(Action::CountByNote) if matches!(what, ShiftMove::Float | ShiftMove::Close) => (
            ShiftStep::Count {
                what,
                counts: vec![0; DENOMINATIONS.len()],
                selected: 0,
            },
            Flow::stay(),
        ),
        Some(Action::Accept) => {
            let Some(value) = amount(&typed) else {
                say(
                    app,
                    Severity::Error,
                    "shift-bad-amount",
                    &[("text", s(typed.trim()))],
                );
                return (back(typed, reason, 0), Flow::stay());
            };
            if needs_reason && reason.trim().is_empty() {
                if field == 0 {
                    // Enter on the amount goes on to the reason.
                    return (back(typed, reason, 1), Flow::stay());
                }
                say(app, Severity::Error, "shift-reason-needed", &[]);
                return (back(typed, reason, 1), Flow::stay());
            }
            record(
                app,
                state,
                what,
                value,
                None,
                reason.trim().to_string(),
                (typed, reason, field),
            )
        }
        _ => {
            if field == 1 && needs_reason {
                edit(&mut reason, key, Field::Text);
                reason = reason.chars().take(120).collect();
            } else {
                edit(&mut typed, key, Field::Amount);
                typed = typed.chars().take(12).collect();
            }
            (back(typed, reason, field), Flow::stay())
        }
    }
}

fn count_key(
    app: &mut App,
    state: &ShiftState,
    what: ShiftMove,
    mut counts: Vec<u32>,
    selected: usize,
    action: Option<Action>,
    key: &KeyEvent,
) -> (ShiftStep, Flow) {
    let len = DENOMINATIONS.len();
    match action {
        Some(Action::Back) => (ShiftStep::Overview, Flow::stay()),
        Some(Action::CountByNote) => (amount_step(what), Flow::stay()),
        Some(Action::Up) => (
            ShiftStep::Count {
                what,
                counts,
                selected: step(selected, -1, len),
            },
            Flow::stay(),
        ),
        Some(Action::Down | Action::NextField) => (
            ShiftStep::Count {
                what,
                counts,
                selected: step(selected, 1, len),
            },
            Flow::stay(),
        ),
        Some(Action::Accept) => {
            let pairs: Vec<(Decimal, u32)> = DENOMINATIONS
                .iter()
                .copied()
                .zip(counts.iter().copied())
                .filter(|(_, c)| *c > 0)
                .collect();
            let Some(total) = count_total(&pairs) else {
                say(
                    app,
                    Severity::Error,
                    "shift-bad-amount",
                    &[("text", s("…"))],
                );
                return (
                    ShiftStep::Count {
                        what,
                        counts,
                        selected,
                    },
                    Flow::stay(),
                );
            };
            let typed = (String::new(), String::new(), 0);
            record(app, state, what, total, Some(pairs), String::new(), typed)
        }
        _ => {
            if let Some(count) = counts.get_mut(selected) {
                match key.code {
                    KeyCode::Char(c) if c.is_ascii_digit() => {
                        let digit = c.to_digit(10).unwrap_or(0);
                        *count = count
                            .checked_mul(10)
                            .and_then(|v| v.checked_add(digit))
                            .filter(|v| *v <= 99_999)
                            .unwrap_or(*count);
                    }
                    KeyCode::Backspace => *count /= 10,
                    KeyCode::Char('+') => *count = count.saturating_add(1).min(99_999),
                    KeyCode::Char('-') => *count = count.saturating_sub(1),
                    _ => {}
                }
            }
            (
                ShiftStep::Count {
                    what,
                    counts,
                    selected,
                },
                Flow::stay(),
            )
        }
    }
}

/// An amount entered (typed or counted): written, or for the close, confirmed first.
fn record(
    app: &mut App,
    state: &ShiftState,
    what: ShiftMove,
    value: Decimal,
    counts: Option<Vec<(Decimal, u32)>>,
    reason: String,
    typed: (String, String, usize),
) -> (ShiftStep, Flow) {
    let kind = match what {
        ShiftMove::Close => {
            return (
                ShiftStep::ConfirmClose(Counted {
                    amount: value,
                    counts,
                }),
                Flow::stay(),
            );
        }
        ShiftMove::Float => ShiftKind::Float,
        ShiftMove::CashIn => ShiftKind::CashIn,
        ShiftMove::CashOut => ShiftKind::CashOut,
    };
    if what == ShiftMove::CashOut
        && let Some(f) = &state.figures
        && value > f.expected_cash()
    {
        let style = app.settings.money_style;
        say(
            app,
            Severity::Error,
            "shift-out-too-much",
            &[
                ("expected", s(format_money(f.expected_cash(), style))),
                ("amount", s(format_money(value, style))),
            ],
        );
        return (
            ShiftStep::Amount {
                what,
                amount: typed.0,
                reason: typed.1,
                field: 0,
            },
            Flow::stay(),
        );
    }
    let mut e = event(app, kind);
    e.amount = Some(value);
    e.counts = counts;
    e.reason = reason;
    let mut effects = vec![Effect::RecordShift(Box::new(e))];
    // Cash in and out open the drawer (the opening is journaled in the drawer's log).
    if what != ShiftMove::Float && app.printing.setup.is_some() {
        let why = match what {
            ShiftMove::CashIn => "cash in",
            _ => "cash out",
        };
        effects.push(Effect::OpenDrawer {
            who: app.user_label(),
            why: why.to_string(),
            reference: None,
        });
    }
    (ShiftStep::Busy, Flow::stay().with(effects))
}

/// The shift's figures, read.
pub fn loaded(app: &mut App, result: Result<Box<crate::shift::ShiftFigures>, String>) {
    let Screen::Shift(state) = &mut app.screen else {
        return;
    };
    match result {
        Ok(figures) => {
            state.figures = Some(*figures);
            state.error = None;
        }
        Err(e) => state.error = Some(e),
    }
}

/// A shift event written: the figures after it, the message, and the X printed.
pub fn recorded(
    app: &mut App,
    result: Result<
        (
            Box<crate::journal::shift::ShiftEvent>,
            Box<crate::shift::ShiftFigures>,
        ),
        String,
    >,
) -> Vec<Effect> {
    let style = app.settings.money_style;
    match result {
        Ok((written, figures)) => {
            let amount = s(format_money(written.amount.unwrap_or_default(), style));
            let mut effects = Vec::new();
            match written.kind {
                ShiftKind::Float => say(
                    app,
                    Severity::Info,
                    "shift-recorded-float",
                    &[("amount", amount)],
                ),
                ShiftKind::CashIn => say(
                    app,
                    Severity::Info,
                    "shift-recorded-in",
                    &[("amount", amount)],
                ),
                ShiftKind::CashOut => say(
                    app,
                    Severity::Info,
                    "shift-recorded-out",
                    &[("amount", amount)],
                ),
                ShiftKind::X => {
                    // The X printed shows the figures it was taken with.
                    let shown = match &app.screen {
                        Screen::Shift(st) => st.figures.clone(),
                        _ => None,
                    };
                    let report = crate::shift::report(
                        shown.as_ref().unwrap_or(&figures),
                        None,
                        None,
                        app.local_now(),
                        app.settings.utc_offset,
                        app.settings.lang,
                        style,
                    );
                    effects.extend(print(app, &report));
                    say(app, Severity::Info, "shift-recorded-x", &[]);
                }
                ShiftKind::Close => {}
            }
            if let Screen::Shift(state) = &mut app.screen {
                state.figures = Some(*figures);
                state.step = ShiftStep::Overview;
            }
            effects
        }
        Err(e) => {
            say(app, Severity::Error, "shift-failed", &[("error", s(e))]);
            if let Screen::Shift(state) = &mut app.screen {
                state.step = ShiftStep::Overview;
            }
            Vec::new()
        }
    }
}

/// The close written: its report shown, printed, and where its file is.
pub fn closed(app: &mut App, result: Result<Box<ClosedShift>, String>) -> Vec<Effect> {
    match result {
        Ok(closed) => {
            let number = closed.event.close_number.unwrap_or_default();
            let report = crate::shift::report(
                &closed.figures,
                Some(&closed.counted),
                Some(number),
                app.local_now(),
                app.settings.utc_offset,
                app.settings.lang,
                app.settings.money_style,
            );
            let mut effects = print(app, &report);
            match &closed.export {
                Ok(path) => say(
                    app,
                    Severity::Info,
                    "shift-exported",
                    &[("path", s(path.display().to_string()))],
                ),
                Err(e) => say(
                    app,
                    Severity::Warning,
                    "shift-export-failed",
                    &[("error", s(e))],
                ),
            }
            if let Screen::Shift(state) = &mut app.screen {
                state.step = ShiftStep::Closed(closed);
                state.scroll = 0;
            }
            effects.push(Effect::LoadShift);
            effects
        }
        Err(e) => {
            say(app, Severity::Error, "shift-failed", &[("error", s(e))]);
            if let Screen::Shift(state) = &mut app.screen {
                state.step = ShiftStep::Overview;
            }
            Vec::new()
        }
    }
}

/// The report on the receipt printer, when there is one.
fn print(app: &App, report: &crate::print::layout::Report) -> Vec<Effect> {
    let Some(setup) = app.printing.setup.as_ref() else {
        return Vec::new();
    };
    let blocks = crate::print::layout::report(report, &setup.paper);
    vec![Effect::Print(
        crate::print::Which::Receipt,
        Box::new(crate::print::Job {
            label: report.title.clone(),
            bytes: crate::print::escpos::encode(&blocks, setup.paper.code_page),
        }),
    )]
}

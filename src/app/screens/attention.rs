//! Sales to settle (Ctrl-W): sales whose outcome only the cashier can tell. Send again, or
//! type the order number Kash.click shows for it.

use crossterm::event::KeyEvent;

use super::super::actions::say;
use super::super::actions::{Field, edit, step};
use super::super::effect::{Decision, Effect};
use super::super::keymap::Action;
use super::super::screen::{Flow, RefundOrdersState, Screen};
use super::super::state::{App, Severity};

pub fn on_key(app: &mut App, selected: &mut usize, action: Option<Action>, key: KeyEvent) -> Flow {
    let n = app.attention.len();
    let Some(current) = app.attention.get(step(*selected, 0, n)).cloned() else {
        return Flow::sale();
    };
    match action {
        Some(Action::Up) => *selected = step(*selected, -1, n),
        Some(Action::Down) => *selected = step(*selected, 1, n),
        Some(Action::Retry) => {
            app.entry.clear();
            say(
                app,
                Severity::Info,
                "msg-sending-again",
                &[(
                    "sale",
                    crate::i18n::s(app.sale_label(&current.created_at, current.request.as_ref())),
                )],
            );
            return Flow::sale().with(vec![Effect::Resolve {
                seq: current.seq,
                decision: Decision::SendAgain,
            }]);
        }
        Some(Action::Accept) if app.entry.trim().is_empty() && current.double.is_some() => {
            // Recorded twice: the copy is refunded whole (its lines come from the server).
            app.attention.retain(|a| a.double != current.double);
            return Flow::to(Screen::RefundOrders(RefundOrdersState {
                loading: true,
                preselect: current.double,
                ..RefundOrdersState::default()
            }))
            .with(vec![Effect::LoadJournalRefunds, Effect::LoadValidated]);
        }
        Some(Action::Accept) => match app.entry.trim().parse::<u64>() {
            Ok(order_id) if order_id > 0 => {
                app.entry.clear();
                return Flow::sale().with(vec![Effect::Resolve {
                    seq: current.seq,
                    decision: Decision::Recorded(order_id),
                }]);
            }
            _ => say(app, Severity::Warning, "msg-type-order-number", &[]),
        },
        Some(Action::Cancel) => {
            app.entry.clear();
            return Flow::sale();
        }
        _ => {
            edit(&mut app.entry, &key, Field::Digits);
        }
    }
    Flow::stay()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::Attention;
    use crate::app::testing::{char, shop};

    #[test]
    fn an_order_number_settles_the_sale_as_recorded() {
        let mut app = shop();
        app.attention.push(Attention {
            seq: 7,
            reference: "KP-1".into(),
            created_at: String::new(),
            request: None,
            why: "lost".into(),
            double: None,
        });
        let mut selected = 0;
        let flow = on_key(&mut app, &mut selected, Some(Action::Accept), char('x'));
        assert_eq!(flow, Flow::stay(), "no number typed yet");
        for c in "9a02".chars() {
            let _ = on_key(&mut app, &mut selected, None, char(c));
        }
        assert_eq!(app.entry, "902", "digits only");
        let flow = on_key(&mut app, &mut selected, Some(Action::Accept), char('x'));
        assert_eq!(
            flow,
            Flow::sale().with(vec![Effect::Resolve {
                seq: 7,
                decision: Decision::Recorded(902)
            }])
        );
    }
}

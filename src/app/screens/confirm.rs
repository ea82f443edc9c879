//! Yes or no: clear the basket, quit, drop the printer's queue.

use super::super::actions::reset_sale;
use super::super::actions::say;
use super::super::effect::Effect;
use super::super::keymap::Action;
use super::super::screen::{ConfirmKind, Flow};
use super::super::state::{App, Severity};

pub fn on_key(app: &mut App, kind: ConfirmKind, action: Option<Action>) -> Flow {
    match action {
        Some(Action::Accept) => {
            match kind {
                ConfirmKind::ClearBasket => {
                    reset_sale(app);
                    say(app, Severity::Info, "msg-basket-cleared", &[]);
                }
                ConfirmKind::Quit => app.quit = true,
                ConfirmKind::DropPrintJobs => {
                    return Flow::sale().with(vec![Effect::PrinterQueue { drop: true }]);
                }
                ConfirmKind::Negate => super::sale::negate(app),
                ConfirmKind::LeaveRecalled => {
                    reset_sale(app);
                    say(app, Severity::Info, "msg-changes-dropped", &[]);
                }
            }
            Flow::sale()
        }
        // Kept: they print when the printer is back; try now.
        Some(Action::Cancel) if kind == ConfirmKind::DropPrintJobs => {
            Flow::sale().with(vec![Effect::PrinterQueue { drop: false }])
        }
        Some(Action::Cancel) => Flow::sale(),
        _ => Flow::stay(),
    }
}

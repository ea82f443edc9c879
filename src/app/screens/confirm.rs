//! Yes or no: clear the basket, quit.

use super::super::actions::{info, reset_sale};
use super::super::keymap::Action;
use super::super::screen::{ConfirmKind, Flow};
use super::super::state::{App, Severity};

pub fn on_key(app: &mut App, kind: ConfirmKind, action: Option<Action>) -> Flow {
    match action {
        Some(Action::Accept) => {
            match kind {
                ConfirmKind::ClearBasket => {
                    reset_sale(app);
                    info(app, Severity::Info, "Basket cleared");
                }
                ConfirmKind::Quit => app.quit = true,
            }
            Flow::sale()
        }
        Some(Action::Cancel) => Flow::sale(),
        _ => Flow::stay(),
    }
}

//! The line editor (Enter on a selected line): quantity, unit price, title, discount.

use crossterm::event::KeyEvent;

use crate::kash::model::DiscountKind;
use crate::money::parse_decimal;
use crate::pos::basket::LineDiscount;

use super::super::actions::{Field, edit};
use super::super::keymap::Action;
use super::super::screen::{Flow, LINE_FIELDS, LineEditState};
use super::super::state::App;
use super::sale;

pub fn on_key(app: &mut App, s: &mut LineEditState, action: Option<Action>, key: KeyEvent) -> Flow {
    let n = LINE_FIELDS.len();
    match action {
        Some(Action::NextField) => s.field = (s.field + 1) % n,
        Some(Action::PrevField) => s.field = (s.field + n - 1) % n,
        Some(Action::Cancel) => return Flow::sale(),
        Some(Action::RemoveLine) => {
            app.selected = Some(s.index);
            sale::remove_selected(app);
            return Flow::sale();
        }
        Some(Action::ApplyDiscount(i)) => match app.lists.discounts.get(usize::from(i)) {
            Some(d) => {
                s.values[3] = match d.kind {
                    DiscountKind::Percent => format!("{}%", d.value.normalize()),
                    DiscountKind::Amount => {
                        crate::money::format_amount(d.value, app.settings.money_style)
                    }
                };
                s.field = 3;
            }
            None => s.error = Some(app.settings.lang.t("msg-no-such-discount")),
        },
        Some(Action::Accept) => match apply(app, s) {
            Ok(()) => return Flow::sale(),
            Err(e) => s.error = Some(e),
        },
        _ => {
            if edit(&mut s.values[s.field], &key, Field::Text) {
                s.error = None;
            }
        }
    }
    Flow::stay()
}

fn apply(app: &mut App, s: &LineEditState) -> Result<(), String> {
    let l = app.settings.lang;
    let typed = |i: usize| [("typed", crate::i18n::s(format!("{:?}", s.values[i])))];
    let quantity = parse_decimal(&s.values[0])
        .filter(|q| !q.is_zero())
        .ok_or_else(|| l.ta("msg-bad-quantity", &typed(0)))?;
    let price = parse_decimal(&s.values[1]).ok_or_else(|| l.ta("msg-bad-price", &typed(1)))?;
    let title = s.values[2].trim().to_string();
    if title.is_empty() {
        return Err(l.t("msg-empty-title"));
    }
    let discount = if s.values[3].trim().is_empty() {
        None
    } else {
        Some(LineDiscount::parse(&s.values[3]).ok_or_else(|| l.ta("msg-bad-discount", &typed(3)))?)
    };
    let (limits, style) = (app.limits, app.settings.money_style);
    let line = app
        .basket
        .lines
        .get_mut(s.index)
        .ok_or_else(|| l.t("msg-line-gone"))?;
    // Edited on a copy: a line beyond the limits of `[pos]` stays as it was.
    let mut edited = line.clone();
    edited.quantity = quantity;
    if price != edited.unit_price {
        edited.unit_price = price;
        edited.price_overridden = true;
    }
    if title != edited.title {
        edited.title = title;
        edited.title_overridden = true;
    }
    edited.discount = discount;
    limits.check(&edited).map_err(|e| e.message_in(style, l))?;
    *line = edited;
    app.last_changed = Some(s.index);
    Ok(())
}

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
        Some(Action::NextField) => {
            s.field = (s.field + 1) % n;
            s.typed = false;
        }
        Some(Action::PrevField) => {
            s.field = (s.field + n - 1) % n;
            s.typed = false;
        }
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
                s.typed = true;
            }
            None => s.error = Some(app.settings.lang.t("msg-no-such-discount")),
        },
        Some(Action::Accept) => match apply(app, s) {
            Ok(()) => return Flow::sale(),
            Err(e) => s.error = Some(e),
        },
        _ => {
            // The first character typed into a figure (quantity, price, discount) replaces it;
            // the title is edited in place. Backspace edits either.
            let before = s.values[s.field].clone();
            if !s.typed && s.field != 2 && matches!(key.code, crossterm::event::KeyCode::Char(_)) {
                s.values[s.field].clear();
            }
            if edit(&mut s.values[s.field], &key, Field::Text) {
                s.error = None;
                s.typed = true;
            } else {
                s.values[s.field] = before;
            }
        }
    }
    Flow::stay()
}

/// The line as the editor's fields would make it (for the live preview and for Enter).
pub fn preview(app: &App, s: &LineEditState) -> Result<crate::pos::basket::BasketLine, String> {
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
    let line = app
        .basket
        .lines
        .get(s.index)
        .ok_or_else(|| l.t("msg-line-gone"))?;
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
    // A discount larger than the line is refused, not floored at zero.
    if let Some(LineDiscount::Amount(a)) = discount
        && let Some(gross) = quantity.checked_mul(edited.unit_price)
        && a > gross.abs()
    {
        let style = app.settings.money_style;
        return Err(l.ta(
            "msg-discount-over-line",
            &[
                (
                    "discount",
                    crate::i18n::s(crate::money::format_money(a, style)),
                ),
                (
                    "line",
                    crate::i18n::s(crate::money::format_money(gross.abs(), style)),
                ),
            ],
        ));
    }
    edited.discount = discount;
    app.limits
        .check(&edited)
        .map_err(|e| e.message_in(app.settings.money_style, l))?;
    Ok(edited)
}

fn apply(app: &mut App, s: &LineEditState) -> Result<(), String> {
    let edited = preview(app, s)?;
    let l = app.settings.lang;
    let line = app
        .basket
        .lines
        .get_mut(s.index)
        .ok_or_else(|| l.t("msg-line-gone"))?;
    *line = edited;
    app.last_changed = Some(s.index);
    Ok(())
}

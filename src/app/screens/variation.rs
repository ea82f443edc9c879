//! The variation choice (size, flavour…) of an item, one set after the other.

use crossterm::event::{KeyCode, KeyEvent};

use crate::pos::basket::BasketLine;

use super::super::actions::say;
use super::super::actions::{push_item_line, step};
use super::super::keymap::Action;
use super::super::screen::{Flow, VariationState};
use super::super::state::{App, Severity};

pub fn on_key(
    app: &mut App,
    s: &mut VariationState,
    action: Option<Action>,
    key: KeyEvent,
) -> Flow {
    let Some(set) = s
        .sets
        .get(s.step)
        .and_then(|id| app.catalog.variation(*id))
        .cloned()
    else {
        return Flow::sale();
    };
    let n = set.choices.len();
    let choose = match action {
        Some(Action::Up) => {
            s.selected = step(s.selected, -1, n);
            None
        }
        Some(Action::Down) => {
            s.selected = step(s.selected, 1, n);
            None
        }
        Some(Action::Accept) => Some(s.selected),
        Some(Action::Cancel) => {
            say(app, Severity::Info, "msg-not-added", &[]);
            return Flow::sale();
        }
        _ => match key.code {
            KeyCode::Char(c) => c
                .to_digit(10)
                .map(|d| d as usize)
                .filter(|d| (1..=n).contains(d))
                .map(|d| d - 1),
            _ => None,
        },
    };
    let Some(i) = choose else {
        return Flow::stay();
    };
    if let Some(choice) = set.choices.get(i) {
        s.chosen.push(choice.id);
        s.step += 1;
        s.selected = 0;
    }
    if s.step < s.sets.len() {
        return Flow::stay();
    }
    let Some(item) = app.catalog.item(s.item_id) else {
        return Flow::sale();
    };
    let choices: Vec<_> = s
        .chosen
        .iter()
        .filter_map(|c| app.catalog.choice(*c).map(|(_, ch)| ch))
        .collect();
    let zero_priced = item.price.is_zero();
    let line = BasketLine::from_item(item, s.quantity, &choices);
    // A zero-priced item asks its price once its variations are chosen.
    match push_item_line(app, line, zero_priced) {
        Some(screen) => Flow::to(screen),
        None => Flow::sale(),
    }
}

/// A scan before the choice is made: the item is not added, and the cashier is told.
pub fn on_scan(app: &mut App, s: &VariationState) {
    let title = app
        .catalog
        .item(s.item_id)
        .map(|i| i.title.clone())
        .unwrap_or_default();
    app.alert = Some(app.settings.lang.ta(
        "msg-variation-interrupted",
        &[("title", crate::i18n::s(title))],
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::actions::add_item;
    use crate::app::screen::Screen;
    use crate::app::testing::{char, shop};
    use rust_decimal::Decimal;

    #[test]
    fn each_set_is_asked_then_the_line_is_added() {
        let mut app = shop();
        let with_sets = app
            .catalog
            .items()
            .iter()
            .find(|i| !app.catalog.variations_of(i).is_empty())
            .map_or_else(
                || panic!("the fixture has an item with variations"),
                |i| i.id,
            );
        let Some(Screen::Variation(mut s)) = add_item(&mut app, with_sets, Decimal::ONE) else {
            panic!()
        };
        let sets = s.sets.len();
        let mut flow = Flow::stay();
        for _ in 0..sets {
            flow = on_key(&mut app, &mut s, None, char('1'));
        }
        assert_eq!(flow, Flow::sale());
        assert_eq!(app.basket.lines.len(), 1);
        assert_eq!(app.basket.lines[0].variations.len(), sets);
    }

    #[test]
    fn a_zero_priced_item_asks_its_price_after_its_variations() {
        let mut app = shop();
        let mut items = app.catalog.items().to_vec();
        let Some(with_sets) = items
            .iter_mut()
            .find(|i| !app.catalog.variations_of(i).is_empty())
        else {
            panic!("the fixture has an item with variations")
        };
        with_sets.price = Decimal::ZERO;
        let id = with_sets.id;
        app.catalog = crate::pos::catalog::Catalog::new(
            items,
            app.catalog.departments().to_vec(),
            app.catalog.groups().to_vec(),
            app.catalog.variations().to_vec(),
        );
        let Some(Screen::Variation(mut s)) = add_item(&mut app, id, Decimal::ONE) else {
            panic!("its variations are asked first")
        };
        let mut flow = Flow::stay();
        for _ in 0..s.sets.len() {
            flow = on_key(&mut app, &mut s, None, char('1'));
        }
        let Some(Screen::LineEdit(edit)) = flow.next else {
            panic!("{flow:?}")
        };
        assert_eq!((edit.index, edit.field), (0, 1), "on the unit price");
        assert_eq!(app.basket.lines[0].variations.len(), s.sets.len());
        let said = app.message.as_ref().map(|m| m.text.clone());
        assert!(said.is_some_and(|t| t.contains("price")));
    }
}

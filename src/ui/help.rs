//! The help screen, generated from the keymap. Runs of numbered bindings (F1…F8 to pay) are
//! shown as one row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme;
use crate::app::keymap::{Binding, Context, Keymap, Scope, key_name};
use crate::app::screen::Screen;
use crate::app::state::App;
use crate::i18n::{Lang, n};

/// A binding's footer label or help description in `lang`. The translations are of the
/// embedded keymap's words (`key-<screen>-<action>-label` / `-desc`, whose English is the
/// keymap file's text); a label or description set in the configuration is shown as written.
/// An action bound twice in a screen with two descriptions has a second message, `-desc-2`.
fn translated(lang: Lang, scope: Scope, b: &Binding, part: &str, text: &str) -> String {
    message_id(scope, b, part, text).map_or_else(|| text.to_string(), |id| lang.t(&id))
}

/// The message whose English is `text`, if any.
fn message_id(scope: Scope, b: &Binding, part: &str, text: &str) -> Option<String> {
    let base = format!("key-{}-{}-{part}", scope.name(), b.action.name());
    ["", "-2", "-3"]
        .iter()
        .map(|suffix| format!("{base}{suffix}"))
        .find(|id| Lang::En.t(id) == text)
}

/// The footer label of a binding in `lang`.
pub fn label(lang: Lang, scope: Scope, b: &Binding) -> String {
    translated(lang, scope, b, "label", &b.label)
}

/// The help description of a binding in `lang`, `{n}` still in it.
pub fn desc(lang: Lang, scope: Scope, b: &Binding) -> String {
    translated(lang, scope, b, "desc", &b.desc)
}

/// A screen's title (`Context::title`) in `lang`.
pub fn context_title(lang: Lang, context: Context) -> String {
    let id = format!("context-{}", context.name());
    if lang == Lang::En {
        context.title().to_string()
    } else {
        lang.t(&id)
    }
}

/// `1st`, `2nd`… in English; in French the number itself (the descriptions say "n° 1…8": a
/// French ordinal would agree with the noun's gender).
pub fn ordinal(lang: Lang, number: u16) -> String {
    match lang {
        Lang::En => crate::app::keymap::ordinal(number),
        Lang::Fr => number.to_string(),
    }
}

/// A key's name as the keyboard of `lang` labels it: `Entrée`, `Échap`, `Suppr` in French
/// (`Ctrl-N`, `F9` and characters as they are).
pub fn key_label(lang: Lang, name: &str) -> String {
    if lang == Lang::En {
        return name.to_string();
    }
    name.split('-')
        .map(|part| lang.word("keyname", part))
        .collect::<Vec<_>>()
        .join("-")
}

/// The bindings of a context that go in the footer, in `lang`: (key, label), those whose action
/// `offered` says does something now.
pub fn footer(
    keymap: &Keymap,
    context: Context,
    lang: Lang,
    offered: impl Fn(crate::app::keymap::Action) -> bool,
) -> Vec<(String, String)> {
    let scope = Scope::Screen(context);
    keymap
        .bindings(scope)
        .iter()
        .filter(|b| !b.label.is_empty() && offered(b.action))
        .map(|b| {
            (
                key_label(lang, &key_name(b.code, b.modifiers)),
                label(lang, scope, b),
            )
        })
        .collect()
}

/// The rows of the help: (key, description, is a title); a screen's title has an empty
/// description. Screens come in the keymap's order; a run of numbered bindings (`pay` 1…8 on
/// F1…F8) sharing one description is one row, its `{n}` written "1st…8th". The bindings of every
/// screen (`[global]`) are not listed: the sale screen lists Ctrl-C itself.
pub fn help_rows(keymap: &Keymap) -> Vec<(String, String, bool)> {
    help_rows_in(keymap, Lang::En)
}

/// The rows of the help in `lang`.
pub fn help_rows_in(keymap: &Keymap, lang: Lang) -> Vec<(String, String, bool)> {
    let mut rows = Vec::new();
    for section in keymap.sections() {
        let Scope::Screen(context) = section.scope else {
            continue;
        };
        if section.bindings.is_empty() {
            continue;
        }
        rows.push((context_title(lang, context), String::new(), true));
        let mut rest = section.bindings.as_slice();
        while let Some(first) = rest.first() {
            let run = run_length(rest);
            let last = &rest[run - 1];
            let row = match (first.action.number(), last.action.number()) {
                (Some(from), Some(to)) if run > 1 => (
                    format!(
                        "  {}…{}",
                        key_label(lang, &key_name(first.code, first.modifiers)),
                        key_label(lang, &key_name(last.code, last.modifiers))
                    ),
                    desc(lang, section.scope, first).replace(
                        "{n}",
                        &format!("{}…{}", ordinal(lang, from), ordinal(lang, to)),
                    ),
                ),
                _ => (
                    format!(
                        "  {}",
                        key_label(lang, &key_name(first.code, first.modifiers))
                    ),
                    match first.action.number() {
                        Some(k) => {
                            desc(lang, section.scope, first).replace("{n}", &ordinal(lang, k))
                        }
                        None => desc(lang, section.scope, first),
                    },
                ),
            };
            rows.push((row.0, row.1, false));
            rest = &rest[run..];
        }
    }
    rows.push((lang.t("help-entry-line"), String::new(), true));
    for (k, d) in [
        ("help-digits", "help-digits-desc"),
        ("help-quantity", "help-quantity-desc"),
        ("help-letters", "help-letters-desc"),
    ] {
        rows.push((format!("  {}", lang.t(k)), lang.t(d), false));
    }
    rows
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let scroll = if let Screen::Help { scroll, .. } = app.screen {
        scroll
    } else {
        0
    };
    let lang = app.settings.lang;
    let all = help_rows_in(app.keymap, lang);
    let visible = area.height.saturating_sub(2) as usize;
    let max_scroll = all.len().saturating_sub(visible);
    let start = usize::from(scroll).min(max_scroll);
    // A screen's title takes the whole width (never cut at the keys' column); a key row is the
    // key in a column of 16 and its description.
    let lines: Vec<Line> = all
        .iter()
        .skip(start)
        .map(|(k, d, title)| {
            if *title {
                Line::from(Span::styled(k.clone(), theme::total()))
            } else {
                let pad = 16usize.saturating_sub(unicode_width::UnicodeWidthStr::width(k.as_str()));
                Line::from(format!("{k}{} {d}", " ".repeat(pad)))
            }
        })
        .collect();
    let title = format!(
        " {} ",
        lang.ta(
            "help-title",
            &[
                ("from", n(start + 1)),
                ("to", n((start + visible).min(all.len()))),
                ("count", n(all.len())),
            ]
        )
    );
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title)),
        area,
    );
}

/// How many bindings from the first make a run: the same numbered action, numbers following
/// each other, one description.
fn run_length(bindings: &[Binding]) -> usize {
    let Some(first) = bindings.first() else {
        return 0;
    };
    if first.action.number().is_none() {
        return 1;
    }
    1 + bindings
        .windows(2)
        .take_while(|w| {
            w[1].action.name() == first.action.name()
                && w[1].desc == first.desc
                && w[0].action.number().map(|n| n + 1) == w[1].action.number()
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word of the embedded keymap has a translation whose English is the keymap's text,
    /// so the French help and footer miss none (the i18n parity test checks French has it).
    #[test]
    fn every_default_binding_and_screen_title_is_translated() {
        let keymap = Keymap::embedded();
        for section in keymap.sections() {
            if let Scope::Screen(c) = section.scope {
                assert_eq!(Lang::En.t(&format!("context-{}", c.name())), c.title());
            }
            for b in &section.bindings {
                for (part, text) in [("label", &b.label), ("desc", &b.desc)] {
                    if text.is_empty() {
                        continue;
                    }
                    let id = message_id(section.scope, b, part, text);
                    let id = id.unwrap_or_else(|| panic!("no message for {text:?}"));
                    assert_ne!(Lang::Fr.t(&id), id, "{id} has no French");
                }
            }
        }
    }

    #[test]
    fn french_help_uses_french_ordinals_and_words() {
        let rows = help_rows_in(Keymap::embedded(), Lang::Fr);
        let pay = rows.iter().find(|r| r.0.contains("F1…F8")).unwrap();
        assert!(pay.1.contains("mode de paiement n° 1…8"), "{}", pay.1);
        assert_eq!(
            help_rows_in(Keymap::embedded(), Lang::En),
            help_rows(Keymap::embedded())
        );
    }

    #[test]
    fn the_table_picker_digits_are_in_the_help() {
        for (lang, words) in [
            (Lang::En, "table's number"),
            (Lang::Fr, "numéro de la table"),
        ] {
            let rows = help_rows_in(Keymap::embedded(), lang);
            let title = rows
                .iter()
                .position(|r| {
                    r.2 && r.0 == context_title(lang, crate::app::keymap::Context::Tables)
                })
                .unwrap();
            let digits = rows[title + 1..]
                .iter()
                .take_while(|r| !r.2)
                .find(|r| r.0.trim() == "1…0")
                .unwrap_or_else(|| panic!("no 1…0 row under the table picker: {rows:#?}"));
            assert!(digits.1.contains(words), "{}", digits.1);
        }
    }
}

#[cfg(test)]
mod layout_tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::app::screen::Screen;
    use crate::i18n::Lang;

    #[test]
    fn screen_titles_are_never_cut_at_the_keys_column() {
        for lang in [Lang::En, Lang::Fr] {
            let mut app = crate::app::testing::shop();
            app.settings.lang = lang;
            let title = super::context_title(lang, crate::app::keymap::Context::OrderPay);
            let rows = super::help_rows_in(app.keymap, lang);
            let at = rows.iter().position(|(k, _, t)| *t && *k == title);
            app.screen = Screen::Help {
                previous: Box::new(Screen::Sale),
                scroll: u16::try_from(at.unwrap_or(0)).unwrap_or(0),
            };
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            terminal.draw(|f| crate::ui::view(&app, f)).unwrap();
            let text: String = terminal
                .backend()
                .buffer()
                .content()
                .iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect();
            assert!(title.chars().count() > 16, "{title}");
            assert!(text.contains(&title), "{lang:?}: {title} cut");
        }
    }
}

//! The welcome (demo, sign in by email code, by password) and the sign-in steps, a dialog over
//! the demo's sale. A password shows as dots; the key only masked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::theme;
use super::super::widgets::{fit, popup, textwrap_lines};
use crate::app::screen::{SignInState, SignInStep};
use crate::app::screens::sign_in::CHOICES;
use crate::app::state::{App, Severity};
use crate::i18n::s as text;

/// A field: its label, its value (dots for a secret), the cursor when it has the focus.
fn field(label: &str, width: usize, value: &str, focus: bool) -> Line<'static> {
    let mut shown = value.to_string();
    if focus {
        shown.push('▏');
    }
    // The end of a long value stays in view, as it is typed.
    let room = width.saturating_sub(label.chars().count() + 3).max(4);
    let count = shown.chars().count();
    if count > room {
        shown = format!(
            "…{}",
            shown.chars().skip(count - room + 1).collect::<String>()
        );
    }
    let style = if focus { theme::total() } else { theme::dim() };
    Line::from(vec![
        Span::raw(format!(" {label} ")),
        Span::styled(shown, style),
    ])
}

fn wrapped(text: &str, width: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    textwrap_lines(text, width.saturating_sub(2).max(10))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), style)))
        .collect()
}

pub fn render(app: &App, st: &SignInState, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let width: u16 = if area.width >= 100 { 76 } else { 64 };
    let w = usize::from(width.min(area.width).saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    let title = match &st.step {
        SignInStep::Choose { selected } => {
            lines.extend(wrapped(&l.t("welcome-intro"), w, theme::dim()));
            lines.push(Line::raw(""));
            for (i, id) in CHOICES.iter().enumerate() {
                let chosen = i == *selected;
                let mark = if chosen { "▶" } else { " " };
                let row = fit(&format!(" {mark} {}  {}", i + 1, l.t(id)), w);
                lines.push(Line::from(Span::styled(
                    row,
                    if chosen {
                        theme::selected()
                    } else {
                        ratatui::style::Style::default()
                    },
                )));
            }
            lines.push(Line::raw(""));
            let path = app
                .sign_in
                .as_ref()
                .and_then(|o| o.config_path.as_ref())
                .map(|p| p.display().to_string());
            if let Some(path) = path {
                lines.extend(wrapped(
                    &l.ta("welcome-writes", &[("path", text(path))]),
                    w,
                    theme::dim(),
                ));
            }
            l.t("welcome-title")
        }
        SignInStep::Email => {
            lines.extend(wrapped(&l.t("signin-email-intro"), w, theme::dim()));
            lines.push(Line::raw(""));
            lines.push(field(&l.t("signin-email"), w, &st.email, st.field == 0));
            lines.push(field(
                &l.t("signin-account-id"),
                w,
                &st.account_id,
                st.field == 1,
            ));
            lines.extend(wrapped(&l.t("signin-account-id-hint"), w, theme::dim()));
            l.t("signin-title")
        }
        SignInStep::Code => {
            lines.extend(wrapped(
                &l.ta("signin-code-intro", &[("email", text(st.email.trim()))]),
                w,
                theme::dim(),
            ));
            lines.push(Line::raw(""));
            lines.push(field(&l.t("signin-code"), w, &st.code, true));
            l.t("signin-title")
        }
        SignInStep::Password => {
            lines.extend(wrapped(&l.t("signin-password-intro"), w, theme::dim()));
            lines.push(Line::raw(""));
            lines.push(field(&l.t("signin-login"), w, &st.login, st.field == 0));
            let dots = "•".repeat(st.password.0.chars().count());
            lines.push(field(&l.t("signin-password"), w, &dots, st.field == 1));
            l.t("signin-title")
        }
        SignInStep::Done(done) => {
            lines.push(Line::from(Span::styled(
                fit(
                    &format!(
                        " {}",
                        l.ta(
                            "signin-done",
                            &[
                                ("shop", text(done.shop_id.clone())),
                                ("key", text(done.key_masked.clone())),
                            ],
                        )
                    ),
                    w,
                ),
                theme::total().add_modifier(Modifier::BOLD),
            )));
            lines.push(Line::raw(""));
            lines.extend(wrapped(
                &l.ta(
                    "signin-done-config",
                    &[("path", text(done.config.display().to_string()))],
                ),
                w,
                ratatui::style::Style::default(),
            ));
            lines.extend(wrapped(
                &l.ta(
                    "signin-done-key",
                    &[("path", text(done.key_file.display().to_string()))],
                ),
                w,
                ratatui::style::Style::default(),
            ));
            lines.push(Line::raw(""));
            lines.extend(wrapped(&l.t("signin-done-hint"), w, theme::dim()));
            l.t("signin-title")
        }
    };
    if st.busy {
        lines.push(Line::raw(""));
        lines.extend(wrapped(&l.t("signin-busy"), w, theme::dim()));
    }
    if let Some(e) = &st.error {
        lines.push(Line::raw(""));
        lines.extend(wrapped(e, w, theme::severity(Severity::Error)));
    }
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let inner = popup(frame, area, width, height, &title);
    frame.render_widget(Paragraph::new(lines), inner);
}

//! The server's day (F12): a day chosen (yesterday by default, as the server does), its `CSV`
//! export read into totals, its rows, its `Std` report; an export saved to a file.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::Date;

use crate::i18n::{Lang, s};
use crate::kash::SalesFormat;

use super::super::actions::say;
use super::super::effect::Effect;
use super::super::keymap::Action;
use super::super::screen::{
    Fetch, Flow, ReportTab, ReportsState, SAVE_FORMATS, SaveState, SaveStep, Screen,
};
use super::super::state::{App, Severity};

/// Lines a page key scrolls.
pub const PAGE: usize = 10;

/// The longest date typed (`DD/MM/YYYY`).
const TYPED_MAX: usize = 10;

/// Opens the reports screen on yesterday, as the server's default.
pub fn open(app: &mut App) -> Flow {
    let Some(now) = app.orders.now else {
        // The runner's clock ticks at start; before it, the day is not known.
        say(app, Severity::Warning, "reports-no-clock", &[]);
        return Flow::stay();
    };
    let today = now.to_offset(app.settings.utc_offset).date();
    let day = today.previous_day().unwrap_or(today);
    let mut state = ReportsState {
        day,
        today,
        tab: ReportTab::Totals,
        csv: Fetch::Loading,
        std: Fetch::Loading,
        scroll: 0,
        column: 0,
        typed: String::new(),
        error: None,
        save: None,
    };
    let effects = load(&mut state, app.settings.lang);
    Flow::to(Screen::Reports(Box::new(state))).with(effects)
}

/// The columns of the rows view (0 until the export is read).
pub fn columns(state: &ReportsState) -> usize {
    match &state.csv {
        Fetch::Ready(crate::sales_report::Csv::Read(t)) => t
            .rows
            .iter()
            .map(Vec::len)
            .chain([t.headers.len()])
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}

/// Asks for the day's `CSV` and `Std` reports, in parallel.
pub fn load(state: &mut ReportsState, lang: Lang) -> Vec<Effect> {
    state.csv = Fetch::Loading;
    state.std = Fetch::Loading;
    state.scroll = 0;
    state.column = 0;
    [SalesFormat::Csv, SalesFormat::Std]
        .into_iter()
        .map(|format| Effect::LoadSalesReport {
            day: state.day,
            format,
            lang,
        })
        .collect()
}

/// Reads a date typed as `YYYY-MM-DD` or `DD/MM/YYYY`; a day after `today` is refused.
pub fn parse_typed_day(text: &str, today: Date, lang: Lang) -> Result<Date, String> {
    let text = text.trim();
    let iso = match text.split('/').collect::<Vec<_>>()[..] {
        [d, m, y] if !d.is_empty() && !m.is_empty() && y.len() == 4 => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => text.to_string(),
    };
    crate::report::parse_day(&iso, today, lang).map_err(|e| {
        if iso == text {
            e
        } else {
            e.replace(&iso, text)
        }
    })
}

/// The file a report is saved to by default: `kash-sales-<day>.<ext>` in `dir`.
pub fn default_path(dir: Option<&std::path::Path>, day: Date, format: SalesFormat) -> String {
    let name = format!("kash-sales-{day}{}", suffix(format));
    match dir {
        Some(d) => d.join(name).display().to_string(),
        None => name,
    }
}

/// What ends a default file name of `format`.
fn suffix(format: SalesFormat) -> &'static str {
    match format {
        SalesFormat::Pdf => ".pdf",
        SalesFormat::Xls => ".xls",
        SalesFormat::Csv => ".csv",
        SalesFormat::Fec => "-fec.txt",
        SalesFormat::Saft => "-saft.xml",
        SalesFormat::Std => ".html",
    }
}

/// Lines the tab shown has (how far it scrolls).
pub fn lines_of(state: &ReportsState) -> usize {
    match state.tab {
        ReportTab::Totals => match &state.csv {
            Fetch::Ready(crate::sales_report::Csv::Read(t)) => {
                8 + t.totals.by_mode.len() + t.totals.by_department.len() + t.totals.by_user.len()
            }
            Fetch::Ready(crate::sales_report::Csv::Unreadable { first_lines, .. }) => {
                first_lines.len() + 2
            }
            _ => 1,
        },
        ReportTab::Table => match &state.csv {
            Fetch::Ready(crate::sales_report::Csv::Read(t)) => t.rows.len(),
            _ => 1,
        },
        ReportTab::Std => match &state.std {
            Fetch::Ready(lines) => lines.len(),
            _ => 1,
        },
    }
}

fn move_day(app: &App, state: &mut ReportsState, forward: bool) -> Vec<Effect> {
    let next = if forward {
        state.day.next_day()
    } else {
        state.day.previous_day()
    };
    let Some(next) = next else {
        return Vec::new();
    };
    if next > state.today {
        state.error = Some(
            app.settings
                .lang
                .ta("report-future-day", &[("day", s(next.to_string()))]),
        );
        return Vec::new();
    }
    state.day = next;
    load(state, app.settings.lang)
}

pub fn on_key(
    app: &mut App,
    state: &mut ReportsState,
    action: Option<Action>,
    key: KeyEvent,
) -> Flow {
    if state.save.is_some() {
        return save_key(app, state, action, key);
    }
    let typing = matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit() || c == '/')
        || (!state.typed.is_empty() && key.code == KeyCode::Char('-'));
    if typing
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        if let KeyCode::Char(c) = key.code
            && state.typed.chars().count() < TYPED_MAX
        {
            state.typed.push(c);
        }
        state.error = None;
        return Flow::stay();
    }
    state.error = None;
    let lang = app.settings.lang;
    let effects = match action {
        // On the rows, the arrows scroll the columns (a wide export); - and + move the day.
        Some(Action::Left) if state.tab == ReportTab::Table && key.code == KeyCode::Left => {
            state.column = state.column.saturating_sub(1);
            Vec::new()
        }
        Some(Action::Right) if state.tab == ReportTab::Table && key.code == KeyCode::Right => {
            state.column = (state.column + 1).min(columns(state).saturating_sub(1));
            Vec::new()
        }
        Some(Action::Left) => {
            state.typed.clear();
            move_day(app, state, false)
        }
        Some(Action::Right) => {
            state.typed.clear();
            move_day(app, state, true)
        }
        Some(Action::NextField | Action::PrevField) => {
            let at = ReportTab::ALL
                .iter()
                .position(|t| *t == state.tab)
                .unwrap_or(0);
            let n = ReportTab::ALL.len();
            let next = if action == Some(Action::NextField) {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            };
            state.tab = ReportTab::ALL[next];
            state.scroll = 0;
            Vec::new()
        }
        Some(Action::Up) => scroll(state, -1),
        Some(Action::Down) => scroll(state, 1),
        Some(Action::PageUp) => scroll(state, -isize::try_from(PAGE).unwrap_or(10)),
        Some(Action::PageDown) => scroll(state, isize::try_from(PAGE).unwrap_or(10)),
        Some(Action::Accept) if !state.typed.is_empty() => {
            match parse_typed_day(&state.typed, state.today, lang) {
                Ok(day) => {
                    state.typed.clear();
                    state.day = day;
                    load(state, lang)
                }
                Err(e) => {
                    state.error = Some(e);
                    Vec::new()
                }
            }
        }
        Some(Action::Refresh) => load(state, lang),
        Some(Action::Save) => {
            let format = 0;
            state.save = Some(SaveState {
                format,
                path: default_path(app.reports_dir.as_deref(), state.day, SAVE_FORMATS[format]),
                step: SaveStep::Choosing,
            });
            Vec::new()
        }
        Some(Action::Cancel) if !state.typed.is_empty() => {
            state.typed.clear();
            Vec::new()
        }
        Some(Action::Cancel) => return Flow::sale(),
        None if key.code == KeyCode::Backspace => {
            state.typed.pop();
            Vec::new()
        }
        _ => Vec::new(),
    };
    Flow::stay().with(effects)
}

fn scroll(state: &mut ReportsState, by: isize) -> Vec<Effect> {
    let max = lines_of(state).saturating_sub(1);
    state.scroll = state.scroll.saturating_add_signed(by).min(max);
    Vec::new()
}

fn save_key(
    app: &mut App,
    state: &mut ReportsState,
    action: Option<Action>,
    key: KeyEvent,
) -> Flow {
    let Some(save) = &mut state.save else {
        return Flow::stay();
    };
    match &save.step {
        SaveStep::Choosing => {}
        SaveStep::Saving { .. } => {
            if action == Some(Action::Cancel) {
                // The download goes on; its end is said on the status line.
                state.save = None;
                say(app, Severity::Info, "report-save-goes-on", &[]);
            }
            return Flow::stay();
        }
        SaveStep::Saved(_) | SaveStep::Failed(_) => {
            match action {
                Some(Action::Cancel) => state.save = None,
                Some(Action::Accept) => {
                    if matches!(save.step, SaveStep::Failed(_)) {
                        save.step = SaveStep::Choosing;
                    } else {
                        state.save = None;
                    }
                }
                _ => {}
            }
            return Flow::stay();
        }
    }
    match action {
        Some(Action::Up | Action::Down) => {
            let n = SAVE_FORMATS.len();
            let next = if action == Some(Action::Up) {
                (save.format + n - 1) % n
            } else {
                (save.format + 1) % n
            };
            let (old, new) = (
                suffix(SAVE_FORMATS[save.format]),
                suffix(SAVE_FORMATS[next]),
            );
            if let Some(stem) = save.path.strip_suffix(old) {
                save.path = format!("{stem}{new}");
            }
            save.format = next;
            Flow::stay()
        }
        Some(Action::Accept) => {
            let path = save.path.trim().to_string();
            if path.is_empty() {
                save.step = SaveStep::Failed(app.settings.lang.t("report-save-no-path"));
                return Flow::stay();
            }
            save.step = SaveStep::Saving {
                received: 0,
                total: None,
            };
            Flow::stay().with(vec![Effect::SaveSalesReport {
                day: state.day,
                format: SAVE_FORMATS[save.format],
                path: path.into(),
                lang: app.settings.lang,
            }])
        }
        Some(Action::Cancel) => {
            state.save = None;
            Flow::stay()
        }
        _ => {
            match key.code {
                KeyCode::Backspace => {
                    save.path.pop();
                }
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    save.path.push(c);
                }
                _ => {}
            }
            Flow::stay()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn typed_days_in_both_forms() {
        let today = date!(2026 - 12 - 02);
        assert_eq!(
            parse_typed_day("2026-11-30", today, Lang::En),
            Ok(date!(2026 - 11 - 30))
        );
        assert_eq!(
            parse_typed_day("1/12/2026", today, Lang::En),
            Ok(date!(2026 - 12 - 01))
        );
        let future = parse_typed_day("03/12/2026", today, Lang::En).unwrap_err();
        assert!(future.contains("03/12/2026"), "{future}");
        assert!(parse_typed_day("31/02/2026", today, Lang::En).is_err());
        assert!(parse_typed_day("2026-13", today, Lang::En).is_err());
    }

    #[test]
    fn default_paths() {
        let day = date!(2026 - 12 - 01);
        assert_eq!(
            default_path(
                Some(std::path::Path::new("/home/ann/Documents")),
                day,
                SalesFormat::Pdf
            ),
            "/home/ann/Documents/kash-sales-2026-12-01.pdf"
        );
        assert_eq!(
            default_path(None, day, SalesFormat::Fec),
            "kash-sales-2026-12-01-fec.txt"
        );
    }
}

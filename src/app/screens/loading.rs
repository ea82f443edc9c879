//! Start-up: the shop's lists load with progress; what failed can be loaded again, or left
//! out when the till can sell without it.

use crate::pos::catalog::{Catalog, CatalogLists};

use super::super::actions::info;
use super::super::actions::say;
use super::super::effect::Effect;
use super::super::keymap::Action;
use super::super::screen::{Flow, Screen};
use super::super::state::{App, BUILD_IN_PLACE_BELOW, LoadStatus, REQUIRED_RESOURCES, Severity};
use crate::i18n;

pub fn on_key(app: &mut App, action: Option<Action>) -> Flow {
    let all_settled = app
        .load
        .iter()
        .all(|(_, s)| !matches!(s, LoadStatus::Pending));
    match action {
        Some(Action::Retry) if all_settled => {
            let mut effects = Vec::new();
            for (r, s) in &mut app.load {
                if matches!(s, LoadStatus::Failed(_)) {
                    *s = LoadStatus::Pending;
                    effects.push(Effect::Load(*r));
                }
            }
            Flow::stay().with(effects)
        }
        // The catalog is being built: the start ends when it is here.
        Some(Action::ContinueAnyway | Action::Retry) if app.staged.building => Flow::stay(),
        Some(Action::ContinueAnyway) if all_settled => {
            let required_failed = app
                .load
                .iter()
                .any(|(r, s)| REQUIRED_RESOURCES.contains(r) && matches!(s, LoadStatus::Failed(_)));
            if required_failed {
                say(app, Severity::Error, "msg-load-required", &[]);
                Flow::stay()
            } else {
                match build(app) {
                    Built::Now(next) => Flow::to(*next),
                    Built::Later(effect) => Flow::stay().with(vec![effect]),
                }
            }
        }
        Some(Action::Quit) => {
            app.quit = true;
            Flow::stay()
        }
        _ => Flow::stay(),
    }
}

/// Whether `action` does anything now: Retry and Continue once every list has settled and one
/// failed (Continue only when the till can sell without what failed), never while the catalog
/// is being built; any other action always. The footer offers these keys only then.
pub fn offers(app: &App, action: Action) -> bool {
    let settled = app
        .load
        .iter()
        .all(|(_, s)| !matches!(s, LoadStatus::Pending));
    let failed = |required: bool| {
        app.load.iter().any(|(r, s)| {
            matches!(s, LoadStatus::Failed(_)) && (!required || REQUIRED_RESOURCES.contains(r))
        })
    };
    match action {
        Action::Retry => settled && !app.staged.building && failed(false),
        Action::ContinueAnyway => settled && !app.staged.building && failed(false) && !failed(true),
        _ => true,
    }
}

/// Whether every list is here (from the server or the local copy).
pub fn all_loaded(app: &App) -> bool {
    app.load
        .iter()
        .all(|(_, s)| matches!(s, LoadStatus::Done { .. } | LoadStatus::Cached { .. }))
}

/// How the catalog of the start is built.
pub enum Built {
    /// In place: the start is over, this screen follows.
    Now(Box<Screen>),
    /// Off the event loop: the start ends with [`built`].
    Later(Effect),
}

/// Builds the catalog from the lists loaded: a small one in place, a big one off the event loop
/// (the loading screen stays until it is here).
pub fn build(app: &mut App) -> Built {
    let (below, swap_off_loop) = (app.staged.in_place_below, app.staged.swap_off_loop);
    let staged = std::mem::take(&mut app.staged);
    app.staged.in_place_below = below;
    app.staged.swap_off_loop = swap_off_loop;
    let lists = CatalogLists {
        items: staged.items,
        departments: staged.departments,
        groups: staged.groups,
        variations: staged.variations,
        limits: app.limits,
    };
    if lists.items.len() < below.unwrap_or(BUILD_IN_PLACE_BELOW) {
        Built::Now(Box::new(built(app, lists.build())))
    } else {
        app.staged.building = true;
        Built::Later(Effect::BuildCatalog(Box::new(lists)))
    }
}

/// The catalog of the start is here: the start is over, the screen that follows it returned.
pub fn built(app: &mut App, catalog: Catalog) -> Screen {
    app.staged.building = false;
    app.staged.ready = true;
    app.catalog = catalog;
    finish(app);
    super::sign_in::at_start(app)
        .or_else(|| super::cashiers::at_start(app))
        .unwrap_or(Screen::Sale)
}

/// Says how the start went, the catalog built; the caller shows the sale.
fn finish(app: &mut App) {
    app.missing = app
        .load
        .iter()
        .filter(|(_, s)| matches!(s, LoadStatus::Failed(_)))
        .map(|(r, _)| *r)
        .collect();
    let skipped: usize = app
        .load
        .iter()
        .map(|(_, s)| match s {
            LoadStatus::Done { skipped, .. } => *skipped,
            _ => 0,
        })
        .sum::<usize>()
        + app.catalog.rejected().len();
    let duplicates = app.catalog.duplicate_barcodes().len();
    if !app.missing.is_empty() {
        let names: Vec<&str> = app.missing.iter().map(|r| r.label()).collect();
        say(
            app,
            Severity::Warning,
            "msg-started-without",
            &[("lists", i18n::s(names.join(", ")))],
        );
    } else if skipped > 0 {
        say(
            app,
            Severity::Warning,
            "msg-skipped",
            &[("count", i18n::n(skipped))],
        );
    } else if duplicates > 0 {
        say(
            app,
            Severity::Warning,
            "msg-duplicate-barcodes",
            &[("count", i18n::n(duplicates))],
        );
    } else {
        let n = app.catalog.items().len();
        let restored = app.basket.lines.len();
        if let Some(w) = app.warnings.first().cloned() {
            info(app, Severity::Warning, w);
        } else if let Some(saved_at) = &app.offline_lists {
            let when = saved_time(app, saved_at);
            say(
                app,
                Severity::Warning,
                "msg-offline-start",
                &[("when", i18n::s(when))],
            );
        } else if restored > 0 {
            say(
                app,
                Severity::Warning,
                "msg-ready-restored",
                &[("items", i18n::n(n)), ("lines", i18n::n(restored))],
            );
        } else {
            say(
                app,
                Severity::Success,
                "msg-ready",
                &[("items", i18n::n(n))],
            );
        }
    }
}

/// When the lists were saved, in the till's time zone and the cashier's language; the stored
/// text as it is when it is not an RFC 3339 date.
fn saved_time(app: &App, saved_at: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(saved_at.trim(), &Rfc3339) {
        Ok(at) => app.settings.lang.date_time(at, app.settings.utc_offset),
        Err(_) => format!(
            "{} UTC",
            saved_at.get(..16).unwrap_or(saved_at).replace('T', " ")
        ),
    }
}

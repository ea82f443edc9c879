//! Start-up: the shop's lists load with progress; what failed can be loaded again, or left
//! out when the till can sell without it.

use crate::pos::catalog::Catalog;

use super::super::actions::info;
use super::super::effect::Effect;
use super::super::keymap::Action;
use super::super::screen::Flow;
use super::super::state::{App, LoadStatus, REQUIRED_RESOURCES, Severity};

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
        Some(Action::ContinueAnyway) if all_settled => {
            let required_failed = app
                .load
                .iter()
                .any(|(r, s)| REQUIRED_RESOURCES.contains(r) && matches!(s, LoadStatus::Failed(_)));
            if required_failed {
                info(
                    app,
                    Severity::Error,
                    "Items and payment modes are needed to sell: retry (R)",
                );
                Flow::stay()
            } else {
                finish(app);
                Flow::sale()
            }
        }
        Some(Action::Quit) => {
            app.quit = true;
            Flow::stay()
        }
        _ => Flow::stay(),
    }
}

/// Whether every list is here (from the server or the local copy).
pub fn all_loaded(app: &App) -> bool {
    app.load
        .iter()
        .all(|(_, s)| matches!(s, LoadStatus::Done { .. } | LoadStatus::Cached { .. }))
}

/// Indexes the catalog and says how the start went; the caller shows the sale.
pub fn finish(app: &mut App) {
    let staged = std::mem::take(&mut app.staged);
    app.catalog = Catalog::with_limits(
        staged.items,
        staged.departments,
        staged.groups,
        staged.variations,
        &app.limits,
    );
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
        info(
            app,
            Severity::Warning,
            format!("Started without {}", names.join(", ")),
        );
    } else if skipped > 0 {
        info(
            app,
            Severity::Warning,
            format!("{skipped} unreadable or out-of-limit element(s) skipped: see the log"),
        );
    } else if duplicates > 0 {
        info(
            app,
            Severity::Warning,
            format!("{duplicates} barcode(s) on more than one item: see the log"),
        );
    } else {
        let n = app.catalog.items().len();
        let restored = app.basket.lines.len();
        if let Some(w) = app.warnings.first().cloned() {
            info(app, Severity::Warning, w);
        } else if let Some(saved_at) = &app.offline_lists {
            let when = saved_at.get(..16).unwrap_or(saved_at).replace('T', " ");
            info(
                app,
                Severity::Warning,
                format!("Offline start: lists saved {when} UTC; sales will queue"),
            );
        } else if restored > 0 {
            info(
                app,
                Severity::Warning,
                format!("Ready: {n} items · basket restored after a restart ({restored} line(s))"),
            );
        } else {
            info(app, Severity::Success, format!("Ready: {n} items"));
        }
    }
}

//! The colour themes' names, as the configuration chooses them; `ui::theme` gives their styles.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    #[default]
    Default,
    HighContrast,
    Monochrome,
}

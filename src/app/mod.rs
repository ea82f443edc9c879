//! The application: state, events, effects, the pure `update`, the keymap, and the runner that
//! carries effects out on tokio.

pub mod delivery;
pub mod effect;
pub mod keymap;
pub mod orders;
pub mod runner;
pub mod scan;
pub mod state;
pub mod update;

pub use effect::{Effect, Event, perform};
pub use state::App;
pub use update::{start, update};

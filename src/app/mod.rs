//! The application. `state` (App), `screen` (where the cashier is), `event` and `effect` (types
//! only), `update` (the router), `screens/*` (each screen's keys), `actions` and `recall`
//! (what several screens share), `results` (what effects send back), `keymap` (bindings as
//! data) and `runner` (the loop and the effects: the only place with I/O).

pub mod actions;
pub mod effect;
pub mod event;
pub mod keymap;
pub mod printing;
pub mod recall;
pub mod results;
pub mod runner;
pub mod screen;
pub mod screens;
pub mod state;
#[cfg(test)]
pub mod testing;
pub mod update;

pub use effect::Effect;
pub use event::Event;
pub use runner::{Services, perform};
pub use screen::Screen;
pub use state::App;
pub use update::{start, update};

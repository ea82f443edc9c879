//! kash-pos: a keyboard-first terminal point of sale for the Kash.click cloud POS.

pub mod app;
pub mod check;
pub mod config;
pub mod i18n;
pub mod journal;
pub mod kash;
pub mod logging;
pub mod look;
pub mod money;
pub mod pos;
pub mod print;
pub mod report;
pub mod sales_report;
pub mod shift;
pub mod signin;
pub mod sim;
pub mod ui;

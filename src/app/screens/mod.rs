//! One module per screen: its keys (and, where it has one, its scan behaviour). Each handler
//! gets the screen's state to change in place and returns a [`Flow`](super::screen::Flow): the
//! next screen, if any, and the effects to run. The state types are in `screen.rs`.

pub mod attention;
pub mod cashiers;
pub mod confirm;
pub mod customers;
pub mod departments;
pub mod details;
pub mod help;
pub mod line_edit;
pub mod loading;
pub mod open_orders;
pub mod order_pay;
pub mod payment;
pub mod receipt;
pub mod refunds;
pub mod reports;
pub mod sale;
pub mod search;
pub mod shift;
pub mod sign_in;
pub mod tables;
pub mod tender;
pub mod unknown_code;
pub mod variation;

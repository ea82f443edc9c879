//! One module per screen, the same names as `app::screens`: what each draws.

pub mod attention;
pub mod cashiers;
pub mod confirm;
pub mod customers;
pub mod departments;
pub mod details;
pub mod line_edit;
pub mod loading;
pub mod message_log;
pub mod open_orders;
pub mod order_pay;
pub mod payment;
pub mod receipt;
pub mod refunds;
pub mod reports;
pub mod sale;
pub mod search;
pub mod sending;
pub mod shift;
pub mod sign_in;
pub mod tables;
pub mod tender;
pub mod unknown_code;
pub mod variation;

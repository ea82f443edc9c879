//! The Kash.click web-service API: every endpoint as a typed method of [`client::KashClient`],
//! the wire model, the order encoding and the errors. Nothing outside this module builds a URL or
//! a form body for the service.

pub mod client;
pub mod error;
pub mod json;
pub mod model;
pub mod order;
pub mod saved;
pub mod stream;

pub use client::{ApiKey, KashClient, ListEndpoint, ListFormat, Listed, OrdersQuery, SalesFormat};
pub use error::KashError;

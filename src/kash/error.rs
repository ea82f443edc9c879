//! One error type for every way a call to the service can fail, told apart the way the cashier
//! and the journal need: could the request have reached the server or not?

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KashError {
    /// No connection could be made (DNS, refused, unreachable). The server saw nothing.
    #[error("{endpoint}: server unreachable ({detail})")]
    Unreachable { endpoint: String, detail: String },
    /// The connection broke after the request may have been sent.
    #[error("{endpoint}: connection lost ({detail})")]
    ConnectionLost { endpoint: String, detail: String },
    /// No answer in time. `may_have_reached` is false only when the connection was never made.
    #[error("{endpoint}: no answer within {seconds}s")]
    Timeout {
        endpoint: String,
        seconds: u64,
        may_have_reached: bool,
    },
    /// An HTTP status other than 2xx.
    #[error("{endpoint}: HTTP {status} ({excerpt})")]
    Http {
        endpoint: String,
        status: u16,
        excerpt: String,
    },
    /// A body that is not the JSON expected (HTML, plain text, garbage).
    #[error("{endpoint}: unexpected answer, not JSON: {excerpt}")]
    NotJson { endpoint: String, excerpt: String },
    /// JSON, but not in a shape kash-pos can read.
    #[error("{endpoint}: unexpected answer: {detail}")]
    BadShape { endpoint: String, detail: String },
    /// The service refused the request and said why.
    #[error("{endpoint}: refused: {message}")]
    Refused { endpoint: String, message: String },
    /// The shop id or the key (or login, password, OTP) was not accepted.
    #[error("{endpoint}: credentials refused: {message}")]
    BadCredentials { endpoint: String, message: String },
    /// A configuration the client will not use (plain http to a remote host, a bad URL).
    #[error("{0}")]
    Config(String),
}

impl KashError {
    /// True when the server may have acted on the request although no clear answer was read:
    /// before sending an order again, look for it on the server. Only a refusal in the body
    /// (or no connection at all) says the request was not acted upon: any HTTP status other
    /// than 2xx is unknown too, a 429 or a redirect included, since a server may record and
    /// then answer with one.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Self::Timeout {
                may_have_reached, ..
            } => *may_have_reached,
            Self::ConnectionLost { .. }
            | Self::NotJson { .. }
            | Self::BadShape { .. }
            | Self::Http { .. } => true,
            Self::Unreachable { .. }
            | Self::Refused { .. }
            | Self::BadCredentials { .. }
            | Self::Config(_) => false,
        }
    }

    /// True when the request certainly never reached the server: it can be sent again.
    pub fn never_sent(&self) -> bool {
        matches!(
            self,
            Self::Unreachable { .. }
                | Self::Config(_)
                | Self::Timeout {
                    may_have_reached: false,
                    ..
                }
        )
    }

    /// True when the server could not be reached or did not answer sensibly: the app is offline
    /// rather than refused.
    pub fn is_connectivity(&self) -> bool {
        matches!(
            self,
            Self::Unreachable { .. }
                | Self::ConnectionLost { .. }
                | Self::Timeout { .. }
                | Self::Http { .. }
        )
    }

    /// One line for the status bar.
    pub fn cashier_message(&self) -> String {
        self.cashier_message_in(crate::i18n::Lang::En)
    }

    /// The one line the cashier reads, in `lang` (what the server said stays as it said it).
    pub fn cashier_message_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::s;
        match self {
            Self::Unreachable { .. } => lang.t("err-unreachable"),
            Self::ConnectionLost { .. } => lang.t("err-connection-lost"),
            Self::Timeout { seconds, .. } => {
                lang.ta("err-timeout", &[("seconds", s(seconds.to_string()))])
            }
            Self::Http { status, .. } => lang.ta("err-http", &[("status", s(status.to_string()))]),
            Self::NotJson { excerpt, .. } => {
                lang.ta("err-unexpected", &[("detail", s(excerpt.clone()))])
            }
            Self::BadShape { detail, .. } => {
                lang.ta("err-unexpected", &[("detail", s(detail.clone()))])
            }
            Self::Refused { message, .. } => {
                lang.ta("err-refused", &[("message", s(message.clone()))])
            }
            Self::BadCredentials { .. } => lang.t("err-bad-credentials"),
            Self::Config(m) => m.clone(),
        }
    }
}

//! Signing in from the till, with no configuration. The welcome offers the demo shop, signing
//! in by a code sent by email (the vendor's recommended way), or by login and password; `1`,
//! `2` and `3` choose as well as the arrows and Enter. It is shown at start until the demo is
//! chosen once on this machine (remembered by an empty file in the data directory), and from
//! the demo's sale on Ctrl-S.
//!
//! Signed in, the key goes to a private file and the configuration beside it, as
//! `kash-pos login` writes them; Enter then quits the demo and starts the till again on the
//! shop. Text pasted (which the scanner detector sees as a scan) goes into the field.

use crossterm::event::KeyEvent;

use crate::i18n::s;

use super::super::actions::{Field, edit, say, step};
use super::super::effect::{Effect, SignInHow};
use super::super::keymap::Action;
use super::super::screen::{Flow, Screen, SignInState, SignInStep};
use super::super::state::{App, Severity};

/// The welcome's choices, in order.
pub const CHOICES: [&str; 3] = ["welcome-demo", "welcome-code", "welcome-password"];

/// The longest text a field takes (an email, a login, a password, a code).
const FIELD_MAX: usize = 254;

/// The screen the till starts on once the shop is loaded, when the welcome is due.
pub fn at_start(app: &App) -> Option<Screen> {
    app.sign_in
        .as_ref()
        .filter(|o| o.at_start)
        .map(|_| Screen::SignIn(Box::default()))
}

/// Ctrl-S from the sale: the welcome, on the demo shop only.
pub fn open(app: &mut App) -> Flow {
    if app.sign_in.is_none() {
        say(app, Severity::Info, "msg-signed-in-already", &[]);
        return Flow::stay();
    }
    Flow::to(Screen::SignIn(Box::default()))
}

/// The demo is chosen: the sale, and the choice remembered when the welcome came at start.
fn demo(app: &mut App) -> Flow {
    let mut effects = Vec::new();
    if let Some(offer) = app.sign_in.as_mut()
        && offer.at_start
    {
        offer.at_start = false;
        effects.extend(offer.demo_marker.clone().map(Effect::RememberDemo));
    }
    say(app, Severity::Info, "msg-demo-chosen", &[]);
    Flow::sale().with(effects)
}

fn field_edit(text: &mut String, key: &KeyEvent, field: Field) {
    if text.chars().count() < FIELD_MAX || key.code == crossterm::event::KeyCode::Backspace {
        edit(text, key, field);
    }
}

/// Text pasted (or typed faster than a person types, as the scanner detector sees it): it goes
/// into the field with the cursor. `false` on the welcome (the scan is then for the sale).
pub fn on_scan(s: &mut SignInState, text: &str) -> bool {
    if s.busy {
        return true;
    }
    let target = match (&s.step, s.field) {
        (SignInStep::Email, 0) => &mut s.email,
        (SignInStep::Email, _) => &mut s.account_id,
        (SignInStep::Code, _) => &mut s.code,
        (SignInStep::Password, 0) => &mut s.login,
        (SignInStep::Password, _) => &mut s.password.0,
        (SignInStep::Choose { .. } | SignInStep::Done(_), _) => return false,
    };
    for c in text.chars().filter(|c| !c.is_control()) {
        if target.chars().count() < FIELD_MAX {
            target.push(c);
        }
    }
    true
}

pub fn on_key(app: &mut App, st: &mut SignInState, action: Option<Action>, key: KeyEvent) -> Flow {
    let Some(offer) = app.sign_in.clone() else {
        return Flow::sale();
    };
    if action == Some(Action::Quit) {
        app.quit = true;
        return Flow::stay();
    }
    let lang = app.settings.lang;
    if st.busy {
        // An answer on its way: Esc gives up waiting for it (it is then ignored).
        if action == Some(Action::Cancel) {
            st.busy = false;
            st.error = None;
        }
        return Flow::stay();
    }
    let step = std::mem::replace(&mut st.step, SignInStep::Choose { selected: 0 });
    st.step = match step {
        SignInStep::Choose { selected } => {
            let chosen = match (action, key.code) {
                (Some(Action::Up), _) => {
                    st.step = SignInStep::Choose {
                        selected: step_choice(selected, -1),
                    };
                    return Flow::stay();
                }
                (Some(Action::Down), _) => {
                    st.step = SignInStep::Choose {
                        selected: step_choice(selected, 1),
                    };
                    return Flow::stay();
                }
                (Some(Action::Accept), _) => Some(selected),
                (Some(Action::Cancel), _) => Some(0),
                (None, crossterm::event::KeyCode::Char(c @ '1'..='3')) => {
                    Some(usize::from(c as u8 - b'1'))
                }
                _ => None,
            };
            match chosen {
                None => SignInStep::Choose { selected },
                Some(0) => return demo(app),
                Some(choice) if offer.config_path.is_none() => {
                    st.error = Some(lang.t("signin-no-config-dir"));
                    SignInStep::Choose { selected: choice }
                }
                Some(1) => {
                    st.error = None;
                    st.field = 0;
                    SignInStep::Email
                }
                Some(_) => {
                    st.error = None;
                    st.field = 0;
                    SignInStep::Password
                }
            }
        }
        SignInStep::Email => match action {
            Some(Action::Cancel) => {
                st.error = None;
                SignInStep::Choose { selected: 1 }
            }
            Some(Action::NextField) => {
                st.field = 1 - st.field.min(1);
                SignInStep::Email
            }
            Some(Action::Accept) => {
                let email = st.email.trim().to_string();
                if plausible_email(&email) {
                    st.error = None;
                    st.busy = true;
                    let account_id =
                        Some(st.account_id.trim().to_string()).filter(|a| !a.is_empty());
                    st.step = SignInStep::Email;
                    return Flow::stay().with(vec![Effect::SignInCode {
                        base_url: offer.base_url.clone(),
                        email,
                        account_id,
                        lang,
                    }]);
                }
                st.error = Some(lang.t("signin-email-needed"));
                st.field = 0;
                SignInStep::Email
            }
            _ => {
                if st.field == 0 {
                    field_edit(&mut st.email, &key, Field::Text);
                } else {
                    field_edit(&mut st.account_id, &key, Field::Digits);
                }
                SignInStep::Email
            }
        },
        SignInStep::Code => match action {
            Some(Action::Cancel) => {
                st.error = None;
                st.code.clear();
                SignInStep::Email
            }
            Some(Action::Accept) => {
                let code = st.code.trim().to_string();
                if code.is_empty() {
                    st.error = Some(lang.t("signin-code-needed"));
                } else if let Some(config) = offer.config_path.clone() {
                    st.error = None;
                    st.busy = true;
                    st.step = SignInStep::Code;
                    return Flow::stay().with(vec![Effect::SignIn {
                        base_url: offer.base_url.clone(),
                        config,
                        how: SignInHow::Code {
                            email: st.email.trim().to_string(),
                            code,
                        },
                        lang,
                    }]);
                }
                SignInStep::Code
            }
            _ => {
                field_edit(&mut st.code, &key, Field::Text);
                SignInStep::Code
            }
        },
        SignInStep::Password => match action {
            Some(Action::Cancel) => {
                st.error = None;
                st.password.0.clear();
                SignInStep::Choose { selected: 2 }
            }
            Some(Action::NextField) => {
                st.field = 1 - st.field.min(1);
                SignInStep::Password
            }
            Some(Action::Accept) if st.field == 0 => {
                st.field = 1;
                SignInStep::Password
            }
            Some(Action::Accept) => {
                let login = st.login.trim().to_string();
                if login.is_empty() || st.password.0.is_empty() {
                    st.error = Some(lang.t("signin-password-needed"));
                    st.field = usize::from(!login.is_empty());
                } else if let Some(config) = offer.config_path.clone() {
                    st.error = None;
                    st.busy = true;
                    st.step = SignInStep::Password;
                    return Flow::stay().with(vec![Effect::SignIn {
                        base_url: offer.base_url.clone(),
                        config,
                        how: SignInHow::Password {
                            login,
                            password: st.password.clone(),
                        },
                        lang,
                    }]);
                }
                SignInStep::Password
            }
            _ => {
                if st.field == 0 {
                    field_edit(&mut st.login, &key, Field::Text);
                } else {
                    field_edit(&mut st.password.0, &key, Field::Text);
                }
                SignInStep::Password
            }
        },
        SignInStep::Done(done) => {
            if action == Some(Action::Cancel) {
                // The files are written: the shop opens at the next start.
                say(app, Severity::Info, "msg-signed-in-later", &[]);
                return Flow::sale();
            }
            if action == Some(Action::Accept) {
                tracing::info!(config = %done.config.display(), "starting again on the shop signed in to");
                app.reopen = Some(done.config.clone());
                app.quit = true;
            }
            SignInStep::Done(done)
        }
    };
    Flow::stay()
}

fn step_choice(selected: usize, delta: isize) -> usize {
    step(selected, delta, CHOICES.len())
}

/// Something that may be an email: text, `@`, text with a dot (the service says the rest).
fn plausible_email(email: &str) -> bool {
    email.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty() && domain.contains('.') && !domain.ends_with('.')
    })
}

/// The code was sent, or why not.
pub fn code_sent(app: &mut App, result: Result<(), String>) {
    let Screen::SignIn(st) = &mut app.screen else {
        return;
    };
    if !st.busy || st.step != SignInStep::Email {
        return;
    }
    st.busy = false;
    match result {
        Ok(()) => {
            st.error = None;
            st.code.clear();
            st.step = SignInStep::Code;
            let email = st.email.trim().to_string();
            say(
                app,
                Severity::Success,
                "msg-signin-code-sent",
                &[("email", s(email))],
            );
        }
        Err(e) => {
            tracing::warn!(error = %e, "sign-in code not sent");
            st.error = Some(e);
        }
    }
}

/// Signed in (the files written), or why not.
pub fn signed_in(app: &mut App, result: Result<crate::signin::SignedIn, String>) {
    let Screen::SignIn(st) = &mut app.screen else {
        return;
    };
    if !st.busy || !matches!(st.step, SignInStep::Code | SignInStep::Password) {
        return;
    }
    st.busy = false;
    st.password.0.clear();
    match result {
        Ok(done) => {
            st.error = None;
            let shop = done.shop_id.clone();
            st.step = SignInStep::Done(done);
            say(
                app,
                Severity::Success,
                "msg-signed-in",
                &[("shop", s(shop))],
            );
        }
        Err(e) => {
            tracing::warn!(error = %e, "sign-in refused or failed");
            if st.step == SignInStep::Password {
                st.field = 1;
            } else {
                st.code.clear();
            }
            st.error = Some(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_needs_an_at_and_a_domain() {
        assert!(plausible_email("marie@boulangerie.fr"));
        for bad in [
            "",
            "marie",
            "@boulangerie.fr",
            "marie@",
            "marie@local",
            "marie@x.",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }
}

//! The customer picker (Ctrl-K from the sale, a recalled order or the order details), the
//! customer form, and the confirmations: delete this customer, sell to this blacklisted one.
//! A loyalty card scanned anywhere picks its customer through [`on_card`].
//!
//! A customer created "with the sale" goes in the order context and is sent with the order
//! (`client[…]`), journaled with it: it works offline. Adding to the file, editing and deleting
//! go to the server (`addClient.php`, `editClient.php`, `delClient.php`); the list is read
//! again after each change, and a change that fails keeps the form as typed.

use crossterm::event::{KeyCode, KeyEvent};

use crate::i18n::s;
use crate::kash::model::Customer;
use crate::kash::order::{CustomerData, CustomerField, NewCustomer};
use crate::pos::customers::{self as file, FieldError};

use super::super::actions::{Field, PAGE, edit, say, step};
use super::super::effect::Effect;
use super::super::keymap::Action;
use super::super::screen::{
    CF_ADDRESS_COMMENT, CF_ADDRESS1, CF_ADDRESS2, CF_BARCODE, CF_BLACKLIST, CF_CITY, CF_COUNTRY,
    CF_EMAIL, CF_FIRST_NAME, CF_LAST_NAME, CF_PHONE, CF_POSTCODE, CF_PRIVATE_COMMENT, CF_VAT,
    CUSTOMER_FIELDS, Comment, CustomerAsk, CustomerConfirmState, CustomerFormState, CustomersState,
    Flow, FormMode, PickFor, Screen,
};
use super::super::state::{App, Connection, Severity};

/// How many customers the picker lists at most (the count says how many matched).
pub const LIMIT: usize = 200;

/// What the picker hands back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Existing(u64),
    New(Box<NewCustomer>),
}

/// The picker, on the whole file, for `back`.
pub fn picker(app: &App, back: PickFor) -> CustomersState {
    CustomersState {
        query: String::new(),
        found: app.orders.customers.search("", LIMIT),
        selected: 0,
        back,
        select: None,
    }
}

/// Opens the picker for `back`.
pub fn open(app: &App, back: PickFor) -> Flow {
    Flow::to(Screen::Customers(Box::new(picker(app, back))))
}

/// Searches again (the query or the list changed), keeping the selection in the results.
pub fn research(app: &App, s: &mut CustomersState) {
    s.found = app.orders.customers.search(&s.query, LIMIT);
    // The customer to select may only be in the list read again after a change: it stays
    // wanted until it is there.
    if let Some(i) = s
        .select
        .and_then(|id| s.found.ids.iter().position(|i| *i == id))
    {
        s.selected = i;
        s.select = None;
    }
    s.selected = s.selected.min(s.found.ids.len().saturating_sub(1));
}

fn selected(s: &CustomersState) -> Option<u64> {
    s.found.ids.get(s.selected).copied()
}

/// Changes of the file need the server: says so when the till knows it is offline.
fn offline(app: &mut App) -> bool {
    if app.connection == Connection::Offline {
        say(app, Severity::Warning, "msg-customers-offline", &[]);
        true
    } else {
        false
    }
}

pub fn on_key(
    app: &mut App,
    s: &mut CustomersState,
    action: Option<Action>,
    key: KeyEvent,
) -> Flow {
    let len = s.found.ids.len();
    match action {
        Some(Action::Up) => s.selected = step(s.selected, -1, len),
        Some(Action::Down) => s.selected = step(s.selected, 1, len),
        Some(Action::PageUp) => s.selected = step(s.selected, -(PAGE as isize), len),
        Some(Action::PageDown) => s.selected = step(s.selected, PAGE as isize, len),
        Some(Action::Accept) => match selected(s) {
            Some(id) => return choose(app, s, id, false),
            None => say(app, Severity::Warning, "msg-customer-none-found", &[]),
        },
        Some(Action::RemoveLine) => return attach(app, s.back.clone(), None, false),
        Some(Action::NewCustomer) => return form(app, s, FormMode::WithSale),
        Some(Action::AddCustomer) if !offline(app) => return form(app, s, FormMode::Add),
        Some(Action::EditCustomer) if !offline(app) => match selected(s) {
            Some(id) => return form(app, s, FormMode::Edit(id)),
            None => say(app, Severity::Warning, "msg-customer-none-found", &[]),
        },
        Some(Action::DeleteCustomer) if !offline(app) => match selected(s) {
            Some(id) => {
                return Flow::to(Screen::CustomerConfirm(Box::new(CustomerConfirmState {
                    ask: CustomerAsk::Delete(id),
                    picker: Box::new(s.clone()),
                    from_scan: false,
                    busy: false,
                    error: None,
                })));
            }
            None => say(app, Severity::Warning, "msg-customer-none-found", &[]),
        },
        Some(Action::Cancel) => return back_to(s.back.clone()),
        Some(_) => {}
        None => {
            if edit(&mut s.query, &key, Field::Text) {
                s.selected = 0;
                research(app, s);
            }
        }
    }
    Flow::stay()
}

/// Where the picker was opened from, unchanged.
fn back_to(back: PickFor) -> Flow {
    match back {
        PickFor::Sale => Flow::sale(),
        PickFor::Details(d) => Flow::to(Screen::Details(d)),
    }
}

/// The customer `id` is chosen: a blacklisted one is confirmed first.
fn choose(app: &mut App, s: &CustomersState, id: u64, from_scan: bool) -> Flow {
    let blacklisted = app.orders.customers.get(id).is_some_and(|c| c.blacklist);
    let confirmed = matches!(&s.back, PickFor::Details(d) if d.confirmed == Some(id));
    if blacklisted && !confirmed {
        return Flow::to(Screen::CustomerConfirm(Box::new(CustomerConfirmState {
            ask: CustomerAsk::Blacklisted(id),
            picker: Box::new(s.clone()),
            from_scan,
            busy: false,
            error: None,
        })));
    }
    attach(app, s.back.clone(), Some(Pick::Existing(id)), blacklisted)
}

/// A customer's card scanned on any screen but the form: `None` when the code is no card.
pub fn on_card(app: &mut App, code: &str, back: PickFor) -> Option<Flow> {
    let id = app.orders.customers.by_card(code)?.id;
    let p = picker(app, back);
    Some(choose(app, &p, id, true))
}

/// Puts the pick (or no customer) where the picker was opened from.
pub fn attach(app: &mut App, back: PickFor, pick: Option<Pick>, confirmed: bool) -> Flow {
    let (id, new) = match pick {
        Some(Pick::Existing(id)) => (Some(id), None),
        Some(Pick::New(c)) => (None, Some(*c)),
        None => (None, None),
    };
    let name = match (&new, id) {
        (Some(c), _) => new_name(c),
        (None, Some(id)) => app.orders.customer_name(id),
        (None, None) => String::new(),
    };
    match back {
        PickFor::Details(mut d) => {
            d.customer_id = id;
            d.new_customer = new;
            if confirmed {
                d.confirmed = id;
            }
            d.error = None;
            Flow::to(Screen::Details(d))
        }
        PickFor::Sale => {
            let is_new = new.is_some();
            let c = &mut app.orders.context;
            c.customer_id = id;
            c.new_customer = new;
            let recalled = app.orders.recalled.is_some();
            let message = match (id.is_some() || is_new, is_new, recalled) {
                (false, _, _) => "msg-customer-cleared",
                (true, true, _) => "msg-customer-new",
                (true, false, true) => "msg-customer-send",
                (true, false, false) => "msg-customer",
            };
            say(app, Severity::Success, message, &[("name", s(name))]);
            Flow::sale()
        }
    }
}

pub use crate::pos::customers::new_name;

fn values_of(c: Option<&Customer>) -> Vec<String> {
    let mut v = vec![String::new(); CUSTOMER_FIELDS.len()];
    if let Some(c) = c {
        v[CF_LAST_NAME].clone_from(&c.name);
        v[CF_FIRST_NAME].clone_from(&c.surname);
        v[CF_EMAIL].clone_from(&c.email);
        v[CF_PHONE].clone_from(&c.phone);
        v[CF_ADDRESS1].clone_from(&c.addressline1);
        v[CF_ADDRESS2].clone_from(&c.addressline2);
        v[CF_POSTCODE].clone_from(&c.postcode);
        v[CF_CITY].clone_from(&c.city);
        v[CF_COUNTRY].clone_from(&c.country);
        v[CF_VAT].clone_from(&c.vat_number);
        v[CF_BARCODE].clone_from(&c.barcode);
    }
    v
}

/// The form, empty or with the customer to edit.
fn form(app: &mut App, s: &CustomersState, mode: FormMode) -> Flow {
    let customer = match mode {
        FormMode::Edit(id) => app.orders.customers.get(id),
        FormMode::WithSale | FormMode::Add => None,
    };
    let mut values = values_of(customer);
    if customer.is_none() && starts_like_a_name(&s.query) {
        // What was typed in the search is most likely the new customer's name.
        values[CF_LAST_NAME] = s.query.trim().to_string();
    }
    let mut f = CustomerFormState {
        mode,
        field: 0,
        values,
        address_comment: Comment::new(""),
        private_comment: Comment::new(customer.map_or("", |c| c.private_comment.as_str())),
        blacklist: customer.is_some_and(|c| c.blacklist),
        original: Vec::new(),
        error: None,
        busy: false,
        picker: Box::new(s.clone()),
    };
    f.original = if customer.is_some() {
        snapshot(&f)
    } else {
        snapshot(&CustomerFormState {
            values: vec![String::new(); CUSTOMER_FIELDS.len()],
            ..f.clone()
        })
    };
    Flow::to(Screen::CustomerForm(Box::new(f)))
}

fn starts_like_a_name(q: &str) -> bool {
    q.trim().chars().next().is_some_and(char::is_alphabetic) && !q.contains('@')
}

/// Every field's text, the comments and the flag included, by field index.
fn snapshot(f: &CustomerFormState) -> Vec<String> {
    let mut v = f.values.clone();
    v.resize(CUSTOMER_FIELDS.len(), String::new());
    v[CF_ADDRESS_COMMENT] = f.address_comment.text();
    v[CF_PRIVATE_COMMENT] = f.private_comment.text();
    v[CF_BLACKLIST] = if f.blacklist { "1" } else { "0" }.to_string();
    v
}

fn wire_field(i: usize) -> CustomerField {
    match i {
        CF_LAST_NAME => CustomerField::Name,
        CF_FIRST_NAME => CustomerField::Surname,
        CF_EMAIL => CustomerField::Email,
        CF_PHONE => CustomerField::Phone,
        CF_ADDRESS1 => CustomerField::AddressLine1,
        CF_ADDRESS2 => CustomerField::AddressLine2,
        CF_ADDRESS_COMMENT => CustomerField::AddressComment,
        CF_POSTCODE => CustomerField::Postcode,
        CF_CITY => CustomerField::City,
        CF_COUNTRY => CustomerField::Country,
        CF_VAT => CustomerField::VatNum,
        CF_BARCODE => CustomerField::Barcode,
        CF_BLACKLIST => CustomerField::Blacklist,
        _ => CustomerField::CommentPrivate,
    }
}

pub fn form_key(
    app: &mut App,
    f: &mut CustomerFormState,
    action: Option<Action>,
    key: KeyEvent,
) -> Flow {
    if f.busy {
        say(app, Severity::Info, "msg-customer-busy", &[]);
        return Flow::stay();
    }
    let fields = f.fields();
    let pos = fields.iter().position(|i| *i == f.field).unwrap_or(0);
    let in_comment = f.in_comment();
    match action {
        Some(Action::NextField) => f.field = fields[(pos + 1) % fields.len()],
        Some(Action::PrevField) => f.field = fields[(pos + fields.len() - 1) % fields.len()],
        Some(Action::Cancel) => return Flow::to(Screen::Customers(f.picker.clone())),
        Some(Action::Apply) => return save(app, f),
        Some(Action::Accept) if !in_comment => return save(app, f),
        Some(Action::Left | Action::Right) if f.field == CF_BLACKLIST => f.blacklist = !f.blacklist,
        _ => {
            f.error = None;
            match f.field {
                CF_ADDRESS_COMMENT => {
                    f.address_comment.0.input(key);
                }
                CF_PRIVATE_COMMENT => {
                    f.private_comment.0.input(key);
                }
                CF_BLACKLIST => {
                    if key.code == KeyCode::Char(' ') {
                        f.blacklist = !f.blacklist;
                    }
                }
                i => {
                    edit(&mut f.values[i], &key, Field::Text);
                }
            }
        }
    }
    Flow::stay()
}

/// A scan (or pasted text) in the form is typed into the focused field: a card scanned on
/// the card barcode field, an email pasted on the email field.
pub fn form_scan(f: &mut CustomerFormState, code: &str) {
    if f.busy {
        return;
    }
    f.error = None;
    match f.field {
        CF_ADDRESS_COMMENT => {
            f.address_comment.0.insert_str(code);
        }
        CF_PRIVATE_COMMENT => {
            f.private_comment.0.insert_str(code);
        }
        CF_BLACKLIST => {}
        i => f.values[i].push_str(code.trim_end_matches(['\r', '\n'])),
    }
}

/// A scan in the picker that is neither a card nor an item: typed text for the search (a
/// fast typist or a paste arrives as one burst).
pub fn picker_text(app: &App, s: &mut CustomersState, text: &str) {
    s.query.push_str(text.trim_end_matches(['\r', '\n']));
    s.selected = 0;
    research(app, s);
}

/// Checks the form; the first wrong field gets the focus and the message.
fn check(f: &mut CustomerFormState) -> Result<(), (usize, FieldError)> {
    let v = &mut f.values;
    for text in v.iter_mut() {
        *text = text.trim().to_string();
    }
    if v[CF_LAST_NAME].is_empty() && v[CF_FIRST_NAME].is_empty() {
        return Err((CF_LAST_NAME, FieldError::NoName));
    }
    if !v[CF_EMAIL].is_empty() {
        file::check_email(&v[CF_EMAIL]).map_err(|e| (CF_EMAIL, e))?;
    }
    if !v[CF_PHONE].is_empty() {
        file::check_phone(&v[CF_PHONE]).map_err(|e| (CF_PHONE, e))?;
    }
    if !v[CF_COUNTRY].is_empty() {
        v[CF_COUNTRY] = file::check_country(&v[CF_COUNTRY]).map_err(|e| (CF_COUNTRY, e))?;
    }
    if !v[CF_POSTCODE].is_empty() {
        file::check_postcode(&v[CF_POSTCODE], &v[CF_COUNTRY]).map_err(|e| (CF_POSTCODE, e))?;
    }
    if !v[CF_VAT].is_empty() {
        v[CF_VAT] = file::check_vat(&v[CF_VAT]).map_err(|e| (CF_VAT, e))?;
    }
    Ok(())
}

fn save(app: &mut App, f: &mut CustomerFormState) -> Flow {
    let l = app.settings.lang;
    if let Err((field, e)) = check(f) {
        f.field = field;
        f.error = Some(l.ta(
            e.message_id(),
            &[("field", s(l.word("field", CUSTOMER_FIELDS[field])))],
        ));
        return Flow::stay();
    }
    let now = snapshot(f);
    match f.mode {
        FormMode::WithSale => {
            let v = &now;
            let c = NewCustomer {
                last_name: v[CF_LAST_NAME].clone(),
                first_name: v[CF_FIRST_NAME].clone(),
                email: v[CF_EMAIL].clone(),
                phone: v[CF_PHONE].clone(),
                address_line1: v[CF_ADDRESS1].clone(),
                address_line2: v[CF_ADDRESS2].clone(),
                address_comment: v[CF_ADDRESS_COMMENT].clone(),
                postcode: v[CF_POSTCODE].clone(),
                city: v[CF_CITY].clone(),
                country: v[CF_COUNTRY].clone(),
                vat_number: v[CF_VAT].clone(),
                barcode: v[CF_BARCODE].clone(),
                ..NewCustomer::default()
            };
            attach(
                app,
                f.picker.back.clone(),
                Some(Pick::New(Box::new(c))),
                false,
            )
        }
        FormMode::Add | FormMode::Edit(_) => {
            if app.connection == Connection::Offline {
                f.error = Some(l.t("msg-customers-offline"));
                return Flow::stay();
            }
            let mut data = CustomerData::default();
            for &i in f.fields() {
                // A new customer gets what was typed; an edit only what changed, so a field
                // the list does not show (the address comment) is left as it is.
                if now[i] != f.original[i] {
                    data.fields.push((wire_field(i), now[i].clone()));
                }
            }
            let effect = match f.mode {
                FormMode::Edit(id) => {
                    if data.fields.is_empty() {
                        say(app, Severity::Info, "msg-customer-unchanged", &[]);
                        return Flow::to(Screen::Customers(f.picker.clone()));
                    }
                    Effect::EditCustomer(id, Box::new(data))
                }
                _ => Effect::AddCustomer(Box::new(data)),
            };
            f.busy = true;
            f.error = None;
            say(app, Severity::Info, "msg-customer-sending", &[]);
            Flow::stay().with(vec![effect])
        }
    }
}

pub fn confirm_key(app: &mut App, c: &mut CustomerConfirmState, action: Option<Action>) -> Flow {
    if c.busy {
        say(app, Severity::Info, "msg-customer-busy", &[]);
        return Flow::stay();
    }
    match (action, c.ask) {
        (Some(Action::Accept), CustomerAsk::Delete(id)) => {
            if offline(app) {
                return Flow::stay();
            }
            c.busy = true;
            c.error = None;
            say(app, Severity::Info, "msg-customer-sending", &[]);
            Flow::stay().with(vec![Effect::DeleteCustomer(id)])
        }
        (Some(Action::Accept), CustomerAsk::Blacklisted(id)) => {
            attach(app, c.picker.back.clone(), Some(Pick::Existing(id)), true)
        }
        (Some(Action::Cancel), CustomerAsk::Blacklisted(_)) if c.from_scan => {
            back_to(c.picker.back.clone())
        }
        (Some(Action::Cancel), _) => Flow::to(Screen::Customers(c.picker.clone())),
        _ => Flow::stay(),
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::super::event::Event;
    use super::super::super::update::update;
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            let _ = update(app, key(KeyCode::Char(c)));
        }
    }

    /// The form, opened to add a customer, with `text` typed in field `field`.
    fn form_with(field: usize, text: &str) -> App {
        let mut app = crate::app::testing::shop();
        app.connection = Connection::Online;
        let _ = update(&mut app, ctrl('k'));
        let _ = update(&mut app, ctrl('a'));
        type_text(&mut app, "Durand");
        for _ in 0..field {
            let _ = update(&mut app, key(KeyCode::Tab));
        }
        type_text(&mut app, text);
        app
    }

    fn form(app: &App) -> &CustomerFormState {
        match &app.screen {
            Screen::CustomerForm(f) => f,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_wrong_field_is_refused_with_the_focus_on_it_and_nothing_sent() {
        for (field, text, said) in [
            (CF_EMAIL, "zoe@", "Email: not an email address"),
            (CF_PHONE, "06 12 34", "Phone: not a phone number"),
            (CF_POSTCODE, "7500", "Postcode: not a postcode"),
            (CF_COUNTRY, "FRA", "Country: a two-letter country code"),
            (CF_VAT, "FR123", "VAT number: not a VAT number"),
        ] {
            let mut app = form_with(field, text);
            // Away from the field, then save.
            let _ = update(&mut app, key(KeyCode::Tab));
            let effects = update(&mut app, ctrl('s'));
            assert!(effects.is_empty(), "{text}: {effects:?}");
            let f = form(&app);
            assert_eq!(f.field, field, "{text}");
            let error = f.error.clone().unwrap_or_default();
            assert!(error.starts_with(said), "{text}: {error}");
            assert_eq!(f.values[field], text, "kept as typed");
        }
    }

    #[test]
    fn a_name_is_needed_and_a_good_form_goes_to_add_client() {
        let mut app = crate::app::testing::shop();
        let _ = update(&mut app, ctrl('k'));
        let _ = update(&mut app, ctrl('a'));
        let _ = update(&mut app, ctrl('s'));
        assert!(form(&app).error.is_some());
        let mut app = form_with(CF_COUNTRY, "be");
        let _ = update(&mut app, key(KeyCode::Tab));
        type_text(&mut app, "be 0123 456 789");
        let effects = update(&mut app, ctrl('s'));
        let [Effect::AddCustomer(data)] = effects.as_slice() else {
            panic!("{effects:?} {:?}", form(&app).error)
        };
        assert_eq!(
            data.form_fields(),
            [
                ("data[name]".to_string(), "Durand".to_string()),
                ("data[country]".to_string(), "BE".to_string()),
                ("data[VATnum]".to_string(), "BE0123456789".to_string()),
            ]
        );
        assert!(form(&app).busy);
        // Keys wait for the answer.
        let _ = update(&mut app, key(KeyCode::Esc));
        assert!(matches!(app.screen, Screen::CustomerForm(_)));
    }
}

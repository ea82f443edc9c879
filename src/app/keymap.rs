//! Every key binding, as data: `assets/keymap.toml` holds the defaults, one line per binding and
//! one section per screen; the configuration's `[keys]` section changes them. The footer, the
//! help screen and the README's list of keys are generated from the keymap. Typed text (digits
//! for codes, letters for a search) is not here: a key that matches no binding of the current
//! context is text for the entry line.
//!
//! Key strings (`"Ctrl-N"`, `"F1"`, `"Shift-Tab"`, `"?"`) are read by one parser, [`parse_key`],
//! which the keymap file, the configuration and the tests ([`parse_keys`]) share; [`key_name`]
//! writes a key back the way the parser reads it.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use toml::Spanned;

/// Where the cashier is; each context has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Loading,
    Sale,
    Search,
    Departments,
    LineEdit,
    Variation,
    Payment,
    Tender,
    Confirm,
    Receipt,
    Help,
    UnknownCode,
    Attention,
    Tables,
    OpenOrders,
    OrderDetails,
    OrderPay,
    RefundOrders,
    RefundLines,
    Sending,
    Customers,
    CustomerForm,
    Shift,
    ShiftForm,
    Cashiers,
    Reports,
    ReportSave,
    Welcome,
    SignIn,
}

impl Context {
    /// Every context, for the names of the keymap's sections.
    pub const ALL: [Self; 29] = [
        Self::Loading,
        Self::Sale,
        Self::Search,
        Self::Departments,
        Self::LineEdit,
        Self::Variation,
        Self::Payment,
        Self::Tender,
        Self::Confirm,
        Self::Receipt,
        Self::Help,
        Self::UnknownCode,
        Self::Attention,
        Self::Tables,
        Self::OpenOrders,
        Self::OrderDetails,
        Self::OrderPay,
        Self::RefundOrders,
        Self::RefundLines,
        Self::Sending,
        Self::Customers,
        Self::CustomerForm,
        Self::Shift,
        Self::ShiftForm,
        Self::Cashiers,
        Self::Reports,
        Self::ReportSave,
        Self::Welcome,
        Self::SignIn,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Loading => "Start-up",
            Self::Sale => "Sale",
            Self::Search => "Search",
            Self::Departments => "Departments",
            Self::LineEdit => "Line edit",
            Self::Variation => "Variation choice",
            Self::Payment => "Payment",
            Self::Tender => "Cash tendered",
            Self::Confirm => "Confirmation",
            Self::Receipt => "Sale recorded",
            Self::Help => "Help",
            Self::UnknownCode => "Unknown code",
            Self::Attention => "Sales to settle",
            Self::Tables => "Tables",
            Self::OpenOrders => "Open orders",
            Self::OrderDetails => "Order details",
            Self::OrderPay => "Payments of a recalled order",
            Self::RefundOrders => "Refund: choose the order",
            Self::RefundLines => "Refund: choose the lines",
            Self::Sending => "Sending an order",
            Self::Customers => "Customers",
            Self::CustomerForm => "Customer form",
            Self::Shift => "Shift",
            Self::ShiftForm => "Shift: amount",
            Self::Cashiers => "Who is at the till",
            Self::Reports => "The server's day",
            Self::ReportSave => "Save a report",
            Self::Welcome => "Welcome",
            Self::SignIn => "Sign in",
        }
    }

    /// The name of its section in the keymap file and in the configuration's `[keys]`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Loading => "loading",
            Self::Sale => "sale",
            Self::Search => "search",
            Self::Departments => "departments",
            Self::LineEdit => "line_edit",
            Self::Variation => "variation",
            Self::Payment => "payment",
            Self::Tender => "tender",
            Self::Confirm => "confirm",
            Self::Receipt => "receipt",
            Self::Help => "help",
            Self::UnknownCode => "unknown_code",
            Self::Attention => "attention",
            Self::Tables => "tables",
            Self::OpenOrders => "open_orders",
            Self::OrderDetails => "order_details",
            Self::OrderPay => "order_pay",
            Self::RefundOrders => "refund_orders",
            Self::RefundLines => "refund_lines",
            Self::Sending => "sending",
            Self::Customers => "customers",
            Self::CustomerForm => "customer_form",
            Self::Shift => "shift",
            Self::ShiftForm => "shift_form",
            Self::Cashiers => "cashiers",
            Self::Reports => "reports",
            Self::ReportSave => "report_save",
            Self::Welcome => "welcome",
            Self::SignIn => "sign_in",
        }
    }
}

/// Declares `Action` and the names the keymap file gives its variants, in one place.
macro_rules! actions {
    (
        plain { $( $(#[$pdoc:meta])* $pname:literal => $pvariant:ident, )* }
        numbered { $( $(#[$ndoc:meta])* $nname:literal => $nvariant:ident, )* }
    ) => {
        /// What a key does. The numbered actions carry a 0-based number; the keymap file writes
        /// it from 1 (`run = "pay", args = [1]` is `PayWith(0)`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[$pdoc])* $pvariant, )*
            $( $(#[$ndoc])* $nvariant(u8), )*
        }

        impl Action {
            /// Every action's name in the keymap file.
            pub const NAMES: &'static [&'static str] = &[$($pname,)* $($nname,)*];

            /// Its name in the keymap file (`open_payment`, `pay`).
            pub fn name(self) -> &'static str {
                match self {
                    $( Self::$pvariant => $pname, )*
                    $( Self::$nvariant(_) => $nname, )*
                }
            }

            /// The number of a numbered action as the keymap file writes it (from 1).
            pub fn number(self) -> Option<u16> {
                match self {
                    $( Self::$nvariant(n) => Some(u16::from(n) + 1), )*
                    _ => None,
                }
            }

            /// The action a keymap line names, with its `args`.
            fn from_name(name: &str, args: &[i64]) -> Result<Self, String> {
                match name {
                    $( $pname => if args.is_empty() {
                        Ok(Self::$pvariant)
                    } else {
                        Err(format!("action `{name}` takes no args"))
                    }, )*
                    $( $nname => numbered_arg(name, args).map(Self::$nvariant), )*
                    _ => Err(format!(
                        "unknown action {name:?} (actions: {})",
                        Self::NAMES.join(", ")
                    )),
                }
            }
        }
    };
}

actions! {
    plain {
        "open_payment" => OpenPayment,
        "open_departments" => OpenDepartments,
        "open_help" => OpenHelp,
        "quit" => Quit,
        "clear_basket" => ClearBasket,
        "up" => Up,
        "down" => Down,
        "page_up" => PageUp,
        "page_down" => PageDown,
        "accept" => Accept,
        "cancel" => Cancel,
        "edit_line" => EditLine,
        "remove_line" => RemoveLine,
        "quantity_plus" => QuantityPlus,
        "quantity_minus" => QuantityMinus,
        "next_field" => NextField,
        "prev_field" => PrevField,
        "validate_unpaid" => ValidateUnpaid,
        "keep_open" => KeepOpen,
        "retry" => Retry,
        "continue_anyway" => ContinueAnyway,
        "open_attention" => OpenAttention,
        "back" => Back,
        "open_tables" => OpenTables,
        "open_orders" => OpenOrders,
        "park" => Park,
        "order_details" => OrderDetails,
        "refund" => Refund,
        "refresh" => Refresh,
        "filter_table" => FilterTable,
        "apply" => Apply,
        "left" => Left,
        "right" => Right,
        "print_receipt" => PrintReceipt,
        "open_drawer" => OpenDrawer,
        "open_customers" => OpenCustomers,
        "new_customer" => NewCustomer,
        "add_customer" => AddCustomer,
        "edit_customer" => EditCustomer,
        "delete_customer" => DeleteCustomer,
        "message_log" => MessageLog,
        "open_shift" => OpenShift,
        "shift_float" => ShiftFloat,
        "shift_cash_in" => ShiftCashIn,
        "shift_cash_out" => ShiftCashOut,
        "shift_x" => ShiftX,
        "shift_close" => ShiftClose,
        "count_by_note" => CountByNote,
        "switch_cashier" => SwitchCashier,
        "set_pin" => SetPin,
        "choose_till" => ChooseTill,
        "open_reports" => OpenReports,
        "save" => Save,
        "sign_in" => SignIn,
        "basket_discount" => BasketDiscount,
    }
    numbered {
        /// Pay the whole basket with the n-th payment mode (0-based).
        "pay" => PayWith,
        /// Apply the n-th discount of the shop (0-based) to the line being edited.
        "apply_discount" => ApplyDiscount,
        /// A digit of the table's number on the table picker: `args = [1]` to `[9]` type 1 to 9,
        /// `[10]` types 0 (the digit row of a keyboard, 1…0).
        "table_digit" => TableDigit,
    }
}

/// `args = [n]` of a numbered action: one number from 1, stored 0-based.
fn numbered_arg(name: &str, args: &[i64]) -> Result<u8, String> {
    match args {
        [n] => n
            .checked_sub(1)
            .and_then(|n| u8::try_from(n).ok())
            .ok_or_else(|| {
                format!(
                    "action `{name}`: args = [{n}] is out of range (1 to {})",
                    u16::from(u8::MAX) + 1
                )
            }),
        [] => Err(format!(
            "action `{name}` needs its number: args = [1] for the 1st"
        )),
        _ => Err(format!(
            "action `{name}` takes one number in args, not {}",
            args.len()
        )),
    }
}

/// Where a set of bindings applies: every screen, or one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every screen; a screen's own binding of the same key comes first.
    Global,
    Screen(Context),
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Screen(c) => c.name(),
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        if name == "global" {
            return Some(Self::Global);
        }
        Context::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .map(Self::Screen)
    }

    fn names() -> String {
        std::iter::once("global")
            .chain(Context::ALL.iter().map(|c| c.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// A word or two for the footer; empty keeps the binding out of the footer.
    pub label: String,
    /// What it does, for the help screen; `{n}` stands for the number of a numbered action
    /// (see [`Binding::description`]).
    pub desc: String,
    /// The line it was read from (of the keymap file or of the configuration).
    pub line: usize,
}

impl Binding {
    /// What it does, with the number of a numbered action written as an ordinal ("1st").
    pub fn description(&self) -> String {
        match self.action.number() {
            Some(n) => self.desc.replace("{n}", &ordinal(n)),
            None => self.desc.clone(),
        }
    }

    fn matches(&self, code: KeyCode, modifiers: KeyModifiers) -> bool {
        normalize(self.code, self.modifiers) == (code, modifiers)
    }
}

/// `1st`, `2nd`, `3rd`, `4th`… `11th`, `21st`.
pub fn ordinal(n: u16) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The bindings of one scope, in the order the file gives them (the help's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub scope: Scope,
    pub bindings: Vec<Binding>,
}

/// Every binding: the embedded defaults ([`Keymap::embedded`]), with the configuration's
/// overrides applied ([`Keymap::with_overrides`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    sections: Vec<Section>,
}

/// A line of the keymap (or of the configuration's `[keys]`) that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct KeymapError {
    pub line: usize,
    pub message: String,
}

/// The text of the default keymap.
pub const DEFAULT_KEYMAP_TOML: &str = include_str!("../../assets/keymap.toml");

static EMBEDDED: LazyLock<Keymap> = LazyLock::new(|| {
    Keymap::parse(DEFAULT_KEYMAP_TOML)
        .unwrap_or_else(|e| panic!("assets/keymap.toml (embedded, checked by its tests): {e}"))
});

/// One line of the keymap file or of the configuration's `[keys]`:
/// `{ on = "F1", run = "pay", args = [1], label = "…", desc = "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBinding {
    on: Spanned<String>,
    run: Spanned<String>,
    #[serde(default)]
    args: Option<Spanned<Vec<i64>>>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    desc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    keys: Vec<Spanned<RawBinding>>,
}

/// The configuration's `[keys]` section: per screen (`sale`, `global`…), a list of bindings in
/// the keymap file's form. Each replaces the binding of its key on that screen, or adds one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct KeyOverrides(BTreeMap<Spanned<String>, Vec<Spanned<RawBinding>>>);

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn scope_of(name: &Spanned<String>, text: &str) -> Result<Scope, KeymapError> {
    Scope::from_name(name.get_ref()).ok_or_else(|| KeymapError {
        line: line_of(text, name.span().start),
        message: format!(
            "unknown screen {:?} (screens: {})",
            name.get_ref(),
            Scope::names()
        ),
    })
}

/// Reads one line; `previous` is the binding above it (a numbered binding without `desc`
/// continues it), `default_desc` gives a description when there is none.
fn read_binding(
    raw: &Spanned<RawBinding>,
    text: &str,
    previous: Option<&Binding>,
    default_desc: impl Fn(Action) -> Option<String>,
) -> Result<Binding, KeymapError> {
    let line = line_of(text, raw.span().start);
    let at = |span: std::ops::Range<usize>, message: String| KeymapError {
        line: line_of(text, span.start),
        message,
    };
    let r = raw.get_ref();
    let key = parse_key(r.on.get_ref()).map_err(|e| at(r.on.span(), e.to_string()))?;
    let args = r.args.as_ref().map_or(&[][..], |a| a.get_ref().as_slice());
    let action = Action::from_name(r.run.get_ref(), args).map_err(|e| {
        let span = match (&r.args, r.run.get_ref().as_str()) {
            (Some(a), name) if Action::NAMES.contains(&name) => a.span(),
            _ => r.run.span(),
        };
        at(span, e)
    })?;
    let desc = if let Some(d) = &r.desc {
        d.clone()
    } else {
        let continued = previous.filter(|p| {
            p.action.name() == action.name()
                && p.action.number().map(|n| n + 1) == action.number()
                && action.number().is_some()
        });
        match continued {
            Some(p) => p.desc.clone(),
            None => default_desc(action).ok_or_else(|| KeymapError {
                line,
                message: format!(
                    "`desc` is missing (what {:?} does, for the help)",
                    r.on.get_ref()
                ),
            })?,
        }
    };
    if desc.contains("{n}") && action.number().is_none() {
        return Err(KeymapError {
            line,
            message: format!(
                "`{{n}}` in the desc of `{}`, which has no number",
                action.name()
            ),
        });
    }
    Ok(Binding {
        code: key.code,
        modifiers: key.modifiers,
        action,
        label: r.label.clone().unwrap_or_default(),
        desc,
        line,
    })
}

/// A key bound twice in one section.
fn check_clash(bindings: &[Binding], new: &Binding, scope: Scope) -> Result<(), KeymapError> {
    let (code, mods) = normalize(new.code, new.modifiers);
    match bindings.iter().find(|b| b.matches(code, mods)) {
        Some(first) => Err(KeymapError {
            line: new.line,
            message: format!(
                "{} is bound twice in [{}]: line {} already binds it to `{}`",
                key_name(new.code, new.modifiers),
                scope.name(),
                first.line,
                first.action.name()
            ),
        }),
        None => Ok(()),
    }
}

impl Keymap {
    /// The default keymap, read once from the embedded `assets/keymap.toml`.
    pub fn embedded() -> &'static Keymap {
        &EMBEDDED
    }

    /// Reads a keymap file: one `[section]` per screen (`[sale]`, `[line_edit]`…, and
    /// `[global]`), each with `keys = [ { on = …, run = …, args = …, label = …, desc = … }, … ]`.
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        let raw: BTreeMap<Spanned<String>, Spanned<RawSection>> =
            toml::from_str(text).map_err(|e| KeymapError {
                line: e.span().map_or(1, |s| line_of(text, s.start)),
                message: e.message().trim().replace('\n', " "),
            })?;
        // The file's order is the help's order.
        let mut raw: Vec<_> = raw.into_iter().collect();
        raw.sort_by_key(|(name, _)| name.span().start);
        let mut sections = Vec::with_capacity(raw.len());
        for (name, section) in &raw {
            let scope = scope_of(name, text)?;
            let mut bindings: Vec<Binding> = Vec::with_capacity(section.get_ref().keys.len());
            for line in &section.get_ref().keys {
                let binding = read_binding(line, text, bindings.last(), |_| None)?;
                check_clash(&bindings, &binding, scope)?;
                bindings.push(binding);
            }
            sections.push(Section { scope, bindings });
        }
        Ok(Keymap { sections })
    }

    /// This keymap with the configuration's `[keys]` applied; `text` is the configuration's
    /// text (for the line numbers). A line replaces the binding of its key on that screen (in
    /// place, so the help keeps its order) or comes after the screen's bindings. A line without
    /// `desc` takes the description of the same action in the defaults.
    pub fn with_overrides(
        &self,
        overrides: &KeyOverrides,
        text: &str,
    ) -> Result<Keymap, KeymapError> {
        let mut keymap = self.clone();
        let mut entries: Vec<_> = overrides.0.iter().collect();
        entries.sort_by_key(|(name, _)| name.span().start);
        for (name, lines) in entries {
            let scope = scope_of(name, text)?;
            let mut added: Vec<Binding> = Vec::new();
            for raw in lines {
                let binding = read_binding(raw, text, added.last(), |action| {
                    Some(self.default_desc(scope, action))
                })?;
                check_clash(&added, &binding, scope)?;
                added.push(binding.clone());
                keymap.bind(scope, binding);
            }
        }
        Ok(keymap)
    }

    /// The description a default binding of `action` has: on that screen, else anywhere,
    /// else the action's name.
    fn default_desc(&self, scope: Scope, action: Action) -> String {
        let same = |b: &&Binding| b.action == action;
        self.bindings(scope)
            .iter()
            .find(same)
            .or_else(|| self.sections.iter().flat_map(|s| &s.bindings).find(same))
            .map_or_else(|| action.name().replace('_', " "), |b| b.desc.clone())
    }

    /// Binds a key, replacing the binding it had in that scope.
    fn bind(&mut self, scope: Scope, binding: Binding) {
        let index = if let Some(i) = self.sections.iter().position(|s| s.scope == scope) {
            i
        } else {
            self.sections.push(Section {
                scope,
                bindings: Vec::new(),
            });
            self.sections.len() - 1
        };
        let bindings = &mut self.sections[index].bindings;
        let (code, mods) = normalize(binding.code, binding.modifiers);
        match bindings.iter_mut().find(|b| b.matches(code, mods)) {
            Some(old) => *old = binding,
            None => bindings.push(binding),
        }
    }

    /// Every section, in the file's order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The bindings of a scope (none for a screen the keymap does not name).
    pub fn bindings(&self, scope: Scope) -> &[Binding] {
        self.sections
            .iter()
            .find(|s| s.scope == scope)
            .map_or(&[], |s| s.bindings.as_slice())
    }

    fn find(&self, scope: Scope, key: &KeyEvent) -> Option<Action> {
        let (code, mods) = normalize(key.code, key.modifiers);
        self.bindings(scope)
            .iter()
            .find(|b| b.matches(code, mods))
            .map(|b| b.action)
    }
}

impl Default for Keymap {
    fn default() -> Self {
        Self::embedded().clone()
    }
}

/// The action a key has in a context, if any: the context's own binding, else the global one.
pub fn lookup(keymap: &Keymap, context: Context, key: &KeyEvent) -> Option<Action> {
    keymap
        .find(Scope::Screen(context), key)
        .or_else(|| lookup_global(keymap, key))
}

/// The action a key has on every screen (Ctrl-C: quit), if any.
pub fn lookup_global(keymap: &Keymap, key: &KeyEvent) -> Option<Action> {
    keymap.find(Scope::Global, key)
}

/// The bindings of a context that go in the footer: (key, label).
pub fn footer(keymap: &Keymap, context: Context) -> Vec<(String, &str)> {
    keymap
        .bindings(Scope::Screen(context))
        .iter()
        .filter(|b| !b.label.is_empty())
        .map(|b| (key_name(b.code, b.modifiers), b.label.as_str()))
        .collect()
}

/// The form in which keys are compared: Shift is part of a character (`?`, `+`, `O`), not a
/// modifier of its own; with Ctrl a letter's case does not count (Ctrl-N = Ctrl-Shift-N); Shift-Tab
/// is `BackTab` whether or not the terminal reports Shift with it.
fn normalize(code: KeyCode, mut modifiers: KeyModifiers) -> (KeyCode, KeyModifiers) {
    match code {
        KeyCode::Char(c) => {
            modifiers.remove(KeyModifiers::SHIFT);
            let c = if modifiers.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            };
            (KeyCode::Char(c), modifiers)
        }
        KeyCode::BackTab => {
            modifiers.remove(KeyModifiers::SHIFT);
            (KeyCode::BackTab, modifiers)
        }
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
            modifiers.remove(KeyModifiers::SHIFT);
            (KeyCode::BackTab, modifiers)
        }
        other => (other, modifiers),
    }
}

// ---------------------------------------------------------------- key strings

/// A key string that names no key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("an empty key")]
    Empty,
    #[error(
        "unknown key {0:?} (a character, F1…F24, Enter, Esc, Tab, Shift-Tab, Backspace, Del, Ins, Home, End, Up, Down, Left, Right, PgUp, PgDn, Space; Ctrl-, Alt-, Shift- in front)"
    )]
    Unknown(String),
    #[error("{0:?} names a modifier twice")]
    Repeated(String),
    #[error("{0:?}: a control character; name the key (<Enter>, <Tab>)")]
    Control(String),
    #[error("{0:?}: `<` opens a key name that is not closed by `>` (write <lt> for `<`)")]
    Unclosed(String),
}

/// The named keys: the name [`key_name`] writes first, then other names the parser takes.
const NAMED_KEYS: &[(KeyCode, &[&str])] = &[
    (KeyCode::Enter, &["Enter", "Return"]),
    (KeyCode::Esc, &["Esc", "Escape"]),
    (KeyCode::Tab, &["Tab"]),
    (KeyCode::BackTab, &["BackTab"]),
    (KeyCode::Backspace, &["Backspace"]),
    (KeyCode::Delete, &["Del", "Delete"]),
    (KeyCode::Insert, &["Ins", "Insert"]),
    (KeyCode::Home, &["Home"]),
    (KeyCode::End, &["End"]),
    (KeyCode::Up, &["↑", "Up"]),
    (KeyCode::Down, &["↓", "Down"]),
    (KeyCode::Left, &["←", "Left"]),
    (KeyCode::Right, &["→", "Right"]),
    (KeyCode::PageUp, &["PgUp", "PageUp"]),
    (KeyCode::PageDown, &["PgDn", "PageDown"]),
    (KeyCode::Char(' '), &["Space"]),
];

const MODIFIERS: [(&str, KeyModifiers); 3] = [
    ("ctrl-", KeyModifiers::CONTROL),
    ("alt-", KeyModifiers::ALT),
    ("shift-", KeyModifiers::SHIFT),
];

/// Reads a key: a character (`"?"`, `"+"`, `"o"` — a letter in either case is its key; `"Shift-O"`
/// is the capital), a named key (`"Enter"`, `"Esc"`, `"Del"`, `"Up"` or `"↑"`, `"PgUp"`,
/// `"Space"`, `"F1"`…), with `Ctrl-`, `Alt-`, `Shift-` in front in any case (`"Ctrl-N"`,
/// `"Shift-Tab"`, `"Ctrl--"` for Ctrl and minus).
pub fn parse_key(text: &str) -> Result<KeyEvent, KeyError> {
    if text.is_empty() {
        return Err(KeyError::Empty);
    }
    let mut rest = text;
    let mut modifiers = KeyModifiers::NONE;
    'prefixes: loop {
        for (prefix, modifier) in MODIFIERS {
            let n = prefix.len();
            // A modifier needs a key after it: "Ctrl-" alone is not Ctrl and minus.
            if rest.len() > n && rest.is_char_boundary(n) && rest[..n].eq_ignore_ascii_case(prefix)
            {
                if modifiers.contains(modifier) {
                    return Err(KeyError::Repeated(text.to_string()));
                }
                modifiers |= modifier;
                rest = &rest[n..];
                continue 'prefixes;
            }
        }
        break;
    }
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_control() => return Err(KeyError::Control(text.to_string())),
        (Some(c), None) if !matches!(c, '↑' | '↓' | '←' | '→') => {
            if c.is_alphabetic() {
                // A letter names its key; with Shift it is the capital the terminal sends.
                let mut lower = c.to_lowercase();
                let c = match (lower.next(), lower.next()) {
                    (Some(l), None) => l,
                    _ => c,
                };
                if shift {
                    let mut upper = c.to_uppercase();
                    match (upper.next(), upper.next()) {
                        (Some(u), None) => KeyCode::Char(u),
                        _ => KeyCode::Char(c),
                    }
                } else {
                    KeyCode::Char(c)
                }
            } else {
                // Shift is part of a symbol (`?` is Shift-/ on some keyboards, not on others).
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
        }
        _ => named_key(rest, &mut modifiers).ok_or_else(|| KeyError::Unknown(text.to_string()))?,
    };
    Ok(KeyEvent::new(code, modifiers))
}

fn named_key(name: &str, modifiers: &mut KeyModifiers) -> Option<KeyCode> {
    if let Some(n) = name
        .strip_prefix(['F', 'f'])
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=24).contains(n))
    {
        return Some(KeyCode::F(n));
    }
    let code = NAMED_KEYS
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        .map(|(code, _)| *code)?;
    match code {
        // Shift-Tab: the terminal sends BackTab with Shift.
        KeyCode::BackTab => modifiers.insert(KeyModifiers::SHIFT),
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => return Some(KeyCode::BackTab),
        _ => {}
    }
    Some(code)
}

/// Reads a sequence of keys, for tests: plain characters are typed one by one (a capital with
/// Shift, as a terminal sends it), `<…>` is one key as [`parse_key`] reads it (`<Enter>`,
/// `<F2>`, `<Ctrl-n>`), `<lt>` is `<`. `"3*3760000000024<Enter><F2>"`.
pub fn parse_keys(text: &str) -> Result<Vec<KeyEvent>, KeyError> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let Some(end) = rest[1..].find('>').map(|i| i + 1) else {
                return Err(KeyError::Unclosed(rest.to_string()));
            };
            let inner = &rest[1..end];
            if inner.eq_ignore_ascii_case("lt") {
                keys.push(KeyEvent::new(KeyCode::Char('<'), KeyModifiers::NONE));
            } else {
                keys.push(parse_key(inner)?);
            }
            rest = &rest[end + 1..];
        } else {
            if c.is_control() {
                return Err(KeyError::Control(c.to_string()));
            }
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            keys.push(KeyEvent::new(KeyCode::Char(c), modifiers));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(keys)
}

/// How the footer, the help and the README write a key; [`parse_key`] reads it back.
pub fn key_name(code: KeyCode, modifiers: KeyModifiers) -> String {
    let mut shift = modifiers.contains(KeyModifiers::SHIFT);
    let key = match code {
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(c) if c.is_alphabetic() => {
            // A capital is Shift and its letter; a letter's key is written as on the keycap.
            shift = c.is_uppercase();
            c.to_uppercase().collect()
        }
        KeyCode::Char(c) if c != ' ' => {
            shift = false;
            c.to_string()
        }
        KeyCode::BackTab => {
            shift = false;
            "Shift-Tab".to_string()
        }
        other => NAMED_KEYS
            .iter()
            .find(|(c, _)| *c == other)
            .map_or_else(|| format!("{other:?}"), |(_, names)| names[0].to_string()),
    };
    let mut name = String::new();
    if modifiers.contains(KeyModifiers::CONTROL) {
        name.push_str("Ctrl-");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        name.push_str("Alt-");
    }
    if shift {
        name.push_str("Shift-");
    }
    name.push_str(&key);
    name
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;

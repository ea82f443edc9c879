//! Every key binding, as data: the footer and the help screen are generated from this table and
//! the README lists the defaults. Typed text (digits for codes, letters for a search) is not here:
//! a key that matches no binding of the current context is text for the entry line.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
}

impl Context {
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
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Pay the whole basket with the n-th payment mode (0-based).
    PayWith(u8),
    OpenPayment,
    OpenDepartments,
    OpenHelp,
    Quit,
    ClearBasket,
    Up,
    Down,
    PageUp,
    PageDown,
    Accept,
    Cancel,
    EditLine,
    RemoveLine,
    QuantityPlus,
    QuantityMinus,
    NextField,
    PrevField,
    /// Apply the n-th discount of the shop (0-based) to the line being edited.
    ApplyDiscount(u8),
    ValidateUnpaid,
    KeepOpen,
    Retry,
    ContinueAnyway,
    OpenAttention,
    Back,
    OpenTables,
    OpenOrders,
    Park,
    OrderDetails,
    Refund,
    Refresh,
    FilterTable,
    Apply,
    Left,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// A word or two for the footer; empty keeps the binding out of the footer.
    pub label: &'static str,
    /// What it does, for the help screen.
    pub description: &'static str,
}

const fn b(
    context: Context,
    code: KeyCode,
    modifiers: KeyModifiers,
    action: Action,
    label: &'static str,
    description: &'static str,
) -> Binding {
    Binding {
        context,
        code,
        modifiers,
        action,
        label,
        description,
    }
}

use Action as A;
use Context as C;
use KeyCode as K;
const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// The default keymap.
pub const DEFAULT_KEYMAP: &[Binding] = &[
    // Sale screen: the entry line always has the focus.
    b(
        C::Sale,
        K::F(1),
        NONE,
        A::PayWith(0),
        "",
        "Pay with the 1st payment mode",
    ),
    b(
        C::Sale,
        K::F(2),
        NONE,
        A::PayWith(1),
        "",
        "Pay with the 2nd payment mode",
    ),
    b(
        C::Sale,
        K::F(3),
        NONE,
        A::PayWith(2),
        "",
        "Pay with the 3rd payment mode",
    ),
    b(
        C::Sale,
        K::F(4),
        NONE,
        A::PayWith(3),
        "",
        "Pay with the 4th payment mode",
    ),
    b(
        C::Sale,
        K::F(5),
        NONE,
        A::PayWith(4),
        "",
        "Pay with the 5th payment mode",
    ),
    b(
        C::Sale,
        K::F(6),
        NONE,
        A::PayWith(5),
        "",
        "Pay with the 6th payment mode",
    ),
    b(
        C::Sale,
        K::F(7),
        NONE,
        A::PayWith(6),
        "",
        "Pay with the 7th payment mode",
    ),
    b(
        C::Sale,
        K::F(8),
        NONE,
        A::PayWith(7),
        "",
        "Pay with the 8th payment mode",
    ),
    b(
        C::Sale,
        K::F(9),
        NONE,
        A::OpenPayment,
        "Payment",
        "Payment screen: every mode, validate unpaid, keep open",
    ),
    b(
        C::Sale,
        K::F(10),
        NONE,
        A::OpenDepartments,
        "Depts",
        "Browse departments, free amount in a department",
    ),
    b(C::Sale, K::Up, NONE, A::Up, "", "Select the line above"),
    b(C::Sale, K::Down, NONE, A::Down, "", "Select the line below"),
    b(
        C::Sale,
        K::Enter,
        NONE,
        A::Accept,
        "",
        "Add the typed code; on an empty entry, edit the selected line",
    ),
    b(
        C::Sale,
        K::Char('+'),
        NONE,
        A::QuantityPlus,
        "More",
        "One more of the selected line",
    ),
    b(
        C::Sale,
        K::Char('-'),
        NONE,
        A::QuantityMinus,
        "Less",
        "One less of the selected line",
    ),
    b(
        C::Sale,
        K::Delete,
        NONE,
        A::RemoveLine,
        "Remove",
        "Remove the selected line",
    ),
    b(
        C::Sale,
        K::Esc,
        NONE,
        A::Cancel,
        "",
        "Clear the entry, then the selection",
    ),
    b(
        C::Sale,
        K::Char('n'),
        CTRL,
        A::ClearBasket,
        "New sale",
        "Clear the basket (asks first)",
    ),
    b(
        C::Sale,
        K::Char('?'),
        NONE,
        A::OpenHelp,
        "Help",
        "This help",
    ),
    b(
        C::Sale,
        K::Char('w'),
        CTRL,
        A::OpenAttention,
        "",
        "Sales waiting for a decision (outcome unknown)",
    ),
    b(
        C::Sale,
        K::Char('q'),
        CTRL,
        A::Quit,
        "Quit",
        "Quit kash-pos (asks first when the basket is not empty)",
    ),
    b(C::Sale, K::Char('c'), CTRL, A::Quit, "", "Quit, as Ctrl-Q"),
    // Restaurant service and open orders, on the sale screen.
    b(
        C::Sale,
        K::Char('t'),
        CTRL,
        A::OpenTables,
        "Table",
        "Choose the table (shows which have open orders)",
    ),
    b(
        C::Sale,
        K::Char('e'),
        CTRL,
        A::OrderDetails,
        "Details",
        "Order details: covers, pager, delivery, customer, comments",
    ),
    b(
        C::Sale,
        K::Char('p'),
        CTRL,
        A::Park,
        "Park",
        "Park: send open (-2), new sale; recalled: send its new lines",
    ),
    b(
        C::Sale,
        K::Char('o'),
        CTRL,
        A::OpenOrders,
        "Orders",
        "Open orders: recall one to add lines or pay it (F9, F1-F8)",
    ),
    b(
        C::Sale,
        K::Char('r'),
        CTRL,
        A::Refund,
        "Refund",
        "Refund a validated order (empty basket), or negate the basket",
    ),
    // Table picker.
    b(C::Tables, K::Up, NONE, A::Up, "", "Previous table"),
    b(C::Tables, K::Down, NONE, A::Down, "", "Next table"),
    b(
        C::Tables,
        K::Enter,
        NONE,
        A::Accept,
        "Choose",
        "Choose the table",
    ),
    b(
        C::Tables,
        K::Delete,
        NONE,
        A::RemoveLine,
        "No table",
        "No table",
    ),
    b(
        C::Tables,
        K::Char('o'),
        NONE,
        A::OpenOrders,
        "O Its orders",
        "The open orders of this table",
    ),
    b(
        C::Tables,
        K::Esc,
        NONE,
        A::Cancel,
        "Back",
        "Back to the sale",
    ),
    // Open orders.
    b(C::OpenOrders, K::Up, NONE, A::Up, "", "Previous order"),
    b(C::OpenOrders, K::Down, NONE, A::Down, "", "Next order"),
    b(
        C::OpenOrders,
        K::Enter,
        NONE,
        A::Accept,
        "Recall",
        "Recall the order: see its lines, add lines, pay",
    ),
    b(
        C::OpenOrders,
        K::Char('t'),
        NONE,
        A::FilterTable,
        "T Table filter",
        "Filter by table: each table in turn, then all",
    ),
    b(
        C::OpenOrders,
        K::Char('r'),
        NONE,
        A::Refresh,
        "R Refresh",
        "Refresh the list now",
    ),
    b(
        C::OpenOrders,
        K::Delete,
        NONE,
        A::RemoveLine,
        "",
        "Orders are never deleted: says why",
    ),
    b(
        C::OpenOrders,
        K::Esc,
        NONE,
        A::Cancel,
        "Back",
        "Back to the sale",
    ),
    // Order details.
    b(
        C::OrderDetails,
        K::Tab,
        NONE,
        A::NextField,
        "Next field",
        "Next field",
    ),
    b(
        C::OrderDetails,
        K::BackTab,
        SHIFT,
        A::PrevField,
        "",
        "Previous field",
    ),
    b(
        C::OrderDetails,
        K::Left,
        NONE,
        A::Left,
        "",
        "Delivery method, customer: previous choice",
    ),
    b(
        C::OrderDetails,
        K::Right,
        NONE,
        A::Right,
        "Choose",
        "Delivery method, customer: next choice",
    ),
    b(
        C::OrderDetails,
        K::Char('s'),
        CTRL,
        A::Apply,
        "Apply",
        "Apply the details (Enter too, outside the comments)",
    ),
    b(
        C::OrderDetails,
        K::Enter,
        NONE,
        A::Accept,
        "",
        "Apply; in a comment, a new line",
    ),
    b(
        C::OrderDetails,
        K::Esc,
        NONE,
        A::Cancel,
        "Cancel",
        "Close without changing the details",
    ),
    // Payments of a recalled order.
    b(
        C::OrderPay,
        K::F(1),
        NONE,
        A::PayWith(0),
        "",
        "Pay the amount typed (or what is due) with the 1st mode",
    ),
    b(
        C::OrderPay,
        K::F(2),
        NONE,
        A::PayWith(1),
        "",
        "… with the 2nd mode",
    ),
    b(
        C::OrderPay,
        K::F(3),
        NONE,
        A::PayWith(2),
        "",
        "… with the 3rd mode",
    ),
    b(
        C::OrderPay,
        K::F(4),
        NONE,
        A::PayWith(3),
        "",
        "… with the 4th mode",
    ),
    b(
        C::OrderPay,
        K::F(5),
        NONE,
        A::PayWith(4),
        "",
        "… with the 5th mode",
    ),
    b(
        C::OrderPay,
        K::F(6),
        NONE,
        A::PayWith(5),
        "",
        "… with the 6th mode",
    ),
    b(
        C::OrderPay,
        K::F(7),
        NONE,
        A::PayWith(6),
        "",
        "… with the 7th mode",
    ),
    b(
        C::OrderPay,
        K::F(8),
        NONE,
        A::PayWith(7),
        "",
        "… with the 8th mode",
    ),
    b(C::OrderPay, K::Up, NONE, A::Up, "", "Previous mode"),
    b(C::OrderPay, K::Down, NONE, A::Down, "", "Next mode"),
    b(
        C::OrderPay,
        K::Enter,
        NONE,
        A::Accept,
        "Pay",
        "Pay the amount typed (or what is due) with the selected mode",
    ),
    b(
        C::OrderPay,
        K::Char('v'),
        NONE,
        A::ValidateUnpaid,
        "V Validate",
        "Validate the order without payment (-1)",
    ),
    b(
        C::OrderPay,
        K::Esc,
        NONE,
        A::Cancel,
        "Back",
        "Back to the order",
    ),
    // Refunds.
    b(C::RefundOrders, K::Up, NONE, A::Up, "", "Previous order"),
    b(C::RefundOrders, K::Down, NONE, A::Down, "", "Next order"),
    b(
        C::RefundOrders,
        K::Enter,
        NONE,
        A::Accept,
        "Choose",
        "Refund from this order",
    ),
    b(
        C::RefundOrders,
        K::Esc,
        NONE,
        A::Cancel,
        "Back",
        "Back to the sale",
    ),
    b(C::RefundLines, K::Up, NONE, A::Up, "", "Previous line"),
    b(C::RefundLines, K::Down, NONE, A::Down, "", "Next line"),
    b(
        C::RefundLines,
        K::Char('+'),
        NONE,
        A::QuantityPlus,
        "More",
        "Refund one more of the line",
    ),
    b(
        C::RefundLines,
        K::Char('-'),
        NONE,
        A::QuantityMinus,
        "Less",
        "Refund one less of the line",
    ),
    b(
        C::RefundLines,
        K::Delete,
        NONE,
        A::RemoveLine,
        "None",
        "Refund none of the line",
    ),
    b(
        C::RefundLines,
        K::Enter,
        NONE,
        A::Accept,
        "Refund",
        "Put the refund in the basket, to pay out with a refund mode",
    ),
    b(
        C::RefundLines,
        K::Esc,
        NONE,
        A::Cancel,
        "Back",
        "Back to the sale",
    ),
    // Name search, opened by typing a letter.
    b(C::Search, K::Up, NONE, A::Up, "", "Previous result"),
    b(C::Search, K::Down, NONE, A::Down, "", "Next result"),
    b(
        C::Search,
        K::PageUp,
        NONE,
        A::PageUp,
        "",
        "Previous page of results",
    ),
    b(
        C::Search,
        K::PageDown,
        NONE,
        A::PageDown,
        "",
        "Next page of results",
    ),
    b(
        C::Search,
        K::Enter,
        NONE,
        A::Accept,
        "Add",
        "Add the selected result",
    ),
    b(
        C::Search,
        K::Esc,
        NONE,
        A::Cancel,
        "Close",
        "Close the search",
    ),
    // Departments.
    b(C::Departments, K::Up, NONE, A::Up, "", "Previous"),
    b(C::Departments, K::Down, NONE, A::Down, "", "Next"),
    b(
        C::Departments,
        K::PageUp,
        NONE,
        A::PageUp,
        "",
        "Previous page",
    ),
    b(
        C::Departments,
        K::PageDown,
        NONE,
        A::PageDown,
        "",
        "Next page",
    ),
    b(
        C::Departments,
        K::Enter,
        NONE,
        A::Accept,
        "Open/Add",
        "Open the department, add the item, or type a free amount",
    ),
    b(
        C::Departments,
        K::Backspace,
        NONE,
        A::Back,
        "",
        "Back to the departments",
    ),
    b(
        C::Departments,
        K::Esc,
        NONE,
        A::Cancel,
        "Back",
        "Back, then close",
    ),
    // Line edit.
    b(
        C::LineEdit,
        K::Tab,
        NONE,
        A::NextField,
        "Next field",
        "Next field",
    ),
    b(C::LineEdit, K::Down, NONE, A::NextField, "", "Next field"),
    b(
        C::LineEdit,
        K::BackTab,
        SHIFT,
        A::PrevField,
        "",
        "Previous field",
    ),
    b(C::LineEdit, K::Up, NONE, A::PrevField, "", "Previous field"),
    b(
        C::LineEdit,
        K::F(1),
        NONE,
        A::ApplyDiscount(0),
        "",
        "Apply the shop's 1st discount",
    ),
    b(
        C::LineEdit,
        K::F(2),
        NONE,
        A::ApplyDiscount(1),
        "",
        "Apply the shop's 2nd discount",
    ),
    b(
        C::LineEdit,
        K::F(3),
        NONE,
        A::ApplyDiscount(2),
        "",
        "Apply the shop's 3rd discount",
    ),
    b(
        C::LineEdit,
        K::F(4),
        NONE,
        A::ApplyDiscount(3),
        "",
        "Apply the shop's 4th discount",
    ),
    b(
        C::LineEdit,
        K::Delete,
        NONE,
        A::RemoveLine,
        "Remove",
        "Remove the line",
    ),
    b(
        C::LineEdit,
        K::Enter,
        NONE,
        A::Accept,
        "Apply",
        "Apply the changes",
    ),
    b(
        C::LineEdit,
        K::Esc,
        NONE,
        A::Cancel,
        "Cancel",
        "Close without changing the line",
    ),
    // Variation choice.
    b(C::Variation, K::Up, NONE, A::Up, "", "Previous choice"),
    b(C::Variation, K::Down, NONE, A::Down, "", "Next choice"),
    b(
        C::Variation,
        K::Enter,
        NONE,
        A::Accept,
        "Choose",
        "Choose (or type the choice's number)",
    ),
    b(
        C::Variation,
        K::Esc,
        NONE,
        A::Cancel,
        "Cancel",
        "Do not add the item",
    ),
    // Payment screen.
    b(
        C::Payment,
        K::F(1),
        NONE,
        A::PayWith(0),
        "",
        "Pay with the 1st payment mode",
    ),
    b(
        C::Payment,
        K::F(2),
        NONE,
        A::PayWith(1),
        "",
        "Pay with the 2nd payment mode",
    ),
    b(
        C::Payment,
        K::F(3),
        NONE,
        A::PayWith(2),
        "",
        "Pay with the 3rd payment mode",
    ),
    b(
        C::Payment,
        K::F(4),
        NONE,
        A::PayWith(3),
        "",
        "Pay with the 4th payment mode",
    ),
    b(
        C::Payment,
        K::F(5),
        NONE,
        A::PayWith(4),
        "",
        "Pay with the 5th payment mode",
    ),
    b(
        C::Payment,
        K::F(6),
        NONE,
        A::PayWith(5),
        "",
        "Pay with the 6th payment mode",
    ),
    b(
        C::Payment,
        K::F(7),
        NONE,
        A::PayWith(6),
        "",
        "Pay with the 7th payment mode",
    ),
    b(
        C::Payment,
        K::F(8),
        NONE,
        A::PayWith(7),
        "",
        "Pay with the 8th payment mode",
    ),
    b(C::Payment, K::Up, NONE, A::Up, "", "Previous mode"),
    b(C::Payment, K::Down, NONE, A::Down, "", "Next mode"),
    b(
        C::Payment,
        K::Enter,
        NONE,
        A::Accept,
        "Pay",
        "Pay with the selected mode (or type its number)",
    ),
    b(
        C::Payment,
        K::Char('v'),
        NONE,
        A::ValidateUnpaid,
        "V Validate unpaid",
        "Validate the order without payment (-1)",
    ),
    b(
        C::Payment,
        K::Char('o'),
        NONE,
        A::KeepOpen,
        "O Keep open",
        "Record the order open, not validated (-2)",
    ),
    b(
        C::Payment,
        K::Esc,
        NONE,
        A::Cancel,
        "Back",
        "Back to the sale",
    ),
    // Cash tendered.
    b(
        C::Tender,
        K::Enter,
        NONE,
        A::Accept,
        "Pay",
        "Pay; with no amount typed, the exact amount",
    ),
    b(
        C::Tender,
        K::Esc,
        NONE,
        A::Cancel,
        "Back",
        "Back to the sale",
    ),
    // Confirmations.
    b(C::Confirm, K::Enter, NONE, A::Accept, "Yes", "Yes"),
    b(C::Confirm, K::Char('y'), NONE, A::Accept, "", "Yes"),
    b(C::Confirm, K::Esc, NONE, A::Cancel, "No", "No"),
    b(C::Confirm, K::Char('n'), NONE, A::Cancel, "", "No"),
    // After a recorded sale: any key goes on (a scan starts the next sale).
    b(
        C::Receipt,
        K::Enter,
        NONE,
        A::Accept,
        "Next sale",
        "Next sale (any key, a scan too)",
    ),
    // Start-up.
    b(
        C::Loading,
        K::Char('r'),
        NONE,
        A::Retry,
        "R Retry",
        "Load what failed again",
    ),
    b(
        C::Loading,
        K::Char('c'),
        NONE,
        A::ContinueAnyway,
        "C Continue",
        "Start without what failed (the status bar says so)",
    ),
    b(
        C::Loading,
        K::Char('q'),
        CTRL,
        A::Quit,
        "Quit",
        "Quit kash-pos",
    ),
    // A scanned code the catalog does not know.
    b(
        C::UnknownCode,
        K::Enter,
        NONE,
        A::Accept,
        "Search by name",
        "Close, and type the item's name to search",
    ),
    b(
        C::UnknownCode,
        K::F(10),
        NONE,
        A::OpenDepartments,
        "Free line",
        "A free line at a typed price in a department",
    ),
    b(
        C::UnknownCode,
        K::Esc,
        NONE,
        A::Cancel,
        "Ignore",
        "Close: nothing is added",
    ),
    // Sales whose outcome is unknown.
    b(C::Attention, K::Up, NONE, A::Up, "", "Previous sale"),
    b(C::Attention, K::Down, NONE, A::Down, "", "Next sale"),
    b(
        C::Attention,
        K::Char('r'),
        NONE,
        A::Retry,
        "R Send again",
        "Not on the server: send it again",
    ),
    b(
        C::Attention,
        K::Enter,
        NONE,
        A::Accept,
        "Recorded as",
        "Already on the server: type its order number, then Enter",
    ),
    b(
        C::Attention,
        K::Esc,
        NONE,
        A::Cancel,
        "Close",
        "Close; the sales wait",
    ),
    // Help.
    b(C::Help, K::Up, NONE, A::Up, "", "Scroll up"),
    b(C::Help, K::Down, NONE, A::Down, "", "Scroll down"),
    b(C::Help, K::PageUp, NONE, A::PageUp, "Page up", "Page up"),
    b(
        C::Help,
        K::PageDown,
        NONE,
        A::PageDown,
        "Page down",
        "Page down",
    ),
    b(C::Help, K::Esc, NONE, A::Cancel, "Close", "Close the help"),
    b(C::Help, K::Char('?'), NONE, A::Cancel, "", "Close the help"),
];

/// Shown for function keys and named keys in the footer and the help.
pub fn key_name(code: KeyCode, modifiers: KeyModifiers) -> String {
    let key = match code {
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Delete => "Del".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        other => format!("{other:?}"),
    };
    if modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{key}")
    } else {
        key
    }
}

/// The action a key has in a context, if any.
pub fn lookup(keymap: &[Binding], context: Context, key: &KeyEvent) -> Option<Action> {
    let mut mods = key.modifiers;
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        // Shift is part of the character (`?`, `+`), not a modifier of the binding.
        mods.remove(KeyModifiers::SHIFT);
    }
    let code = match key.code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        other => other,
    };
    keymap
        .iter()
        .find(|b| {
            let mut bm = b.modifiers;
            if b.code == KeyCode::BackTab {
                bm.remove(KeyModifiers::SHIFT);
            }
            b.context == context && b.code == code && bm == mods
        })
        .map(|b| b.action)
}

/// The bindings of a context that go in the footer.
pub fn footer(keymap: &[Binding], context: Context) -> Vec<(String, &'static str)> {
    keymap
        .iter()
        .filter(|b| b.context == context && !b.label.is_empty())
        .map(|b| {
            let label = b.label;
            // Labels that start with their key letter ("V Validate") show it themselves.
            let key = key_name(b.code, b.modifiers);
            if label.starts_with(&format!("{key} ")) {
                let rest = &label[key.len() + 1..];
                (key, rest)
            } else {
                (key, label)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_context_binding_is_unique() {
        for (i, a) in DEFAULT_KEYMAP.iter().enumerate() {
            for b in &DEFAULT_KEYMAP[i + 1..] {
                assert!(
                    !(a.context == b.context && a.code == b.code && a.modifiers == b.modifiers),
                    "{:?} {:?} bound twice",
                    a.context,
                    a.code
                );
            }
        }
    }

    #[test]
    fn lookups() {
        let f1 = KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE);
        assert_eq!(
            lookup(DEFAULT_KEYMAP, Context::Sale, &f1),
            Some(Action::PayWith(0))
        );
        let q = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(DEFAULT_KEYMAP, Context::Sale, &q),
            Some(Action::OpenHelp)
        );
        let digit = KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE);
        assert_eq!(lookup(DEFAULT_KEYMAP, Context::Sale, &digit), None);
        let ctrl_n = KeyEvent::new(
            KeyCode::Char('N'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(
            lookup(DEFAULT_KEYMAP, Context::Sale, &ctrl_n),
            Some(Action::ClearBasket)
        );
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            lookup(DEFAULT_KEYMAP, Context::LineEdit, &backtab),
            Some(Action::PrevField)
        );
    }
}

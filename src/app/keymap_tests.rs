use super::*;

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;

// ------------------------------------------------------------ the default keymap

#[test]
fn the_embedded_keymap_is_valid() {
    let keymap = Keymap::parse(DEFAULT_KEYMAP_TOML).unwrap();
    assert_eq!(&keymap, Keymap::embedded());
    let count: usize = keymap.sections().iter().map(|s| s.bindings.len()).sum();
    assert_eq!(count, 224, "223 screen bindings and Ctrl-C on every screen");
}

/// One line per binding, in order: what the keymap binds, as the footer and the help see it.
fn listing(keymap: &Keymap) -> String {
    let mut out = String::new();
    for section in keymap.sections() {
        for b in &section.bindings {
            out.push_str(&format!(
                "{:<14} {:<10} {:<16} {:<3} {:<18} {}\n",
                section.scope.name(),
                key_name(b.code, b.modifiers),
                b.action.name(),
                b.action.number().map(|n| n.to_string()).unwrap_or_default(),
                b.label,
                b.description()
            ));
        }
    }
    out
}

/// The default bindings, golden: the file bound exactly what the code bound before it (checked
/// against the old table when the file replaced it); a change here is a change of the defaults.
#[test]
fn the_default_bindings() {
    let keymap = Keymap::embedded();
    insta::assert_snapshot!(listing(keymap));
    // Ctrl-C quits on every screen, as the code did before any lookup.
    let ctrl_c = key(KeyCode::Char('c'), CTRL);
    for context in Context::ALL {
        assert_eq!(
            lookup(keymap, context, &ctrl_c),
            Some(Action::Quit),
            "{context:?}"
        );
    }
}

#[test]
fn lookups() {
    let keymap = Keymap::embedded();
    let f1 = key(KeyCode::F(1), NONE);
    assert_eq!(lookup(keymap, Context::Sale, &f1), Some(Action::PayWith(0)));
    let q = key(KeyCode::Char('?'), SHIFT);
    assert_eq!(lookup(keymap, Context::Sale, &q), Some(Action::OpenHelp));
    let digit = key(KeyCode::Char('3'), NONE);
    assert_eq!(lookup(keymap, Context::Sale, &digit), None);
    let ctrl_n = key(KeyCode::Char('N'), CTRL | SHIFT);
    assert_eq!(
        lookup(keymap, Context::Sale, &ctrl_n),
        Some(Action::ClearBasket)
    );
    let backtab = key(KeyCode::BackTab, SHIFT);
    assert_eq!(
        lookup(keymap, Context::LineEdit, &backtab),
        Some(Action::PrevField)
    );
    assert_eq!(
        lookup(keymap, Context::LineEdit, &key(KeyCode::BackTab, NONE)),
        Some(Action::PrevField)
    );
    // A capital is not its small letter: `O` types text in the tables, `o` opens the orders.
    let o = key(KeyCode::Char('o'), NONE);
    let capital_o = key(KeyCode::Char('O'), SHIFT);
    assert_eq!(
        lookup(keymap, Context::Tables, &o),
        Some(Action::OpenOrders)
    );
    assert_eq!(lookup(keymap, Context::Tables, &capital_o), None);
    // Ctrl-Q quits where it is bound only; Ctrl-C everywhere; the global binding is not the
    // screen's.
    let ctrl_q = key(KeyCode::Char('q'), CTRL);
    assert_eq!(lookup(keymap, Context::Search, &ctrl_q), None);
    let ctrl_c = key(KeyCode::Char('c'), CTRL);
    assert_eq!(lookup_global(keymap, &ctrl_c), Some(Action::Quit));
    assert_eq!(lookup_global(keymap, &ctrl_q), None);
    assert_eq!(
        lookup(keymap, Context::Sending, &ctrl_c),
        Some(Action::Quit)
    );
}

#[test]
fn footers_show_the_labels_in_order() {
    let keymap = Keymap::embedded();
    let payment: Vec<_> = footer(keymap, Context::Payment);
    assert_eq!(
        payment,
        vec![
            ("Enter".to_string(), "Pay"),
            ("V".to_string(), "Validate unpaid"),
            ("O".to_string(), "Keep open"),
            ("Esc".to_string(), "Back"),
        ]
    );
    assert!(footer(keymap, Context::Sending).is_empty());
}

// ------------------------------------------------------------ key strings

#[test]
fn every_key_name_parses() {
    let cases: &[(&str, KeyCode, KeyModifiers)] = &[
        ("Ctrl-N", KeyCode::Char('n'), CTRL),
        ("ctrl-n", KeyCode::Char('n'), CTRL),
        ("CTRL-n", KeyCode::Char('n'), CTRL),
        ("Ctrl-Shift-N", KeyCode::Char('N'), CTRL | SHIFT),
        ("Alt-x", KeyCode::Char('x'), ALT),
        ("Ctrl-Alt-Del", KeyCode::Delete, CTRL | ALT),
        ("F1", KeyCode::F(1), NONE),
        ("f12", KeyCode::F(12), NONE),
        ("F24", KeyCode::F(24), NONE),
        ("Shift-F3", KeyCode::F(3), SHIFT),
        ("Tab", KeyCode::Tab, NONE),
        ("Shift-Tab", KeyCode::BackTab, SHIFT),
        ("shift-tab", KeyCode::BackTab, SHIFT),
        ("BackTab", KeyCode::BackTab, SHIFT),
        ("Enter", KeyCode::Enter, NONE),
        ("enter", KeyCode::Enter, NONE),
        ("Return", KeyCode::Enter, NONE),
        ("Esc", KeyCode::Esc, NONE),
        ("Escape", KeyCode::Esc, NONE),
        ("Del", KeyCode::Delete, NONE),
        ("Delete", KeyCode::Delete, NONE),
        ("Ins", KeyCode::Insert, NONE),
        ("Insert", KeyCode::Insert, NONE),
        ("Home", KeyCode::Home, NONE),
        ("End", KeyCode::End, NONE),
        ("Backspace", KeyCode::Backspace, NONE),
        ("Up", KeyCode::Up, NONE),
        ("↑", KeyCode::Up, NONE),
        ("Down", KeyCode::Down, NONE),
        ("↓", KeyCode::Down, NONE),
        ("Left", KeyCode::Left, NONE),
        ("←", KeyCode::Left, NONE),
        ("Right", KeyCode::Right, NONE),
        ("→", KeyCode::Right, NONE),
        ("Shift-Up", KeyCode::Up, SHIFT),
        ("PgUp", KeyCode::PageUp, NONE),
        ("PageUp", KeyCode::PageUp, NONE),
        ("PgDn", KeyCode::PageDown, NONE),
        ("PageDown", KeyCode::PageDown, NONE),
        ("Space", KeyCode::Char(' '), NONE),
        ("Ctrl-Space", KeyCode::Char(' '), CTRL),
        ("?", KeyCode::Char('?'), NONE),
        ("Shift-?", KeyCode::Char('?'), NONE),
        ("+", KeyCode::Char('+'), NONE),
        ("-", KeyCode::Char('-'), NONE),
        ("Ctrl--", KeyCode::Char('-'), CTRL),
        ("Ctrl-+", KeyCode::Char('+'), CTRL),
        ("o", KeyCode::Char('o'), NONE),
        ("O", KeyCode::Char('o'), NONE),
        ("Shift-o", KeyCode::Char('O'), SHIFT),
        ("Shift-O", KeyCode::Char('O'), SHIFT),
        ("é", KeyCode::Char('é'), NONE),
        ("3", KeyCode::Char('3'), NONE),
        ("*", KeyCode::Char('*'), NONE),
    ];
    for (text, code, modifiers) in cases {
        assert_eq!(parse_key(text), Ok(key(*code, *modifiers)), "{text:?}");
    }
}

#[test]
fn bad_key_strings_are_refused() {
    assert_eq!(parse_key(""), Err(KeyError::Empty));
    for text in [
        "Ctrl-", "Foo", "F0", "F25", "F+1", "Fx", "Ctrl-Foo", "Hyper-x", "Up Down", "ctrl n",
    ] {
        assert_eq!(
            parse_key(text),
            Err(KeyError::Unknown(text.to_string())),
            "{text:?}"
        );
    }
    assert_eq!(
        parse_key("Ctrl-ctrl-n"),
        Err(KeyError::Repeated("Ctrl-ctrl-n".to_string()))
    );
    assert_eq!(parse_key("\t"), Err(KeyError::Control("\t".to_string())));
    let e = parse_key("Ctrl-Foo").unwrap_err().to_string();
    assert!(e.contains("\"Ctrl-Foo\"") && e.contains("PgUp"), "{e}");
}

#[test]
fn key_names_read_back() {
    // Every key the parser knows, with every modifier.
    let mut codes: Vec<KeyCode> = NAMED_KEYS.iter().map(|(c, _)| *c).collect();
    codes.extend((1..=24).map(KeyCode::F));
    codes.extend("aoz?+-*3é<".chars().map(KeyCode::Char));
    for code in codes {
        for modifiers in [NONE, CTRL, ALT, SHIFT, CTRL | ALT, CTRL | SHIFT] {
            let Ok(event) = parse_key(&key_name(code, modifiers)) else {
                panic!("{:?} does not read back", key_name(code, modifiers));
            };
            let name = key_name(event.code, event.modifiers);
            assert_eq!(parse_key(&name), Ok(event), "{name}");
            assert_eq!(
                normalize(event.code, event.modifiers),
                normalize(code, modifiers),
                "{name}"
            );
        }
    }
    // The names the footer, the help and the README show today.
    for (code, modifiers, name) in [
        (KeyCode::F(1), NONE, "F1"),
        (KeyCode::Char('n'), CTRL, "Ctrl-N"),
        (KeyCode::Char('o'), NONE, "O"),
        (KeyCode::Char('O'), SHIFT, "Shift-O"),
        (KeyCode::Char('?'), SHIFT, "?"),
        (KeyCode::Char(' '), NONE, "Space"),
        (KeyCode::BackTab, SHIFT, "Shift-Tab"),
        (KeyCode::Delete, NONE, "Del"),
        (KeyCode::Up, NONE, "↑"),
        (KeyCode::PageDown, NONE, "PgDn"),
        (KeyCode::Backspace, NONE, "Backspace"),
    ] {
        assert_eq!(key_name(code, modifiers), name);
        assert_eq!(
            normalize(code, modifiers),
            {
                let e = parse_key(name).unwrap();
                normalize(e.code, e.modifiers)
            },
            "{name}"
        );
    }
}

#[test]
fn key_sequences() {
    let keys = parse_keys("3*3760000000024<Enter><F2>").unwrap();
    assert_eq!(keys.len(), 17);
    assert_eq!(keys[0], key(KeyCode::Char('3'), NONE));
    assert_eq!(keys[1], key(KeyCode::Char('*'), NONE));
    assert_eq!(keys[15], key(KeyCode::Enter, NONE));
    assert_eq!(keys[16], key(KeyCode::F(2), NONE));
    assert_eq!(
        parse_keys("Ab<Ctrl-n><Space><lt>>").unwrap(),
        vec![
            key(KeyCode::Char('A'), SHIFT),
            key(KeyCode::Char('b'), NONE),
            key(KeyCode::Char('n'), CTRL),
            key(KeyCode::Char(' '), NONE),
            key(KeyCode::Char('<'), NONE),
            key(KeyCode::Char('>'), NONE),
        ]
    );
    assert_eq!(parse_keys("").unwrap(), vec![]);
    assert_eq!(
        parse_keys("12<Enter"),
        Err(KeyError::Unclosed("<Enter".to_string()))
    );
    assert_eq!(
        parse_keys("<Nope>"),
        Err(KeyError::Unknown("Nope".to_string()))
    );
    assert_eq!(parse_keys("<>"), Err(KeyError::Empty));
    assert_eq!(parse_keys("a\nb"), Err(KeyError::Control("\n".to_string())));
}

#[test]
fn ordinals() {
    let got: Vec<String> = [1, 2, 3, 4, 8, 11, 12, 13, 21, 22, 23, 101, 111, 256]
        .into_iter()
        .map(ordinal)
        .collect();
    assert_eq!(
        got,
        [
            "1st", "2nd", "3rd", "4th", "8th", "11th", "12th", "13th", "21st", "22nd", "23rd",
            "101st", "111th", "256th"
        ]
    );
}

// ------------------------------------------------------------ validation of the file

/// The error a keymap text gives.
fn error(text: &str) -> KeymapError {
    Keymap::parse(text).unwrap_err()
}

#[test]
fn a_bad_line_is_named() {
    let good = "[sale]\nkeys = [\n  { on = \"F9\", run = \"open_payment\", desc = \"Pay\" },\n  { on = \"F10\", run = \"open_departments\", desc = \"Depts\" },\n]\n";
    let keymap = Keymap::parse(good).unwrap();
    assert_eq!(keymap.bindings(Scope::Screen(Context::Sale)).len(), 2);
    assert_eq!(keymap.bindings(Scope::Screen(Context::Sale))[1].line, 4);

    let e = error(&good.replace("open_departments", "open_depts"));
    assert_eq!(e.line, 4);
    assert!(e.message.contains("unknown action \"open_depts\""), "{e}");

    let e = error(&good.replace("\"F10\"", "\"F99\""));
    assert_eq!(e.line, 4);
    assert!(e.message.contains("unknown key \"F99\""), "{e}");

    let e = error(&good.replace("\"F10\"", "\"F9\""));
    assert_eq!(e.line, 4);
    assert!(
        e.message
            .contains("F9 is bound twice in [sale]: line 3 already binds it to `open_payment`"),
        "{e}"
    );
    // Ctrl-n and Ctrl-Shift-N are one key.
    let e = error(
        "[sale]\nkeys = [\n{ on = \"Ctrl-n\", run = \"park\", desc = \"a\" },\n{ on = \"Ctrl-Shift-N\", run = \"refund\", desc = \"b\" },\n]\n",
    );
    assert_eq!(e.line, 4);

    let e = error(&good.replace("[sale]", "[sales]"));
    assert_eq!(e.line, 1);
    assert!(e.message.contains("unknown screen \"sales\""), "{e}");

    let e = error(&good.replace(", desc = \"Depts\"", ""));
    assert_eq!(e.line, 4);
    assert!(e.message.contains("`desc` is missing"), "{e}");

    let e = error(&good.replace("desc = \"Depts\"", "dsc = \"Depts\""));
    assert_eq!(e.line, 4);
    assert!(e.message.contains("dsc"), "{e}");
}

#[test]
fn wrong_args_are_named() {
    let line = |binding: &str| format!("[line_edit]\nkeys = [\n  {binding},\n]\n");
    for (binding, expected) in [
        (
            "{ on = \"F1\", run = \"apply_discount\", desc = \"d\" }",
            "needs its number",
        ),
        (
            "{ on = \"F1\", run = \"apply_discount\", args = [0], desc = \"d\" }",
            "out of range",
        ),
        (
            "{ on = \"F1\", run = \"apply_discount\", args = [257], desc = \"d\" }",
            "out of range",
        ),
        (
            "{ on = \"F1\", run = \"apply_discount\", args = [1, 2], desc = \"d\" }",
            "one number",
        ),
        (
            "{ on = \"F1\", run = \"cancel\", args = [1], desc = \"d\" }",
            "takes no args",
        ),
        (
            "{ on = \"F1\", run = \"cancel\", desc = \"the {n}\" }",
            "no number",
        ),
        (
            "{ on = \"F1\", run = \"pay\", args = [\"one\"], desc = \"d\" }",
            "",
        ),
    ] {
        let e = error(&line(binding));
        assert_eq!(e.line, 3, "{binding}: {e}");
        assert!(e.message.contains(expected), "{binding}: {e}");
    }
    let keymap = Keymap::parse(&line(
        "{ on = \"F1\", run = \"apply_discount\", args = [256], desc = \"the {n}\" }",
    ))
    .unwrap();
    let b = &keymap.bindings(Scope::Screen(Context::LineEdit))[0];
    assert_eq!(b.action, Action::ApplyDiscount(255));
    assert_eq!(b.description(), "the 256th");
}

#[test]
fn a_numbered_binding_without_desc_continues_the_one_above() {
    let text = "[payment]\nkeys = [\n{ on = \"F1\", run = \"pay\", args = [1], desc = \"Pay with the {n}\" },\n{ on = \"F2\", run = \"pay\", args = [2] },\n{ on = \"F4\", run = \"pay\", args = [4] },\n]\n";
    let e = error(text);
    assert_eq!(e.line, 5, "F4 does not follow F2's number: {e}");
    let keymap =
        Keymap::parse(&text.replace("{ on = \"F4\", run = \"pay\", args = [4] },\n", "")).unwrap();
    let b = keymap.bindings(Scope::Screen(Context::Payment));
    assert_eq!(b[1].description(), "Pay with the 2nd");
}

#[test]
fn every_action_name_reads_back() {
    for name in Action::NAMES {
        let args: &[i64] = if matches!(*name, "pay" | "apply_discount" | "table_digit") {
            &[3]
        } else {
            &[]
        };
        let action = Action::from_name(name, args).unwrap();
        assert_eq!(action.name(), *name);
        assert_eq!(action.number().is_some(), !args.is_empty());
    }
    assert_eq!(Action::from_name("pay", &[1]), Ok(Action::PayWith(0)));
    assert_eq!(Action::PayWith(7).number(), Some(8));
}

// ------------------------------------------------------------ overrides

fn overrides(text: &str) -> Result<Keymap, KeymapError> {
    #[derive(Deserialize)]
    struct Config {
        keys: KeyOverrides,
    }
    let config: Config = toml::from_str(text).unwrap();
    Keymap::embedded().with_overrides(&config.keys, text)
}

#[test]
fn an_override_replaces_the_key_in_place_or_adds_one() {
    let keymap = overrides(
        "[keys]\nsale = [\n  { on = \"F11\", run = \"open_payment\", label = \"Pay\" },\n  { on = \"F1\", run = \"open_help\" },\n]\nglobal = [{ on = \"Ctrl-X\", run = \"quit\" }]\n",
    )
    .unwrap();
    let f = |code| lookup(&keymap, Context::Sale, &key(code, NONE));
    assert_eq!(f(KeyCode::F(11)), Some(Action::OpenPayment));
    assert_eq!(f(KeyCode::F(9)), Some(Action::OpenPayment), "F9 is kept");
    assert_eq!(f(KeyCode::F(1)), Some(Action::OpenHelp));
    assert_eq!(f(KeyCode::F(2)), Some(Action::PayWith(1)));
    let ctrl_x = key(KeyCode::Char('x'), CTRL);
    assert_eq!(
        lookup(&keymap, Context::Tender, &ctrl_x),
        Some(Action::Quit)
    );
    let sale = keymap.bindings(Scope::Screen(Context::Sale));
    // F1 stays first; the description comes from the default binding of the action.
    assert_eq!(sale[0].action, Action::OpenHelp);
    assert_eq!(sale[0].description(), "This help");
    assert_eq!(sale[0].line, 4);
    let last = sale.last().unwrap();
    assert_eq!((last.code, last.label.as_str()), (KeyCode::F(11), "Pay"));
    assert_eq!(
        last.description(),
        "Payment screen: every mode, validate unpaid, keep open"
    );
    // Footer: the new key after the others.
    let footer = footer(&keymap, Context::Sale);
    assert_eq!(footer.last(), Some(&("F11".to_string(), "Pay")));
    // Other screens are untouched.
    assert_eq!(
        keymap.bindings(Scope::Screen(Context::Payment)),
        Keymap::embedded().bindings(Scope::Screen(Context::Payment))
    );
}

#[test]
fn bad_overrides_name_their_line() {
    let e =
        overrides("[keys]\nsale = [\n  { on = \"F12\", run = \"open_paymnt\" },\n]\n").unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("unknown action \"open_paymnt\""), "{e}");
    let e = overrides("[keys]\nsale = [\n  { on = \"F13x\", run = \"open_payment\" },\n]\n")
        .unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("unknown key \"F13x\""), "{e}");
    let e = overrides(
        "[keys]\nsale = [\n  { on = \"F12\", run = \"open_payment\" },\n  { on = \"f12\", run = \"park\" },\n]\n",
    )
    .unwrap_err();
    assert_eq!(e.line, 4);
    assert!(
        e.message.contains("F12 is bound twice in [sale]: line 3"),
        "{e}"
    );
    let e = overrides("[keys]\n\nsal = [\n  { on = \"F12\", run = \"open_payment\" },\n]\n")
        .unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("unknown screen \"sal\""), "{e}");
}

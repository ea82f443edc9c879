//! Printing: the bytes of every kind of document, pinned by golden files at 32 and 48 columns
//! (`UPDATE_GOLDEN=1 cargo test --test printing` rewrites them: read the `.txt` files before
//! committing), and the printer's thread against loopback test printers that take the bytes,
//! refuse the connection, or close halfway through a receipt.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read as _;
use std::net::TcpListener;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use kash_pos::i18n::Lang;
use kash_pos::money::MoneyStyle;
use kash_pos::print::escpos::{encode, render};
use kash_pos::print::layout::{
    self, KitchenLine, KitchenTicket, Number, Paper, Receipt, ReceiptLine, Report,
};
use kash_pos::print::{CodePage, Job, SpoolStatus, Spooler, Target, Timing};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use time::macros::datetime;

fn paper(width: usize, code_page: CodePage, lang: Lang) -> Paper {
    Paper {
        width,
        code_page,
        header: vec![
            "Boulangerie Kash".into(),
            "12 rue de la Paix, 75002 Paris".into(),
            "SIRET 123 456 789 00012".into(),
            "TVA FR12 123456789".into(),
        ],
        footer: vec![
            "Merci de votre visite !".into(),
            "Échange sous 15 jours avec ce ticket".into(),
        ],
        lang,
        style: lang.money_style(),
    }
}

fn line(
    title: &str,
    quantity: Decimal,
    unit: Decimal,
    total: Decimal,
    rate: Decimal,
) -> ReceiptLine {
    ReceiptLine {
        title: title.into(),
        quantity,
        unit_price: unit,
        total,
        discount: None,
        vat_rate: Some(rate),
    }
}

fn cash_sale() -> Receipt {
    let mut cafe = line("Café crème", dec!(1), dec!(2.50), dec!(2.25), dec!(10));
    cafe.discount = Some("-10%".into());
    Receipt {
        number: Number::Order(1234),
        at: datetime!(2026-11-22 12:40),
        cashier: "Élodie".into(),
        table: None,
        lines: vec![
            line(
                "Baguette tradition",
                dec!(1),
                dec!(1.30),
                dec!(1.30),
                dec!(5.5),
            ),
            line("Croissant", dec!(2), dec!(1.20), dec!(2.40), dec!(5.5)),
            cafe,
            line(
                "Éclair au café, crème pâtissière maison",
                dec!(1),
                dec!(2.80),
                dec!(2.80),
                dec!(5.5),
            ),
        ],
        total: dec!(8.75),
        payments: vec![("Espèces".into(), dec!(20.00))],
        change: Some(dec!(11.25)),
        link: Some("http://127.0.0.1:8080/invoice/1234.pdf".into()),
        duplicate: false,
    }
}

fn card_sale() -> Receipt {
    Receipt {
        number: Number::Order(1235),
        at: datetime!(2026-11-22 12:52),
        cashier: "Élodie".into(),
        table: Some("Terrasse 2".into()),
        lines: vec![
            line(
                "Tarte aux pommes (6 parts)",
                dec!(1),
                dec!(18.50),
                dec!(18.50),
                dec!(5.5),
            ),
            line("Café", dec!(1), dec!(1.60), dec!(1.60), dec!(10)),
        ],
        total: dec!(20.10),
        payments: vec![("Carte bancaire".into(), dec!(20.10))],
        change: None,
        link: None,
        duplicate: false,
    }
}

fn refund() -> Receipt {
    Receipt {
        number: Number::Order(1236),
        at: datetime!(2026-11-22 13:05),
        cashier: "Élodie".into(),
        table: None,
        lines: vec![line(
            "Croissant",
            dec!(-1),
            dec!(1.20),
            dec!(-1.20),
            dec!(5.5),
        )],
        total: dec!(-1.20),
        payments: vec![("Remboursement espèces".into(), dec!(-1.20))],
        change: None,
        link: None,
        duplicate: false,
    }
}

fn provisional() -> Receipt {
    Receipt {
        number: Number::Provisional("K-7F3A-000042".into()),
        link: None,
        ..cash_sale()
    }
}

fn duplicate() -> Receipt {
    Receipt {
        duplicate: true,
        ..card_sale()
    }
}

fn kitchen() -> KitchenTicket {
    KitchenTicket {
        at: datetime!(2026-11-22 12:31),
        order: "Ticket n° 1237".into(),
        cashier: "Élodie".into(),
        table: Some("Terrasse 2".into()),
        covers: Some(4),
        lines: vec![
            KitchenLine {
                quantity: dec!(2),
                title: "Croque-monsieur".into(),
                notes: vec!["Sans béchamel".into()],
            },
            KitchenLine {
                quantity: dec!(1),
                title: "Salade César, sauce à part, sans croûtons".into(),
                notes: Vec::new(),
            },
            KitchenLine {
                quantity: dec!(1),
                title: "Crème brûlée".into(),
                notes: Vec::new(),
            },
        ],
        comment: Some("Allergie : arachides".into()),
    }
}

/// The X report (or the close, with the cash counted by note and coin) of a shift, as the
/// till computes and prints them.
fn report(closing: bool) -> Report {
    use kash_pos::report::TillDay;
    use kash_pos::shift::{Counted, ShiftFigures};
    let figures = ShiftFigures {
        number: 118,
        since: Some("2026-11-21T19:05:00Z".into()),
        float: Some((dec!(150), "2026-11-22T07:58:00Z".into())),
        cash_in: vec![],
        cash_out: vec![(
            "2026-11-22T15:10:00Z".into(),
            dec!(200),
            "Dépôt banque".into(),
            "Marie".into(),
        )],
        x_reports: 0,
        sales: TillDay {
            by_mode: vec![
                (1, "Espèces".into(), 17, dec!(312.40)),
                (2, "Carte bancaire".into(), 25, dec!(1208.15)),
            ],
            refunds: (1, dec!(-12.30)),
            refunds_by_mode: vec![(1, 1, dec!(-12.30))],
            discounts: (4, dec!(9.85)),
            ..TillDay::default()
        },
        cash_taken: dec!(312.40),
        cash_refunded: dec!(12.30),
        cash_unconfirmed: dec!(0),
        entries_upto: 0,
    };
    let counted = Counted {
        amount: dec!(249.60),
        counts: Some(vec![
            (dec!(50), 2),
            (dec!(20), 6),
            (dec!(10), 2),
            (dec!(2), 4),
            (dec!(0.20), 8),
        ]),
    };
    kash_pos::shift::report(
        &figures,
        closing.then_some(&counted),
        closing.then_some(118),
        datetime!(2026-11-22 19:02),
        time::UtcOffset::UTC,
        Lang::Fr,
        kash_pos::money::MoneyStyle::French,
    )
}

fn golden(name: &str, bytes: &[u8], page: CodePage) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/print");
    let bin = dir.join(format!("{name}.bin"));
    let txt = dir.join(format!("{name}.txt"));
    let text = render(bytes, page);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&bin, bytes).unwrap();
        std::fs::write(&txt, &text).unwrap();
        return;
    }
    let want = std::fs::read(&bin)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", bin.display()));
    assert!(
        want == bytes,
        "{name}: the bytes changed; they now read:\n{text}"
    );
    assert_eq!(std::fs::read_to_string(&txt).unwrap(), text, "{name}");
}

/// Every document at 32 columns in Windows-1252 and 48 columns in CP858.
#[test]
fn documents_print_as_their_golden_files() {
    for (width, page) in [(32, CodePage::Windows1252), (48, CodePage::Cp858)] {
        let p = paper(width, page, Lang::Fr);
        let receipts = [
            ("cash-sale", cash_sale()),
            ("card-sale", card_sale()),
            ("refund", refund()),
            ("provisional", provisional()),
            ("duplicate", duplicate()),
        ];
        for (name, r) in receipts {
            golden(
                &format!("{name}-{width}"),
                &encode(&layout::receipt(&r, &p), page),
                page,
            );
        }
        golden(
            &format!("kitchen-{width}"),
            &encode(&layout::kitchen(&kitchen(), &p), page),
            page,
        );
        golden(
            &format!("x-report-{width}"),
            &encode(&layout::report(&report(false), &p), page),
            page,
        );
        golden(
            &format!("z-report-{width}"),
            &encode(&layout::report(&report(true), &p), page),
            page,
        );
    }
    // The same receipt in the language of an English till.
    let p = paper(42, CodePage::Windows1252, Lang::En);
    golden(
        "card-sale-42-en",
        &encode(&layout::receipt(&card_sale(), &p), CodePage::Windows1252),
        CodePage::Windows1252,
    );
}

#[test]
fn no_line_is_wider_than_the_paper() {
    for width in [32, 42, 48] {
        let p = paper(width, CodePage::Cp858, Lang::Fr);
        for r in [
            cash_sale(),
            card_sale(),
            refund(),
            provisional(),
            duplicate(),
        ] {
            for l in layout::preview(&layout::receipt(&r, &p)) {
                assert!(l.chars().count() <= width, "{width}: {l:?}");
            }
        }
        for l in layout::preview(&layout::kitchen(&kitchen(), &p)) {
            assert!(l.chars().count() <= width, "{width}: {l:?}");
        }
    }
}

#[test]
fn the_receipt_says_what_the_law_asks() {
    let p = paper(48, CodePage::Windows1252, Lang::Fr);
    let text = render(
        &encode(&layout::receipt(&cash_sale(), &p), p.code_page),
        p.code_page,
    );
    for needle in [
        "SIRET 123 456 789 00012",
        "TVA FR12 123456789",
        "22/11/2026 12:40",
        "Ticket n° 1234",
        "Caissier : Élodie",
        "TVA 5,5 %",
        "TVA 10 %",
        "Rendu",
        "11,25 €",
        "[QR http://127.0.0.1:8080/invoice/1234.pdf]",
        "[cut]",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
    let dup = render(
        &encode(&layout::receipt(&duplicate(), &p), p.code_page),
        p.code_page,
    );
    assert_eq!(dup.matches("DUPLICATA").count(), 2, "{dup}");
    let money = MoneyStyle::French;
    let _ = money;
}

// ---------------------------------------------------------------- the printer's thread

fn fast() -> Timing {
    Timing {
        connect: Duration::from_secs(2),
        write: Duration::from_secs(2),
        linger: Duration::from_millis(200),
        retry: Duration::from_millis(100),
    }
}

fn job(label: &str) -> Job {
    let p = paper(32, CodePage::Windows1252, Lang::Fr);
    Job {
        label: label.into(),
        bytes: encode(&layout::receipt(&cash_sale(), &p), CodePage::Windows1252),
    }
}

fn spool(addr: &str) -> (Spooler, mpsc::Receiver<SpoolStatus>) {
    let (tx, rx) = mpsc::channel();
    let s = Spooler::spawn("receipt", Target::Tcp(addr.into()), fast(), move |st| {
        let _ = tx.send(st);
    });
    (s, rx)
}

/// The next report that satisfies `f`, within a few seconds.
fn wait_for(rx: &mpsc::Receiver<SpoolStatus>, f: impl Fn(&SpoolStatus) -> bool) -> SpoolStatus {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let st = rx
            .recv_timeout(left)
            .expect("the printer thread reports in time");
        if f(&st) {
            return st;
        }
    }
}

/// A loopback printer: takes one connection and everything it carries.
fn capture_one(listener: &TcpListener) -> Vec<u8> {
    let (mut stream, _) = listener.accept().unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_loopback_printer_receives_the_exact_bytes() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (s, rx) = spool(&addr);
    let j = job("Ticket n° 1234");
    s.print(j.clone());
    let got = capture_one(&listener);
    assert_eq!(got, j.bytes);
    let st = wait_for(&rx, |st| st.printed.is_some());
    assert_eq!(st.waiting, 0);
    assert_eq!(st.printed.as_deref(), Some("Ticket n° 1234"));
}

#[test]
fn a_printer_that_refuses_keeps_the_receipt_queued_until_it_is_back() {
    // A port with nobody listening: connections are refused.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let (s, rx) = spool(&addr.to_string());
    s.print(job("one"));
    s.print(job("two"));
    let st = wait_for(&rx, |st| st.error.is_some());
    assert!(st.waiting >= 1, "{st:?}");
    // The printer comes back: both print, in order, without a key.
    let listener = TcpListener::bind(addr).unwrap();
    let first = capture_one(&listener);
    let second = capture_one(&listener);
    assert_eq!(first, job("one").bytes);
    assert_eq!(second, job("two").bytes);
    let st = wait_for(&rx, |st| st.printed.as_deref() == Some("two"));
    assert_eq!(st.waiting, 0);
}

#[test]
fn a_printer_that_closes_mid_receipt_keeps_it_and_prints_it_whole_later() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (s, rx) = spool(&addr);
    s.print(job("whole"));
    {
        // Takes 16 bytes and closes: paper out, power cut.
        let (mut stream, _) = listener.accept().unwrap();
        let mut head = [0u8; 16];
        stream.read_exact(&mut head).unwrap();
    }
    let st = wait_for(&rx, |st| st.error.is_some() || st.printed.is_some());
    assert!(
        st.error.is_some() && st.waiting == 1,
        "half a receipt is not printed: {st:?}"
    );
    let again = capture_one(&listener);
    assert_eq!(
        again,
        job("whole").bytes,
        "printed again from its first byte"
    );
    wait_for(&rx, |st| st.printed.is_some());
}

#[test]
fn the_cashier_can_drop_what_waits() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let (s, rx) = spool(&addr.to_string());
    s.print(job("lost"));
    wait_for(&rx, |st| st.error.is_some());
    s.drop_waiting();
    let st = wait_for(&rx, |st| st.dropped > 0);
    assert_eq!((st.dropped, st.waiting), (1, 0));
}

#[test]
fn a_file_printer_gets_the_bytes_and_a_missing_device_waits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lp0");
    let (tx, rx) = mpsc::channel();
    let s = Spooler::spawn("receipt", Target::File(path.clone()), fast(), move |st| {
        let _ = tx.send(st);
    });
    s.print(job("to the device"));
    // No such device yet: nothing is created, the job waits.
    let st = wait_for(&rx, |st| st.error.is_some());
    assert_eq!(st.waiting, 1);
    assert!(!path.exists());
    std::fs::write(&path, b"").unwrap();
    wait_for(&rx, |st| st.printed.is_some());
    assert_eq!(std::fs::read(&path).unwrap(), job("x").bytes);
}

// ---------------------------------------------------------------- the till with a printer

type Till = common::till::Till;

fn till_settings() -> kash_pos::app::state::Settings {
    kash_pos::app::state::Settings {
        shop_id: "demo".into(),
        demo: true,
        user_id: Some(2),
        cashbox_id: Some(1),
        money_style: MoneyStyle::French,
        lang: Lang::Fr,
        theme: kash_pos::look::Theme::Default,
        utc_offset: time::UtcOffset::UTC,
        in_store: kash_pos::pos::barcode::InStoreTemplate::defaults(),
    }
}

/// A till whose printer is at `addr`, printing every receipt, opening the drawer on cash.
async fn till_with_printer(
    addr: std::net::SocketAddr,
) -> (
    Till,
    tokio::sync::mpsc::UnboundedReceiver<kash_pos::app::Event>,
) {
    let mut till = Till::open_with(till_settings(), "demo").await;
    let section: kash_pos::print::PrinterSection = toml::from_str(&format!(
        "connection = \"tcp://{addr}\"\nwidth = 32\nreceipts = \"always\"\ndrawer = true\nheader = [\"Boulangerie Kash\"]"
    ))
    .unwrap();
    let setup = section.setup(Lang::Fr, MoneyStyle::French).unwrap();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    till.services.printers = kash_pos::app::runner::Printers::spawn(&setup, &tx, fast());
    till.app.printing.setup = Some(setup);
    (till, rx)
}

/// The next printer report that satisfies `f`, handed to the till as the runner would.
async fn printer_news(
    till: &mut Till,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<kash_pos::app::Event>,
    f: impl Fn(&SpoolStatus) -> bool,
) -> SpoolStatus {
    use kash_pos::app::event::{Event, PrintNote};
    loop {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("the printer thread reports in time")
            .unwrap();
        let status = match &event {
            Event::Printing(PrintNote::Status(st)) => Some(st.clone()),
            _ => None,
        };
        till.event(event).await;
        if let Some(st) = status
            && f(&st)
        {
            return st;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_printer_that_refuses_leaves_the_sale_recorded_and_the_receipt_queued() {
    use crossterm::event::KeyCode;
    use kash_pos::app::screen::Screen;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let (mut till, mut rx) = till_with_printer(addr).await;
    till.type_text("3760123400015\n").await;
    till.press(KeyCode::F(1)).await;
    till.type_text("20\n").await;
    // The sale is recorded, whatever the printer does.
    let Screen::Receipt(r) = &till.app.screen else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    let order = r.order_id.unwrap();
    assert_eq!(till.sim.orders().len(), 1);
    // The drawer opening is in the journal, with who and why.
    let openings = till.services.journal.drawer_openings().unwrap();
    assert_eq!(openings.len(), 1, "{openings:?}");
    assert_eq!(openings[0].who, till.app.user_label());
    assert!(
        openings[0].why.starts_with("paiement en espèces"),
        "{openings:?}"
    );
    assert!(openings[0].reference.is_some());
    // The receipt waits; the header says so.
    let st = printer_news(&mut till, &mut rx, |st| {
        st.waiting == 1 && st.error.is_some()
    })
    .await;
    assert_eq!(st.printer, "receipt");
    assert_eq!(till.app.printing.waiting, 1);
    let screen = {
        let backend = ratatui::backend::TestBackend::new(80, 24);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| kash_pos::ui::view(&till.app, f)).unwrap();
        format!("{:?}", terminal.backend())
    };
    assert!(screen.contains("1 à imprimer"), "{screen}");
    // The next sale goes on meanwhile.
    till.type_text("3760123400015\n").await;
    assert_eq!(till.app.screen, Screen::Sale);
    // The printer is back: the receipt prints, whole, with the order's number.
    let listener = TcpListener::bind(addr).unwrap();
    let bytes = tokio::task::spawn_blocking(move || capture_one(&listener))
        .await
        .unwrap();
    let text = render(&bytes, CodePage::Windows1252);
    assert!(text.contains(&format!("Ticket n° {order}")), "{text}");
    assert!(text.contains("Rendu"), "{text}");
    assert!(!text.contains("DUPLICATA"), "{text}");
    printer_news(&mut till, &mut rx, |st| {
        st.waiting == 0 && st.printed.is_some()
    })
    .await;
    assert_eq!(till.app.printing.waiting, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_g_reprints_the_last_receipt_as_a_duplicate() {
    use crossterm::event::KeyCode;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (mut till, mut rx) = till_with_printer(addr).await;
    till.type_text("3760123400015\n").await;
    till.press(KeyCode::F(2)).await;
    let take = |listener: TcpListener| async move {
        tokio::task::spawn_blocking(move || (capture_one(&listener), listener))
            .await
            .unwrap()
    };
    let (first, listener) = take(listener).await;
    printer_news(&mut till, &mut rx, |st| st.printed.is_some()).await;
    till.ctrl('g').await;
    let (second, _) = take(listener).await;
    let first = render(&first, CodePage::Windows1252);
    let second = render(&second, CodePage::Windows1252);
    assert!(!first.contains("DUPLICATA"), "{first}");
    assert_eq!(second.matches("DUPLICATA").count(), 2, "{second}");
    // No cash: no drawer.
    assert!(till.services.journal.drawer_openings().unwrap().is_empty());
}

#[test]
fn the_printer_section_is_checked_key_by_key() {
    let base = "[kash]\nshop_id = \"s\"\napi_key = \"k\"\n";
    let ok = kash_pos::config::Config::from_toml(&format!(
        "{base}[printer]\nconnection = \"file:/dev/usb/lp0\"\nwidth = 32\ncode_page = \"cp858\"\nvat_rates = {{ \"1\" = \"5.5\" }}\n"
    ))
    .unwrap();
    let p = ok.printer.unwrap();
    assert_eq!((p.width, p.code_page), (32, CodePage::Cp858));
    for (bad, names) in [
        ("connection = \"lpt1\"", "printer.connection"),
        ("connection = \"tcp://p\"\nwidth = 100", "printer.width"),
        (
            "connection = \"tcp://p\"\ncode_page = \"cp437\"",
            "code_page",
        ),
        (
            "connection = \"tcp://p\"\nvat_rates = { \"x\" = \"20\" }",
            "printer.vat_rates",
        ),
        (
            "connection = \"tcp://p\"\nvat_rates = { \"1\" = \"vingt\" }",
            "printer.vat_rates",
        ),
        ("connection = \"tcp://p\"\npaper = 80", "paper"),
    ] {
        let e =
            kash_pos::config::Config::from_toml(&format!("{base}[printer]\n{bad}\n")).unwrap_err();
        assert!(e.contains(names), "{bad}: {e}");
    }
    assert!(
        kash_pos::config::Config::from_toml(base)
            .unwrap()
            .printer
            .is_none()
    );
}

// ---------------------------------------------------------------- the receipt screen

fn snap(name: &str, app: &kash_pos::app::state::App) {
    if app.settings.lang == Lang::Fr {
        let terminal = common::render(app, 80, 24);
        insta::assert_snapshot!(format!("{name}_fr_80x24"), terminal.backend());
        return;
    }
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = common::render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// The fixture shop with a 48-column printer, after a cash sale recorded as order 17724461.
fn after_a_cash_sale() -> kash_pos::app::state::App {
    use crossterm::event::KeyCode;
    use kash_pos::app::event::Event;
    use kash_pos::app::update;
    let mut app = common::loaded_app();
    let section: kash_pos::print::PrinterSection = toml::from_str(
        "connection = \"tcp://127.0.0.1:9100\"\nheader = [\"Boulangerie Kash\", \"SIRET 123 456 789 00012\"]\nvat_rates = { \"1\" = \"5.5\" }",
    )
    .unwrap();
    app.printing.setup = Some(
        section
            .setup(app.settings.lang, app.settings.money_style)
            .unwrap(),
    );
    update(
        &mut app,
        Event::Tick(time::macros::datetime!(2026-11-22 11:42 UTC)),
    );
    common::type_text(&mut app, "3760000000017\n3*3760000000024\n4\n");
    assert!(!app.basket.is_empty());
    common::press(&mut app, KeyCode::F(1));
    common::type_text(&mut app, "20\n");
    let entry = kash_pos::journal::Entry {
        seq: 1,
        reference: "KP-7Q2M4XK9TB".into(),
        created_at: "2026-11-22T11:42:00.000Z".into(),
        updated_at: "2026-11-22T11:42:00.000Z".into(),
        request: kash_pos::journal::Request::NewOrder(kash_pos::kash::order::Order::new(
            kash_pos::kash::order::Payment::Mode(1),
        )),
        state: kash_pos::journal::State::Queued,
        order_id: None,
        receipt: None,
        attempts: 0,
        lookups: 0,
        garbled_lookups: 0,
        last_error: None,
    };
    update(&mut app, Event::Recorded(Ok(Box::new(entry))));
    update(
        &mut app,
        Event::Submitted(Ok(kash_pos::kash::model::OrderReceipt {
            order_id: 17_724_461,
            payment_link: None,
            invoice: Some("http://127.0.0.1:8787/invoice/17724461.pdf".into()),
            quote: None,
        })),
    );
    app
}

#[test]
fn the_receipt_screen_shows_the_receipt_and_the_invoice_code() {
    common::in_both_languages(|| {
        let app = after_a_cash_sale();
        assert!(app.printing.last.is_some());
        snap("receipt_preview_and_qr", &app);
    });
}

#[test]
fn a_stuck_printer_shows_in_the_header_and_ctrl_g_offers_to_drop_it() {
    use kash_pos::app::event::{Event, PrintNote};
    use kash_pos::app::update;
    common::in_both_languages(|| {
        let mut app = after_a_cash_sale();
        update(&mut app, common::key(crossterm::event::KeyCode::Enter));
        update(
            &mut app,
            Event::Printing(PrintNote::Status(SpoolStatus {
                printer: "receipt".into(),
                waiting: 1,
                error: Some("Connection refused (os error 111)".into()),
                printed: None,
                dropped: 0,
            })),
        );
        snap("printer_waiting", &app);
        let effects = update(&mut app, common::ctrl('g'));
        assert!(effects.is_empty());
        snap("printer_drop_confirm", &app);
        let effects = update(&mut app, common::key(crossterm::event::KeyCode::Enter));
        assert_eq!(
            effects,
            [kash_pos::app::Effect::PrinterQueue { drop: true }]
        );
    });
}

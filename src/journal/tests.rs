//! Storage tests: durability across reopen, crash recovery, references, transitions, export,
//! basket and cache, retention.

use std::collections::HashSet;
use std::sync::atomic::{AtomicI64, Ordering};

use rust_decimal_macros::dec;
use time::macros::datetime;

use super::*;
use crate::kash::order::{ItemsListEntry, Payment};

fn order(comment: Option<&str>) -> Order {
    let mut o = Order::new(Payment::Mode(1));
    o.lines.push(ItemsListEntry::item(12, dec!(2)));
    o.lines.push(ItemsListEntry::Free {
        price: dec!(3.50),
        title: "Café, \"serré\"".into(),
    });
    o.private_comment = comment.map(str::to_string);
    o
}

fn receipt(id: u64) -> OrderReceipt {
    OrderReceipt {
        order_id: id,
        payment_link: None,
        invoice: Some("https://example.org/i.pdf".into()),
        quote: None,
    }
}

/// A clock that starts at a fixed time and moves one second per reading.
fn ticking_clock() -> Clock {
    let start = datetime!(2026-03-01 10:00:00 UTC).unix_timestamp();
    let n = Arc::new(AtomicI64::new(0));
    Arc::new(move || {
        let k = n.fetch_add(1, Ordering::SeqCst);
        OffsetDateTime::from_unix_timestamp(start + k).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    })
}

#[test]
fn record_tags_the_private_comment_and_is_queued() {
    let j = Journal::open_in_memory().unwrap();
    let e = j.record_order(order(Some("table 4"))).unwrap();
    assert_eq!(e.state, State::Queued);
    assert!(e.reference.starts_with("KP-"));
    assert_eq!(e.reference.len(), 13);
    let Request::NewOrder(o) = &e.request else {
        panic!("an order")
    };
    assert_eq!(
        o.private_comment.as_deref(),
        Some(format!("table 4 [kash-pos {}]", e.reference).as_str())
    );
    let e2 = j.record_order(order(None)).unwrap();
    let Request::NewOrder(o2) = &e2.request else {
        panic!("an order")
    };
    assert_eq!(
        o2.private_comment.as_deref(),
        Some(reference_tag(&e2.reference).as_str())
    );
    assert!(e2.seq > e.seq);
    assert!(comment_has_reference(
        o2.private_comment.as_deref().unwrap(),
        &e2.reference
    ));
    assert!(!comment_has_reference("[kash-pos KP-OTHER]", &e2.reference));
}

#[test]
fn edits_are_recorded_too() {
    let j = Journal::open_in_memory().unwrap();
    let e = j
        .record_edit(OrderEdit {
            order_id: 17_724_460,
            changes: order(None),
            payment_amount: Some(dec!(10)),
        })
        .unwrap();
    let Request::Edit(edit) = &e.request else {
        panic!("an edit")
    };
    assert_eq!(edit.order_id, 17_724_460);
    assert_eq!(edit.payment_amount, Some(dec!(10)));
    assert!(
        edit.changes
            .private_comment
            .as_deref()
            .unwrap()
            .contains(&e.reference)
    );
    assert_eq!(j.entry(e.seq).unwrap(), e);
}

#[test]
fn references_are_unique() {
    let j = Journal::open_in_memory().unwrap();
    let mut seen = HashSet::new();
    for _ in 0..2000 {
        let e = j.record_order(order(None)).unwrap();
        assert!(
            e.reference[3..]
                .chars()
                .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c))
        );
        assert!(seen.insert(e.reference));
    }
    assert_eq!(j.counts().unwrap().queued, 2000);
}

#[test]
fn durable_across_reopen_and_sending_becomes_uncertain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("journal.sqlite3");
    let (a, b, c, d);
    {
        let j = Journal::open(&path).unwrap();
        a = j.record_order(order(None)).unwrap();
        b = j.record_order(order(None)).unwrap();
        c = j.record_order(order(None)).unwrap();
        d = j.record_order(order(None)).unwrap();
        j.mark_sending(a.seq).unwrap();
        j.mark_confirmed(a.seq, &receipt(1)).unwrap();
        j.mark_sending(b.seq).unwrap();
        j.mark_sending(c.seq).unwrap();
        j.mark_uncertain(c.seq, "timeout").unwrap();
        // Dropped without any closing step, as a kill would.
    }
    let j = Journal::open(&path).unwrap();
    let mode: String = j
        .lock()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = j
        .lock()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "FULL");
    let version: i64 = j
        .lock()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);

    let a2 = j.entry(a.seq).unwrap();
    assert_eq!(a2.state, State::Confirmed);
    assert_eq!(a2.order_id, Some(1));
    assert_eq!(a2.receipt, Some(receipt(1)));
    assert_eq!(a2.attempts, 1);
    let b2 = j.entry(b.seq).unwrap();
    assert_eq!(b2.state, State::Uncertain, "left Sending by the crash");
    assert_eq!(b2.last_error.as_deref(), Some(INTERRUPTED));
    assert_eq!(j.entry(c.seq).unwrap().state, State::Uncertain);
    assert_eq!(j.entry(d.seq).unwrap().state, State::Queued);
    let unfinished: Vec<i64> = j.unfinished().unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(unfinished, vec![b.seq, c.seq, d.seq]);
    assert_eq!(j.next_to_send().unwrap().map(|e| e.seq), Some(b.seq));
    // The request read back is the one written.
    assert_eq!(j.entry(d.seq).unwrap().request, d.request);
}

#[test]
fn transitions_are_checked() {
    let j = Journal::open_in_memory().unwrap();
    let e = j.record_order(order(None)).unwrap();
    assert!(matches!(
        j.mark_confirmed(e.seq, &receipt(5)),
        Err(JournalError::BadTransition {
            from: State::Queued,
            to: State::Confirmed,
            ..
        })
    ));
    assert!(matches!(
        j.mark_sending(999),
        Err(JournalError::NotFound(999))
    ));
    j.mark_sending(e.seq).unwrap();
    assert!(j.mark_sending(e.seq).is_err(), "never sent twice at once");
    j.mark_refused(e.seq, "unknown item").unwrap();
    assert!(j.mark_sending(e.seq).is_err(), "a refusal is not resent");
    // The cashier chooses to send it again.
    j.requeue(e.seq).unwrap();
    j.mark_sending(e.seq).unwrap();
    j.mark_uncertain(e.seq, "connection lost").unwrap();
    assert_eq!(j.note_failed_lookup(e.seq, Some("html")).unwrap(), 1);
    assert_eq!(j.note_failed_lookup(e.seq, Some("html")).unwrap(), 2);
    // A readable answer resets the count of unreadable ones.
    j.note_answered_lookup(e.seq, true).unwrap();
    assert_eq!(j.entry(e.seq).unwrap().garbled_lookups, 0);
    j.mark_needs_cashier(e.seq, "cannot tell").unwrap();
    j.resolve_as_recorded(e.seq, 42).unwrap();
    let done = j.entry(e.seq).unwrap();
    assert_eq!(done.state, State::Confirmed);
    assert_eq!(done.order_id, Some(42));
    assert_eq!(done.attempts, 2);
    assert_eq!(done.lookups, 3);
    assert!(j.requeue(e.seq).is_err(), "confirmed is final");
    assert!(j.mark_uncertain(e.seq, "x").is_err());
}

#[test]
fn the_request_cannot_be_changed_or_an_unconfirmed_sale_deleted() {
    let j = Journal::open_in_memory().unwrap();
    let e = j.record_order(order(None)).unwrap();
    let conn = j.lock();
    assert!(
        conn.execute("DELETE FROM entries WHERE seq = ?1", params![e.seq])
            .is_err()
    );
    assert!(
        conn.execute(
            "UPDATE entries SET request = '{}' WHERE seq = ?1",
            params![e.seq]
        )
        .is_err()
    );
}

#[test]
fn prune_touches_only_old_confirmed_entries() {
    let j = Journal::open_in_memory_with_clock(ticking_clock()).unwrap();
    let mut seqs = Vec::new();
    for _ in 0..6 {
        seqs.push(j.record_order(order(None)).unwrap().seq);
    }
    for (i, seq) in seqs.iter().enumerate() {
        match i {
            0 | 1 | 4 => {
                j.mark_sending(*seq).unwrap();
                j.mark_confirmed(*seq, &receipt(100 + i as u64)).unwrap();
            }
            2 => {
                j.mark_sending(*seq).unwrap();
                j.mark_refused(*seq, "no").unwrap();
            }
            3 => {
                j.mark_sending(*seq).unwrap();
                j.mark_uncertain(*seq, "?").unwrap();
            }
            _ => {}
        }
    }
    let cutoff = OffsetDateTime::parse(
        &j.entry(seqs[4]).unwrap().updated_at,
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    // Entries 0 and 1 were confirmed before entry 4: only they go.
    assert_eq!(j.prune_confirmed(cutoff).unwrap(), 2);
    let left: Vec<i64> = j.all().unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(left, vec![seqs[2], seqs[3], seqs[4], seqs[5]]);
    // Everything is older than the far future, but only confirmed entries are deleted.
    assert_eq!(
        j.prune_confirmed(datetime!(2100-01-01 0:00 UTC)).unwrap(),
        1
    );
    let c = j.counts().unwrap();
    assert_eq!(
        (c.confirmed, c.refused, c.uncertain, c.queued),
        (0, 1, 1, 1)
    );
    // A sequence number is never reused after a prune.
    let next = j.record_order(order(None)).unwrap();
    assert!(next.seq > seqs[5]);
}

#[test]
fn timestamps_come_from_the_clock_and_sort_as_text() {
    let j = Journal::open_in_memory_with_clock(ticking_clock()).unwrap();
    let e = j.record_order(order(None)).unwrap();
    // The first reading went to the crash recovery at open.
    assert_eq!(e.created_at, "2026-03-01T10:00:01.000Z");
    j.mark_sending(e.seq).unwrap();
    let e = j.entry(e.seq).unwrap();
    assert_eq!(e.updated_at, "2026-03-01T10:00:02.000Z");
    assert_eq!(
        timestamp(datetime!(2026-03-01 11:00:00.123456 +01:00)),
        "2026-03-01T10:00:00.123Z"
    );
}

#[test]
fn export_json_and_csv_list_every_entry() {
    let j = Journal::open_in_memory().unwrap();
    let a = j.record_order(order(Some("a, \"quoted\"\nline"))).unwrap();
    let b = j.record_order(order(None)).unwrap();
    j.mark_sending(a.seq).unwrap();
    j.mark_confirmed(a.seq, &receipt(77)).unwrap();

    let mut json = Vec::new();
    j.export_json(&mut json).unwrap();
    let back: Vec<Entry> = serde_json::from_slice(&json).unwrap();
    assert_eq!(back, j.all().unwrap());
    assert_eq!(back.len(), 2);

    let mut csv = Vec::new();
    j.export_csv(&mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with("seq,reference,created_at"));
    assert!(text.contains(&a.reference) && text.contains(&b.reference));
    assert!(text.contains(",Confirmed,77,1,0,,"));
    // Quotes doubled inside a quoted field; the newline stays inside the field.
    assert!(text.contains("\\\"quoted\\\"") || text.contains("\"\"quoted"));
    let records = text.matches("\nKP-").count() + text.matches("\n1,KP-").count();
    assert!(records <= 2);
    assert!(!text.contains("demo-key"));
}

#[test]
fn basket_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    {
        let j = Journal::open(&path).unwrap();
        assert_eq!(j.load_basket().unwrap(), None);
        j.save_basket(r#"{"lines":[1]}"#).unwrap();
        j.save_basket(r#"{"lines":[1,2]}"#).unwrap();
    }
    let j = Journal::open(&path).unwrap();
    assert_eq!(
        j.load_basket().unwrap().as_deref(),
        Some(r#"{"lines":[1,2]}"#)
    );
    j.clear_basket().unwrap();
    assert_eq!(j.load_basket().unwrap(), None);
}

#[test]
fn a_saved_copy_touched_keeps_its_text_and_takes_the_time() {
    let j = Journal::open_in_memory_with_clock(ticking_clock()).unwrap();
    assert!(!j.touch_cache("items").unwrap(), "no copy to touch");
    assert_eq!(j.load_cache("items").unwrap(), None);
    j.save_cache("items", "[1,2,3]").unwrap();
    j.save_cache("tables", "[]").unwrap();
    assert!(j.touch_cache("items").unwrap());
    let (json, saved_at) = j.load_cache("items").unwrap().unwrap();
    assert_eq!(json, "[1,2,3]");
    // The clock ticks once a call: open, the first touch, two saves, the touch.
    assert_eq!(saved_at, "2026-03-01T10:00:04.000Z");
    // The other copies keep their time.
    let (_, tables_at) = j.load_cache("tables").unwrap().unwrap();
    assert_eq!(tables_at, "2026-03-01T10:00:03.000Z");
}

#[test]
fn cache_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    {
        let j = Journal::open_with_clock(&path, ticking_clock()).unwrap();
        assert_eq!(j.load_cache("items").unwrap(), None);
        j.save_cache("items", "[1,2,3]").unwrap();
        j.save_cache("payment_modes", "[]").unwrap();
        j.save_cache("items", "[4]").unwrap();
    }
    let j = Journal::open(&path).unwrap();
    let (json, saved_at) = j.load_cache("items").unwrap().unwrap();
    assert_eq!(json, "[4]");
    assert_eq!(saved_at, "2026-03-01T10:00:03.000Z");
    assert_eq!(j.load_cache("payment_modes").unwrap().unwrap().0, "[]");
    assert_eq!(j.load_cache("tables").unwrap(), None);
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    drop(Journal::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
    }
    assert!(matches!(
        Journal::open(&path),
        Err(JournalError::TooNew { found: 99, .. })
    ));
}

#[test]
fn default_path_is_in_the_data_dir() {
    if let Some(p) = Journal::default_path() {
        assert!(p.ends_with("journal.sqlite3"));
        assert!(p.to_string_lossy().contains("kash-pos"));
    }
}

#[test]
fn recording_a_sale_forgets_the_basket_at_once() {
    use crate::kash::order::{Order, Payment};
    let j = Journal::open_in_memory().unwrap();
    j.save_basket("{\"lines\":[]}").unwrap();
    let e = j.record_sale(Order::new(Payment::Mode(1))).unwrap();
    assert_eq!(j.load_basket().unwrap(), None);
    assert_eq!(j.entry(e.seq).unwrap().state, State::Queued);
    j.save_basket("{}").unwrap();
    j.record(Request::NewOrder(Order::new(Payment::Open)))
        .unwrap();
    assert!(
        j.load_basket().unwrap().is_some(),
        "a plain record keeps the basket"
    );
}

#[test]
fn a_second_owner_is_refused_with_the_first_ones_pid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let first = Journal::open(&path).unwrap();
    let sending = first.record_order(order(None)).unwrap();
    first.mark_sending(sending.seq).unwrap();
    first.save_basket("{\"lines\":[]}").unwrap();
    let err = Journal::open(&path).unwrap_err();
    assert!(matches!(err, JournalError::Busy { pid: Some(p), .. } if p == std::process::id()));
    assert!(err.is_unusable());
    let text = err.to_string();
    assert!(
        text.contains(&format!("process {}", std::process::id())) && text.contains("--journal"),
        "{text}"
    );
    // The refused open changed nothing: the sale on the wire is still the first till's.
    assert_eq!(first.entry(sending.seq).unwrap().state, State::Sending);
    // A clone is the same owner; the lock goes with the last clone.
    let clone = first.clone();
    drop(first);
    assert!(matches!(
        Journal::open(&path),
        Err(JournalError::Busy { .. })
    ));
    drop(clone);
    let again = Journal::open(&path).unwrap();
    assert_eq!(again.entry(sending.seq).unwrap().state, State::Uncertain);
}

#[test]
fn a_reader_changes_nothing_while_the_till_sends() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let till = Journal::open(&path).unwrap();
    let e = till.record_order(order(None)).unwrap();
    till.mark_sending(e.seq).unwrap();
    let before = till.entry(e.seq).unwrap();
    let reader = Journal::open_read_only(&path).unwrap();
    let mut csv = Vec::new();
    reader.export_csv(&mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains(",Sending,"), "{text}");
    assert!(!text.contains(INTERRUPTED));
    assert_eq!(till.entry(e.seq).unwrap(), before);
    // The reader cannot write, whatever it is asked.
    assert!(matches!(
        reader.save_basket("{}"),
        Err(JournalError::ReadOnly { .. })
    ));
    assert!(matches!(
        reader.mark_confirmed(e.seq, &receipt(5)),
        Err(JournalError::ReadOnly { .. })
    ));
    // Also after the till is gone: a reader never marks the interrupted send.
    drop(till);
    let reader = Journal::open_read_only(&path).unwrap();
    assert_eq!(reader.entry(e.seq).unwrap().state, State::Sending);
    assert!(matches!(
        Journal::open_read_only(&dir.path().join("none.sqlite3")),
        Err(JournalError::Missing { .. })
    ));
    assert!(!dir.path().join("none.sqlite3").exists());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let garbage = b"this is a text file, not a database\n".repeat(200);
    std::fs::write(&path, &garbage).unwrap();
    for err in [
        Journal::open(&path).unwrap_err(),
        Journal::open_read_only(&path).unwrap_err(),
    ] {
        assert!(matches!(err, JournalError::Foreign { .. }), "{err:?}");
        assert!(err.is_unusable());
        let text = err.to_string();
        assert!(text.contains("not an SQLite database") && text.contains("move it aside"));
    }
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // Tables of another program, no schema version.
    let other = dir.path().join("other.sqlite3");
    {
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total TEXT);")
            .unwrap();
    }
    let err = Journal::open(&other).unwrap_err();
    assert!(matches!(err, JournalError::Foreign { .. }), "{err:?}");
    assert!(err.to_string().contains("invoices"), "{err}");
    let c = Connection::open(&other).unwrap();
    let tables: i64 = c
        .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "nothing was created in it");
    drop(c);
    // Our schema version, but an `entries` table from another schema.
    let swapped = dir.path().join("swapped.sqlite3");
    drop(Journal::open(&swapped).unwrap());
    {
        let c = Connection::open(&swapped).unwrap();
        c.execute_batch(
            "DROP TRIGGER entries_keep_unconfirmed; DROP TRIGGER entries_request_immutable;
             DROP TABLE entries; CREATE TABLE entries (id INTEGER PRIMARY KEY, body TEXT);",
        )
        .unwrap();
    }
    for err in [
        Journal::open(&swapped).unwrap_err(),
        Journal::open_read_only(&swapped).unwrap_err(),
    ] {
        assert!(matches!(err, JournalError::Foreign { .. }), "{err:?}");
        assert!(err.to_string().contains("entries"), "{err}");
    }
}

#[test]
fn a_damaged_page_is_said_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    {
        let j = Journal::open(&path).unwrap();
        for _ in 0..300 {
            j.record_order(order(Some(&"x".repeat(200)))).unwrap();
        }
        let c = j.lock();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 40 * 4096, "{}", bytes.len());
    // Scribble over the middle of the file, as a bad disk block would.
    for b in &mut bytes[20 * 4096..24 * 4096] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Journal::open(&path).unwrap_err();
    assert!(matches!(err, JournalError::Damaged { .. }), "{err:?}");
    assert!(err.is_unusable());
    let text = err.to_string();
    assert!(
        text.contains("damaged") && text.contains("move it aside") && text.contains("Kash.click"),
        "{text}"
    );
}

#[test]
fn a_removed_journal_fails_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = data.join("j.sqlite3");
    let j = Journal::open(&path).unwrap();
    let kept = j.record_order(order(None)).unwrap();
    std::fs::remove_dir_all(&data).unwrap();
    for err in [
        j.record_sale(order(None)).unwrap_err(),
        j.save_basket("{}").unwrap_err(),
        j.mark_sending(kept.seq).unwrap_err(),
        j.note_failed_lookup(kept.seq, None).unwrap_err(),
        j.save_cache("items", "[]").unwrap_err(),
    ] {
        assert!(matches!(err, JournalError::Gone { .. }), "{err:?}");
    }
    let text = j.record_order(order(None)).unwrap_err().to_string();
    assert!(text.contains("removed or replaced"), "{text}");
    #[cfg(target_os = "linux")]
    {
        // The message says how to save the removed file, and it works.
        let start = text.find("cp /proc/").unwrap();
        let fd = text[start + 3..].split_whitespace().next().unwrap();
        let saved = dir.path().join("saved.sqlite3");
        std::fs::copy(fd, &saved).unwrap();
        if let Some(rest) = text.split("&& cp ").nth(1) {
            let wal = rest.split_whitespace().next().unwrap();
            std::fs::copy(wal, dir.path().join("saved.sqlite3-wal")).unwrap();
        }
        let back = Journal::open_read_only(&saved).unwrap();
        assert_eq!(back.entry(kept.seq).unwrap().reference, kept.reference);
    }
    // A file put back at the path is not the one opened: still refused.
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(&path, b"").unwrap();
    assert!(matches!(
        j.save_basket("{}"),
        Err(JournalError::Gone { .. })
    ));
}

//! A list read while its body arrives: the bare array the service sends is cut into its
//! elements chunk by chunk, and each element is typed as soon as its last byte is here, so a
//! big catalog is read during its download instead of after it, and the body as a whole is never
//! held. Any other form (a refusal, a wrapped list) is gathered whole and read as
//! [`parse_list_bytes`] reads it, with the same errors.

use std::time::Instant;

use super::ListEndpoint;
use super::client::{KashClient, Listed, parse_list_bytes};
use super::error::KashError;
use super::json::{bytes_below, lanes, short};
use super::model::FromJson;

/// How many bytes of the body's start are kept for the excerpt of an error.
const HEAD: usize = 4096;

/// Where the splitter is in the array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before the `[`.
    Open,
    /// After the `[`: the first element or the `]`.
    First,
    /// After a `,`: an element.
    Next,
    /// After an element: a `,` or the `]`.
    After,
    /// Inside an object or an array element, `depth` brackets deep.
    Nested,
    /// Inside an element that is a string.
    Text,
    /// Inside an element that is a number, `true`, `false` or `null`.
    Scalar,
    /// After the `]`: only white space.
    Done,
}

/// Cuts a JSON array arriving in chunks into the bytes of its elements. Only the structure is
/// checked here (brackets, strings, commas); each element is then read by `serde_json`.
struct Splitter {
    at: At,
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// The start of an element that began in an earlier chunk.
    partial: Vec<u8>,
}

/// The bytes of `word` (read little-endian) that may matter to the splitter inside an element:
/// a quote, a backslash, a bracket or a brace (and `|`, which shares a pattern with `\\` and is
/// passed over). Each has the top bit of its byte set; the lowest set bit is always exact.
#[inline]
const fn may_matter(word: u64) -> u64 {
    // `[` `]` `\\` are `{` `}` `|` less 0x20: with that bit set, three patterns find all six.
    let folded = word | lanes(0x20);
    bytes_below(word ^ lanes(b'"'), 1)
        | bytes_below(folded ^ lanes(b'{'), 1)
        | bytes_below(folded ^ lanes(b'}'), 1)
        | bytes_below(folded ^ lanes(b'|'), 1)
}

/// The body is not a well-formed array.
struct Malformed;

impl Splitter {
    fn new() -> Self {
        Self {
            at: At::Open,
            depth: 0,
            in_string: false,
            escaped: false,
            partial: Vec::new(),
        }
    }

    /// Feeds one chunk; `element` gets each element completed in it.
    fn feed(
        &mut self,
        chunk: &[u8],
        element: &mut impl FnMut(&[u8]) -> Result<(), Malformed>,
    ) -> Result<(), Malformed> {
        // Where the element being read began in this chunk (0 when it began before it).
        let mut start = 0usize;
        let mut i = 0usize;
        while i < chunk.len() {
            let b = chunk[i];
            match self.at {
                At::Open => match b {
                    b'[' => self.at = At::First,
                    _ if b.is_ascii_whitespace() => {}
                    _ => return Err(Malformed),
                },
                At::First | At::Next | At::After | At::Done if b.is_ascii_whitespace() => {}
                At::First if b == b']' => self.at = At::Done,
                At::After => match b {
                    b',' => self.at = At::Next,
                    b']' => self.at = At::Done,
                    _ => return Err(Malformed),
                },
                At::Done => return Err(Malformed),
                At::First | At::Next => {
                    start = i;
                    match b {
                        b'{' | b'[' => {
                            self.at = At::Nested;
                            self.depth = 1;
                            self.in_string = false;
                            self.escaped = false;
                        }
                        b'"' => {
                            self.at = At::Text;
                            self.escaped = false;
                        }
                        b']' | b',' => return Err(Malformed),
                        _ => self.at = At::Scalar,
                    }
                }
                At::Nested => {
                    // The rest of the object in one tight loop: most of a catalog's bytes are
                    // inside its short strings, where only a quote or a backslash matters.
                    match self.nested(chunk, i) {
                        Some(end) => {
                            self.emit(&chunk[start..=end], element)?;
                            self.at = At::After;
                            i = end;
                        }
                        None => break,
                    }
                }
                At::Text => {
                    if self.escaped {
                        self.escaped = false;
                    } else if b == b'\\' {
                        self.escaped = true;
                    } else if b == b'"' {
                        self.emit(&chunk[start..=i], element)?;
                        self.at = At::After;
                    }
                }
                At::Scalar => {
                    if b == b',' || b == b']' || b.is_ascii_whitespace() {
                        self.emit(&chunk[start..i], element)?;
                        self.at = At::After;
                        // The byte that ended it is read again, after the element.
                        continue;
                    }
                }
            }
            i += 1;
        }
        if matches!(self.at, At::Nested | At::Text | At::Scalar) {
            self.partial.extend_from_slice(&chunk[start..]);
        }
        Ok(())
    }

    /// Reads an object or array element from `chunk[from..]`, carrying the depth and the string
    /// state over from the chunk before: the index of its closing bracket, or `None` when it goes
    /// on in the next chunk.
    fn nested(&mut self, chunk: &[u8], from: usize) -> Option<usize> {
        let n = chunk.len();
        let mut j = from;
        let mut depth = self.depth;
        let mut in_string = self.in_string;
        if self.escaped {
            // The byte after a backslash is taken whatever it is.
            j += 1;
        }
        let mut escaped = false;
        let end = loop {
            // Eight bytes at a time up to the next byte that may matter: most of an object's
            // bytes are inside its short strings, where none does.
            while let Some(word) = chunk.get(j..j + 8) {
                let stops = may_matter(u64::from_le_bytes(word.try_into().unwrap_or([0; 8])));
                if stops != 0 {
                    j += (stops.trailing_zeros() / 8) as usize;
                    break;
                }
                j += 8;
            }
            let Some(&b) = chunk.get(j) else {
                break None;
            };
            if in_string {
                match b {
                    b'"' => in_string = false,
                    b'\\' => {
                        // The byte after a backslash is taken whatever it is.
                        j += 2;
                        if j > n {
                            escaped = true;
                            break None;
                        }
                        continue;
                    }
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            break Some(j);
                        }
                    }
                    _ => {}
                }
            }
            j += 1;
        };
        self.depth = depth;
        self.in_string = in_string;
        self.escaped = escaped;
        end
    }

    /// An element complete: `tail` is its end in the current chunk.
    fn emit(
        &mut self,
        tail: &[u8],
        element: &mut impl FnMut(&[u8]) -> Result<(), Malformed>,
    ) -> Result<(), Malformed> {
        if self.partial.is_empty() {
            element(tail)
        } else {
            let mut whole = std::mem::take(&mut self.partial);
            whole.extend_from_slice(tail);
            let r = element(&whole);
            // The buffer is kept for the next element that spans two chunks.
            whole.clear();
            self.partial = whole;
            r
        }
    }

    fn finished(&self) -> bool {
        self.at == At::Done
    }
}

/// Reads a list from its body's chunks as they come (see the module's note). The result is the
/// one [`parse_list_bytes`] gives for the whole body.
///
/// # Errors
/// As [`parse_list_bytes`]: a body that is not JSON, a refusal, a list of the wrong shape.
pub fn parse_list_chunks<T: FromJson + Send, C: AsRef<[u8]>>(
    worker: &str,
    chunks: impl IntoIterator<Item = C>,
) -> Result<Listed<T>, KashError> {
    parse_list_chunks_with(worker, chunks, all_cores(), |_: &T, _: &mut String| {})
        .map(|(list, _)| list)
}

/// Elements cut from the body, end to end, handed to a worker together.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    /// Where each element ends in `bytes`.
    ends: Vec<usize>,
}

/// About how many bytes of elements a worker is handed at once.
const BATCH_BYTES: usize = 128 * 1024;

/// What one element reads as.
enum Read<T> {
    Item(T),
    Skipped(String),
    Malformed,
}

/// An element that is not all UTF-8 is read as the whole body would read it: its bytes that are
/// not UTF-8 replaced.
fn read_element<T: FromJson>(bytes: &[u8]) -> Read<T> {
    read_text_element(&String::from_utf8_lossy(bytes))
}

/// One element already known to be UTF-8: its strings are not checked again.
fn read_text_element<T: FromJson>(text: &str) -> Read<T> {
    match T::from_plain(text) {
        Some(Ok(item)) => Read::Item(item),
        Some(Err(reason)) => Read::Skipped(reason),
        None => read_with(serde_json::Deserializer::from_str(text)),
    }
}

fn read_with<'de, T: FromJson, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
) -> Read<T> {
    match T::from_element(&mut de) {
        Ok(read) if de.end().is_ok() => match read {
            Ok(item) => Read::Item(item),
            Err(reason) => Read::Skipped(reason),
        },
        _ => Read::Malformed,
    }
}

/// One batch read by a worker: its elements, and the text `each` wrote for its items.
type Done<T> = (usize, Vec<Read<T>>, String);

/// As many worker threads as the machine has cores, up to four.
#[must_use]
pub fn all_cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 4)
}

/// A batch's elements read, and the text `each` wrote for its items.
fn read_batch<T: FromJson>(
    batch: &Batch,
    each: &impl Fn(&T, &mut String),
) -> (Vec<Read<T>>, String) {
    let mut text = String::new();
    let mut read = Vec::with_capacity(batch.ends.len());
    // The batch's text checked once, where each string of each element would be checked.
    let utf8 = std::str::from_utf8(&batch.bytes).ok();
    let mut start = 0;
    for &end in &batch.ends {
        // Each element starts and ends on a bracket, a quote or a digit: on a character's
        // boundary.
        let element = match utf8.and_then(|t| t.get(start..end)) {
            Some(t) => read_text_element::<T>(t),
            None => read_element::<T>(&batch.bytes[start..end]),
        };
        if let Read::Item(item) = &element {
            each(item, &mut text);
        }
        read.push(element);
        start = end;
    }
    (read, text)
}

/// The list as its batches come back, in order.
struct Gather<'w, T> {
    worker: &'w str,
    items: Vec<T>,
    skipped: Vec<String>,
    text: String,
    index: usize,
    malformed: bool,
}

impl<T> Gather<'_, T> {
    fn add(&mut self, read: Vec<Read<T>>, part: &str) {
        self.text.push_str(part);
        for element in read {
            match element {
                Read::Item(item) => self.items.push(item),
                Read::Skipped(reason) => {
                    let (worker, index) = (self.worker, self.index);
                    tracing::warn!(endpoint = worker, index, %reason, "list element skipped");
                    self.skipped.push(format!("#{index}: {reason}"));
                }
                Read::Malformed => self.malformed = true,
            }
            self.index += 1;
        }
    }
}

/// [`parse_list_chunks`], with `each` writing a text for every item read, in the list's order
/// (the till's saved copy of the catalog is written so, while the list is read). With
/// `workers` threads (see [`all_cores`]) the elements are typed on them while this thread cuts
/// the body: once the last byte is here, what is left to read is shared out. With none, all
/// is done on this thread, which holds less memory at once (each thread's allocations are
/// kept apart by the allocator): for a list read in the background.
///
/// # Errors
/// As [`parse_list_chunks`].
pub fn parse_list_chunks_with<T, C, E>(
    worker: &str,
    chunks: impl IntoIterator<Item = C>,
    workers: usize,
    each: E,
) -> Result<(Listed<T>, String), KashError>
where
    T: FromJson + Send,
    C: AsRef<[u8]>,
    E: Fn(&T, &mut String) + Sync,
{
    let whole = |head: &[u8]| {
        parse_list_bytes::<T>(worker, head).map(|list| {
            let mut text = String::new();
            for item in &list.items {
                each(item, &mut text);
            }
            (list, text)
        })
    };
    let mut chunks = chunks.into_iter();
    // The body's start, up to its first significant byte: an array is read element by element,
    // anything else whole.
    let mut head: Vec<u8> = Vec::new();
    let array = loop {
        let Some(chunk) = chunks.next() else {
            return whole(&head);
        };
        head.extend_from_slice(chunk.as_ref());
        let body = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&head);
        if let Some(&first) = body.iter().find(|b| !b.is_ascii_whitespace()) {
            break first == b'[';
        }
    };
    if !array {
        for chunk in chunks {
            head.extend_from_slice(chunk.as_ref());
        }
        return whole(&head);
    }
    let not_json = |head: &[u8]| {
        let text = String::from_utf8_lossy(head);
        KashError::NotJson {
            endpoint: worker.to_string(),
            excerpt: short(&text, 80),
        }
    };
    let mut gather = Gather {
        worker,
        items: Vec::new(),
        skipped: Vec::new(),
        text: String::new(),
        index: 0,
        malformed: false,
    };
    let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<(usize, Batch)>(workers.max(1) * 2);
    let work_rx = std::sync::Mutex::new(work_rx);
    let (mut ok, next, sent) = std::thread::scope(|scope| {
        let (done_tx, done_rx) = std::sync::mpsc::channel::<Done<T>>();
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let (work_rx, each) = (&work_rx, &each);
            scope.spawn(move || {
                loop {
                    let next = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok((n, batch)) = next else { break };
                    let (read, text) = read_batch(&batch, each);
                    if done_tx.send((n, read, text)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut batch = Batch::default();
        let mut sent = 0usize;
        let mut send = |batch: &mut Batch, gather: &mut Gather<T>| -> Result<(), Malformed> {
            if workers == 0 {
                let (read, text) = read_batch(batch, &each);
                gather.add(read, &text);
                batch.bytes.clear();
                batch.ends.clear();
            } else {
                work_tx
                    .send((sent, std::mem::take(batch)))
                    .map_err(|_| Malformed)?;
            }
            sent += 1;
            Ok(())
        };
        let mut cut = |bytes: &[u8]| -> Result<(), Malformed> {
            batch.bytes.extend_from_slice(bytes);
            batch.ends.push(batch.bytes.len());
            if batch.bytes.len() >= BATCH_BYTES {
                send(&mut batch, &mut gather)?;
            }
            Ok(())
        };
        let mut splitter = Splitter::new();
        let start = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&head);
        let mut ok = splitter.feed(start, &mut cut).is_ok();
        while ok && let Some(chunk) = chunks.next() {
            let chunk = chunk.as_ref();
            if head.len() < HEAD {
                head.extend_from_slice(&chunk[..chunk.len().min(HEAD - head.len())]);
            }
            ok = splitter.feed(chunk, &mut cut).is_ok();
        }
        ok = ok
            && splitter.finished()
            && (batch.ends.is_empty() || send(&mut batch, &mut gather).is_ok());
        drop(work_tx);
        // The workers' batches in the list's order, as they are read.
        let mut early = std::collections::BTreeMap::new();
        let mut next = if workers == 0 { sent } else { 0 };
        for (n, read, part) in done_rx {
            early.insert(n, (read, part));
            while let Some((read, part)) = early.remove(&next) {
                next += 1;
                gather.add(read, &part);
            }
        }
        (ok, next, sent)
    });
    ok = ok && !gather.malformed && next == sent;
    if !ok {
        // The excerpt of the body's start, as the whole body's reading would give it.
        for chunk in chunks {
            if head.len() >= HEAD {
                break;
            }
            let chunk = chunk.as_ref();
            head.extend_from_slice(&chunk[..chunk.len().min(HEAD - head.len())]);
        }
        return Err(not_json(&head));
    }
    let Gather {
        mut items,
        skipped,
        text,
        ..
    } = gather;
    items.shrink_to_fit();
    Ok((Listed { items, skipped }, text))
}

impl KashClient {
    /// A list read while it arrives (see [`super::stream`]): its elements are typed on
    /// blocking threads as the body's parts come, so the reading ends with the download and the
    /// body is never held whole; `each` writes a text for every item read, in the list's order
    /// (the till writes its saved copy so), and the text comes back with the list. `workers`
    /// as [`parse_list_chunks_with`] takes them.
    ///
    /// # Errors
    /// As [`Self::list`].
    pub async fn list_streamed<T, E>(
        &self,
        endpoint: ListEndpoint,
        workers: usize,
        each: E,
    ) -> Result<(Listed<T>, String), KashError>
    where
        T: FromJson + Send + 'static,
        E: Fn(&T, &mut String) + Send + Sync + 'static,
    {
        let worker = endpoint.worker();
        let started = Instant::now();
        let url = self.get_url(worker, &[("format", "json".to_string())]);
        let mut response = self.open(worker, self.http.get(url), true).await?;
        let status = response.status();
        if !status.is_success() {
            let mut bytes = Vec::new();
            while let Some(chunk) = self.next_chunk(worker, true, &mut response).await? {
                if bytes.len() < 4096 {
                    bytes.extend_from_slice(chunk.as_ref());
                }
            }
            return Err(Self::http_error(worker, status, &bytes));
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let name = worker.to_string();
        let reader = tokio::task::spawn_blocking(move || {
            let parsing = Instant::now();
            let read = parse_list_chunks_with::<T, _, _>(&name, rx, workers, each);
            tracing::debug!(
                endpoint = name,
                ms = parsing.elapsed().as_millis() as u64,
                "kash list parsed"
            );
            read
        });
        let mut total = 0usize;
        while let Some(chunk) = self.next_chunk(worker, true, &mut response).await? {
            total += chunk.as_ref().len();
            if total > self.max_body {
                return Err(self.too_large(worker));
            }
            if tx.send(chunk).is_err() {
                // The reader stopped: the body is not a list; its error says why.
                break;
            }
        }
        drop(tx);
        tracing::debug!(
            endpoint = worker,
            bytes = total,
            ms = started.elapsed().as_millis() as u64,
            "kash list downloaded"
        );
        let read = reader
            .await
            .map_err(|e| KashError::Config(format!("list reader failed: {e}")))?;
        tracing::debug!(
            endpoint = worker,
            bytes = total,
            ms = started.elapsed().as_millis() as u64,
            "kash list read while it came"
        );
        read
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kash::model::{Department, Item};

    fn same<T: FromJson + Send + PartialEq + std::fmt::Debug>(body: &[u8]) {
        let whole = parse_list_bytes::<T>("getPlus", body);
        for cut in 0..=body.len() {
            let (a, b) = body.split_at(cut);
            let streamed = parse_list_chunks::<T, _>("getPlus", [a, b]);
            match (&whole, &streamed) {
                (Ok(w), Ok(s)) => {
                    assert_eq!(w.items, s.items, "cut at {cut}");
                    assert_eq!(w.skipped, s.skipped, "cut at {cut}");
                }
                (Err(w), Err(s)) => assert_eq!(w.to_string(), s.to_string(), "cut at {cut}"),
                _ => panic!("cut at {cut}: {whole:?} against {streamed:?}"),
            }
        }
        // One byte at a time.
        let bytes: Vec<[u8; 1]> = body.iter().map(|b| [*b]).collect();
        let streamed = parse_list_chunks::<T, _>("getPlus", bytes);
        assert_eq!(
            whole
                .as_ref()
                .map(|l| &l.items)
                .map_err(ToString::to_string),
            streamed
                .as_ref()
                .map(|l| &l.items)
                .map_err(ToString::to_string)
        );
    }

    #[test]
    fn an_array_read_in_chunks_is_the_array_read_whole() {
        same::<Item>(
            br#" [{"id":1,"title":"Caf\u00e9 \"noir\" [x]","price":"1.50","barcode":"300"},
                 {"id":"2","title":"Th\\u00e9 {vert}","price":2},
                 {"id":5,"title":"ends in \\","note":"\\\"}","price":"1"},
                 3, "text, with ] and \" inside", null, [1,[2]],
                 {"title":"no id","price":1}] "#,
        );
        same::<Item>(b"[]");
        // Not UTF-8: read element by element as the whole body is.
        same::<Item>(b"[{\"id\":1,\"title\":\"\xff\",\"price\":\"1\"},{\"id\":2,\"price\":\"1\"}]");
        same::<Item>("\u{feff}[{\"id\":1,\"title\":\"é\",\"price\":\"1\"}]".as_bytes());
        same::<Department>(br#"[{"id":4,"title":"Bakery"}]"#);
    }

    /// Bytes the splitter must see inside a string, and bytes it must pass over.
    const PIECES: &[&str] = &[
        r#"\""#, r"\\", "]", "}", "{", "[", "|", "é", r"\u00e9", r#"\\\""#, "{[|]}",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Wherever a quote, a backslash or a bracket falls among the eight bytes the splitter
        /// reads at once, and wherever the body is cut, the list reads as it does whole.
        #[test]
        fn every_element_is_found_whatever_the_bytes_around_it(
            parts in proptest::collection::vec((0..PIECES.len(), 0..12usize, proptest::bool::ANY), 1..5),
        ) {
            let elements: Vec<String> = parts
                .iter()
                .enumerate()
                .map(|(i, (piece, pad, nested))| {
                    let (piece, pad) = (PIECES[*piece], "x".repeat(*pad));
                    if *nested {
                        format!(r#"{{"id":{i},"n":[1,{{"a":"{pad}{piece}"}}],"title":"{piece}{pad}","price":"1"}}"#)
                    } else {
                        format!(r#"{{"id":{i},"title":"{pad}{piece}{pad}","price":"1"}}"#)
                    }
                })
                .collect();
            same::<Item>(format!("[{}]", elements.join(",")).as_bytes());
        }
    }

    #[test]
    fn other_forms_read_whole_with_the_same_errors() {
        same::<Item>(br#"{"data":[{"id":1,"title":"A","price":"1"}]}"#);
        same::<Item>(br#"{"result":"KO","message":"Unknown shop"}"#);
        same::<Item>(b"");
        same::<Item>(b"   ");
        same::<Item>(b"<html>Bad gateway</html>");
    }

    /// A body of many batches: the items in the list's order, the skipped ones counted where
    /// they are, the text of `each` in the same order, and one broken element anywhere fails.
    #[test]
    fn a_list_of_many_batches_reads_in_order() {
        let mut body = String::from("[");
        for i in 0..6000 {
            if i > 0 {
                body.push(',');
            }
            if i % 1500 == 7 {
                body.push_str(r#"{"title":"no id","price":1}"#);
            } else {
                body.push_str(&format!(
                    r#"{{"id":{i},"title":"Item {i} {pad}","price":"1.{i}"}}"#,
                    pad = "x".repeat(i % 40)
                ));
            }
        }
        body.push(']');
        assert!(body.len() > 3 * BATCH_BYTES, "several batches");
        let whole = parse_list_bytes::<Item>("getPlus", body.as_bytes()).unwrap();
        for workers in [0, 1, all_cores()] {
            let chunks: Vec<&[u8]> = body.as_bytes().chunks(1000).collect();
            let (read, text) =
                parse_list_chunks_with::<Item, _, _>("getPlus", chunks, workers, |i, t| {
                    t.push_str(&format!("{},", i.id));
                })
                .unwrap();
            assert_eq!(read.items, whole.items, "{workers} workers");
            assert_eq!(read.skipped, whole.skipped);
            assert_eq!(read.skipped.len(), 4);
            let ids: Vec<String> = whole.items.iter().map(|i| format!("{},", i.id)).collect();
            assert_eq!(text, ids.concat());
        }
        // A broken element in a late batch.
        let at = body.rfind(r#""id":5000,"#).unwrap();
        let mut broken = body.clone();
        broken.replace_range(at..at + 4, r#""id"#);
        for workers in [0, all_cores()] {
            let chunks: Vec<&[u8]> = broken.as_bytes().chunks(1000).collect();
            assert!(matches!(
                parse_list_chunks_with::<Item, _, _>("getPlus", chunks, workers, |_, _| {}),
                Err(KashError::NotJson { .. })
            ));
        }
        assert!(parse_list_bytes::<Item>("getPlus", broken.as_bytes()).is_err());
    }

    #[test]
    fn a_broken_array_is_not_json() {
        for body in [
            &br#"[{"id":1,"title":"A","price":"1"}"#[..],
            br#"[{"id":1,"title":"A","price":"1"},]"#,
            br#"[,{"id":1}]"#,
            br#"[{"id":1} {"id":2}]"#,
            br#"[{"id":1}] x"#,
            br#"[{"id":1,"title":"A}]"#,
            br#"[{"id":1,}]"#,
            br"[tru]",
            br"[1",
        ] {
            same::<Item>(body);
            assert!(matches!(
                parse_list_chunks::<Item, _>("getPlus", [body]),
                Err(KashError::NotJson { .. })
            ));
        }
    }
}

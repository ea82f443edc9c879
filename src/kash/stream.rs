//! A list read while its body arrives: the bare array the service sends is cut into its
//! elements chunk by chunk, and each element is typed as soon as its last byte is here, so a
//! big catalog is read during its download instead of after it, and the body as a whole is never
//! held. Any other form (a refusal, a wrapped list) is gathered whole and read as
//! [`parse_list_bytes`] reads it, with the same errors.

use serde_json::Value;

use std::time::Instant;

use super::ListEndpoint;
use super::client::{KashClient, Listed, parse_list_bytes};
use super::error::KashError;
use super::json::{Obj, short};
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
                    if self.in_string {
                        if self.escaped {
                            // The byte after a backslash is taken whatever it is.
                            self.escaped = false;
                        } else {
                            // The rest of the string in one search.
                            let Some(k) = memchr::memchr2(b'"', b'\\', &chunk[i..]) else {
                                i = chunk.len();
                                continue;
                            };
                            i += k;
                            if chunk[i] == b'\\' {
                                self.escaped = true;
                            } else {
                                self.in_string = false;
                            }
                        }
                    } else {
                        match b {
                            b'"' => self.in_string = true,
                            b'{' | b'[' => self.depth += 1,
                            b'}' | b']' => {
                                self.depth -= 1;
                                if self.depth == 0 {
                                    self.emit(&chunk[start..=i], element)?;
                                    self.at = At::After;
                                }
                            }
                            _ => {}
                        }
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
pub fn parse_list_chunks<T: FromJson, C: AsRef<[u8]>>(
    worker: &str,
    chunks: impl IntoIterator<Item = C>,
) -> Result<Listed<T>, KashError> {
    let mut chunks = chunks.into_iter();
    // The start of the body, until its first significant byte says which form it has.
    let mut head: Vec<u8> = Vec::new();
    let array = loop {
        let Some(chunk) = chunks.next() else {
            return parse_list_bytes(worker, &head);
        };
        head.extend_from_slice(chunk.as_ref());
        let body = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&head);
        if let Some(&first) = body.iter().find(|b| !b.is_ascii_whitespace()) {
            // (A mark cut between two chunks takes the whole-body path: the same result.)
            break first == b'[';
        }
    };
    if !array {
        for chunk in chunks {
            head.extend_from_slice(chunk.as_ref());
        }
        return parse_list_bytes(worker, &head);
    }
    let not_json = |head: &[u8]| {
        let text = String::from_utf8_lossy(head);
        KashError::NotJson {
            endpoint: worker.to_string(),
            excerpt: short(&text, 80),
        }
    };
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    let mut index = 0usize;
    let mut read = |bytes: &[u8]| -> Result<(), Malformed> {
        let value: Value = serde_json::from_slice(bytes).map_err(|_| Malformed)?;
        let result = match &value {
            Value::Object(map) => T::from_json(&Obj(map)),
            _ => Err("not an object".to_string()),
        };
        match result {
            Ok(item) => items.push(item),
            Err(reason) => {
                tracing::warn!(endpoint = worker, index, %reason, "list element skipped");
                skipped.push(format!("#{index}: {reason}"));
            }
        }
        index += 1;
        Ok(())
    };
    let mut splitter = Splitter::new();
    let start = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&head);
    let mut ok = splitter.feed(start, &mut read).is_ok();
    while ok && let Some(chunk) = chunks.next() {
        let chunk = chunk.as_ref();
        if head.len() < HEAD {
            head.extend_from_slice(&chunk[..chunk.len().min(HEAD - head.len())]);
        }
        ok = splitter.feed(chunk, &mut read).is_ok();
    }
    if !ok || !splitter.finished() {
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
    items.shrink_to_fit();
    Ok(Listed { items, skipped })
}

impl KashClient {
    /// A list read while it arrives (see [`super::stream`]): its elements are typed on a
    /// blocking thread as the body's parts come, so the reading ends with the download and the
    /// body is never held whole; `then` runs on that thread with the list once read (the till
    /// encodes its saved copy with it).
    ///
    /// # Errors
    /// As [`Self::list`].
    pub async fn list_streamed<T, R, F>(
        &self,
        endpoint: ListEndpoint,
        then: F,
    ) -> Result<(Listed<T>, R), KashError>
    where
        T: FromJson + Send + 'static,
        R: Send + 'static,
        F: FnOnce(&Listed<T>) -> R + Send + 'static,
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
            parse_list_chunks::<T, _>(&name, rx).map(|list| {
                let extra = then(&list);
                (list, extra)
            })
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

    fn same<T: FromJson + PartialEq + std::fmt::Debug>(body: &[u8]) {
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
                 3, "text, with ] and \" inside", null, [1,[2]],
                 {"title":"no id","price":1}] "#,
        );
        same::<Item>(b"[]");
        same::<Item>("\u{feff}[{\"id\":1,\"title\":\"é\",\"price\":\"1\"}]".as_bytes());
        same::<Department>(br#"[{"id":4,"title":"Bakery"}]"#);
    }

    #[test]
    fn other_forms_read_whole_with_the_same_errors() {
        same::<Item>(br#"{"data":[{"id":1,"title":"A","price":"1"}]}"#);
        same::<Item>(br#"{"result":"KO","message":"Unknown shop"}"#);
        same::<Item>(b"");
        same::<Item>(b"   ");
        same::<Item>(b"<html>Bad gateway</html>");
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

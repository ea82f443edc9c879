//! The few ESC/POS commands a receipt needs, written out (Epson's command reference): reset,
//! code page, bold, character size, centring, line feeds, the QR code, the cut and the drawer
//! kick. A document is a list of [`Block`]s already laid out to the paper's width; [`encode`]
//! turns it into the bytes sent to the printer, [`render`] reads bytes back as the text a
//! customer would read (the tests and the preview use it).

use super::codepage::CodePage;

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const LF: u8 = 0x0A;

/// Character size (`GS ! n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Normal,
    /// Double height: the same number of columns.
    Tall,
    /// Double width and height: half the columns.
    Big,
}

impl Size {
    fn byte(self) -> u8 {
        match self {
            Self::Normal => 0x00,
            Self::Tall => 0x01,
            Self::Big => 0x11,
        }
    }
}

/// One element of a printed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line of text, already padded or centred to the paper's width.
    Line {
        text: String,
        bold: bool,
        size: Size,
    },
    /// A QR code, centred.
    Qr(String),
    /// Feed the paper and cut it.
    Cut,
    /// Kick the cash drawer (`ESC p`, pin 2).
    Drawer,
}

impl Block {
    pub fn text(text: impl Into<String>) -> Self {
        Self::Line {
            text: text.into(),
            bold: false,
            size: Size::Normal,
        }
    }

    pub fn bold(text: impl Into<String>) -> Self {
        Self::Line {
            text: text.into(),
            bold: true,
            size: Size::Normal,
        }
    }

    pub fn sized(text: impl Into<String>, size: Size) -> Self {
        Self::Line {
            text: text.into(),
            bold: true,
            size,
        }
    }
}

/// `ESC @`, then the code page.
fn init(page: CodePage) -> Vec<u8> {
    vec![ESC, b'@', ESC, b't', page.escpos_table()]
}

/// The drawer kick alone (`ESC p 0 25 250`: pin 2, 50 ms on, 500 ms off).
pub fn drawer_kick() -> Vec<u8> {
    vec![ESC, b'@', ESC, b'p', 0, 25, 250]
}

/// `GS ( k`: one function of the QR symbol.
fn qr_function(out: &mut Vec<u8>, function: u8, data: &[u8]) {
    let len = data.len() + 2;
    out.extend([
        GS,
        b'(',
        b'k',
        (len & 0xFF) as u8,
        (len >> 8) as u8,
        49,
        function,
    ]);
    out.extend_from_slice(data);
}

/// The largest QR payload sent (a link is far shorter).
pub const QR_MAX: usize = 700;

/// The bytes of a document.
pub fn encode(blocks: &[Block], page: CodePage) -> Vec<u8> {
    let mut out = init(page);
    for block in blocks {
        match block {
            Block::Line { text, bold, size } => {
                if *bold {
                    out.extend([ESC, b'E', 1]);
                }
                if *size != Size::Normal {
                    out.extend([GS, b'!', size.byte()]);
                }
                out.extend(page.encode(text.trim_end()));
                out.push(LF);
                if *size != Size::Normal {
                    out.extend([GS, b'!', 0]);
                }
                if *bold {
                    out.extend([ESC, b'E', 0]);
                }
            }
            Block::Qr(data) => {
                let bytes: Vec<u8> = data.bytes().filter(|b| (0x20..0x7F).contains(b)).collect();
                if bytes.is_empty() || bytes.len() > QR_MAX {
                    continue;
                }
                out.extend([ESC, b'a', 1]);
                // Model 2, module size 5, error correction M, store, print.
                qr_function(&mut out, 65, &[50, 0]);
                qr_function(&mut out, 67, &[5]);
                qr_function(&mut out, 69, &[49]);
                let mut store = vec![48];
                store.extend_from_slice(&bytes);
                qr_function(&mut out, 80, &store);
                qr_function(&mut out, 81, &[48]);
                out.push(LF);
                out.extend([ESC, b'a', 0]);
            }
            Block::Cut => {
                // Feed past the cutter, then a partial cut.
                out.extend([GS, b'V', 66, 3]);
            }
            Block::Drawer => out.extend([ESC, b'p', 0, 25, 250]),
        }
    }
    out
}

/// The bytes as text: what prints, line by line, with `[QR …]`, `[cut]` and `[drawer]` where
/// those commands are, and `<1b xx>` for any command this module does not write (so a golden
/// file shows every byte's effect). Big and tall lines are marked `(big)` / `(tall)`.
pub fn render(bytes: &[u8], page: CodePage) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut size = 0u8;
    let mut bold = false;
    let mut i = 0;
    let take = |i: usize, n: usize| bytes.get(i..i + n);
    let mut qr = String::new();
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            LF => {
                let mut marks = Vec::new();
                if bold {
                    marks.push("bold");
                }
                match size {
                    0x01 => marks.push("tall"),
                    0x11 => marks.push("big"),
                    0 => {}
                    _ => marks.push("sized"),
                }
                if marks.is_empty() || line.is_empty() {
                    out.push_str(line.trim_end());
                } else {
                    out.push_str(&format!("{:<48} ({})", line.trim_end(), marks.join(", ")));
                }
                out = out.trim_end_matches(' ').to_string();
                out.push('\n');
                line.clear();
                i += 1;
            }
            ESC => match take(i + 1, 1).map(|s| s[0]) {
                Some(b'@') => i += 2,
                Some(b't' | b'a') => i += 3,
                Some(b'E') => {
                    bold = take(i + 2, 1).is_some_and(|s| s[0] == 1);
                    i += 3;
                }
                Some(b'p') => {
                    out.push_str("[drawer]\n");
                    i += 5;
                }
                Some(b'd') => {
                    let n = take(i + 2, 1).map_or(0, |s| s[0]);
                    for _ in 0..n {
                        out.push('\n');
                    }
                    i += 3;
                }
                other => {
                    line.push_str(&format!("<1b {:02x}>", other.unwrap_or(0)));
                    i += 2;
                }
            },
            GS => match take(i + 1, 1).map(|s| s[0]) {
                Some(b'!') => {
                    size = take(i + 2, 1).map_or(0, |s| s[0]);
                    i += 3;
                }
                Some(b'V') => {
                    out.push_str("[cut]\n");
                    i += 4;
                }
                Some(b'(') => {
                    let len =
                        take(i + 3, 2).map_or(0, |s| usize::from(s[0]) | usize::from(s[1]) << 8);
                    let body = take(i + 5, len).unwrap_or_default();
                    if body.len() >= 2 && body[1] == 80 {
                        qr = body[3..].iter().map(|&c| char::from(c)).collect();
                    }
                    if body.len() >= 2 && body[1] == 81 {
                        line.push_str(&format!("[QR {qr}]"));
                    }
                    i += 5 + len;
                }
                other => {
                    line.push_str(&format!("<1d {:02x}>", other.unwrap_or(0)));
                    i += 2;
                }
            },
            _ => {
                match page.char(b) {
                    Some(c) if !c.is_control() => line.push(c),
                    _ => line.push_str(&format!("<{b:02x}>")),
                }
                i += 1;
            }
        }
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_framed_by_its_style_and_reset_after() {
        let bytes = encode(&[Block::sized("TOTAL", Size::Tall)], CodePage::Windows1252);
        assert_eq!(
            bytes,
            [
                0x1B, b'@', 0x1B, b't', 16, // reset, Windows-1252
                0x1B, b'E', 1, 0x1D, b'!', 1, b'T', b'O', b'T', b'A', b'L', 0x0A, 0x1D, b'!', 0,
                0x1B, b'E', 0,
            ]
        );
        assert_eq!(
            render(&bytes, CodePage::Windows1252).trim_end(),
            format!("{:<48} (bold, tall)", "TOTAL")
        );
    }

    #[test]
    fn the_qr_code_carries_the_link_and_its_length() {
        let bytes = encode(&[Block::Qr("https://x.y/1".into())], CodePage::Cp858);
        let store = [0x1D, b'(', b'k', 16, 0, 49, 80, 48];
        assert!(bytes.windows(store.len()).any(|w| w == store));
        assert!(render(&bytes, CodePage::Cp858).contains("[QR https://x.y/1]"));
    }

    #[test]
    fn the_drawer_kick_is_pin_2() {
        assert_eq!(drawer_kick(), [0x1B, b'@', 0x1B, b'p', 0, 25, 250]);
        assert_eq!(render(&drawer_kick(), CodePage::Windows1252), "[drawer]\n");
    }
}

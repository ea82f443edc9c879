//! The printer's character tables: Windows-1252 (the default) and CP858 (CP850 with `€`), the
//! two that print French right (`é`, `è`, `ç`, `€`). The tables are written out here and pinned
//! by golden tests: a wrong byte is a wrong letter on every receipt.

use serde::Deserialize;

/// The code page the printer is switched to (`ESC t n`) and the text is encoded in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum CodePage {
    /// Windows-1252 (`ESC t 16` on Epson-compatible printers).
    #[default]
    #[serde(rename = "windows-1252", alias = "cp1252", alias = "WPC1252")]
    Windows1252,
    /// CP858, CP850 with the euro sign at `0xD5` (`ESC t 19`).
    #[serde(rename = "cp858", alias = "CP858", alias = "pc858")]
    Cp858,
}

/// Bytes `0x80..=0xFF` of Windows-1252 (0 where the page has no character).
const WINDOWS_1252: [u16; 128] = [
    0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, //
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000, //
    0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, //
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178, //
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, //
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, //
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, //
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, //
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, //
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, //
    0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, //
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, //
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, //
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, //
    0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, //
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF, //
];

/// Bytes `0x80..=0xFF` of CP858.
const CP858: [u16; 128] = [
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, //
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, //
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, //
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, //
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, //
    0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, //
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0, //
    0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510, //
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3, //
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4, //
    0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x20AC, 0x00CD, 0x00CE, //
    0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580, //
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, //
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4, //
    0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8, //
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0, //
];

impl CodePage {
    /// `n` of `ESC t n` on Epson-compatible printers.
    pub fn escpos_table(self) -> u8 {
        match self {
            Self::Windows1252 => 16,
            Self::Cp858 => 19,
        }
    }

    fn table(self) -> &'static [u16; 128] {
        match self {
            Self::Windows1252 => &WINDOWS_1252,
            Self::Cp858 => &CP858,
        }
    }

    /// The byte of `c`, if the page has it.
    pub fn byte(self, c: char) -> Option<u8> {
        let code = u32::from(c);
        if code < 0x80 {
            return Some(code as u8);
        }
        self.table()
            .iter()
            .position(|&u| u != 0 && u32::from(u) == code)
            .map(|i| 0x80 + i as u8)
    }

    /// The character of a byte (`None` for a hole in the page).
    pub fn char(self, byte: u8) -> Option<char> {
        if byte < 0x80 {
            return Some(char::from(byte));
        }
        let u = self.table()[usize::from(byte - 0x80)];
        (u != 0).then(|| char::from_u32(u32::from(u))).flatten()
    }

    /// `text` as it prints on this page: one character a column.
    pub fn printable(self, text: &str) -> String {
        self.encode(text)
            .into_iter()
            .filter_map(|b| self.char(b))
            .collect()
    }

    /// `text` in this page. What it lacks becomes its nearest plain form (`’` → `'`, `œ` →
    /// `oe` in CP858, narrow spaces → a space), else `?`; control characters are dropped, so
    /// text can never carry a printer command.
    pub fn encode(self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            if c.is_control() || matches!(c, '\u{2068}' | '\u{2069}' | '\u{200b}') {
                continue;
            }
            if let Some(b) = self.byte(c) {
                out.push(b);
                continue;
            }
            match fallback(c) {
                Some(plain) => out.extend(plain.chars().filter_map(|p| self.byte(p))),
                None => out.push(b'?'),
            }
        }
        out
    }
}

/// The plain form of a character a page may lack.
fn fallback(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202f}' | '\u{00a0}' | '\u{2009}' | '\u{2007}' => " ",
        '‘' | '’' | '′' => "'",
        '“' | '”' | '«' | '»' => "\"",
        '–' | '—' | '−' => "-",
        '…' => "...",
        'œ' => "oe",
        'Œ' => "OE",
        '€' => "EUR",
        '•' | '·' => "-",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_letters_have_their_bytes() {
        let w = CodePage::Windows1252;
        assert_eq!(
            w.encode("é è ç à €"),
            [0xE9, 0x20, 0xE8, 0x20, 0xE7, 0x20, 0xE0, 0x20, 0x80]
        );
        let c = CodePage::Cp858;
        // CP850's letters, and the euro where CP850 has the dotless i.
        assert_eq!(
            c.encode("é è ç à €"),
            [0x82, 0x20, 0x8A, 0x20, 0x87, 0x20, 0x85, 0x20, 0xD5]
        );
        assert_eq!(c.encode("ÉÈÇÀ"), [0x90, 0xD4, 0x80, 0xB7]);
        assert_eq!(c.encode("°"), [0xF8]);
    }

    #[test]
    fn every_byte_round_trips() {
        for page in [CodePage::Windows1252, CodePage::Cp858] {
            for b in 0x20..=0xFF_u8 {
                if let Some(c) = page.char(b)
                    && !c.is_control()
                {
                    assert_eq!(page.byte(c), Some(b), "{page:?} {b:#x}");
                }
            }
        }
    }

    #[test]
    fn what_a_page_lacks_prints_plain_and_commands_cannot_slip_in() {
        let w = CodePage::Windows1252;
        assert_eq!(w.encode("1\u{202f}234,50"), b"1 234,50");
        assert_eq!(w.encode("a\x1b@b\n"), b"a@b");
        assert_eq!(w.encode("日"), b"?");
        assert_eq!(CodePage::Cp858.encode("œuf"), b"oeuf");
        assert_eq!(w.encode("œuf"), [0x9C, b'u', b'f']);
    }
}

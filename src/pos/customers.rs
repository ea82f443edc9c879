//! The customer file at the counter: the list as `getClients.php` gave it, searched per
//! keystroke (any part of a name, phone, email, postcode or city; accents and case ignored, as
//! the item search), a loyalty card found by its barcode, and the checks a customer form makes
//! before anything is sent.
//!
//! The search is a plain substring scan over one folded text per customer, built once when the
//! list arrives: every word typed must occur in it. A phone is also kept as its digits alone,
//! so "0612" finds "06 12 34 56 78". Customers whose name starts with the first word typed come
//! first; the others follow in name order.

use std::collections::HashMap;

use crate::kash::model::Customer;
use crate::kash::order::NewCustomer;

/// The customer file, sorted by name, with its search index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Customers {
    list: Vec<Customer>,
    /// Per customer: the folded name, then a separator, then the rest of what is searched.
    hay: Vec<String>,
    /// Where the folded name ends in each haystack.
    name_len: Vec<usize>,
    by_id: HashMap<u64, usize>,
    by_barcode: HashMap<String, usize>,
}

/// What a search found: the best customers (indices in the file), and how many matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub ids: Vec<u64>,
    pub total: usize,
}

impl From<Vec<Customer>> for Customers {
    fn from(list: Vec<Customer>) -> Self {
        Self::new(list)
    }
}

impl std::ops::Deref for Customers {
    type Target = [Customer];

    fn deref(&self) -> &[Customer] {
        &self.list
    }
}

impl Customers {
    pub fn new(mut list: Vec<Customer>) -> Self {
        let key = |c: &Customer| {
            let mut k = String::with_capacity(c.name.len() + c.surname.len() + 1);
            fold_into(&mut k, &c.name);
            k.push(' ');
            fold_into(&mut k, &c.surname);
            k
        };
        let mut keyed: Vec<(String, Customer)> = list.drain(..).map(|c| (key(&c), c)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        let list: Vec<Customer> = keyed.into_iter().map(|(_, c)| c).collect();
        let mut hay = Vec::with_capacity(list.len());
        let mut name_len = Vec::with_capacity(list.len());
        let mut by_id = HashMap::with_capacity(list.len());
        let mut by_barcode = HashMap::new();
        for (i, c) in list.iter().enumerate() {
            by_id.entry(c.id).or_insert(i);
            let code = c.barcode.trim();
            if !code.is_empty() {
                by_barcode.entry(code.to_string()).or_insert(i);
            }
            let mut h = String::with_capacity(
                c.surname.len()
                    + c.name.len()
                    + c.email.len()
                    + c.postcode.len()
                    + c.city.len()
                    + 2 * (c.phone.len() + c.phone2.len())
                    + c.barcode.len()
                    + 12,
            );
            fold_into(&mut h, &c.surname);
            h.push(' ');
            fold_into(&mut h, &c.name);
            name_len.push(h.len());
            h.push('\u{1}');
            for part in [
                &c.email,
                &c.postcode,
                &c.city,
                &c.phone,
                &c.phone2,
                &c.barcode,
            ] {
                if !part.is_empty() {
                    h.push(' ');
                    fold_into(&mut h, part);
                }
            }
            for phone in [&c.phone, &c.phone2] {
                if phone.bytes().any(|b| b.is_ascii_digit()) {
                    h.push(' ');
                    h.extend(phone.chars().filter(char::is_ascii_digit));
                }
            }
            hay.push(h);
        }
        Self {
            list,
            hay,
            name_len,
            by_id,
            by_barcode,
        }
    }

    pub fn get(&self, id: u64) -> Option<&Customer> {
        self.by_id.get(&id).map(|i| &self.list[*i])
    }

    /// The customer whose loyalty card this is.
    pub fn by_card(&self, code: &str) -> Option<&Customer> {
        let code = code.trim();
        if code.is_empty() {
            return None;
        }
        self.by_barcode.get(code).map(|i| &self.list[*i])
    }

    /// The first `limit` customers matching `query`; an empty query lists the file in order.
    pub fn search(&self, query: &str, limit: usize) -> Found {
        let folded = fold(query);
        let terms: Vec<&str> = folded.split_whitespace().collect();
        if terms.is_empty() {
            return Found {
                ids: self.list.iter().take(limit).map(|c| c.id).collect(),
                total: self.list.len(),
            };
        }
        let first = terms[0];
        let mut best = Vec::new();
        let mut rest = Vec::new();
        for (i, h) in self.hay.iter().enumerate() {
            if !terms.iter().all(|t| h.contains(t)) {
                continue;
            }
            let name = &h[..self.name_len[i]];
            if name.split(' ').any(|w| w.starts_with(first)) {
                best.push(i);
            } else {
                rest.push(i);
            }
        }
        let total = best.len() + rest.len();
        let ids = best
            .into_iter()
            .chain(rest)
            .take(limit)
            .map(|i| self.list[i].id)
            .collect();
        Found { ids, total }
    }
}

/// "First Last" of a customer created with a sale.
pub fn new_name(c: &NewCustomer) -> String {
    format!("{} {}", c.first_name, c.last_name)
        .trim()
        .to_string()
}

/// Lower case without accents: "Zoé ÉCOLE" → "zoe ecole". Letters outside Latin scripts are
/// lowered and kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// [`fold`], appended to `out`.
pub fn fold_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            match base_letter(l) {
                Some(b) => out.push_str(b),
                None => out.push(l),
            }
        }
    }
}

/// The letters of a Latin letter with a diacritic, lower case.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// What a customer form field may be found wrong with, before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldError {
    /// Neither a first nor a last name nor a company: nobody to find again.
    NoName,
    Email,
    Phone,
    Postcode,
    Country,
    VatNumber,
}

impl FieldError {
    /// Its message id in the i18n files.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::NoName => "customer-error-name",
            Self::Email => "customer-error-email",
            Self::Phone => "customer-error-phone",
            Self::Postcode => "customer-error-postcode",
            Self::Country => "customer-error-country",
            Self::VatNumber => "customer-error-vat",
        }
    }
}

/// An email address of the usual shape: `local@domain.tld`, no spaces.
pub fn check_email(text: &str) -> Result<(), FieldError> {
    let t = text.trim();
    let Some((local, domain)) = t.split_once('@') else {
        return Err(FieldError::Email);
    };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && !t.chars().any(char::is_whitespace)
        && domain.contains('.')
        && domain.split('.').all(|p| !p.is_empty())
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if ok { Ok(()) } else { Err(FieldError::Email) }
}

/// A French number (`06 12 34 56 78`, `01.23.45.67.89`) or an international one
/// (`+33 6 12 34 56 78`, `+32 2 123 45 67`, `0041 44 668 18 00`): spaces, dots, dashes and
/// brackets are allowed between the digits, and `(0)` after the country code.
pub fn check_phone(text: &str) -> Result<(), FieldError> {
    let t = text.trim().replace("(0)", "");
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || " .-()/+".contains(c))
        || t.chars().skip(1).any(|c| c == '+')
    {
        return Err(FieldError::Phone);
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let international = t.starts_with('+') || digits.starts_with("00");
    let ok = if international {
        let number = if t.starts_with('+') {
            &digits[..]
        } else {
            &digits[2..]
        };
        if let Some(fr) = number.strip_prefix("33") {
            fr.len() == 9 && !fr.starts_with('0')
        } else {
            (8..=15).contains(&number.len()) && !number.starts_with('0')
        }
    } else {
        digits.len() == 10 && digits.starts_with('0') && !digits.starts_with("00")
    };
    if ok { Ok(()) } else { Err(FieldError::Phone) }
}

/// A postcode: five digits in France (and when no country is given and it is all digits),
/// elsewhere 2 to 10 letters, digits, spaces or dashes with at least one digit.
pub fn check_postcode(text: &str, country: &str) -> Result<(), FieldError> {
    let t = text.trim();
    let country = country.trim().to_ascii_uppercase();
    let all_digits = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let french = country == "FR" || (country.is_empty() && all_digits);
    let ok = if french {
        all_digits && t.len() == 5
    } else {
        (2..=10).contains(&t.chars().count())
            && t.chars().any(|c| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
    };
    if ok {
        Ok(())
    } else {
        Err(FieldError::Postcode)
    }
}

/// A two-letter country code (FR, BE…), upper case once checked.
pub fn check_country(text: &str) -> Result<String, FieldError> {
    let t = text.trim();
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(t.to_ascii_uppercase())
    } else {
        Err(FieldError::Country)
    }
}

/// A VAT number of the European shape, spaces and dots left out, upper case once checked:
/// `FR` + a two-character key + the nine-digit SIREN in France, elsewhere a two-letter prefix
/// and 2 to 12 letters or digits.
pub fn check_vat(text: &str) -> Result<String, FieldError> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    if !t.is_ascii() {
        return Err(FieldError::VatNumber);
    }
    let (prefix, rest) = t.split_at(t.len().min(2));
    let ok = prefix.len() == 2
        && prefix.chars().all(|c| c.is_ascii_uppercase())
        && if prefix == "FR" {
            rest.len() == 11
                && rest[..2].chars().all(|c| c.is_ascii_alphanumeric())
                && rest[2..].chars().all(|c| c.is_ascii_digit())
        } else {
            (2..=12).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_alphanumeric())
        };
    if ok {
        Ok(t)
    } else {
        Err(FieldError::VatNumber)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: u64, surname: &str, name: &str) -> Customer {
        Customer {
            id,
            surname: surname.into(),
            name: name.into(),
            ..Customer::default()
        }
    }

    fn file() -> Customers {
        let mut zoe = customer(1, "Zoé", "Durand");
        zoe.email = "zoe.durand@example.com".into();
        zoe.phone = "06 12 34 56 78".into();
        zoe.postcode = "75005".into();
        zoe.city = "Paris".into();
        zoe.barcode = "CUST-0001".into();
        let mut leo = customer(2, "Léo", "Zola");
        leo.postcode = "69001".into();
        leo.city = "Lyon".into();
        Customers::new(vec![zoe, leo, customer(3, "Anne", "Étienne")])
    }

    #[test]
    fn the_file_is_in_name_order() {
        let f = file();
        let names: Vec<_> = f.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Durand", "Étienne", "Zola"]);
        assert_eq!(f.search("", 10).total, 3);
        assert_eq!(f.get(2).map(|c| c.surname.as_str()), Some("Léo"));
    }

    #[test]
    fn any_part_finds_the_customer_accents_and_case_ignored() {
        let f = file();
        for q in [
            "zoe",
            "ZOÉ",
            "durand",
            "zoe dur",
            "example.com",
            "0612",
            "06 12",
            "75005",
            "paris",
        ] {
            assert_eq!(f.search(q, 10).ids, [1], "{q}");
        }
        assert_eq!(f.search("etien", 10).ids, [3]);
        assert_eq!(f.search("ETIENNE", 10).ids, [3]);
        assert_eq!(f.search("nobody", 10), Found::default());
    }

    #[test]
    fn names_starting_with_the_query_come_first() {
        // "zo" is in both names; Zola starts with it, and so does Zoé: both are first, in name
        // order; "o" is inside every name.
        let f = file();
        assert_eq!(f.search("zo", 10).ids, [1, 2]);
        let f = Customers::new(vec![
            customer(1, "Anna", "Bazo"),
            customer(2, "Zoé", "Roux"),
        ]);
        assert_eq!(f.search("zo", 10).ids, [2, 1]);
        assert_eq!(
            f.search("zo", 1),
            Found {
                ids: vec![2],
                total: 2
            }
        );
    }

    #[test]
    fn a_card_finds_its_customer() {
        let f = file();
        assert_eq!(f.by_card("CUST-0001").map(|c| c.id), Some(1));
        assert_eq!(f.by_card(" CUST-0001 ").map(|c| c.id), Some(1));
        assert!(f.by_card("").is_none());
        assert!(f.by_card("CUST-0002").is_none());
    }

    #[test]
    fn folding() {
        assert_eq!(
            fold("Zoé ÉCOLE Œuvre Straße ñ"),
            "zoe ecole oeuvre strasse n"
        );
        assert_eq!(fold("Ελένη"), "ελένη");
    }

    #[test]
    fn emails() {
        for ok in ["zoe@example.com", "a.b+c@sub.example.fr", " x@y.io "] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "zoe",
            "zoe@",
            "@example.com",
            "zoe@example",
            "z oe@example.com",
            "a@b@c.d",
            "a@b..c",
        ] {
            assert_eq!(check_email(bad), Err(FieldError::Email), "{bad}");
        }
    }

    #[test]
    fn phones_french_and_international() {
        for ok in [
            "06 12 34 56 78",
            "0612345678",
            "01.23.45.67.89",
            "01-23-45-67-89",
            "+33 6 12 34 56 78",
            "+33 (0)6 12 34 56 78",
            "+32 2 123 45 67",
            "0041 44 668 18 00",
            "+1 (555) 123-4567",
        ] {
            assert_eq!(check_phone(ok), Ok(()), "{ok}");
        }
        for bad in [
            "06 12 34 56",
            "061234567890",
            "6 12 34 56 78",
            "+33 06 12 34 56 78",
            "+33 6 12 34 56",
            "06 12 34 56 7a",
            "+44",
            "06+12345678",
            "",
        ] {
            assert_eq!(check_phone(bad), Err(FieldError::Phone), "{bad}");
        }
    }

    #[test]
    fn postcodes() {
        assert_eq!(check_postcode("75005", "FR"), Ok(()));
        assert_eq!(check_postcode("75005", ""), Ok(()));
        assert_eq!(check_postcode("7500", "FR"), Err(FieldError::Postcode));
        assert_eq!(check_postcode("7500", ""), Err(FieldError::Postcode));
        assert_eq!(check_postcode("1000", "BE"), Ok(()));
        assert_eq!(check_postcode("SW1A 1AA", "GB"), Ok(()));
        assert_eq!(check_postcode("SW1A 1AA", "FR"), Err(FieldError::Postcode));
        assert_eq!(check_postcode("ABC", "GB"), Err(FieldError::Postcode));
        assert_eq!(
            check_postcode("12345678901", "DE"),
            Err(FieldError::Postcode)
        );
    }

    #[test]
    fn countries() {
        assert_eq!(check_country("fr"), Ok("FR".to_string()));
        assert_eq!(check_country(" BE "), Ok("BE".to_string()));
        for bad in ["F", "FRA", "F1", "", "é1"] {
            assert_eq!(check_country(bad), Err(FieldError::Country), "{bad}");
        }
    }

    #[test]
    fn vat_numbers() {
        assert_eq!(check_vat("FRXX999999999"), Ok("FRXX999999999".to_string()));
        assert_eq!(
            check_vat("fr 40 303 265 045"),
            Ok("FR40303265045".to_string())
        );
        assert_eq!(check_vat("BE0123.456.789"), Ok("BE0123456789".to_string()));
        assert_eq!(check_vat("DE123456789"), Ok("DE123456789".to_string()));
        for bad in [
            "FR4030326504",
            "FR40A03265045",
            "123456789",
            "F",
            "DE1",
            "DE12345678901234",
        ] {
            assert_eq!(check_vat(bad), Err(FieldError::VatNumber), "{bad}");
        }
    }
}

//! An order as kash-pos sends it, and the one function that encodes it into the form the
//! Kash.click API documents (`itemsList[]` lines, `client[…]` fields…). The grammar's parser lives
//! here too: the simulator reads orders with it and the tests check that encoding round-trips.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{parse_decimal, wire_price, wire_quantity};

/// How many variation ids one `itemsList[]` line can carry.
pub const MAX_VARIATIONS: usize = 5;

/// One `itemsList[]` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemsListEntry {
    /// A catalog item: `ID`, `ID_QTY`, `ID_QTY_TITLE_PRICE`, `ID_QTY_TITLE_PRICE_V1…V5`.
    Item {
        id: u64,
        quantity: Decimal,
        /// Forced title; `None` keeps the catalog's.
        title: Option<String>,
        /// Forced unit price; `None` keeps the catalog's.
        price: Option<Decimal>,
        variations: Vec<u64>,
    },
    /// A free line attached to a department: `-DEPT_PRICE_TITLE`.
    Department {
        department_id: u64,
        price: Decimal,
        title: String,
    },
    /// A free line: `Free_PRICE_TITLE`.
    Free { price: Decimal, title: String },
}

/// Makes a title safe for a `_`-separated line: `_` and control characters become spaces,
/// runs of spaces fold, and the ends are trimmed.
pub fn clean_title(title: &str) -> String {
    let replaced: String = title
        .chars()
        .map(|c| if c == '_' || c.is_control() { ' ' } else { c })
        .collect();
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl ItemsListEntry {
    /// A catalog item with a quantity and nothing forced.
    pub fn item(id: u64, quantity: Decimal) -> Self {
        Self::Item {
            id,
            quantity,
            title: None,
            price: None,
            variations: Vec::new(),
        }
    }

    /// The documented text of this line.
    pub fn encode(&self) -> String {
        match self {
            Self::Item {
                id,
                quantity,
                title,
                price,
                variations,
            } => {
                let forced = title.is_some() || price.is_some() || !variations.is_empty();
                if !forced {
                    if *quantity == Decimal::ONE {
                        return id.to_string();
                    }
                    return format!("{id}_{}", wire_quantity(*quantity));
                }
                let mut line = format!(
                    "{id}_{}_{}_{}",
                    wire_quantity(*quantity),
                    title.as_deref().map(clean_title).unwrap_or_default(),
                    price.map(wire_price).unwrap_or_default()
                );
                for v in variations.iter().take(MAX_VARIATIONS) {
                    line.push('_');
                    line.push_str(&v.to_string());
                }
                line
            }
            Self::Department {
                department_id,
                price,
                title,
            } => {
                format!(
                    "-{department_id}_{}_{}",
                    wire_price(*price),
                    clean_title(title)
                )
            }
            Self::Free { price, title } => {
                format!("Free_{}_{}", wire_price(*price), clean_title(title))
            }
        }
    }

    /// Reads one line of the documented grammar.
    pub fn parse(line: &str) -> Result<Self, String> {
        let fields: Vec<&str> = line.split('_').collect();
        let head = fields[0];
        if head.eq_ignore_ascii_case("free") {
            if fields.len() < 2 {
                return Err(format!("free line without a price: {line:?}"));
            }
            return Ok(Self::Free {
                price: price_field(fields[1], line)?,
                title: fields[2..].join(" "),
            });
        }
        if let Some(dept) = head.strip_prefix('-') {
            let department_id = dept
                .parse()
                .map_err(|_| format!("bad department id in {line:?}"))?;
            if fields.len() < 2 {
                return Err(format!("department line without a price: {line:?}"));
            }
            return Ok(Self::Department {
                department_id,
                price: price_field(fields[1], line)?,
                title: fields[2..].join(" "),
            });
        }
        let id: u64 = head
            .parse()
            .map_err(|_| format!("bad item id in {line:?}"))?;
        let quantity = match fields.get(1) {
            None => Decimal::ONE,
            Some(&"") => Decimal::ONE,
            Some(q) => {
                if q.contains(',') {
                    return Err(format!("quantity must use '.' in {line:?}"));
                }
                parse_decimal(q).ok_or_else(|| format!("bad quantity in {line:?}"))?
            }
        };
        if fields.len() == 3 {
            return Err(format!("a forced title needs a price field: {line:?}"));
        }
        let title = fields
            .get(2)
            .filter(|t| !t.is_empty())
            .map(|t| (*t).to_string());
        let price = match fields.get(3) {
            None => None,
            Some(&"") => None,
            Some(p) => Some(price_field(p, line)?),
        };
        let variations = fields
            .iter()
            .skip(4)
            .filter(|v| !v.is_empty())
            .map(|v| {
                v.parse::<u64>()
                    .map_err(|_| format!("bad variation id in {line:?}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if variations.len() > MAX_VARIATIONS {
            return Err(format!("more than {MAX_VARIATIONS} variations in {line:?}"));
        }
        Ok(Self::Item {
            id,
            quantity,
            title,
            price,
            variations,
        })
    }
}

fn price_field(text: &str, line: &str) -> Result<Decimal, String> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let well_formed = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1;
    if !well_formed {
        return Err(format!("bad price {text:?} in {line:?}"));
    }
    parse_decimal(text).ok_or_else(|| format!("bad price {text:?} in {line:?}"))
}

/// What `payment` says: open, validated unpaid, or paid with a mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Payment {
    /// `-2`: not validated, not paid (an open order, still editable).
    Open,
    /// `-1`: validated, not paid.
    Validated,
    /// A payment mode id: a payment (of the whole order, or of `paymentAmount`).
    Mode(u64),
}

impl Payment {
    pub fn wire(self) -> String {
        match self {
            Self::Open => "-2".to_string(),
            Self::Validated => "-1".to_string(),
            Self::Mode(id) => id.to_string(),
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "-2" => Some(Self::Open),
            "-1" => Some(Self::Validated),
            other => other.parse().ok().map(Self::Mode),
        }
    }
}

/// `deliveryMethod`, 0–6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeliveryMethod {
    TakeAway = 0,
    Delivered = 1,
    OnSite = 2,
    DriveThru = 3,
    Counter = 4,
    RelayPoint = 5,
    Shipped = 6,
}

impl DeliveryMethod {
    pub const ALL: [Self; 7] = [
        Self::TakeAway,
        Self::Delivered,
        Self::OnSite,
        Self::DriveThru,
        Self::Counter,
        Self::RelayPoint,
        Self::Shipped,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.get(usize::from(code)).copied()
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::TakeAway => "Take away",
            Self::Delivered => "To be delivered",
            Self::OnSite => "On site",
            Self::DriveThru => "Drive-thru",
            Self::Counter => "Counter sale",
            Self::RelayPoint => "Relay point",
            Self::Shipped => "To be shipped",
        }
    }
}

/// A customer created within an order (`client[…]` fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCustomer {
    pub last_name: String,
    pub first_name: String,
    pub email: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub address_comment: String,
    pub postcode: String,
    pub city: String,
    pub country: String,
    pub vat_number: String,
    pub registration: String,
    pub barcode: String,
    pub phone2: String,
    pub lat: String,
    pub lng: String,
}

impl NewCustomer {
    /// The documented `client[…]` fields, in the documented order, empty ones left out.
    pub fn form_fields(&self) -> Vec<(String, String)> {
        [
            ("nom", &self.last_name),
            ("prenom", &self.first_name),
            ("email", &self.email),
            ("telephone", &self.phone),
            ("adresseligne1", &self.address_line1),
            ("adresseligne2", &self.address_line2),
            ("commentaireadresse", &self.address_comment),
            ("codepostal", &self.postcode),
            ("ville", &self.city),
            ("pays", &self.country),
            ("numtva", &self.vat_number),
            ("rcs", &self.registration),
            ("codeBarre", &self.barcode),
            ("telephone2", &self.phone2),
            ("lat", &self.lat),
            ("lng", &self.lng),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (format!("client[{k}]"), v.clone()))
        .collect()
    }

    /// Reads `client[…]` fields back (the simulator's side).
    pub fn from_form(fields: &[(String, String)]) -> Option<Self> {
        let get = |k: &str| {
            let key = format!("client[{k}]");
            fields
                .iter()
                .find(|(n, _)| *n == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let c = Self {
            last_name: get("nom"),
            first_name: get("prenom"),
            email: get("email"),
            phone: get("telephone"),
            address_line1: get("adresseligne1"),
            address_line2: get("adresseligne2"),
            address_comment: get("commentaireadresse"),
            postcode: get("codepostal"),
            city: get("ville"),
            country: get("pays"),
            vat_number: get("numtva"),
            registration: get("rcs"),
            barcode: get("codeBarre"),
            phone2: get("telephone2"),
            lat: get("lat"),
            lng: get("lng"),
        };
        (c != Self::default()).then_some(c)
    }
}

/// Who the order is for.
// Built once per order and rarely moved: boxing the large variant would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CustomerRef {
    Existing(u64),
    New(NewCustomer),
}

/// An order to record with `webapp.php`, or the changes to send with `editOrder.php`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub lines: Vec<ItemsListEntry>,
    pub payment: Payment,
    pub customer: Option<CustomerRef>,
    pub table_id: Option<u64>,
    pub covers: Option<u32>,
    pub pager: Option<u32>,
    pub delivery_method: Option<DeliveryMethod>,
    pub public_comment: Option<String>,
    pub private_comment: Option<String>,
    pub user_id: Option<u64>,
    pub cashbox_id: Option<u64>,
    /// The discounts granted on these lines (before less after), for the shift's figures. It is
    /// kept in the journal and never sent: the wire has the discounted prices.
    #[serde(default, skip_serializing_if = "Decimal::is_zero")]
    pub discount: Decimal,
}

impl Order {
    pub fn new(payment: Payment) -> Self {
        Self {
            lines: Vec::new(),
            payment,
            customer: None,
            table_id: None,
            covers: None,
            pager: None,
            delivery_method: None,
            public_comment: None,
            private_comment: None,
            user_id: None,
            cashbox_id: None,
            discount: Decimal::ZERO,
        }
    }

    /// The documented form fields of this order, without the shop and the key.
    pub fn form_fields(&self) -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> = Vec::new();
        let mut push = |k: &str, v: String| f.push((k.to_string(), v));
        push("payment", self.payment.wire());
        if let Some(u) = self.user_id {
            push("idUser", u.to_string());
        }
        if let Some(c) = self.cashbox_id {
            push("idcaisse", c.to_string());
        }
        if let Some(t) = self.table_id {
            push("idtable", t.to_string());
        }
        if let Some(c) = self.covers {
            push("numcouverts", c.to_string());
        }
        if let Some(p) = self.pager {
            push("pagerNum", p.to_string());
        }
        if let Some(d) = self.delivery_method {
            push("deliveryMethod", d.code().to_string());
        }
        if let Some(c) = &self.public_comment {
            push("publicComment", c.clone());
        }
        if let Some(c) = &self.private_comment {
            push("privateComment", c.clone());
        }
        match &self.customer {
            Some(CustomerRef::Existing(id)) => push("idClient", id.to_string()),
            Some(CustomerRef::New(c)) => f.extend(c.form_fields()),
            None => {}
        }
        for line in &self.lines {
            f.push(("itemsList[]".to_string(), line.encode()));
        }
        f
    }
}

/// A change to an open order, or a payment on any order, through `editOrder.php`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderEdit {
    pub order_id: u64,
    /// Lines to add, the new payment state, and the fields to change.
    pub changes: Order,
    /// With `payment` = a mode: the amount paid; `None` pays the whole order.
    pub payment_amount: Option<Decimal>,
}

impl OrderEdit {
    pub fn form_fields(&self) -> Vec<(String, String)> {
        let mut f = vec![("orderID".to_string(), self.order_id.to_string())];
        let mut rest = self.changes.form_fields();
        if let Some(amount) = self.payment_amount {
            rest.insert(1, ("paymentAmount".to_string(), wire_price(amount)));
        }
        f.extend(rest);
        f
    }
}

/// A customer record for `addClient.php` / `editClient.php` (`data[…]` fields). Only fields
/// that are `Some` are sent, so an edit changes just those.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerData {
    pub fields: Vec<(CustomerField, String)>,
}

/// The documented `data[…]` keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CustomerField {
    Title,
    Surname,
    Name,
    Position,
    Email,
    Phone,
    AddressLine1,
    AddressLine2,
    AddressComment,
    Postcode,
    City,
    Country,
    IdentificationId,
    Lat,
    Lng,
    CommentPrivate,
    CommentPublic,
    RegistrationNumber,
    VatNum,
    Barcode,
    Blacklist,
    ClientGroupId,
    Phone2,
    BirthDate,
    ActivityCode,
}

impl CustomerField {
    pub const ALL: [Self; 25] = [
        Self::Title,
        Self::Surname,
        Self::Name,
        Self::Position,
        Self::Email,
        Self::Phone,
        Self::AddressLine1,
        Self::AddressLine2,
        Self::AddressComment,
        Self::Postcode,
        Self::City,
        Self::Country,
        Self::IdentificationId,
        Self::Lat,
        Self::Lng,
        Self::CommentPrivate,
        Self::CommentPublic,
        Self::RegistrationNumber,
        Self::VatNum,
        Self::Barcode,
        Self::Blacklist,
        Self::ClientGroupId,
        Self::Phone2,
        Self::BirthDate,
        Self::ActivityCode,
    ];

    /// The documented key inside `data[…]` (`adressComment` is the vendor's spelling).
    pub fn wire(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Surname => "surname",
            Self::Name => "name",
            Self::Position => "position",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::AddressLine1 => "addressline1",
            Self::AddressLine2 => "addressline2",
            Self::AddressComment => "adressComment",
            Self::Postcode => "postcode",
            Self::City => "city",
            Self::Country => "country",
            Self::IdentificationId => "identificationID",
            Self::Lat => "lat",
            Self::Lng => "lng",
            Self::CommentPrivate => "commentPrivate",
            Self::CommentPublic => "commentPublic",
            Self::RegistrationNumber => "registrationNumber",
            Self::VatNum => "VATnum",
            Self::Barcode => "barcode",
            Self::Blacklist => "blacklist",
            Self::ClientGroupId => "clientGroupID",
            Self::Phone2 => "phone2",
            Self::BirthDate => "birthDate",
            Self::ActivityCode => "activityCode",
        }
    }

    pub fn from_wire(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.wire() == key)
    }
}

impl CustomerData {
    #[must_use]
    pub fn with(mut self, field: CustomerField, value: impl Into<String>) -> Self {
        self.fields.push((field, value.into()));
        self
    }

    pub fn form_fields(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .map(|(k, v)| (format!("data[{}]", k.wire()), v.clone()))
            .collect()
    }

    /// Reads `data[…]` fields back (the simulator's side); unknown keys are returned as errors.
    pub fn from_form(fields: &[(String, String)]) -> Result<Self, String> {
        let mut data = Self::default();
        for (k, v) in fields {
            let Some(inner) = k.strip_prefix("data[").and_then(|r| r.strip_suffix(']')) else {
                continue;
            };
            let field = CustomerField::from_wire(inner)
                .ok_or_else(|| format!("unknown field data[{inner}]"))?;
            data.fields.push((field, v.clone()));
        }
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    /// The vendor's own examples, from its documentation pages.
    #[test]
    fn vendor_examples_are_golden() {
        let cases = [
            (
                "12_2_Pizza 4 fromages_14.50_3_8",
                ItemsListEntry::Item {
                    id: 12,
                    quantity: dec!(2),
                    title: Some("Pizza 4 fromages".into()),
                    price: Some(dec!(14.50)),
                    variations: vec![3, 8],
                },
            ),
            (
                "-5_9.99_Vente libre",
                ItemsListEntry::Department {
                    department_id: 5,
                    price: dec!(9.99),
                    title: "Vente libre".into(),
                },
            ),
            (
                "Free_12.99_Item",
                ItemsListEntry::Free {
                    price: dec!(12.99),
                    title: "Item".into(),
                },
            ),
            (
                "42_1_Menu midi_12.90",
                ItemsListEntry::Item {
                    id: 42,
                    quantity: dec!(1),
                    title: Some("Menu midi".into()),
                    price: Some(dec!(12.90)),
                    variations: vec![],
                },
            ),
            (
                "15_3_Canette Cola_2.50",
                ItemsListEntry::Item {
                    id: 15,
                    quantity: dec!(3),
                    title: Some("Canette Cola".into()),
                    price: Some(dec!(2.50)),
                    variations: vec![],
                },
            ),
        ];
        for (text, entry) in cases {
            assert_eq!(entry.encode(), text);
            assert_eq!(ItemsListEntry::parse(text).unwrap(), entry);
        }
    }

    #[test]
    fn short_forms() {
        assert_eq!(ItemsListEntry::item(12, dec!(1)).encode(), "12");
        assert_eq!(ItemsListEntry::item(12, dec!(2)).encode(), "12_2");
        assert_eq!(ItemsListEntry::item(12, dec!(0.350)).encode(), "12_0.35");
        assert_eq!(ItemsListEntry::item(12, dec!(-1)).encode(), "12_-1");
        // The vendor's own client sends empty title and price for "no override".
        assert_eq!(
            ItemsListEntry::parse("12_2__").unwrap(),
            ItemsListEntry::item(12, dec!(2))
        );
        let only_variation = ItemsListEntry::Item {
            id: 3,
            quantity: dec!(1),
            title: None,
            price: None,
            variations: vec![7],
        };
        assert_eq!(only_variation.encode(), "3_1___7");
        assert_eq!(ItemsListEntry::parse("3_1___7").unwrap(), only_variation);
    }

    #[test]
    fn underscore_in_title_never_corrupts_the_line() {
        let e = ItemsListEntry::Item {
            id: 4,
            quantity: dec!(1),
            title: Some("Menu_du__jour\n".into()),
            price: Some(dec!(9.5)),
            variations: vec![2],
        };
        assert_eq!(e.encode(), "4_1_Menu du jour_9.50_2");
        let f = ItemsListEntry::Free {
            price: dec!(1),
            title: "a_b".into(),
        };
        assert_eq!(f.encode(), "Free_1.00_a b");
    }

    #[test]
    fn parser_refuses_malformed_lines() {
        for bad in [
            "",
            "x",
            "12_a",
            "12_1,5",
            "12_1_T",
            "12_1_T_1,50",
            "-x_1_a",
            "Free",
            "Free_abc_t",
            "12_1_T_1.00_1_2_3_4_5_6",
            "12_1_T_1.00_x",
        ] {
            assert!(ItemsListEntry::parse(bad).is_err(), "{bad:?}");
        }
    }

    /// The vendor's "new customer + sale" example, field for field.
    #[test]
    fn new_customer_example_fields() {
        let mut order = Order::new(Payment::Mode(2));
        order.delivery_method = Some(DeliveryMethod::Delivered);
        order.customer = Some(CustomerRef::New(NewCustomer {
            last_name: "Durand".into(),
            first_name: "Zoé".into(),
            email: "zoe.durand@example.com".into(),
            phone: "+33 6 12 34 56 78".into(),
            address_line1: "10 rue des Écoles".into(),
            address_line2: "Bât. B".into(),
            address_comment: "Sonner 2 fois".into(),
            postcode: "75005".into(),
            city: "Paris".into(),
            country: "FR".into(),
            vat_number: "FRXX999999999".into(),
            registration: "RCS Paris 123 456 789".into(),
            barcode: "CUST-0001".into(),
            phone2: "+33 1 23 45 67 89".into(),
            lat: "48.848".into(),
            lng: "2.347".into(),
        }));
        order.lines = vec![
            ItemsListEntry::parse("42_1_Menu midi_12.90").unwrap(),
            ItemsListEntry::parse("15_3_Canette Cola_2.50").unwrap(),
        ];
        let fields = order.form_fields();
        let expected: Vec<(String, String)> = [
            ("payment", "2"),
            ("deliveryMethod", "1"),
            ("client[nom]", "Durand"),
            ("client[prenom]", "Zoé"),
            ("client[email]", "zoe.durand@example.com"),
            ("client[telephone]", "+33 6 12 34 56 78"),
            ("client[adresseligne1]", "10 rue des Écoles"),
            ("client[adresseligne2]", "Bât. B"),
            ("client[commentaireadresse]", "Sonner 2 fois"),
            ("client[codepostal]", "75005"),
            ("client[ville]", "Paris"),
            ("client[pays]", "FR"),
            ("client[numtva]", "FRXX999999999"),
            ("client[rcs]", "RCS Paris 123 456 789"),
            ("client[codeBarre]", "CUST-0001"),
            ("client[telephone2]", "+33 1 23 45 67 89"),
            ("client[lat]", "48.848"),
            ("client[lng]", "2.347"),
            ("itemsList[]", "42_1_Menu midi_12.90"),
            ("itemsList[]", "15_3_Canette Cola_2.50"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(fields, expected);
        let back = NewCustomer::from_form(&fields).unwrap();
        assert_eq!(Some(CustomerRef::New(back)), order.customer);
    }

    #[test]
    fn edit_carries_order_id_and_amount() {
        let mut changes = Order::new(Payment::Mode(1));
        changes.lines.push(ItemsListEntry::Free {
            price: dec!(12.99),
            title: "Item".into(),
        });
        let edit = OrderEdit {
            order_id: 123_456,
            changes,
            payment_amount: Some(dec!(20)),
        };
        let f = edit.form_fields();
        assert_eq!(f[0], ("orderID".into(), "123456".into()));
        assert_eq!(f[1], ("payment".into(), "1".into()));
        assert_eq!(f[2], ("paymentAmount".into(), "20.00".into()));
        assert_eq!(f[3], ("itemsList[]".into(), "Free_12.99_Item".into()));
    }

    fn title_strategy() -> impl Strategy<Value = String> {
        "[ -~àéèçÉô_\n]{0,24}"
    }

    fn price_strategy() -> impl Strategy<Value = Decimal> {
        (-1_000_000_i64..1_000_000).prop_map(|c| Decimal::new(c, 2))
    }

    fn entry_strategy() -> impl Strategy<Value = ItemsListEntry> {
        prop_oneof![
            (
                1_u64..1_000_000,
                (-10_000_i64..100_000).prop_filter("non-zero", |q| *q != 0),
                proptest::option::of(title_strategy()),
                proptest::option::of(price_strategy()),
                proptest::collection::vec(1_u64..10_000, 0..=5),
            )
                .prop_map(|(id, q, title, price, variations)| ItemsListEntry::Item {
                    id,
                    quantity: Decimal::new(q, 3),
                    title,
                    price,
                    variations,
                }),
            (1_u64..10_000, price_strategy(), title_strategy()).prop_map(
                |(department_id, price, title)| ItemsListEntry::Department {
                    department_id,
                    price,
                    title
                }
            ),
            (price_strategy(), title_strategy())
                .prop_map(|(price, title)| ItemsListEntry::Free { price, title }),
        ]
    }

    /// What the encoder promises: the parsed line equals the entry with its title cleaned, an
    /// empty forced title meaning "no override", and the quantity normalised.
    fn expected_after_round_trip(e: &ItemsListEntry) -> ItemsListEntry {
        match e.clone() {
            ItemsListEntry::Item {
                id,
                quantity,
                title,
                price,
                variations,
            } => ItemsListEntry::Item {
                id,
                quantity: quantity.normalize(),
                title: title.map(|t| clean_title(&t)).filter(|t| !t.is_empty()),
                price,
                variations,
            },
            ItemsListEntry::Department {
                department_id,
                price,
                title,
            } => ItemsListEntry::Department {
                department_id,
                price,
                title: clean_title(&title),
            },
            ItemsListEntry::Free { price, title } => ItemsListEntry::Free {
                price,
                title: clean_title(&title),
            },
        }
    }

    fn normalise_quantity(e: ItemsListEntry) -> ItemsListEntry {
        match e {
            ItemsListEntry::Item {
                id,
                quantity,
                title,
                price,
                variations,
            } => ItemsListEntry::Item {
                id,
                quantity: quantity.normalize(),
                title,
                price,
                variations,
            },
            other => other,
        }
    }

    proptest! {
        #[test]
        fn encoding_round_trips_through_the_grammar(e in entry_strategy()) {
            let text = e.encode();
            prop_assert!(!text.contains('\n'));
            let parsed = ItemsListEntry::parse(&text).map_err(TestCaseError::fail)?;
            prop_assert_eq!(normalise_quantity(parsed), expected_after_round_trip(&e));
        }

        #[test]
        fn parser_never_panics(s in "[-0-9a-zA-Z_., ]{0,30}") {
            let _ = ItemsListEntry::parse(&s);
        }
    }
}

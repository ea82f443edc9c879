//! What the Kash.click lists hold, as the rest of kash-pos sees it. Each type reads itself
//! tolerantly from the service's JSON (`from_json`) and writes itself in the canonical shape of the
//! API reference (`Serialize`), which is what the simulator serves.

use compact_str::CompactString;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json::{Fields, Flat, Obj, Plain};

/// A resource that can be read from one element of a list response.
pub trait FromJson: Sized {
    /// Reads one element; `Err` carries the reason the element is skipped.
    fn from_json(obj: &Obj<'_>) -> Result<Self, String>;

    /// Reads one element straight from its JSON; the inner `Err` is the reason the element is
    /// skipped, the outer one JSON that does not parse. Through a `Value` tree unless the type
    /// reads itself faster (the catalog's items).
    ///
    /// # Errors
    /// The deserializer's, when the element is not JSON.
    fn from_element<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Result<Self, String>, D::Error> {
        let value = Value::deserialize(d)?;
        Ok(match &value {
            Value::Object(map) => Self::from_json(&Obj(map)),
            _ => Err("not an object".to_string()),
        })
    }

    /// Reads one element from its text with no JSON parser, when the type can and the element
    /// is of the plain shape it reads so (the catalog's items: [`Plain`]); `None` sends the
    /// element to [`FromJson::from_element`], which reads it alike.
    fn from_plain(_text: &str) -> Option<Result<Self, String>> {
        None
    }
}

const ID: &[&str] = &["id", "ID", "Id"];
const TITLE: &[&str] = &["title", "name", "nom", "titre", "label"];

fn title_of(o: &impl Fields, id: u64) -> String {
    compact_title_of(o, id).into_string()
}

/// The title, or `#id` when it has none; inline when short (an item's).
fn compact_title_of(o: &impl Fields, id: u64) -> CompactString {
    o.opt_compact_text(TITLE)
        .unwrap_or_else(|| compact_str::format_compact!("#{id}"))
}

fn dec_is_zero(d: &Decimal) -> bool {
    d.is_zero()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: u64,
    pub title: CompactString,
    #[serde(rename = "shortTitle", default)]
    pub short_title: CompactString,
    #[serde(with = "rust_decimal::serde::str")]
    pub price: Decimal,
    #[serde(rename = "deptID", default)]
    pub department_id: Option<u64>,
    #[serde(rename = "vatID", default)]
    pub vat_id: Option<u64>,
    #[serde(default)]
    pub barcode: CompactString,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub stock: Option<Decimal>,
    #[serde(rename = "internalID", default)]
    pub internal_id: CompactString,
    #[serde(rename = "keyboardHide", default)]
    pub hidden: bool,
    #[serde(default)]
    pub position: i64,
    /// Ids of the variation sets (`variationID0`…`variationID4`) the cashier must choose from.
    #[serde(skip)]
    pub variation_ids: Vec<u64>,
}

/// An item in the canonical wire shape of the API reference, field for field and in its
/// order, with `variationID0…4` flattened: what the simulator writes item by item, and what
/// [`Item::to_wire`] makes a tree of.
#[derive(Serialize)]
#[allow(non_snake_case)] // the wire's names
pub struct WireItem<'a> {
    id: u64,
    title: &'a str,
    shortTitle: &'a str,
    #[serde(with = "rust_decimal::serde::str")]
    price: Decimal,
    deptID: Option<u64>,
    vatID: Option<u64>,
    barcode: &'a str,
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    stock: Option<Decimal>,
    internalID: &'a str,
    keyboardHide: bool,
    position: i64,
    variationID0: u64,
    variationID1: u64,
    variationID2: u64,
    variationID3: u64,
    variationID4: u64,
}

impl Item {
    /// The item in the wire's shape, borrowed ([`WireItem`]).
    #[must_use]
    pub fn wire(&self) -> WireItem<'_> {
        let set = |i: usize| self.variation_ids.get(i).copied().unwrap_or(0);
        WireItem {
            id: self.id,
            title: &self.title,
            shortTitle: &self.short_title,
            price: self.price,
            deptID: self.department_id,
            vatID: self.vat_id,
            barcode: &self.barcode,
            stock: self.stock,
            internalID: &self.internal_id,
            keyboardHide: self.hidden,
            position: self.position,
            variationID0: set(0),
            variationID1: set(1),
            variationID2: set(2),
            variationID3: set(3),
            variationID4: set(4),
        }
    }

    /// The canonical wire shape as a tree ([`WireItem`]).
    #[must_use]
    pub fn to_wire(&self) -> Value {
        serde_json::to_value(self.wire()).unwrap_or(Value::Null)
    }
}

impl FromJson for Item {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        Self::read(o)
    }

    /// A catalog of 100 000 items is read with no tree: each element's scalar fields are read
    /// where they lie in the body ([`Flat`]).
    fn from_element<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Result<Self, String>, D::Error> {
        Ok(match Flat::deserialize(d)? {
            flat @ Flat::Object(_) => Self::read(&flat),
            Flat::NotObject => Err("not an object".to_string()),
        })
    }

    fn from_plain(text: &str) -> Option<Result<Self, String>> {
        Plain::read(text, Self::read)
    }
}

impl Item {
    fn read(o: &impl Fields) -> Result<Self, String> {
        let id = o.id(ID)?;
        let price = o.money(&["price", "prix", "prixTTC"])?;
        const SETS: [[&str; 2]; 5] = [
            ["variationID0", "declinaisonID0"],
            ["variationID1", "declinaisonID1"],
            ["variationID2", "declinaisonID2"],
            ["variationID3", "declinaisonID3"],
            ["variationID4", "declinaisonID4"],
        ];
        let variation_ids = SETS.iter().filter_map(|names| o.opt_id(names)).collect();
        Ok(Self {
            id,
            title: compact_title_of(o, id),
            short_title: o.compact_text(&["shortTitle", "shorttitle"]),
            price,
            department_id: o.opt_id(&["deptID", "departmentId", "departmentID", "idRayon"]),
            vat_id: o.opt_id(&["vatID", "vatId", "idTVA"]),
            barcode: o.compact_text(&["barcode", "codeBarre", "ean"]),
            stock: o.opt_money(&["stock"]),
            internal_id: o.compact_text(&["internalID", "internalId"]),
            hidden: o.flag(&["keyboardHide", "hidden"]),
            position: o.opt_int(&["position"]).unwrap_or(0),
            variation_ids,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: u64,
    pub title: String,
    #[serde(rename = "shortTitle", default)]
    pub short_title: String,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub price: Option<Decimal>,
    #[serde(rename = "vatID", default)]
    pub vat_id: Option<u64>,
    #[serde(rename = "deptGroupID", default)]
    pub group_id: Option<u64>,
    #[serde(default)]
    pub position: i64,
    #[serde(rename = "keyboardHide", default)]
    pub hidden: bool,
}

impl FromJson for Department {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let id = o.id(ID)?;
        Ok(Self {
            id,
            title: title_of(o, id),
            short_title: o.text(&["shortTitle"]),
            price: o.opt_money(&["price"]),
            vat_id: o.opt_id(&["vatID", "vatId"]),
            group_id: o.opt_id(&["deptGroupID", "departmentGroupId", "groupID"]),
            position: o.opt_int(&["position"]).unwrap_or(0),
            hidden: o.flag(&["keyboardHide", "hidden"]),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentGroup {
    pub id: u64,
    pub title: String,
    #[serde(default)]
    pub position: i64,
}

impl FromJson for DepartmentGroup {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let id = o.id(ID)?;
        Ok(Self {
            id,
            title: title_of(o, id),
            position: o.opt_int(&["position"]).unwrap_or(0),
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: u64,
    /// Civility (M., Mme…).
    #[serde(default)]
    pub title: String,
    /// First name.
    #[serde(default)]
    pub surname: String,
    /// Last name.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub phone2: String,
    #[serde(default)]
    pub addressline1: String,
    #[serde(default)]
    pub addressline2: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub country: String,
    #[serde(rename = "VATnum", default)]
    pub vat_number: String,
    #[serde(default)]
    pub barcode: String,
    #[serde(default)]
    pub blacklist: bool,
    #[serde(rename = "commentPrivate", default)]
    pub private_comment: String,
}

impl Customer {
    /// "First Last", or whatever part is known.
    pub fn display_name(&self) -> String {
        let full = format!("{} {}", self.surname, self.name);
        let full = full.trim();
        if full.is_empty() {
            format!("#{}", self.id)
        } else {
            full.to_string()
        }
    }
}

impl FromJson for Customer {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        Ok(Self {
            id: o.id(ID)?,
            title: o.text(&["title", "civilite"]),
            surname: o.text(&["surname", "firstname", "prenom"]),
            name: o.text(&["name", "lastname", "nom"]),
            email: o.text(&["email"]),
            phone: o.text(&["phone", "telephone"]),
            phone2: o.text(&["phone2", "telephone2"]),
            addressline1: o.text(&["addressline1", "adresseligne1"]),
            addressline2: o.text(&["addressline2", "adresseligne2"]),
            postcode: o.text(&["postcode", "codepostal"]),
            city: o.text(&["city", "ville"]),
            country: o.text(&["country", "pays"]),
            vat_number: o.text(&["VATnum", "numtva"]),
            barcode: o.text(&["barcode", "codeBarre"]),
            blacklist: o.flag(&["blacklist"]),
            private_comment: o.text(&["commentPrivate"]),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariationChoice {
    pub id: u64,
    pub title: String,
    #[serde(rename = "deltaPrice", with = "rust_decimal::serde::str")]
    pub delta_price: Decimal,
    #[serde(default)]
    pub position: i64,
}

/// A set of variations (a "déclinaison"): sizes, cooking…, one of which is chosen per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variation {
    pub id: u64,
    pub title: String,
    pub choices: Vec<VariationChoice>,
}

impl FromJson for Variation {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let id = o.id(ID)?;
        let mut choices = Vec::new();
        if let Some(list) = o.get(&["choices", "values", "options"]) {
            let elements = super::json::list_elements(list.clone()).unwrap_or_default();
            for el in elements {
                let Some(map) = el.as_object() else { continue };
                let c = Obj(map);
                let Ok(cid) = c.id(ID) else {
                    tracing::warn!(variation = id, "variation choice skipped: unreadable id");
                    continue;
                };
                choices.push(VariationChoice {
                    id: cid,
                    title: title_of(&c, cid),
                    delta_price: c
                        .opt_money(&["deltaPrice", "price", "delta"])
                        .unwrap_or_default(),
                    position: c.opt_int(&["position"]).unwrap_or(0),
                });
            }
        }
        choices.sort_by_key(|c| c.position);
        Ok(Self {
            id,
            title: title_of(o, id),
            choices,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryMethodEntry {
    pub id: u64,
    pub title: String,
}

impl FromJson for DeliveryMethodEntry {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let id = o.id(ID)?;
        Ok(Self {
            id,
            title: title_of(o, id),
        })
    }
}

/// The kind of a payment mode, as `getPaymentModes.php` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaymentKind {
    Cash,
    #[serde(rename = "Credit_Card")]
    CreditCard,
    Check,
    #[serde(rename = "Bank_Transfer")]
    BankTransfer,
    #[serde(rename = "Meal_Voucher")]
    MealVoucher,
    #[serde(rename = "Holiday_Voucher")]
    HolidayVoucher,
    Other,
}

impl PaymentKind {
    fn parse(text: &str) -> Self {
        match text
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "cash" | "especes" | "espèces" => Self::Cash,
            "credit_card" | "card" | "cb" => Self::CreditCard,
            "check" | "cheque" | "chèque" => Self::Check,
            "bank_transfer" | "transfer" => Self::BankTransfer,
            "meal_voucher" | "ticket_restaurant" => Self::MealVoucher,
            "holiday_voucher" | "ancv" => Self::HolidayVoucher,
            _ => Self::Other,
        }
    }

    fn wire(self) -> &'static str {
        match self {
            Self::Cash => "Cash",
            Self::CreditCard => "Credit_Card",
            Self::Check => "Check",
            Self::BankTransfer => "Bank_Transfer",
            Self::MealVoucher => "Meal_Voucher",
            Self::HolidayVoucher => "Holiday_Voucher",
            Self::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMode {
    pub id: u64,
    pub title: String,
    /// The wire `type`, e.g. `Cash` or `Credit_Card_Refund`.
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(
        rename = "minimumAmount",
        default,
        with = "rust_decimal::serde::str_option"
    )]
    pub minimum_amount: Option<Decimal>,
    #[serde(
        rename = "maximumAmount",
        default,
        with = "rust_decimal::serde::str_option"
    )]
    pub maximum_amount: Option<Decimal>,
}

impl PaymentMode {
    pub fn kind(&self) -> PaymentKind {
        PaymentKind::parse(
            self.type_name
                .trim_end_matches("_Refund")
                .trim_end_matches("_refund"),
        )
    }

    pub fn is_refund(&self) -> bool {
        self.type_name.to_ascii_lowercase().ends_with("_refund")
    }

    pub fn is_cash(&self) -> bool {
        self.kind() == PaymentKind::Cash && !self.is_refund()
    }

    /// A mode of the given kind, for tests and the demo shop.
    pub fn new(id: u64, title: &str, kind: PaymentKind, refund: bool) -> Self {
        let type_name = if refund {
            format!("{}_Refund", kind.wire())
        } else {
            kind.wire().to_string()
        };
        Self {
            id,
            title: title.to_string(),
            type_name,
            minimum_amount: None,
            maximum_amount: None,
        }
    }
}

impl FromJson for PaymentMode {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let id = o.id(ID)?;
        Ok(Self {
            id,
            title: title_of(o, id),
            type_name: o.text(&["type", "kind"]),
            minimum_amount: o
                .opt_money(&["minimumAmount", "minAmount"])
                .filter(|d| !dec_is_zero(d)),
            maximum_amount: o
                .opt_money(&["maximumAmount", "maxAmount"])
                .filter(|d| !dec_is_zero(d)),
        })
    }
}

macro_rules! id_title {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name {
            pub id: u64,
            pub title: String,
        }

        impl FromJson for $name {
            fn from_json(o: &Obj<'_>) -> Result<Self, String> {
                let id = o.id(ID)?;
                Ok(Self { id, title: title_of(o, id) })
            }
        }
    };
}

id_title!(
    /// A till (caisse).
    Cashbox
);
id_title!(
    /// A user of the shop (a cashier, a waiter).
    User
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryZone {
    pub id: u64,
    pub title: String,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub price: Option<Decimal>,
}

impl FromJson for DeliveryZone {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let id = o.id(ID)?;
        Ok(Self {
            id,
            title: title_of(o, id),
            price: o.opt_money(&["price"]),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayPoint {
    pub id: u64,
    pub title: String,
    #[serde(default)]
    pub address: String,
}

impl FromJson for RelayPoint {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let id = o.id(ID)?;
        Ok(Self {
            id,
            title: title_of(o, id),
            address: o.text(&["address", "adresse"]),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscountKind {
    Percent,
    Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discount {
    pub id: u64,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: DiscountKind,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
}

impl FromJson for Discount {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let id = o.id(ID)?;
        let kind = match o.text(&["type", "kind"]).to_ascii_lowercase().as_str() {
            "percent" | "percentage" | "%" | "pourcentage" => DiscountKind::Percent,
            "amount" | "fixed" | "montant" => DiscountKind::Amount,
            other => return Err(format!("unknown discount type {other:?}")),
        };
        Ok(Self {
            id,
            title: title_of(o, id),
            kind,
            value: o.money(&["value", "valeur"])?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub id: u64,
    pub title: String,
    /// Seats.
    #[serde(default)]
    pub covers: u32,
}

impl FromJson for Table {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let id = o.id(ID)?;
        let covers = o.opt_int(&["covers", "numcouverts", "seats"]).unwrap_or(0);
        Ok(Self {
            id,
            title: title_of(o, id),
            covers: u32::try_from(covers.max(0)).unwrap_or(0),
        })
    }
}

/// One line of an order as `getPending.php` / `getOrders.php` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub id: u64,
    pub title: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub quantity: Decimal,
    /// Unit price.
    #[serde(with = "rust_decimal::serde::str")]
    pub price: Decimal,
    #[serde(default)]
    pub declinaisons: Vec<u64>,
}

/// An order as `getPending.php` (open orders) and `getOrders.php` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingOrder {
    #[serde(rename = "orderID")]
    pub order_id: u64,
    #[serde(rename = "orderInternalID", default)]
    pub internal_id: String,
    /// Total of the order.
    #[serde(with = "rust_decimal::serde::str")]
    pub price: Decimal,
    #[serde(default)]
    pub date: String,
    #[serde(rename = "clientID", default)]
    pub client_id: Option<u64>,
    #[serde(rename = "cashBoxID", default)]
    pub cashbox_id: Option<u64>,
    #[serde(rename = "idtable", default)]
    pub table_id: Option<u64>,
    #[serde(rename = "numcouverts", default)]
    pub covers: Option<u32>,
    #[serde(rename = "deliveryMethod", default)]
    pub delivery_method: Option<u8>,
    #[serde(rename = "pagerNum", default)]
    pub pager: Option<u32>,
    #[serde(rename = "publicComment", default)]
    pub public_comment: String,
    #[serde(rename = "privateComment", default)]
    pub private_comment: String,
    #[serde(default)]
    pub items: Vec<OrderLine>,
    /// Validated (no longer editable). Not in the reference's field list; read when present.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub validated: bool,
    /// Amount already paid. Not in the reference's field list; read when present.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub paid: Option<Decimal>,
    /// Lines the order has but that could not be read (an element without a price, a line
    /// in an unknown shape): never to be shown as an empty basket.
    #[serde(skip)]
    pub unreadable_lines: usize,
}

fn small(o: &Obj<'_>, names: &[&str]) -> Option<u32> {
    o.opt_int(names).and_then(|i| u32::try_from(i).ok())
}

impl FromJson for PendingOrder {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        let order_id = o.id(&["orderID", "orderId", "id"])?;
        let mut items = Vec::new();
        let mut unreadable_lines = 0;
        if let Some(list) = o.get(&["items", "lines"]) {
            // Some services send the lines as a JSON string.
            let list = match list {
                Value::String(s) => serde_json::from_str(s).unwrap_or(Value::Null),
                other => other.clone(),
            };
            let elements = match super::json::list_elements(list) {
                Ok(elements) => elements,
                Err(reason) => {
                    tracing::warn!(order = order_id, %reason, "order lines unreadable");
                    unreadable_lines += 1;
                    Vec::new()
                }
            };
            for el in elements {
                let map = match &el {
                    Value::Object(map) => map,
                    // The itemsList grammar (`"101_3"`): read when it carries a price.
                    Value::String(text) => {
                        match line_from_items_list(text) {
                            Some(line) => items.push(line),
                            None => unreadable_lines += 1,
                        }
                        continue;
                    }
                    _ => {
                        unreadable_lines += 1;
                        continue;
                    }
                };
                let l = Obj(map);
                let line = (|| -> Result<OrderLine, String> {
                    let id = l.opt_id(ID).unwrap_or(0);
                    Ok(OrderLine {
                        id,
                        title: l.text(TITLE),
                        quantity: l
                            .opt_money(&["quantity", "qty", "quantite"])
                            .unwrap_or(Decimal::ONE),
                        price: l.money(&["price", "prix"])?,
                        declinaisons: match l.get(&["declinaisons", "variations"]) {
                            Some(Value::Array(a)) => {
                                a.iter().filter_map(super::json::value_to_id).collect()
                            }
                            _ => Vec::new(),
                        },
                    })
                })();
                match line {
                    Ok(line) => items.push(line),
                    Err(reason) => {
                        tracing::warn!(order = order_id, %reason, "order line unreadable");
                        unreadable_lines += 1;
                    }
                }
            }
        }
        Ok(Self {
            order_id,
            internal_id: o.text(&["orderInternalID", "internalID"]),
            price: o.money(&["price", "total", "amount"])?,
            date: o.text(&["date"]),
            client_id: o.opt_id(&["clientID", "idClient"]),
            cashbox_id: o.opt_id(&["cashBoxID", "idcaisse"]),
            table_id: o.opt_id(&["idtable", "tableID"]),
            covers: small(o, &["numcouverts", "covers"]),
            delivery_method: o
                .opt_int(&["deliveryMethod"])
                .and_then(|i| u8::try_from(i).ok()),
            pager: small(o, &["pagerNum"]),
            public_comment: o.text(&["publicComment"]),
            private_comment: o.text(&["privateComment"]),
            items,
            validated: o.flag(&["validated"]),
            paid: o.opt_money(&["paid", "amountPaid"]),
            unreadable_lines,
        })
    }
}

/// A line sent in the itemsList grammar: readable only when it carries its unit price (a
/// catalog line `ID_QTY` does not: its price is the catalog's of that day).
fn line_from_items_list(text: &str) -> Option<OrderLine> {
    use super::order::ItemsListEntry;
    match ItemsListEntry::parse(text).ok()? {
        ItemsListEntry::Item {
            id,
            quantity,
            title,
            price: Some(price),
            variations,
        } => Some(OrderLine {
            id,
            title: title.unwrap_or_default(),
            quantity,
            price,
            declinaisons: variations,
        }),
        ItemsListEntry::Item { price: None, .. } => None,
        ItemsListEntry::Department { price, title, .. } | ItemsListEntry::Free { price, title } => {
            Some(OrderLine {
                id: 0,
                title,
                quantity: Decimal::ONE,
                price,
                declinaisons: Vec::new(),
            })
        }
    }
}

/// The answer to `webapp.php` and `editOrder.php`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderReceipt {
    pub order_id: u64,
    pub payment_link: Option<String>,
    pub invoice: Option<String>,
    pub quote: Option<String>,
}

impl FromJson for OrderReceipt {
    fn from_json(o: &Obj<'_>) -> Result<Self, String> {
        Ok(Self {
            order_id: o.id(&["orderID", "orderId", "id"])?,
            payment_link: o.opt_text(&["paymentLink"]),
            invoice: o.opt_text(&["invoice", "PDFinvoice"]),
            quote: o.opt_text(&["quote"]),
        })
    }
}

/// The shop id and API key obtained by logging in.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub shop_id: String,
    pub api_key: super::ApiKey,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("shop_id", &self.shop_id)
            .field("api_key", &self.api_key)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use serde_json::json;

    fn read<T: FromJson>(v: Value) -> Result<T, String> {
        T::from_json(&Obj(v.as_object().unwrap()))
    }

    #[test]
    fn item_with_loose_fields_and_aliases() {
        let item: Item = read(json!({
            "id": "12", "name": "Pizza", "price": "14,50", "idRayon": 3,
            "keyboardHide": "0", "variationID0": "4", "variationID1": 0, "extra": [1]
        }))
        .unwrap();
        assert_eq!(item.id, 12);
        assert_eq!(item.title, "Pizza");
        assert_eq!(item.price, dec!(14.50));
        assert_eq!(item.department_id, Some(3));
        assert_eq!(item.variation_ids, vec![4]);
        assert!(!item.hidden);
    }

    /// Reads one element both ways a list is read: through a tree, and flat from its text.
    fn both_ways(text: &str) -> (Result<Item, String>, Result<Item, String>) {
        let value: Value = serde_json::from_str(text).unwrap();
        let tree = match &value {
            Value::Object(map) => Item::from_json(&Obj(map)),
            _ => Err("not an object".to_string()),
        };
        let mut de = serde_json::Deserializer::from_str(text);
        let flat = Item::from_element(&mut de).unwrap();
        de.end().unwrap();
        (tree, flat)
    }

    #[test]
    fn an_item_read_flat_is_the_item_read_through_a_tree() {
        let cases = [
            r#"{"id": "12", "name": "Pizza", "price": "14,50", "idRayon": 3,
                "keyboardHide": "0", "variationID0": "4", "variationID1": 0, "extra": [1]}"#,
            r#"{"ID": 7, "titre": "Caf\u00e9 \"noir\"", "prixTTC": 1.80, "deptID": "2",
                "barcode": 3012345678901, "stock": "-2.5", "position": "4", "hidden": "oui"}"#,
            r#"{"id": 1, "title": "first", "title": "last", "price": 2e1, "vatID": -1,
                "nested": {"price": 99, "id": [1, {"a": null}]}, "shortTitle": null}"#,
            r#"{"id": 3, "title": "  ", "price": "abc"}"#,
            r#"{"id": "x1", "price": 1}"#,
            r#"{"id": 4, "title": "big", "price": 1e13}"#,
            r#"{"id": 5, "title": "ctl\u0007 \u202e", "price": 0, "keyboardHide": true,
                "internalID": 12.5, "declinaisonID2": "8"}"#,
            r#"[{"id": 1, "price": 1}]"#,
            r#""text""#,
            "12",
            "null",
        ];
        for text in cases {
            let (tree, flat) = both_ways(text);
            assert_eq!(tree, flat, "{text}");
        }
        // The cases do exercise both outcomes.
        assert!(both_ways(cases[0]).1.is_ok());
        assert!(both_ways(cases[3]).1.is_err());
        assert_eq!(
            both_ways(cases[2]).1.unwrap().title,
            "last",
            "a repeated key keeps its last value"
        );
    }

    #[test]
    fn item_without_price_is_refused() {
        assert!(read::<Item>(json!({"id": 1, "title": "x"})).is_err());
        assert!(read::<Item>(json!({"id": 1, "title": "x", "price": "abc"})).is_err());
        assert!(read::<Item>(json!({"id": "x1", "price": 1})).is_err());
    }

    #[test]
    fn item_round_trips_through_wire_shape() {
        let item: Item = read(json!({"id": 7, "title": "Café", "price": 1.8, "deptID": 2,
            "variationID0": 3}))
        .unwrap();
        let back: Item = read(item.to_wire()).unwrap();
        assert_eq!(item, back);
    }

    #[test]
    fn payment_mode_kinds() {
        let m: PaymentMode =
            read(json!({"id": 3, "title": "Remb. CB", "type": "Credit_Card_Refund"})).unwrap();
        assert!(m.is_refund());
        assert_eq!(m.kind(), PaymentKind::CreditCard);
        let cash = PaymentMode::new(1, "Espèces", PaymentKind::Cash, false);
        assert!(cash.is_cash());
        assert_eq!(cash.type_name, "Cash");
    }

    #[test]
    fn pending_order_reads_lines() {
        let o: PendingOrder = read(json!({"orderID": "99", "price": "12.5", "idtable": "4",
            "numcouverts": "2", "items": [{"id": 1, "title": "A", "quantity": "2", "price": "3,00",
            "declinaisons": ["5"]}, {"id": 2, "title": "bad", "price": "x"}]}))
        .unwrap();
        assert_eq!(o.order_id, 99);
        assert_eq!(o.table_id, Some(4));
        assert_eq!(o.covers, Some(2));
        assert_eq!(o.items.len(), 1);
        assert_eq!(o.items[0].declinaisons, vec![5]);
        assert_eq!(o.unreadable_lines, 1);
    }

    #[test]
    fn lines_in_the_items_list_grammar_are_counted_when_unreadable() {
        let o: PendingOrder = read(json!({"orderID": 9002, "price": "3.90",
            "items": ["101_3", "Free_1.20_Bag", 7]}))
        .unwrap();
        assert_eq!(o.items.len(), 1, "{o:?}");
        assert_eq!(o.items[0].price, dec!(1.20));
        assert_eq!(o.unreadable_lines, 2);
    }
}

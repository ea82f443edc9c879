//! The shop the simulator serves: its catalog and reference lists (items, departments, tables,
//! payment modes…), read from `assets/demo-shop.json` with the client's own tolerant readers, and
//! the generated catalog used by benchmarks.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::kash::client::parse_list;
use crate::kash::model::{
    Cashbox, Customer, DeliveryMethodEntry, DeliveryZone, Department, DepartmentGroup, Discount,
    FromJson, Item, PaymentMode, RelayPoint, Table, User, Variation, VariationChoice,
};

/// The demo shop, in the canonical field names of the API reference.
pub const DEMO_SHOP_JSON: &str = include_str!("../../assets/demo-shop.json");

/// Everything a shop holds apart from its orders.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub title: String,
    /// Shared, so a listing is written from the catalog as it was asked for without holding the
    /// shop while it is sent (the simulator's items do not change once it serves).
    pub items: Arc<Vec<Item>>,
    pub departments: Vec<Department>,
    pub department_groups: Vec<DepartmentGroup>,
    pub customers: Vec<Customer>,
    pub variations: Vec<Variation>,
    pub delivery_methods: Vec<DeliveryMethodEntry>,
    pub payment_modes: Vec<PaymentMode>,
    pub cashboxes: Vec<Cashbox>,
    pub delivery_zones: Vec<DeliveryZone>,
    pub relay_points: Vec<RelayPoint>,
    pub discounts: Vec<Discount>,
    pub users: Vec<User>,
    pub tables: Vec<Table>,
}

fn section<T: FromJson>(root: &Value, key: &str) -> Result<Vec<T>, String> {
    let value = root.get(key).cloned().unwrap_or(Value::Array(Vec::new()));
    let listed = parse_list::<T>(key, value).map_err(|e| format!("{key}: {e}"))?;
    if let Some(reason) = listed.skipped.first() {
        return Err(format!("{key}: element {reason}"));
    }
    Ok(listed.items)
}

impl Catalog {
    /// Reads a shop file; every element must be readable (the file is ours, not the vendor's).
    pub fn from_json(text: &str) -> Result<Self, String> {
        let root: Value = serde_json::from_str(text).map_err(|e| format!("shop file: {e}"))?;
        Ok(Self {
            title: root
                .pointer("/shop/title")
                .and_then(Value::as_str)
                .unwrap_or("Shop")
                .to_string(),
            items: Arc::new(section(&root, "items")?),
            departments: section(&root, "departments")?,
            department_groups: section(&root, "departmentGroups")?,
            customers: section(&root, "customers")?,
            variations: section(&root, "variations")?,
            delivery_methods: section(&root, "deliveryMethods")?,
            payment_modes: section(&root, "paymentModes")?,
            cashboxes: section(&root, "cashboxes")?,
            delivery_zones: section(&root, "deliveryZones")?,
            relay_points: section(&root, "relayPoints")?,
            discounts: section(&root, "discounts")?,
            users: section(&root, "users")?,
            tables: section(&root, "tables")?,
        })
    }

    /// The built-in demo shop. The file is checked by a unit test, so a failure here is a
    /// build defect; it is logged and an empty shop served rather than a crash.
    pub fn demo() -> Self {
        Self::from_json(DEMO_SHOP_JSON).unwrap_or_else(|e| {
            tracing::error!(error = %e, "the built-in demo shop cannot be read");
            Self::default()
        })
    }

    pub fn item(&self, id: u64) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn department(&self, id: u64) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    pub fn payment_mode(&self, id: u64) -> Option<&PaymentMode> {
        self.payment_modes.iter().find(|m| m.id == id)
    }

    pub fn customer(&self, id: u64) -> Option<&Customer> {
        self.customers.iter().find(|c| c.id == id)
    }

    /// A variation choice by its id (choice ids are unique across the shop's variation sets).
    pub fn variation_choice(&self, id: u64) -> Option<&VariationChoice> {
        self.variations
            .iter()
            .flat_map(|v| v.choices.iter())
            .find(|c| c.id == id)
    }

    /// The id of the user with this login or name, created when missing (as the API does for
    /// "webservice").
    pub fn user_named(&mut self, name: &str) -> u64 {
        if let Some(u) = self.users.iter().find(|u| u.title == name) {
            return u.id;
        }
        let id = self.users.iter().map(|u| u.id).max().unwrap_or(0) + 1;
        self.users.push(User {
            id,
            title: name.to_string(),
        });
        id
    }

    /// Adds `count` generated items, spread over the departments, with valid and unique EAN-13
    /// barcodes and deterministic prices.
    pub fn add_generated_items(&mut self, count: usize) {
        let first = self.items.iter().map(|i| i.id).max().unwrap_or(0) + 1;
        let departments: Vec<(u64, Option<u64>)> =
            self.departments.iter().map(|d| (d.id, d.vat_id)).collect();
        let items = Arc::make_mut(&mut self.items);
        items.reserve(count);
        for n in 0..count {
            let id = first + n as u64;
            let (department_id, vat_id) = if departments.is_empty() {
                (None, None)
            } else {
                let (d, v) = departments[n % departments.len()];
                (Some(d), v)
            };
            // Prices from 0.50 to 49.99, spread without a random source so runs compare.
            let cents = 50 + (n as i64 * 7919) % 4950;
            let title = format!("Article {:06}", n + 1);
            items.push(Item {
                id,
                short_title: title.as_str().into(),
                title: title.into(),
                price: Decimal::new(cents, 2),
                department_id,
                vat_id,
                // "3999" keeps generated codes clear of the demo shop's "3760" codes.
                barcode: ean13(&format!("3999{:08}", n % 100_000_000))
                    .unwrap_or_default()
                    .into(),
                stock: None,
                internal_id: compact_str::format_compact!("GEN{:06}", n + 1),
                hidden: false,
                position: i64::try_from(n).unwrap_or(i64::MAX),
                variation_ids: Vec::new(),
            });
        }
    }
}

/// The EAN-13 code for 12 digits (the check digit appended); `None` if the input is not
/// 12 ASCII digits.
pub fn ean13(first12: &str) -> Option<String> {
    Some(format!("{first12}{}", ean13_check_digit(first12)?))
}

/// The check digit of 12 digits: weights 1, 3, 1, 3… from the left.
pub fn ean13_check_digit(first12: &str) -> Option<u32> {
    if first12.len() != 12 {
        return None;
    }
    let mut sum = 0;
    for (i, c) in first12.chars().enumerate() {
        let d = c.to_digit(10)?;
        sum += if i % 2 == 0 { d } else { 3 * d };
    }
    Some((10 - sum % 10) % 10)
}

/// True for 13 digits whose last one is the right check digit.
pub fn is_valid_ean13(code: &str) -> bool {
    code.len() == 13
        && code.is_ascii()
        && ean13_check_digit(&code[..12])
            .is_some_and(|d| code[12..].chars().next().and_then(|c| c.to_digit(10)) == Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kash::model::DiscountKind;
    use std::collections::HashSet;

    #[test]
    fn ean13_check_digits() {
        // A published example: 400638133393 -> 1.
        assert_eq!(ean13("400638133393").as_deref(), Some("4006381333931"));
        assert!(is_valid_ean13("4006381333931"));
        assert!(!is_valid_ean13("4006381333932"));
        assert!(!is_valid_ean13("400638133393"));
        assert!(!is_valid_ean13("40063813339a1"));
        assert_eq!(ean13("12345"), None);
    }

    #[test]
    fn demo_shop_is_complete_and_valid() {
        let shop = Catalog::from_json(DEMO_SHOP_JSON).unwrap();
        assert!(shop.items.len() >= 85, "{} items", shop.items.len());
        assert!(shop.departments.len() >= 9);
        assert!(!shop.department_groups.is_empty());
        assert!(shop.tables.len() >= 14);
        assert!((3..=4).contains(&shop.users.len()));
        assert_eq!(shop.cashboxes.len(), 2);
        assert!((7..=9).contains(&shop.customers.len()));
        assert_eq!(shop.discounts.len(), 4);
        for kind in [DiscountKind::Percent, DiscountKind::Amount] {
            assert!(shop.discounts.iter().any(|d| d.kind == kind), "{kind:?}");
        }
        assert_eq!(shop.delivery_methods.len(), 7);
        assert_eq!(shop.delivery_zones.len(), 2);
        assert_eq!(shop.relay_points.len(), 2);
        let modes: Vec<&str> = shop
            .payment_modes
            .iter()
            .map(|m| m.type_name.as_str())
            .collect();
        assert_eq!(
            modes,
            [
                "Cash",
                "Credit_Card",
                "Check",
                "Meal_Voucher",
                "Holiday_Voucher",
                "Bank_Transfer",
                "Cash_Refund",
                "Credit_Card_Refund"
            ]
        );

        let mut barcodes = HashSet::new();
        let mut weighed = 0;
        for item in shop.items.iter() {
            assert!(
                is_valid_ean13(&item.barcode),
                "{}: {}",
                item.title,
                item.barcode
            );
            assert!(
                barcodes.insert(item.barcode.clone()),
                "duplicate {}",
                item.barcode
            );
            assert!(!item.title.contains('_'), "{}", item.title);
            assert!(item.price > Decimal::ZERO, "{}", item.title);
            let dept = item.department_id.and_then(|d| shop.department(d));
            assert!(dept.is_some(), "{} has no department", item.title);
            for v in &item.variation_ids {
                assert!(shop.variations.iter().any(|s| s.id == *v), "{}", item.title);
            }
            if item.barcode.starts_with('2') {
                weighed += 1;
            } else {
                assert!(item.barcode.starts_with('3'), "{}", item.barcode);
            }
        }
        assert!(weighed >= 2, "a few weighed items with in-store codes");
        assert!(shop.items.iter().any(|i| !i.variation_ids.is_empty()));
        for d in &shop.departments {
            assert!(shop.items.iter().any(|i| i.department_id == Some(d.id)));
            assert!(!d.title.contains('_'));
            let group = d.group_id.unwrap();
            assert!(shop.department_groups.iter().any(|g| g.id == group));
        }
        let mut choices = HashSet::new();
        for v in &shop.variations {
            for c in &v.choices {
                assert!(choices.insert(c.id), "choice ids are unique across sets");
            }
        }
        // The vendor's documented examples name items 12, 15 and 42, choices 3 and 8 and
        // department 5: the demo shop has them, so those examples run as written.
        for id in [12, 15, 42] {
            assert!(shop.item(id).is_some());
        }
        assert!(shop.variation_choice(3).is_some() && shop.variation_choice(8).is_some());
        assert!(shop.department(5).is_some());
    }

    #[test]
    fn generated_items_are_valid() {
        let mut shop = Catalog::demo();
        let before = shop.items.len();
        shop.add_generated_items(500);
        assert_eq!(shop.items.len(), before + 500);
        let mut ids = HashSet::new();
        let mut codes = HashSet::new();
        for item in shop.items.iter() {
            assert!(ids.insert(item.id));
            assert!(codes.insert(item.barcode.clone()));
            assert!(is_valid_ean13(&item.barcode));
            assert!(item.price > Decimal::ZERO);
        }
        let depts: HashSet<_> = shop.items[before..]
            .iter()
            .map(|i| i.department_id)
            .collect();
        assert_eq!(depts.len(), shop.departments.len());
    }
}

//! The shop's catalog, indexed for the counter: barcode and item id look-up in O(1), and fuzzy,
//! accent- and case-insensitive name search.
//!
//! Checked at load: an item priced beyond the till's [`Limits`] is left out (the count and the
//! reasons are in [`Catalog::rejected`]), and a barcode carried by more than one item is
//! reported ([`Catalog::duplicate_barcodes`]); such a code finds every item that carries it
//! ([`Catalog::items_for_code`]) so the cashier can choose.

use std::collections::HashMap;

use crate::kash::model::{Department, DepartmentGroup, Item, Variation, VariationChoice};
use rust_decimal::Decimal;

use crate::pos::basket::{Basket, Limits, LineKind};
use crate::pos::search::SearchIndex;

/// A barcode found on more than one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateBarcode {
    /// The code as the first item carries it.
    pub code: String,
    /// The items that carry it, in the catalog's order.
    pub item_ids: Vec<u64>,
}

/// The lists a catalog is built from, with the till's limits: what is handed to a thread of its
/// own to build a big catalog off the event loop.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CatalogLists {
    pub items: Vec<Item>,
    pub departments: Vec<Department>,
    pub groups: Vec<DepartmentGroup>,
    pub variations: Vec<Variation>,
    pub limits: Limits,
}

impl std::fmt::Debug for CatalogLists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A hundred thousand items are not printed.
        f.debug_struct("CatalogLists")
            .field("items", &self.items.len())
            .field("departments", &self.departments.len())
            .field("groups", &self.groups.len())
            .field("variations", &self.variations.len())
            .finish_non_exhaustive()
    }
}

impl CatalogLists {
    /// The catalog of these lists ([`Catalog::with_limits`]).
    #[must_use]
    pub fn build(self) -> Catalog {
        Catalog::with_limits(
            self.items,
            self.departments,
            self.groups,
            self.variations,
            &self.limits,
        )
    }
}

/// From this many items the search index is built on a thread of its own.
const PARALLEL_FROM: usize = 5_000;

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    items: Vec<Item>,
    departments: Vec<Department>,
    groups: Vec<DepartmentGroup>,
    variations: Vec<Variation>,
    by_id: Map<u64, usize>,
    by_barcode: Map<CodeKey, usize>,
    /// Codes carried by more than one item: every item, in the catalog's order.
    shared_codes: Map<CodeKey, Vec<usize>>,
    duplicates: Vec<DuplicateBarcode>,
    /// Items left out at load, and why.
    rejected: Vec<String>,
    department_index: HashMap<u64, usize>,
    variation_index: HashMap<u64, usize>,
    /// The choice id → (variation set, choice) for reading lines back.
    choice_index: HashMap<u64, (usize, usize)>,
    /// What the name search matches against: folded titles and codes (see [`crate::pos::search`]).
    index: SearchIndex,
}

impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        // The indexes are built from the lists: the same lists make the same catalog.
        self.items == other.items
            && self.departments == other.departments
            && self.groups == other.groups
            && self.variations == other.variations
    }
}

impl Eq for Catalog {}

/// The maps of a catalog: `foldhash` (seeded per process) rather than `SipHash`, which made the maps
/// of a 100k catalog the slowest step of its build. The keys come from the shop's own lists.
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Leading zeros are not significant between EAN-13, UPC-A and in-house codes.
fn barcode_key(code: &str) -> &str {
    let trimmed = code.trim().trim_start_matches('0');
    if trimmed.is_empty() { "0" } else { trimmed }
}

/// A barcode as the maps hold it ([`barcode_key`]): a code of digits alone (nearly all of them)
/// as its number, with no text to allocate; any other as its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CodeKey {
    Digits(u64),
    Text(Box<str>),
}

impl CodeKey {
    fn of(code: &str) -> Self {
        let key = barcode_key(code);
        // Up to 19 digits always fit; the key has no leading zero, so the number is the code.
        if key.len() <= 19
            && key.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = key.parse()
        {
            return Self::Digits(n);
        }
        Self::Text(key.into())
    }
}

impl Catalog {
    /// The catalog with the default [`Limits`].
    pub fn new(
        items: Vec<Item>,
        departments: Vec<Department>,
        groups: Vec<DepartmentGroup>,
        variations: Vec<Variation>,
    ) -> Self {
        Self::with_limits(items, departments, groups, variations, &Limits::default())
    }

    /// The catalog, leaving out the items whose price is beyond `limits` (a price over the
    /// unit price limit, or a variation that takes it there).
    pub fn with_limits(
        items: Vec<Item>,
        departments: Vec<Department>,
        groups: Vec<DepartmentGroup>,
        variations: Vec<Variation>,
        limits: &Limits,
    ) -> Self {
        let started = std::time::Instant::now();
        let catalog = Self::build(items, departments, groups, variations, limits);
        tracing::debug!(
            items = catalog.items.len(),
            ms = started.elapsed().as_millis() as u64,
            "catalog built"
        );
        catalog
    }

    fn build(
        items: Vec<Item>,
        departments: Vec<Department>,
        groups: Vec<DepartmentGroup>,
        variations: Vec<Variation>,
        limits: &Limits,
    ) -> Self {
        let mut rejected = Vec::new();
        let mut items: Vec<Item> = items
            .into_iter()
            .filter(|item| match limits.check_price(item.price) {
                Ok(()) => true,
                Err(e) => {
                    let reason = format!("item {} ({}): {e}", item.id, item.title);
                    tracing::warn!(item = item.id, %reason, "catalog item left out");
                    rejected.push(reason);
                    false
                }
            })
            .collect();
        items.sort_by(|a, b| {
            a.position
                .cmp(&b.position)
                .then_with(|| a.title.cmp(&b.title))
        });
        // The search index on a thread of its own while the maps are built here (a big
        // catalog's start waits for both).
        let (index, (by_id, by_barcode, shared_codes)) = std::thread::scope(|scope| {
            let index = (items.len() >= PARALLEL_FROM)
                .then(|| {
                    std::thread::Builder::new()
                        .name("catalog-index".to_string())
                        .spawn_scoped(scope, || SearchIndex::new(&items))
                        .ok()
                })
                .flatten();
            let maps = Self::maps(&items);
            let index = match index.map(std::thread::ScopedJoinHandle::join) {
                Some(Ok(index)) => index,
                // No thread could be started (or it panicked): here, as a small catalog is.
                Some(Err(_)) | None => SearchIndex::new(&items),
            };
            (index, maps)
        });
        let mut duplicates = Self::duplicates(&items, &shared_codes);
        duplicates.sort_by(|a, b| a.code.cmp(&b.code));
        for d in &duplicates {
            tracing::warn!(code = %d.code, items = ?d.item_ids, "barcode on more than one item");
        }
        let mut catalog = Self {
            items,
            by_id,
            by_barcode,
            shared_codes,
            duplicates,
            rejected,
            index,
            ..Self::default()
        };
        catalog.set_departments(departments);
        catalog.set_groups(groups);
        catalog.set_variations(variations);
        catalog
    }

    /// The items by id and by barcode, and the barcodes more than one item has.
    #[allow(clippy::type_complexity)]
    fn maps(
        items: &[Item],
    ) -> (
        Map<u64, usize>,
        Map<CodeKey, usize>,
        Map<CodeKey, Vec<usize>>,
    ) {
        let mut by_id =
            Map::with_capacity_and_hasher(items.len(), foldhash::fast::RandomState::default());
        let mut by_barcode =
            Map::with_capacity_and_hasher(items.len(), foldhash::fast::RandomState::default());
        let mut shared_codes: Map<CodeKey, Vec<usize>> = Map::default();
        for (i, item) in items.iter().enumerate() {
            by_id.entry(item.id).or_insert(i);
            for code in item
                .barcode
                .split([',', ';', ' '])
                .filter(|c| !c.is_empty())
            {
                let key = CodeKey::of(code);
                match by_barcode.get(&key) {
                    None => {
                        by_barcode.insert(key, i);
                    }
                    Some(&first) if first != i => {
                        let holders = shared_codes.entry(key).or_insert_with(|| vec![first]);
                        if !holders.contains(&i) {
                            holders.push(i);
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        (by_id, by_barcode, shared_codes)
    }

    fn duplicates(
        items: &[Item],
        shared_codes: &Map<CodeKey, Vec<usize>>,
    ) -> Vec<DuplicateBarcode> {
        shared_codes
            .values()
            .map(|holders| {
                let first = &items[holders[0]];
                let code = first
                    .barcode
                    .split([',', ';', ' '])
                    .find(|c| {
                        !c.is_empty()
                            && holders.iter().skip(1).all(|h| {
                                items[*h]
                                    .barcode
                                    .split([',', ';', ' '])
                                    .any(|o| !o.is_empty() && barcode_key(o) == barcode_key(c))
                            })
                    })
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                DuplicateBarcode {
                    code,
                    item_ids: holders.iter().map(|h| items[*h].id).collect(),
                }
            })
            .collect()
    }

    /// Replaces the departments (the items and their index stay as they are).
    pub fn set_departments(&mut self, mut departments: Vec<Department>) {
        departments.sort_by(|a, b| {
            a.position
                .cmp(&b.position)
                .then_with(|| a.title.cmp(&b.title))
        });
        self.department_index = departments
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();
        self.departments = departments;
    }

    /// Replaces the department groups.
    pub fn set_groups(&mut self, mut groups: Vec<DepartmentGroup>) {
        groups.sort_by_key(|g| g.position);
        self.groups = groups;
    }

    /// Replaces the variations (the items and their index stay as they are).
    pub fn set_variations(&mut self, variations: Vec<Variation>) {
        self.variation_index = variations
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id, i))
            .collect();
        let mut choice_index = HashMap::new();
        for (vi, v) in variations.iter().enumerate() {
            for (ci, c) in v.choices.iter().enumerate() {
                choice_index.entry(c.id).or_insert((vi, ci));
            }
        }
        self.choice_index = choice_index;
        self.variations = variations;
    }

    /// The lists the catalog was built from (to build it again with one of them fresh).
    pub fn into_lists(
        self,
    ) -> (
        Vec<Item>,
        Vec<Department>,
        Vec<DepartmentGroup>,
        Vec<Variation>,
    ) {
        (self.items, self.departments, self.groups, self.variations)
    }

    /// Gives the basket's catalog lines this catalog's price (with their variations' deltas)
    /// where it changed; a price set by hand, a line read from a price label and an item or
    /// variation no longer in the catalog are left as they are. The count of lines repriced.
    pub fn reprice(&self, basket: &mut Basket) -> usize {
        let mut repriced = 0;
        for line in &mut basket.lines {
            let LineKind::Item { id } = line.kind else {
                continue;
            };
            if line.price_overridden || line.note.is_some() {
                continue;
            }
            let Some(item) = self.item(id) else {
                continue;
            };
            let delta = line
                .variations
                .iter()
                .try_fold(Decimal::ZERO, |sum, (c, _)| {
                    self.choice(*c)
                        .map(|(_, ch)| sum.saturating_add(ch.delta_price))
                });
            let Some(delta) = delta else {
                continue;
            };
            let price = item.price.saturating_add(delta);
            if price != line.unit_price {
                line.unit_price = price;
                repriced += 1;
            }
        }
        repriced
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn departments(&self) -> &[Department] {
        &self.departments
    }

    pub fn groups(&self) -> &[DepartmentGroup] {
        &self.groups
    }

    pub fn variations(&self) -> &[Variation] {
        &self.variations
    }

    pub fn item(&self, id: u64) -> Option<&Item> {
        self.by_id.get(&id).map(|i| &self.items[*i])
    }

    /// Items left out at load (a price beyond the limits), one reason each.
    pub fn rejected(&self) -> &[String] {
        &self.rejected
    }

    /// Barcodes carried by more than one item, sorted by code.
    pub fn duplicate_barcodes(&self) -> &[DuplicateBarcode] {
        &self.duplicates
    }

    /// Every item a typed or scanned code names, in the catalog's order: one for most codes,
    /// several when the shop gave the same barcode to several items (the cashier chooses), none
    /// when unknown. Falls back to the item id as [`Catalog::lookup_code`] does.
    pub fn items_for_code(&self, code: &str) -> Vec<&Item> {
        if let Some(holders) = self.shared_codes.get(&CodeKey::of(code)) {
            return holders.iter().map(|i| &self.items[*i]).collect();
        }
        self.lookup_code(code).into_iter().collect()
    }

    /// The first item with this barcode (see [`Catalog::items_for_code`] for all of them).
    pub fn by_barcode(&self, code: &str) -> Option<&Item> {
        self.by_barcode
            .get(&CodeKey::of(code))
            .map(|i| &self.items[*i])
    }

    /// A typed or scanned code: a barcode first, else an item id.
    pub fn lookup_code(&self, code: &str) -> Option<&Item> {
        self.by_barcode(code)
            .or_else(|| code.trim().parse().ok().and_then(|id| self.item(id)))
    }

    pub fn department(&self, id: u64) -> Option<&Department> {
        self.department_index
            .get(&id)
            .map(|i| &self.departments[*i])
    }

    pub fn variation(&self, id: u64) -> Option<&Variation> {
        self.variation_index.get(&id).map(|i| &self.variations[*i])
    }

    pub fn choice(&self, choice_id: u64) -> Option<(&Variation, &VariationChoice)> {
        self.choice_index
            .get(&choice_id)
            .map(|(v, c)| (&self.variations[*v], &self.variations[*v].choices[*c]))
    }

    /// The variation sets an item asks for, in order, skipping unknown or empty ones.
    pub fn variations_of(&self, item: &Item) -> Vec<&Variation> {
        item.variation_ids
            .iter()
            .filter_map(|id| self.variation(*id))
            .filter(|v| !v.choices.is_empty())
            .collect()
    }

    /// Visible departments, in the shop's order.
    pub fn visible_departments(&self) -> Vec<&Department> {
        self.departments.iter().filter(|d| !d.hidden).collect()
    }

    /// A department's visible items, in the shop's order.
    pub fn department_items(&self, department_id: u64) -> Vec<&Item> {
        self.items
            .iter()
            .filter(|i| i.department_id == Some(department_id) && !i.hidden)
            .collect()
    }

    /// Name search: the best `limit` visible items, best first (see [`crate::pos::search`] for
    /// the order): case- and accent-insensitive ("eclair" finds "Éclair au café"); the internal
    /// id (PLU) and the start of a barcode find their item too.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Item> {
        self.search_counted(query, limit).0
    }

    /// [`Catalog::search`], with how many visible items match in all.
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<&Item>, usize) {
        let (best, found) = self.index.search_counted(query, limit);
        (best.into_iter().map(|i| &self.items[i]).collect(), found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_big_catalog_indexed_on_its_own_thread_finds_what_a_small_one_does() {
        let items: Vec<Item> = (1..=PARALLEL_FROM as u64)
            .map(|n| item(n, &format!("Article {n:05}"), &format!("2{n:012}"), 1))
            .collect();
        let big = Catalog::new(items.clone(), vec![], vec![], vec![]);
        // The same index built here, as under PARALLEL_FROM items.
        let here = SearchIndex::new(&big.items);
        for query in ["article 04999", "01234", "art"] {
            assert_eq!(
                big.index.search_fresh(query, 50),
                here.search_fresh(query, 50),
                "{query}"
            );
        }
        let found = big.search("article 04999", 5);
        assert_eq!(found.first().map(|i| i.id), Some(4_999));
        assert_eq!(big.by_barcode("2000000004999").map(|i| i.id), Some(4_999));
        assert_eq!(
            big.item(PARALLEL_FROM as u64).map(|i| i.id),
            Some(PARALLEL_FROM as u64)
        );
    }

    fn item(id: u64, title: &str, barcode: &str, dept: u64) -> Item {
        Item {
            id,
            title: title.into(),
            short_title: "".into(),
            price: dec!(1.00),
            department_id: Some(dept),
            vat_id: None,
            barcode: barcode.into(),
            stock: None,
            internal_id: "".into(),
            hidden: false,
            position: 0,
            variation_ids: vec![],
        }
    }

    fn catalog() -> Catalog {
        Catalog::new(
            vec![
                item(1, "Éclair au café", "3012345678901", 1),
                item(2, "Croissant", "0012345678905", 1),
                item(3, "Café allongé", "", 2),
                item(42, "Baguette tradition", "3000000000420", 3),
            ],
            vec![],
            vec![],
            vec![],
        )
    }

    #[test]
    fn codes_find_items() {
        let c = catalog();
        assert_eq!(c.lookup_code("3012345678901").unwrap().id, 1);
        // UPC-A read as 12 digits finds the 13-digit EAN with a leading zero.
        assert_eq!(c.lookup_code("012345678905").unwrap().id, 2);
        assert_eq!(c.lookup_code("42").unwrap().id, 42);
        assert!(c.lookup_code("999").is_none());
        assert!(c.lookup_code("abc").is_none());
    }

    #[test]
    fn codes_of_every_shape_find_their_item() {
        let long = "123456789012345678901234"; // beyond a number's 19 digits
        let c = Catalog::new(
            vec![
                item(1, "In-house", "PLU-12", 1),
                item(2, "Long code", long, 1),
                item(3, "Zero", "000", 1),
                item(4, "Max", "18446744073709551615", 1),
                item(5, "Past max", "18446744073709551616", 1),
            ],
            vec![],
            vec![],
            vec![],
        );
        let id = |code: &str| c.by_barcode(code).map(|i| i.id);
        assert_eq!(id("PLU-12"), Some(1));
        assert_eq!(id(" PLU-12 "), Some(1));
        assert_eq!(id("plu-12"), None, "codes keep their case");
        assert_eq!(id(long), Some(2));
        assert_eq!(id(&format!("00{long}")), Some(2));
        assert_eq!(id(&long[1..]), None);
        assert_eq!(id("0"), Some(3));
        assert_eq!(id("18446744073709551615"), Some(4));
        assert_eq!(id("018446744073709551616"), Some(5));
        assert_eq!(id("1844674407370955161"), None);
    }

    #[test]
    fn search_ignores_accents_and_case() {
        let c = catalog();
        let found: Vec<u64> = c.search("eclair", 5).iter().map(|i| i.id).collect();
        assert_eq!(found, vec![1]);
        let found: Vec<u64> = c.search("CAFE", 5).iter().map(|i| i.id).collect();
        assert!(found.contains(&1) && found.contains(&3));
        let found: Vec<u64> = c.search("bgt trad", 5).iter().map(|i| i.id).collect();
        assert_eq!(found, vec![42]);
        assert!(c.search("zzz", 5).is_empty());
        assert!(c.search("  ", 5).is_empty());
    }

    #[test]
    fn absurd_prices_are_left_out_and_counted() {
        let mut dear = item(7, "Typo", "", 1);
        dear.price = dec!(40000000000000000000000000000);
        let mut refund = item(8, "Deposit back", "", 1);
        refund.price = dec!(-0.20);
        let mut negative = item(9, "Minus a fortune", "", 1);
        negative.price = dec!(-250000);
        let c = Catalog::with_limits(
            vec![item(1, "Fine", "", 1), dear, refund, negative],
            vec![],
            vec![],
            vec![],
            &Limits::default(),
        );
        let ids: Vec<u64> = c.items().iter().map(|i| i.id).collect();
        assert_eq!(ids, vec![8, 1]);
        assert_eq!(c.rejected().len(), 2, "{:?}", c.rejected());
        assert!(c.rejected()[0].starts_with("item 7 (Typo): Price"));
        assert!(c.item(7).is_none());
    }

    #[test]
    fn duplicate_barcodes_are_reported_and_offer_every_item() {
        let c = Catalog::new(
            vec![
                item(1, "Cola can", "5449000000996", 1),
                item(2, "Cola can, cold", "5449000000996;123", 1),
                item(3, "Water", "3274080005003", 1),
                // Same code with a leading zero (UPC-A in EAN-13).
                item(4, "Cola import", "05449000000996", 1),
                // A code listed twice on one item is no duplicate.
                item(5, "Tea", "42424242 42424242", 1),
            ],
            vec![],
            vec![],
            vec![],
        );
        assert_eq!(
            c.duplicate_barcodes(),
            &[DuplicateBarcode {
                code: "5449000000996".into(),
                item_ids: vec![1, 2, 4],
            }]
        );
        let ids =
            |code: &str| -> Vec<u64> { c.items_for_code(code).iter().map(|i| i.id).collect() };
        assert_eq!(ids("5449000000996"), vec![1, 2, 4]);
        assert_eq!(ids("123"), vec![2]);
        assert_eq!(ids("3274080005003"), vec![3]);
        assert_eq!(ids("42424242"), vec![5]);
        assert_eq!(ids("3"), vec![3], "an item id");
        assert!(ids("999").is_empty());
        // The single-item look-up still finds the first.
        assert_eq!(c.lookup_code("5449000000996").unwrap().id, 1);
    }

    #[test]
    fn department_items_in_order() {
        let c = catalog();
        let ids: Vec<u64> = c.department_items(1).iter().map(|i| i.id).collect();
        assert_eq!(ids, vec![2, 1]);
    }
}

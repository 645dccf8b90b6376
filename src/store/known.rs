//! The keys an import matches rows on — live tax ID and normalised name —
//! of the customers stored before it (and, under the update policy, of
//! those it inserts), held in memory for one bulk write, so a row costs no
//! query and the database's indexes on them can be built after a large
//! load. Rows of the same file are matched with each other by the import's
//! reading thread (import/file_keys.rs) and passed in as candidate ids.
//! Codes are looked up in the code's UNIQUE index, which stays: most files
//! carry no code (the store assigns them), so that lookup is rare.
//!
//! Keys are kept as 64-bit hashes: a million customers take ~70 MB instead
//! of ~200 MB as strings. Every hit is confirmed against the stored row, so a
//! hash collision can never make two different keys match.

use rusqlite::{Connection, OptionalExtension};

use super::Result;
use crate::domain::customer::{CustomerData, Status};
use crate::domain::key_hash::ByHash;

/// What a confirmed hit reads back from the stored row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Stored {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub tax_id: String,
    pub status: Status,
}

#[derive(Default)]
pub(super) struct KnownKeys {
    /// Tax ID of a live (not archived) customer → its id.
    tax: ByHash<i64>,
    /// Name key → the first customer with it; `more_names` holds the rest.
    name: ByHash<i64>,
    more_names: ByHash<Vec<i64>>,
}

/// How many customers with the same name key a check names, at most.
const MAX_SAME_NAME: usize = 5;

impl KnownKeys {
    /// Every stored customer's keys.
    pub fn load(conn: &Connection) -> Result<KnownKeys> {
        let count: i64 = conn.query_row("SELECT COUNT(*) FROM customer", [], |r| r.get(0))?;
        let mut keys = KnownKeys::with_capacity(count as usize);
        let mut stmt = conn.prepare("SELECT id, tax_id, status, name_key FROM customer")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text = |i| -> rusqlite::Result<&str> { Ok(r.get_ref(i)?.as_str().unwrap_or("")) };
            let live = text(2)? != Status::Archived.key();
            if live && !text(1)?.is_empty() {
                keys.tax.insert(hash(text(1)?), id);
            }
            keys.add_name(text(3)?, id);
        }
        Ok(keys)
    }

    fn with_capacity(n: usize) -> KnownKeys {
        KnownKeys {
            tax: ByHash::with_capacity_and_hasher(n, Default::default()),
            name: ByHash::with_capacity_and_hasher(n, Default::default()),
            more_names: ByHash::default(),
        }
    }

    /// Records the keys of customer `id`, just written as `data`.
    pub fn add(&mut self, id: i64, data: &CustomerData, name_key: &str) {
        if data.status != Status::Archived && !data.tax_id.is_empty() {
            self.tax.insert(hash(&data.tax_id), id);
        }
        self.add_name(name_key, id);
    }

    /// Forgets the keys customer `id` had as `data` (before an update).
    pub fn remove(&mut self, id: i64, data: &CustomerData, name_key: &str) {
        remove_if(&mut self.tax, hash(&data.tax_id), id);
        let h = hash(name_key);
        if self.name.get(&h) == Some(&id) {
            self.name.remove(&h);
            if let Some(more) = self.more_names.get_mut(&h)
                && let Some(next) = more.pop()
            {
                self.name.insert(h, next);
            }
        } else if let Some(more) = self.more_names.get_mut(&h) {
            more.retain(|other| *other != id);
        }
    }

    fn add_name(&mut self, key: &str, id: i64) {
        if key.is_empty() {
            return;
        }
        let h = hash(key);
        match self.name.get(&h) {
            None => {
                self.name.insert(h, id);
            }
            Some(first) if *first != id => {
                let more = self.more_names.entry(h).or_default();
                if !more.contains(&id) {
                    more.push(id);
                }
            }
            Some(_) => {}
        }
    }

    /// The live customer other than `except` holding `tax_id`: the one
    /// these keys know, else the first of `also` (ids the caller found).
    pub fn tax_owner(
        &self,
        conn: &Connection,
        tax_id: &str,
        except: Option<i64>,
        also: &[i64],
    ) -> Result<Option<Stored>> {
        if tax_id.is_empty() {
            return Ok(None);
        }
        let known = match self.tax.is_empty() {
            true => None,
            false => self.tax.get(&hash(tax_id)),
        };
        for id in known.into_iter().chain(also) {
            let found = self.confirm(conn, Some(id), except, |s| {
                s.tax_id == tax_id && s.status != Status::Archived
            })?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// The customer other than `except` with `code` (through its index).
    pub fn code_owner(
        &self,
        conn: &Connection,
        code: &str,
        except: Option<i64>,
    ) -> Result<Option<Stored>> {
        if code.is_empty() {
            return Ok(None);
        }
        let id: Option<i64> = conn
            .prepare_cached("SELECT id FROM customer WHERE code = ?1")?
            .query_row([code], |r| r.get(0))
            .optional()?;
        self.confirm(conn, id.as_ref(), except, |s| s.code == code)
    }

    /// Customers other than `except` whose name key is `key` (a few at
    /// most): those these keys know, then those of `also` (ids the caller found).
    pub fn same_name(
        &self,
        conn: &Connection,
        key: &str,
        except: Option<i64>,
        also: &[i64],
    ) -> Result<Vec<Stored>> {
        let known = match self.name.is_empty() || key.is_empty() {
            true => None,
            false => {
                let h = hash(key);
                self.name.get(&h).map(|first| {
                    let more = self.more_names.get(&h).map(Vec::as_slice).unwrap_or(&[]);
                    std::iter::once(first).chain(more)
                })
            }
        };
        let mut found: Vec<Stored> = Vec::new();
        for id in known.into_iter().flatten().chain(also) {
            if Some(*id) == except || found.iter().any(|s| s.id == *id) {
                continue;
            }
            if let Some((stored, stored_key)) = read(conn, *id)?
                && stored_key == key
            {
                found.push(stored);
                if found.len() == MAX_SAME_NAME {
                    break;
                }
            }
        }
        Ok(found)
    }

    fn confirm(
        &self,
        conn: &Connection,
        id: Option<&i64>,
        except: Option<i64>,
        same: impl Fn(&Stored) -> bool,
    ) -> Result<Option<Stored>> {
        let Some(&id) = id.filter(|id| Some(**id) != except) else {
            return Ok(None);
        };
        Ok(read(conn, id)?.map(|(s, _)| s).filter(same))
    }
}

fn remove_if(map: &mut ByHash<i64>, h: u64, id: i64) {
    if map.get(&h) == Some(&id) {
        map.remove(&h);
    }
}

fn read(conn: &Connection, id: i64) -> Result<Option<(Stored, String)>> {
    Ok(conn
        .prepare_cached("SELECT code, name, tax_id, status, name_key FROM customer WHERE id = ?1")?
        .query_row([id], |r| {
            let stored = Stored {
                id,
                code: r.get(0)?,
                name: r.get(1)?,
                tax_id: r.get(2)?,
                status: Status::parse(&r.get::<_, String>(3)?).unwrap_or(Status::Active),
            };
            Ok((stored, r.get(4)?))
        })
        .optional()?)
}

/// A key's hash (any collision is caught when the hit is confirmed against
/// the stored row).
fn hash(key: &str) -> u64 {
    crate::domain::key_hash::key_hash(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn hits_are_confirmed_and_follow_updates() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store
            .add_customer(&crate::synth::customer_values(0), None)
            .unwrap()
            .customer;
        let conn = store.connection();
        let mut keys = KnownKeys::load(conn).unwrap();
        let by_code = keys.code_owner(conn, &a.data.code, None).unwrap();
        assert_eq!(by_code.map(|s| s.id), Some(a.id));
        assert!(
            keys.code_owner(conn, &a.data.code, Some(a.id))
                .unwrap()
                .is_none()
        );
        assert!(keys.code_owner(conn, "C999999", None).unwrap().is_none());
        let by_tax = keys.tax_owner(conn, &a.data.tax_id, None, &[]).unwrap();
        assert_eq!(by_tax.map(|s| s.code), Some(a.data.code.clone()));
        let key = crate::domain::names::name_key(&a.data.name);
        assert_eq!(keys.same_name(conn, &key, None, &[]).unwrap().len(), 1);
        keys.remove(a.id, &a.data, &key);
        assert!(keys.same_name(conn, &key, None, &[]).unwrap().is_empty());
        assert!(
            keys.tax_owner(conn, &a.data.tax_id, None, &[])
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_second_customer_with_the_same_name_key_is_found_too() {
        let mut keys = KnownKeys::default();
        keys.add_name("华强电子", 1);
        keys.add_name("华强电子", 2);
        keys.add_name("华强电子", 2);
        assert_eq!(keys.more_names[&hash("华强电子")], [2]);
        let data = CustomerData::default();
        keys.remove(1, &data, "华强电子");
        assert_eq!(keys.name[&hash("华强电子")], 2);
        assert!(keys.more_names[&hash("华强电子")].is_empty());
    }
}

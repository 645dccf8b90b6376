//! One fixed-seed hash for keys held by their hash (a file's keys, stored
//! tax IDs and names, document numbers): foldhash costs a fraction of
//! SipHash on millions of short keys, and a fixed seed hashes the same key
//! alike in every run. Callers confirm a hit against the real key, so a
//! collision only costs a lookup; no key comes from someone who could aim
//! collisions at a bookkeeper's own workstation.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

pub fn key_hash(key: impl Hash) -> u64 {
    foldhash::fast::FixedState::with_seed(0x6b65_6875).hash_one(key)
}

/// A map keyed by `key_hash` values: they are hashes already, and hashing
/// them again (SipHash by default) is wasted work.
pub type ByHash<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// Hands a `u64` key (a hash already) through as its own hash.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys reach here; anything else is folded in, not lost.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

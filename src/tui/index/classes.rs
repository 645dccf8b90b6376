//! Classification texts (制造业/华南) held once per distinct value: a
//! million customers share a few hundred of them, so a row keeps a number
//! (4 bytes) instead of its own copy (~15 bytes).

use std::collections::HashMap;

use super::fold::clip;

#[derive(Debug, Default)]
pub(super) struct Classes {
    texts: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
}

impl Classes {
    /// The number of `text` (cut as the list shows it), added if new.
    pub(super) fn id(&mut self, text: &str) -> u32 {
        let text = clip(text, u16::MAX as usize - 1);
        if let Some(id) = self.ids.get(text) {
            return *id;
        }
        let id = self.texts.len() as u32;
        self.texts.push(text.into());
        self.ids.insert(text.into(), id);
        id
    }

    pub(super) fn get(&self, id: u32) -> &str {
        self.texts.get(id as usize).map_or("", |t| t)
    }

    /// For each class number, whether `value` is one of its parts
    /// (制造业/华南 holds 制造业 and 华南): a filter asks once per distinct
    /// class instead of once per row.
    pub(super) fn holding(&self, value: &str) -> Vec<bool> {
        self.texts
            .iter()
            .map(|t| t.split('/').any(|v| v == value))
            .collect()
    }

    pub(super) fn len(&self) -> usize {
        self.texts.len()
    }

    /// Each class number's place among the texts in byte order (the list's
    /// class sort).
    pub(super) fn ranks(&self) -> Vec<u32> {
        let mut by_text: Vec<u32> = (0..self.texts.len() as u32).collect();
        by_text.sort_by(|a, b| self.get(*a).as_bytes().cmp(self.get(*b).as_bytes()));
        let mut rank = vec![0; self.texts.len()];
        for (place, id) in by_text.into_iter().enumerate() {
            if let Some(r) = rank.get_mut(id as usize) {
                *r = place as u32;
            }
        }
        rank
    }

    pub(super) fn heap_bytes(&self) -> usize {
        let texts: usize = self.texts.iter().map(|t| t.len()).sum();
        self.texts.capacity() * std::mem::size_of::<Box<str>>()
            + self.ids.capacity() * (std::mem::size_of::<(Box<str>, u32)>() + 1)
            + 2 * texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_text_is_held_once_and_found_by_its_number() {
        let mut classes = Classes::default();
        let a = classes.id("制造业/华南");
        let b = classes.id("");
        assert_eq!(classes.id("制造业/华南"), a);
        assert_ne!(a, b);
        assert_eq!((classes.get(a), classes.get(b)), ("制造业/华南", ""));
        assert_eq!(classes.texts.len(), 2);
        assert_eq!(classes.get(99), "");
        assert_eq!(classes.holding("华南"), [true, false]);
        assert_eq!(classes.holding(""), [false, true]);
        classes.id("制造业/华北");
        assert_eq!(classes.ranks(), [2, 0, 1]);
        // What the list's rows gained by it.
        assert!(std::mem::size_of::<super::super::Row>() <= 40);
    }
}

//! A report written as JSON, its repeated checks and next actions written once each.
//!
//! A campaign's report repeats itself: a check's or next action's message is mostly shared
//! among the dossiers that say the same, and so is the whole check (the sample's 10,000
//! dossiers hold 127,000 checks and 27,000 next actions, but only 1,700 distinct messages).
//! `serde_json` writes every key and escapes every text byte by byte each time. While
//! [`to_string`] writes a report, a check or action whose message is shared is written once,
//! kept as JSON, and copied as it is the next times: the document is the same, byte for byte.
//! Writing the sample's report took 458 M instructions, and takes 120 M so (callgrind).
//!
//! The serializers of [`Check`](crate::Check) and [`NextAction`](crate::NextAction) (which
//! implement [`Repeated`] beside their fields) find the written ones in a table kept for
//! this thread while [`to_string`] runs, and only then: with no table, as with any serializer
//! [`to_string`] did not call, they write their fields.

use std::cell::RefCell;
use std::collections::hash_map::Entry;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{ser::Error as _, Serialize, Serializer};
use serde_json::value::{to_raw_value, RawValue};

use crate::rules::Rule;

/// What makes a check or an action the same as one already written: its message, by the
/// address of its shared text, and its other fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    /// A check: message, rule, passed, blocking.
    Check(usize, Rule, bool, bool),
    /// A next action: message, rule, due.
    Action(usize, Rule, Option<NaiveDate>),
}

/// A value of the report that repeats itself.
pub(crate) trait Repeated {
    /// Its key, when its message is shared (`Text::shared_at`): an unshared one is written
    /// once anyway.
    fn key(&self) -> Option<Key>;
    /// Writes it field by field.
    fn serialize_fields<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
}

/// A value written field by field, whatever the table holds.
struct Fields<'a, T>(&'a T);

impl<T: Repeated> Serialize for Fields<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_fields(s)
    }
}

thread_local! {
    /// The checks and actions written so far by the running [`to_string`], as JSON.
    static WRITTEN: RefCell<Option<FxHashMap<Key, Box<RawValue>>>> = const { RefCell::new(None) };
}

/// `value` as JSON, exactly as `serde_json::to_string` writes it, each check and action of a
/// shared message written once. Messages are known by their address: the checks and actions
/// written must live through the writing (as those of a borrowed report do), so that no
/// address is given to another text meanwhile.
pub(crate) fn to_string<T: Serialize>(value: &T) -> serde_json::Result<String> {
    /// Takes the table away when the writing ends, however it ends.
    struct Done;
    impl Drop for Done {
        fn drop(&mut self) {
            WRITTEN.with(|w| w.borrow_mut().take());
        }
    }
    WRITTEN.with(|w| *w.borrow_mut() = Some(FxHashMap::default()));
    let _done = Done;
    serde_json::to_string(value)
}

/// Writes a check or an action: while [`to_string`] runs, copied from the table when one the
/// same was written before.
pub(crate) fn serialize<T: Repeated, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let Some(key) = value.key() else {
        return value.serialize_fields(s);
    };
    WRITTEN.with(|w| match w.borrow_mut().as_mut() {
        None => value.serialize_fields(s),
        Some(written) => {
            let raw = match written.entry(key) {
                Entry::Occupied(e) => e.into_mut(),
                // Written field by field: the table is not asked again (it is borrowed).
                Entry::Vacant(e) => e.insert(to_raw_value(&Fields(value)).map_err(S::Error::custom)?),
            };
            raw.serialize(s)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::{Check, NextAction};
    use crate::text::Text;

    /// Shared and unshared messages with characters to escape, checks and actions: the same
    /// text as `serde_json` writes, with the table and without; the table is gone after.
    #[test]
    fn the_same_document_with_and_without_the_table() {
        let shared: Text = Text::from("« guillemets », \"quotes\", back\\slash, tab\t, é");
        let check = |n: usize, message: &Text| Check {
            rule: Rule::ALL[n * 7 % Rule::ALL.len()],
            passed: n % 2 == 0,
            blocking: n % 3 == 0,
            message: message.clone(),
        };
        let alone: Text = Text::from("alone \u{1}");
        let mut checks: Vec<Check> = (0..6).map(|n| check(n % 3, &shared)).collect();
        checks.push(check(4, &alone));
        let due = NaiveDate::from_ymd_opt(2022, 6, 1);
        let actions: Vec<NextAction> = [(Rule::ProcessSignature, due), (Rule::ProcessSignature, None)]
            .iter()
            .cycle()
            .take(5)
            .map(|&(rule, due)| NextAction { rule, message: shared.clone(), due })
            .collect();
        let value = (&checks, &actions);
        let plain = serde_json::to_string(&value).unwrap();
        assert!(plain.contains(r#"\"quotes\""#) && plain.contains(r"\u0001"), "{plain}");
        assert!(plain.contains(r#""due":"2022-06-01""#) && plain.contains(r#""due":null"#), "{plain}");
        assert_eq!(to_string(&value).unwrap(), plain);
        assert!(WRITTEN.with(|w| w.borrow().is_none()));
        assert_eq!(serde_json::to_string(&value).unwrap(), plain);
    }

    /// The sample campaign in each language: `evaluate_json` writes what `serde_json` writes
    /// of the typed report, byte for byte.
    #[test]
    fn a_campaign_is_written_as_serde_json_writes_it() {
        for lang in [crate::Lang::Fr, crate::Lang::De, crate::Lang::En] {
            let mut request = crate::sample::campaign(300);
            request.lang = lang;
            let text = serde_json::to_string(&request).unwrap();
            let report = crate::evaluate(&request).unwrap();
            let plain = serde_json::to_string(&report).unwrap();
            assert_eq!(crate::evaluate_json(&text).unwrap(), plain);
            assert_eq!(to_string(&report).unwrap(), plain);
        }
    }

    /// The keys tell apart what differs beside the message.
    #[test]
    fn keys_differ_by_every_field() {
        let m: Text = Text::from("m");
        let _other = m.clone();
        let c = Check { rule: Rule::GridQuantity, passed: true, blocking: true, message: m.clone() };
        let keys = [
            c.key(),
            Check { passed: false, ..c.clone() }.key(),
            Check { blocking: false, ..c.clone() }.key(),
            Check { rule: Rule::GridMaxPoints, ..c.clone() }.key(),
        ];
        for (i, a) in keys.iter().enumerate() {
            assert!(a.is_some());
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        let unshared = Check { message: Text::from("u"), ..c };
        assert_eq!(unshared.key(), None);
    }
}

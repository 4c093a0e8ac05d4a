//! [`Text`]: the immutable, shared text of reports and editions.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use arcstr::ArcStr;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Immutable text shared by reference count: a check's message, an item or lot id, an
/// edition or wave id in a report. Most dossiers say the same, so a report holds each text
/// once and its checks point to it.
///
/// One pointer wide (the length lives beside the text), where an `Arc<str>` takes two: a
/// dossier's report holds some thirty texts, and ten thousand reports are that much less
/// memory to write and read. It reads as a `&str` ([`Deref`], [`AsRef`], [`Borrow`]), compares,
/// orders and hashes as its text, and is written and read as a JSON string.
///
/// ```
/// use ecole_numerique::Text;
///
/// let text = Text::from("tablet-android");
/// assert_eq!(text, "tablet-android");
/// assert_eq!(text.len(), 14);
/// assert_eq!(String::from(text.clone()), "tablet-android");
/// assert_eq!(std::mem::size_of::<Text>(), std::mem::size_of::<usize>());
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(ArcStr);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `a` and `b` are the same shared text (not only equal texts).
    pub fn ptr_eq(a: &Text, b: &Text) -> bool {
        ArcStr::ptr_eq(&a.0, &b.0)
    }

    /// `text`, never freed: a clone or drop of it leaves the reference count alone. For the
    /// few texts that live as long as the process (the templates of the messages).
    pub(crate) fn never_freed(text: &str) -> Text {
        let text = ArcStr::from(text);
        text.leak();
        Text(text)
    }

    /// The text's address when it is held more than once (so worth remembering by address).
    pub(crate) fn shared_at(&self) -> Option<usize> {
        // `None` for a text that is never freed, as shared as can be.
        let shared = ArcStr::strong_count(&self.0).is_none_or(|n| n > 1);
        shared.then(|| self.0.as_ptr() as usize)
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text(ArcStr::from(text))
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Text(ArcStr::from(text.as_str()))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text(ArcStr::from(text))
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.as_str().to_owned()
    }
}

impl From<&Text> for String {
    fn from(text: &Text) -> Self {
        text.as_str().to_owned()
    }
}

macro_rules! eq_text {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Text {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<Text> for $other {
            fn eq(&self, other: &Text) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
eq_text!(str, &str, String);

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::from(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(v))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn compares_hashes_and_borrows_as_its_text() {
        let a = Text::from("lot 1");
        let b = Text::from(String::from("lot 1"));
        assert_eq!(a, b);
        assert!(!Text::ptr_eq(&a, &b));
        assert!(Text::ptr_eq(&a, &a.clone()));
        assert_eq!(a, "lot 1");
        assert_eq!("lot 1", a);
        assert_eq!(a, String::from("lot 1"));
        let (x, y) = (Text::from("x"), Text::from("y"));
        assert!(x < y);
        assert_eq!(x.cmp(&y), std::cmp::Ordering::Less);
        let set: HashSet<Text> = [a.clone()].into();
        assert!(set.contains("lot 1"));
        assert_eq!(format!("{a} {a:?}"), "lot 1 \"lot 1\"");
        assert_eq!(Text::default(), "");
    }

    #[test]
    fn is_shared_once_held_twice() {
        let a = Text::from("alone");
        assert_eq!(a.shared_at(), None);
        let b = a.clone();
        assert_eq!(a.shared_at(), Some(b.as_ptr() as usize));
        drop(b);
        assert_eq!(a.shared_at(), None);
    }

    #[test]
    fn a_text_never_freed_is_shared() {
        let a = Text::never_freed("forever");
        assert_eq!(a, "forever");
        assert_eq!(a.shared_at(), Some(a.as_ptr() as usize));
        let b = a.clone();
        assert!(Text::ptr_eq(&a, &b));
        drop(a);
        assert_eq!(b, "forever");
    }

    #[test]
    fn reads_and_writes_as_a_json_string() {
        let text: Text = serde_json::from_str(r#""« é \" »""#).unwrap();
        assert_eq!(text, "« é \" »");
        assert_eq!(serde_json::to_string(&text).unwrap(), r#""« é \" »""#);
        let err = serde_json::from_str::<Text>("12").unwrap_err();
        assert!(err.to_string().contains("expected a string"), "{err}");
    }
}

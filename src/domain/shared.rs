//! [`SharedStr`]: text that many values of a run hold at once, stored once.
//!
//! A dependency can name hundreds of thousands of models, and each model's
//! artifact, license evidence, finding and verdict repeat the same few texts:
//! the file and crate a reference is in, the packages on its path, the
//! sentence that says why it could not be resolved, its id. Held as
//! `SharedStr`, each text is one allocation, and a copy is a reference count.

use serde::Serialize;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string whose clones share one allocation. It reads as a
/// `&str` (`Deref`), and compares, hashes, orders, shows and serializes as
/// its text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The empty text, one for the run (a finding's id is empty until the
/// findings are numbered).
impl Default for SharedStr {
    fn default() -> Self {
        static EMPTY: std::sync::OnceLock<SharedStr> = std::sync::OnceLock::new();
        EMPTY.get_or_init(|| SharedStr::from("")).clone()
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        SharedStr(Arc::from(s))
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        SharedStr(Arc::from(s))
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> Self {
        SharedStr(Arc::from(s.as_str()))
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> Self {
        s.0.as_ref().to_owned()
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == &*other.0
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == &*other.0
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == &*other.0
    }
}

/// Hands out one [`SharedStr`] per distinct text: what a stage repeats for
/// every model it finds (a file, a crate, a package on a path) is stored
/// once however many models name it.
#[derive(Debug, Default)]
pub struct Interner(std::collections::HashSet<SharedStr>);

impl Interner {
    pub fn get(&mut self, text: &str) -> SharedStr {
        if let Some(s) = self.0.get(text) {
            return s.clone();
        }
        let s = SharedStr::from(text);
        self.0.insert(s.clone());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_str_reads_compares_and_serializes_as_its_text() {
        let a = SharedStr::from("dep@0.1.0");
        let b = a.clone();
        assert!(Arc::ptr_eq(&a.0, &b.0), "a clone shares the text");
        assert_eq!(a, "dep@0.1.0");
        assert_eq!(&*a, "dep@0.1.0");
        assert_eq!(format!("{a} {a:?}"), "dep@0.1.0 \"dep@0.1.0\"");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"dep@0.1.0\"");
        let (a, b) = (SharedStr::from("a"), SharedStr::from("b"));
        assert!(a < b, "orders as its text");
    }

    #[test]
    fn an_interner_gives_one_allocation_per_text() {
        let mut interner = Interner::default();
        let a = interner.get("src/lib.rs");
        let b = interner.get(&String::from("src/lib.rs"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_ne!(interner.get("src/main.rs"), a);
    }
}

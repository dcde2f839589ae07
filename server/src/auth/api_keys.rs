//! API keys for machines: `rk_` then 32 random bytes. Shown once, stored as a
//! SHA-256 hash (the key is long and random, so no salt or slow hash is needed).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

pub const PREFIX: &str = "rk_";

/// A new key and the few characters shown to tell it apart later.
pub fn new_key() -> (String, String) {
    let key = format!("{PREFIX}{}", super::secrets::random_token(32));
    let shown = key.chars().take(PREFIX.len() + 6).collect();
    (key, shown)
}

pub fn hash(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(key.as_bytes()))
}

pub fn looks_like_a_key(token: &str) -> bool {
    token.starts_with(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_long_unique_and_recognisable() {
        let (a, shown) = new_key();
        let (b, _) = new_key();
        assert_ne!(a, b);
        assert!(looks_like_a_key(&a));
        assert!(a.starts_with(&shown));
        assert!(a.len() >= 40);
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), hash(&b));
    }
}

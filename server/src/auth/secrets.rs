//! The server's secret: from configuration, or generated once and kept in the
//! database so that every process on one database signs alike.

use crate::db::DatabaseConnection;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use jsonwebtoken::{DecodingKey, EncodingKey};
use rand::RngCore;
use sha2::Sha256;

use crate::db;

const SESSION_SECRET: &str = "session";

pub struct Keys {
    pub encoding: EncodingKey,
    pub decoding: DecodingKey,
    hmac_key: Vec<u8>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(…)")
    }
}

impl Keys {
    pub fn from_secret(secret: &[u8]) -> Keys {
        // One secret, two keys: sessions and code hashes never share a key.
        let derive = |purpose: &[u8]| {
            let mut mac =
                Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
            mac.update(purpose);
            mac.finalize().into_bytes().to_vec()
        };
        let jwt = derive(b"relais session v1");
        Keys {
            encoding: EncodingKey::from_secret(&jwt),
            decoding: DecodingKey::from_secret(&jwt),
            hmac_key: derive(b"relais sign-in codes v1"),
        }
    }

    /// A keyed hash (HMAC-SHA256, base64) of a short secret such as a sign-in code.
    pub fn hash(&self, purpose: &str, value: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.hmac_key).expect("any key length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(value.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

/// Random bytes as URL-safe base64.
pub fn random_token(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    URL_SAFE_NO_PAD.encode(buffer)
}

/// The configured secret, or the one in the database (created on first start).
pub async fn load(conn: &DatabaseConnection, configured: Option<&str>) -> anyhow::Result<Keys> {
    if let Some(secret) = configured {
        anyhow::ensure!(
            secret.len() >= 32,
            "RELAIS_SESSION_SECRET must be at least 32 characters long"
        );
        return Ok(Keys::from_secret(secret.as_bytes()));
    }
    if db::secrets::shared_database(conn) {
        // Whoever can read that table (a backup, a reporting account) could
        // then sign sessions for anyone.
        tracing::warn!(
            "the session secret is kept in the PostgreSQL database; in production, set RELAIS_SESSION_SECRET (at least 32 random characters, the same for every process)"
        );
    }
    let value = db::secrets::get_or_create(conn, SESSION_SECRET, &random_token(32)).await?;
    Ok(Keys::from_secret(value.as_bytes()))
}

//! The keys passes are signed with (Ed25519). The first pass creates one;
//! every process on the database signs with the newest. Rotating retires
//! the others, which stay published (in the JWKS and the doors' lists)
//! until the last booking they may have signed a pass for has ended.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use ed25519_dalek::pkcs8::EncodePrivateKey;
use jsonwebtoken::{DecodingKey, EncodingKey};
use sha2::{Digest, Sha256};
use shared::api::{Jwk, Jwks};

use crate::app::failure::Failure;
use crate::db::entities::access_key;
use crate::db::{self, ConnectionTrait, DbErr};

/// The key new passes are signed with.
pub struct Signer {
    pub kid: String,
    pub key: EncodingKey,
    /// The private key's bytes, also the key of the people's pseudonyms.
    secret: Vec<u8>,
}

impl Signer {
    /// A name for a person that only this network can link back to them
    /// (HMAC-SHA256 under the signing key, 16 characters).
    pub fn pseudonym(&self, person_id: i64) -> String {
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret).expect("any key length");
        mac.update(b"relais pass person v1\0");
        mac.update(person_id.to_string().as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())[..16].to_owned()
    }
}

/// A new key pair: (kid, private key as PKCS#8 in base64, public key as base64url).
fn new_pair() -> anyhow::Result<(String, String, String)> {
    let seed: [u8; 32] = rand::random();
    let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
    let der = signing
        .to_pkcs8_der()
        .map_err(|error| anyhow::anyhow!("cannot encode a new signing key: {error}"))?;
    let x = URL_SAFE_NO_PAD.encode(signing.verifying_key().as_bytes());
    // The key's own fingerprint: stable, and different for every key.
    let kid = URL_SAFE_NO_PAD.encode(&Sha256::digest(x.as_bytes())[..12]);
    Ok((kid, STANDARD.encode(der.as_bytes()), x))
}

/// The signing key, created on first use.
pub async fn signer(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Signer, Failure> {
    let row = match db::access::signing_key(db).await? {
        Some(row) => row,
        None => {
            let (kid, private, public) = new_pair()?;
            // Two processes creating one at once each store theirs; both
            // are published, and the newest signs from then on.
            db::access::insert_key(db, kid, private, public, now).await?;
            db::access::signing_key(db)
                .await?
                .ok_or_else(|| anyhow::anyhow!("the new signing key was not stored"))?
        }
    };
    let der = STANDARD
        .decode(&row.private_pkcs8)
        .map_err(|_| anyhow::anyhow!("a stored signing key is not base64"))?;
    Ok(Signer {
        kid: row.kid,
        key: EncodingKey::from_ed_der(&der),
        secret: der,
    })
}

fn jwk(row: &access_key::Model) -> Jwk {
    Jwk {
        kty: "OKP".to_owned(),
        crv: "Ed25519".to_owned(),
        kid: row.kid.clone(),
        x: row.public_x.clone(),
        alg: "EdDSA".to_owned(),
        use_: "sig".to_owned(),
    }
}

/// The public keys a door needs: the signing one and those still published.
pub async fn jwks(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Jwks, Failure> {
    if db::access::signing_key(db).await?.is_none() {
        // A door set up before the first pass still gets a key to trust.
        signer(db, now).await?;
    }
    Ok(Jwks {
        keys: db::access::published_keys(db, now)
            .await?
            .iter()
            .map(jwk)
            .collect(),
    })
}

/// The public key of `kid`, if it is still published.
pub async fn verifier(
    db: &impl ConnectionTrait,
    kid: &str,
    now: DateTime<Utc>,
) -> Result<Option<DecodingKey>, DbErr> {
    let row = db::access::key_by_kid(db, kid).await?;
    Ok(row
        .filter(|r| r.retired_at.is_none() || r.publish_until.is_some_and(|until| until > now))
        .and_then(|r| DecodingKey::from_ed_components(&r.public_x).ok()))
}

/// Signs new passes with a new key; the others are retired, published
/// until the last booking now active has ended.
pub async fn rotate(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Jwk, Failure> {
    let (kid, private, public) = new_pair()?;
    db::access::insert_key(db, kid.clone(), private, public, now).await?;
    let until = db::access::last_active_end(db)
        .await?
        .unwrap_or(now)
        .max(now);
    db::access::retire_keys_but(db, &kid, now, until).await?;
    let row = db::access::key_by_kid(db, &kid)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the new signing key was not stored"))?;
    Ok(jwk(&row))
}

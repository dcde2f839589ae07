//! Sessions are HS256 JWTs: algorithm pinned, `exp`, `iss`, `aud` and `typ`
//! checked, at most 12 hours long, revocable per person through an epoch and
//! one by one through their `jti` (signing out lists it as revoked).

use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};
use shared::ids::PersonId;

use super::secrets::Keys;

pub const COOKIE_NAME: &str = "relais_session";
pub const LIFETIME: Duration = Duration::hours(12);
const ISSUER: &str = "relais";
const AUDIENCE: &str = "relais-api";
const SESSION_TYPE: &str = "session";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// Always "session": a token minted for anything else is refused here.
    pub typ: String,
    /// The person's session epoch when the token was issued.
    pub epoch: i64,
    /// This session's own id, for signing out of it alone (empty in tokens
    /// issued before sessions had one: those end with their 12 hours).
    #[serde(default)]
    pub jti: String,
}

/// What a valid session token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub person: PersonId,
    pub epoch: i64,
    /// The `jti`; empty for tokens issued before sessions had one.
    pub id: String,
    pub expires: DateTime<Utc>,
}

pub fn issue(
    keys: &Keys,
    person: PersonId,
    epoch: i64,
    now: DateTime<Utc>,
) -> (String, DateTime<Utc>) {
    let expires = now + LIFETIME;
    let claims = Claims {
        sub: person.0.to_string(),
        iss: ISSUER.to_owned(),
        aud: AUDIENCE.to_owned(),
        iat: now.timestamp(),
        exp: expires.timestamp(),
        typ: SESSION_TYPE.to_owned(),
        epoch,
        jti: super::secrets::random_token(16),
    };
    let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding)
        .expect("HS256 signing with an HMAC key cannot fail");
    (token, expires)
}

/// The person and epoch of a valid session token; `None` for anything else.
pub fn verify(keys: &Keys, token: &str, now: DateTime<Utc>) -> Option<(PersonId, i64)> {
    verify_session(keys, token, now).map(|v| (v.person, v.epoch))
}

/// Everything a valid session token says; `None` for anything else.
pub fn verify_session(keys: &Keys, token: &str, now: DateTime<Utc>) -> Option<Verified> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[AUDIENCE]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    // `exp` is checked below against the app's clock, so tests can move time.
    validation.validate_exp = false;
    let data = jsonwebtoken::decode::<Claims>(token, &keys.decoding, &validation).ok()?;
    let claims = data.claims;
    if claims.typ != SESSION_TYPE
        || claims.exp <= now.timestamp()
        || claims.iat > now.timestamp() + 60
    {
        return None;
    }
    Some(Verified {
        person: PersonId(claims.sub.parse().ok()?),
        epoch: claims.epoch,
        id: claims.jti,
        expires: DateTime::from_timestamp(claims.exp, 0)?,
    })
}

/// The session cookie: HttpOnly, SameSite=Lax, Secure when served over HTTPS.
pub fn cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE_NAME, token))
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(time::Duration::hours(LIFETIME.num_hours()))
        .build()
}

/// A cookie that replaces the session cookie and expires at once.
pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE_NAME, ""))
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(time::Duration::ZERO)
        .build()
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use chrono::{TimeZone, Timelike};

    use super::*;

    fn keys() -> Keys {
        Keys::from_secret(b"a test secret that is long enough!!")
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    #[test]
    fn a_fresh_token_verifies() {
        let (token, expires) = issue(&keys(), PersonId(7), 3, now());
        assert_eq!(expires - now(), LIFETIME);
        assert_eq!(verify(&keys(), &token, now()), Some((PersonId(7), 3)));
    }

    #[test]
    fn expired_tokens_are_refused() {
        let (token, _) = issue(&keys(), PersonId(7), 0, now());
        assert!(verify(&keys(), &token, now() + LIFETIME).is_none());
        assert!(verify(&keys(), &token, now() + LIFETIME - Duration::seconds(1)).is_some());
    }

    #[test]
    fn another_key_is_refused() {
        let (token, _) = issue(&keys(), PersonId(7), 0, now());
        let other = Keys::from_secret(b"another secret, also long enough!!");
        assert!(verify(&other, &token, now()).is_none());
    }

    fn forge(header: &str, claims: serde_json::Value) -> String {
        let h = URL_SAFE_NO_PAD.encode(header);
        let c = URL_SAFE_NO_PAD.encode(claims.to_string());
        format!("{h}.{c}.")
    }

    fn claims(aud: &str, typ: &str) -> serde_json::Value {
        serde_json::json!({"sub": "7", "iss": "relais", "aud": aud, "iat": now().timestamp(),
            "exp": now().timestamp() + 3600, "typ": typ, "epoch": 0})
    }

    #[test]
    fn alg_none_is_refused() {
        let token = forge(
            r#"{"alg":"none","typ":"JWT"}"#,
            claims(AUDIENCE, SESSION_TYPE),
        );
        assert!(verify(&keys(), &token, now()).is_none());
    }

    #[test]
    fn each_session_has_its_own_id_until_its_end() {
        let (first, expires) = issue(&keys(), PersonId(7), 0, now());
        let (second, _) = issue(&keys(), PersonId(7), 0, now());
        let (a, b) = (
            verify_session(&keys(), &first, now()).unwrap(),
            verify_session(&keys(), &second, now()).unwrap(),
        );
        assert!(a.id.len() >= 16 && a.id != b.id, "{a:?} {b:?}");
        assert_eq!(a.expires, expires.with_nanosecond(0).unwrap());
    }

    #[test]
    fn other_algorithms_are_refused() {
        let claims = Claims {
            sub: "7".into(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now().timestamp(),
            exp: now().timestamp() + 3600,
            typ: SESSION_TYPE.into(),
            epoch: 0,
            jti: String::new(),
        };
        let key = jsonwebtoken::EncodingKey::from_secret(b"x");
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS512), &claims, &key).unwrap();
        assert!(verify(&keys(), &token, now()).is_none());
    }

    #[test]
    fn wrong_audience_or_type_is_refused() {
        let sign = |claims: serde_json::Value| {
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys().encoding).unwrap()
        };
        assert!(verify(&keys(), &sign(claims(AUDIENCE, SESSION_TYPE)), now()).is_some());
        assert!(verify(&keys(), &sign(claims("someone-else", SESSION_TYPE)), now()).is_none());
        assert!(verify(&keys(), &sign(claims(AUDIENCE, "pass")), now()).is_none());
    }

    #[test]
    fn exp_as_a_string_is_refused() {
        let mut c = claims(AUDIENCE, SESSION_TYPE);
        c["exp"] = serde_json::json!("9999999999");
        let token =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &c, &keys().encoding).unwrap();
        assert!(verify(&keys(), &token, now()).is_none());
    }
}

//! Passwordless sign-in: ask for a mail, then verify its code or its link.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::ConnectInfo;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum_extra::extract::CookieJar;
use email_address::EmailAddress;
use shared::api::{
    CurrentSession, Language, Session, SignInRequest, SignInRequested, VerifyCode, VerifyLink,
};
use shared::error::codes;
use shared::routes as paths;
use shared::routes::pages;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::app;
use crate::auth::{Principal, SignedIn, client_address, codes as sign_in_codes, session};
use crate::db;
use crate::error::{ApiError, ApiJson};
use crate::mail;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(request_sign_in))
        .routes(routes!(verify_code))
        .routes(routes!(verify_link))
        .routes(routes!(sign_out))
        .routes(routes!(sign_out_everywhere))
        .routes(routes!(current_session))
}

/// Addresses are compared lower-cased and trimmed.
pub(super) fn normalise_email(raw: &str) -> Result<String, ApiError> {
    let email = raw.trim().to_lowercase();
    if email.len() > 254 || !EmailAddress::is_valid(&email) || !email.contains('.') {
        return Err(ApiError::bad_request(
            codes::INVALID_EMAIL,
            "This does not look like an e-mail address.",
        ));
    }
    Ok(email)
}

/// The client's address (rate limits are keyed on it): the socket's peer,
/// or what a trusted reverse proxy says (`auth::client_address`).
pub(super) struct ClientIp(pub(super) Option<std::net::IpAddr>);

impl axum::extract::FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientIp(peer.map(|peer| {
            client_address::client_address(peer, &parts.headers, &state.config.trusted_proxies)
        })))
    }
}

const CODE_PURPOSE: &str = "code";
const LINK_PURPOSE: &str = "link";

/// A new sign-in challenge for `email` inside the caller's transaction: the
/// code and the link to put in a mail (a sign-in mail, or the mail that asks
/// the owner of an address a host gave to confirm it, `confirms` naming that
/// person). `None` when the address already has its live codes: nothing is
/// stored, and nothing should be mailed.
pub(super) async fn new_challenge(
    ctx: &Ctx,
    txn: &db::Txn,
    email: &str,
    language: Language,
    confirms: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<(String, String)>, ApiError> {
    let code = sign_in_codes::new_code();
    let token = sign_in_codes::new_link_token();
    let hashes = (
        ctx.keys.hash(CODE_PURPOSE, &code),
        ctx.keys.hash(LINK_PURPOSE, &token),
    );
    if !app::sign_in::create(txn, email, hashes, language, confirms, now).await? {
        return Ok(None);
    }
    let link = format!(
        "{}{}#t={token}",
        ctx.public_url.clone(),
        pages::SIGN_IN_LINK
    );
    Ok(Some((code, link)))
}

#[utoipa::path(
    post,
    path = paths::AUTH_REQUEST,
    tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 202, description = "A mail with a code and a link is on its way (the same answer whether the address is known or not)", body = SignInRequested),
        (status = 400, description = "Not an e-mail address", body = shared::ErrorBody),
        (status = 429, description = "Too many requests", body = shared::ErrorBody)
    )
)]
async fn request_sign_in(
    ctx: Ctx,
    ClientIp(client): ClientIp,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let email = normalise_email(&request.email)?;
    ctx.limits.check_request(&email, client)?;
    let now = ctx.now;

    // One writer at a time on SQLite: a transaction that reads before it
    // writes could otherwise find its snapshot stale.
    let _writer = ctx.write_gate.enter().await;
    let txn = crate::db::begin_write(&ctx.db).await?;
    // The answer speaks the page's language whoever the address belongs to,
    // so it cannot tell a stranger whether an account exists. The mail,
    // which only the address's owner reads, speaks the person's own.
    let page_language = request
        .language
        .or_else(crate::spoken::spoken)
        .unwrap_or_default();
    let language = match app::people::find_by_email(&txn, &email).await? {
        Some(person) => app::people::language_of(&person),
        None => page_language,
    };
    // With its live codes already in the person's mailbox, nothing more is
    // sent: the same answer, and those codes still work.
    let minutes = app::sign_in::VALIDITY.num_minutes();
    if let Some((code, link)) = new_challenge(&ctx, &txn, &email, language, None, now).await? {
        mail::enqueue(
            &txn,
            mail::templates::sign_in(&email, language, &code, &link, minutes),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    ctx.wake_mail();

    let message = match page_language {
        Language::Fr => "Si cette adresse est correcte, un code vient d'y être envoyé.",
        Language::En => "If this address is right, a code has just been sent to it.",
    };
    Ok((
        StatusCode::ACCEPTED,
        Json(SignInRequested {
            message: message.to_owned(),
            expires_in: u32::try_from(minutes * 60).unwrap_or(600),
        }),
    ))
}

#[utoipa::path(
    post,
    path = paths::AUTH_VERIFY,
    tag = "auth",
    request_body = VerifyCode,
    responses(
        (status = 200, description = "Signed in; the session is also set as a cookie", body = Session),
        (status = 400, description = "Wrong code (`invalid_code`) or address", body = shared::ErrorBody),
        (status = 403, description = "Five wrong codes: ask for a new one (`too_many_attempts`)", body = shared::ErrorBody),
        (status = 410, description = "Expired or already used (`code_expired`)", body = shared::ErrorBody),
        (status = 429, description = "Too many tries", body = shared::ErrorBody)
    )
)]
async fn verify_code(
    ctx: Ctx,
    ClientIp(client): ClientIp,
    jar: CookieJar,
    ApiJson(body): ApiJson<VerifyCode>,
) -> Result<(CookieJar, Json<Session>), ApiError> {
    let email = normalise_email(&body.email)?;
    // Per client only: a limit per address would let a stranger spend the
    // person's own attempts (the database bounds guesses per address).
    ctx.limits.check_verify(client)?;
    let code = sign_in_codes::normalise_code(&body.code)
        .ok_or_else(|| ApiError::bad_request(codes::INVALID_CODE, "The code has 6 digits."))?;
    let now = ctx.now;
    // Checking a code reads then writes: one writer at a time on SQLite.
    let _writer = ctx.write_gate.enter().await;
    let verified =
        app::sign_in::verify_code(&ctx.db, &email, &ctx.keys.hash(CODE_PURPOSE, &code), now)
            .await?;
    start_session(&ctx, jar, verified).await
}

#[utoipa::path(
    post,
    path = paths::AUTH_VERIFY_LINK,
    tag = "auth",
    request_body = VerifyLink,
    responses(
        (status = 200, description = "Signed in; the session is also set as a cookie", body = Session),
        (status = 410, description = "Expired or already used (`code_expired`)", body = shared::ErrorBody),
        (status = 429, description = "Too many tries", body = shared::ErrorBody)
    )
)]
async fn verify_link(
    ctx: Ctx,
    ClientIp(client): ClientIp,
    jar: CookieJar,
    ApiJson(body): ApiJson<VerifyLink>,
) -> Result<(CookieJar, Json<Session>), ApiError> {
    ctx.limits.check_verify(client)?;
    let now = ctx.now;
    let _writer = ctx.write_gate.enter().await;
    let verified = app::sign_in::verify_link(
        &ctx.db,
        &ctx.keys.hash(LINK_PURPOSE, body.token.trim()),
        now,
    )
    .await?;
    start_session(&ctx, jar, verified).await
}

async fn start_session(
    ctx: &Ctx,
    jar: CookieJar,
    verified: app::sign_in::Verified,
) -> Result<(CookieJar, Json<Session>), ApiError> {
    let now = ctx.now;
    // (The caller holds the write gate: confirming an address a host gave
    // writes the person's row.)
    let person = app::people::account_for_sign_in(&ctx.db, &verified, now).await?;
    let (token, expires) = session::issue(
        &ctx.keys,
        shared::ids::PersonId(person.id),
        person.session_epoch,
        now,
    );
    let me = app::people::me(&ctx.db, shared::ids::PersonId(person.id))
        .await?
        .ok_or_else(|| anyhow::anyhow!("person vanished while signing in"))?;
    let jar = jar.add(session::cookie(token.clone(), ctx.config.is_https()));
    Ok((
        jar,
        Json(Session {
            token,
            expires_at: expires.to_rfc3339(),
            me,
        }),
    ))
}

#[utoipa::path(
    post,
    path = paths::AUTH_SIGN_OUT,
    tag = "auth",
    responses((status = 204, description = "The session sent (bearer token or cookie) stops working, and the cookie is removed"))
)]
async fn sign_out(
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    jar: CookieJar,
) -> Result<(CookieJar, StatusCode), ApiError> {
    // The session ends, not only the cookie: a copy of the token (another
    // tab, a stolen cookie) stops working too.
    let token = crate::auth::policy::bearer_token(&headers)
        .or_else(|| jar.get(session::COOKIE_NAME).map(|c| c.value().to_owned()));
    let now = ctx.now;
    if let Some(ended) = token.and_then(|t| session::verify_session(&ctx.keys, &t, now)) {
        let _writer = ctx.write_gate.enter().await;
        db::sessions::revoke(&ctx.db, &ended.id, ended.expires, now).await?;
    }
    Ok((
        jar.add(session::removal_cookie(ctx.config.is_https())),
        StatusCode::NO_CONTENT,
    ))
}

#[utoipa::path(
    post,
    path = paths::AUTH_SIGN_OUT_EVERYWHERE,
    tag = "auth",
    responses(
        (status = 204, description = "Every session of this person, on every device, stops working"),
        (status = 401, description = "Not signed in", body = shared::ErrorBody)
    )
)]
async fn sign_out_everywhere(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    jar: CookieJar,
) -> Result<(CookieJar, StatusCode), ApiError> {
    app::people::revoke_sessions(&ctx.db, person.id).await?;
    Ok((
        jar.add(session::removal_cookie(ctx.config.is_https())),
        StatusCode::NO_CONTENT,
    ))
}

#[utoipa::path(
    get,
    path = paths::AUTH_CURRENT,
    tag = "auth",
    responses(
        (status = 200, description = "The signed-in person (`me`), or `me: null` for a visitor or an expired session: never a 401, so a signed-out page logs no error", body = CurrentSession),
        (status = 401, description = "A bearer token was sent and no longer works (`invalid_token`); a stale session cookie reads as signed out", body = shared::ErrorBody)
    )
)]
async fn current_session(ctx: Ctx, caller: Principal) -> Result<Json<CurrentSession>, ApiError> {
    let me = match caller {
        Principal::Person(person) => app::people::me(&ctx.db, person.id).await?,
        _ => None,
    };
    Ok(Json(CurrentSession { me }))
}

#[cfg(test)]
mod tests {
    use super::normalise_email;

    #[test]
    fn addresses_are_normalised_and_checked() {
        assert_eq!(
            normalise_email("  Alice@Demo.Relais ").unwrap(),
            "alice@demo.relais"
        );
        for bad in [
            "",
            "alice",
            "alice@",
            "@demo.relais",
            "a b@c.fr",
            "alice@localhost",
        ] {
            assert!(normalise_email(bad).is_err(), "{bad:?}");
        }
    }
}

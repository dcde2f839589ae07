//! A booking's pass: a token signed with the network's key (a QR code) and
//! a PIN for keypads, valid from a margin before the start until the end.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, Header};
use shared::api::{BookingStatus, PASS_AUDIENCE, Pass};
use shared::error::codes;
use shared::ids::{BookingId, SiteId};

use super::keys::{self, Signer};
use crate::app::failure::Failure;
use crate::db::entities::{booking, site};
use crate::db::{self, ConnectionTrait, DbErr, TransactionTrait};
use crate::domain::caller::PersonContext;
use crate::domain::door::{self, PassClaims};
use crate::domain::local_time;

/// How many random PINs are tried before giving up (the site would need
/// hundreds of thousands of bookings that day to get there).
const PIN_TRIES: usize = 32;

/// The booking's PIN, given now if it has none: six random digits no other
/// booking of its site has on its local day.
pub async fn ensure_pin(
    db: &(impl ConnectionTrait + TransactionTrait),
    b: &booking::Model,
    site: &site::Model,
) -> Result<String, DbErr> {
    if let Some(pin) = &b.pin {
        return Ok(pin.clone());
    }
    let day = pin_day(site, b.start_at);
    for _ in 0..PIN_TRIES {
        let pin = door::pin_from(rand::random());
        if db::access::give_pin(db, b.id, &day, &pin).await? {
            // Another request may have given one first: the stored one wins.
            let stored = db::bookings::booking_by_id(db, b.id).await?;
            return Ok(stored.and_then(|s| s.pin).unwrap_or(pin));
        }
    }
    Err(DbErr::Custom(
        "no free PIN found for this site and day".to_owned(),
    ))
}

/// The site's local day a booking starts on, as PINs are counted.
pub fn pin_day(site: &site::Model, at: DateTime<Utc>) -> String {
    let (day, _) = local_time::local(local_time::parse_zone(&site.time_zone), at);
    day.to_string()
}

/// A booking's status as the door rules read it.
pub fn status_of(b: &booking::Model) -> BookingStatus {
    BookingStatus::parse(&b.status).unwrap_or(BookingStatus::Confirmed)
}

/// When a booking's pass opens and closes the door.
pub fn window_of(b: &booking::Model, site: &site::Model) -> (DateTime<Utc>, DateTime<Utc>) {
    door::window(b.start_at, b.end_at, site.pass_margin_minutes)
}

/// The signed token of a booking's pass.
pub fn token(
    signer: &Signer,
    public_url: &str,
    b: &booking::Model,
    site: &site::Model,
) -> Result<String, Failure> {
    let (valid_from, valid_until) = window_of(b, site);
    let claims = PassClaims {
        iss: public_url.to_owned(),
        aud: PASS_AUDIENCE.to_owned(),
        sub: b.id.to_string(),
        site: b.site_id,
        resource: b.resource_id,
        pid: signer.pseudonym(b.person_id.unwrap_or_default()),
        nbf: valid_from.timestamp(),
        exp: valid_until.timestamp(),
    };
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(signer.kid.clone());
    jsonwebtoken::encode(&header, &claims, &signer.key)
        .map_err(|error| Failure::Internal(anyhow::anyhow!("cannot sign a pass: {error}")))
}

/// Text as a QR code, an SVG image that scales with its box.
pub fn qr_svg(text: &str) -> Result<String, Failure> {
    crate::domain::qr::svg(text)
        .ok_or_else(|| Failure::Internal(anyhow::anyhow!("text too long for a QR code")))
}

/// The pass of a booking, for its person or its site's hosts (others: 404).
pub async fn of_booking(
    db: &(impl ConnectionTrait + TransactionTrait),
    caller: &PersonContext,
    id: BookingId,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<Pass, Failure> {
    let not_found = || Failure::NotFound("There is no such booking.".to_owned());
    let b = db::bookings::booking_by_id(db, id.0)
        .await?
        .filter(|b| b.person_id == Some(caller.id.0) || caller.may_host(SiteId(b.site_id)))
        .ok_or_else(not_found)?;
    let status = status_of(&b);
    if matches!(status, BookingStatus::Cancelled | BookingStatus::NoShow) {
        return Err(Failure::Conflict {
            code: codes::BOOKING_NOT_ACTIVE,
            message: "This booking was cancelled or released: it has no pass.".to_owned(),
        });
    }
    let site = db::sites::site_by_id(db, b.site_id)
        .await?
        .ok_or_else(not_found)?;
    let resource = db::bookings::resource_by_id(db, b.resource_id)
        .await?
        .ok_or_else(not_found)?;
    let pin = ensure_pin(db, &b, &site).await?;
    let signer = keys::signer(db, now).await?;
    let token = token(&signer, public_url, &b, &site)?;
    let qr_svg = qr_svg(&token)?;
    let (valid_from, valid_until) = window_of(&b, &site);
    let person_name = match b.person_id {
        Some(person) => db::people::person_by_id(db, person)
            .await?
            .map(|p| p.display_name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let commune = db::booking_mail::commune_name(db, &site.commune_insee).await?;
    Ok(Pass {
        token,
        pin,
        valid_from: valid_from.to_rfc3339(),
        valid_until: valid_until.to_rfc3339(),
        qr_svg,
        booking_id: BookingId(b.id),
        status,
        site_id: SiteId(site.id),
        site_name: site.name.clone(),
        resource_name: resource.name,
        start: b.start_at.to_rfc3339(),
        end: b.end_at.to_rfc3339(),
        time_zone: site.time_zone.clone(),
        address: match commune {
            Some(commune) => format!("{}, {} {}", site.address, site.postcode, commune),
            None => format!("{}, {}", site.address, site.postcode),
        },
        how_to_get_in: site.how_to_get_in.clone(),
        person_name,
        checked_in: status == BookingStatus::CheckedIn,
    })
}

/// What a booking's mails say of its pass: the PIN, the pass's page and the
/// signed token its QR code holds (drawn when the mail is sent, outside the
/// booking's transaction).
pub struct MailPass {
    pub pin: String,
    pub link: String,
    pub token: String,
}

/// The pass of a booking being confirmed or reminded, inside the mail's
/// transaction. A new booking was given its PIN when inserted; `signer` is
/// read before the transaction.
pub async fn for_mail(
    db: &(impl ConnectionTrait + TransactionTrait),
    signer: &Signer,
    public_url: &str,
    b: &booking::Model,
    site: &site::Model,
) -> Result<MailPass, DbErr> {
    let pin = ensure_pin(db, b, site).await?;
    let token = token(signer, public_url, b, site).map_err(|f| DbErr::Custom(f.to_string()))?;
    Ok(MailPass {
        pin,
        link: format!("{public_url}{}/{}", shared::routes::pages::PASS, b.id),
        token,
    })
}

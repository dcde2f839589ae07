//! What a door decides, without a database: when a pass opens, what a
//! pass's token says, whether a booking may come in now, and what a
//! check-in or check-out does to its status.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use shared::api::{BookingStatus, DoorRefusal, PIN_DIGITS};
use shared::error::codes;

use super::refusal::Refusal;

/// The claims of a pass's token (a JWT signed with Ed25519).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassClaims {
    /// The network's public URL.
    pub iss: String,
    /// Always `relais-door`.
    pub aud: String,
    /// The booking's id, as a string.
    pub sub: String,
    pub site: i64,
    pub resource: i64,
    /// The person, under a name only this network can link to them.
    pub pid: String,
    pub nbf: i64,
    pub exp: i64,
}

/// When a booking's pass opens the door: `margin` before its start, until its end.
pub fn window(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    margin_minutes: i32,
) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        start - Duration::minutes(i64::from(margin_minutes.max(0))),
        end,
    )
}

/// Whether a booking in this status, with this window, opens the door now.
/// A checked-out booking is over: its place may already be someone else's.
pub fn judge(
    status: BookingStatus,
    (valid_from, valid_until): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<(), DoorRefusal> {
    match status {
        BookingStatus::Cancelled => return Err(DoorRefusal::Cancelled),
        BookingStatus::NoShow => return Err(DoorRefusal::Released),
        BookingStatus::Completed => return Err(DoorRefusal::Expired),
        BookingStatus::Confirmed | BookingStatus::CheckedIn => {}
    }
    if now < valid_from {
        return Err(DoorRefusal::NotYet);
    }
    if now >= valid_until {
        return Err(DoorRefusal::Expired);
    }
    Ok(())
}

/// Whether a person or a host may check this booking in now: the same rule
/// as the door's, said as the API's refusal.
pub fn may_check_in(
    status: BookingStatus,
    window: (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    judge(status, window, now).map_err(|refusal| match refusal {
        DoorRefusal::NotYet => Refusal::conflict(
            codes::TOO_EARLY,
            "It is too early to check in: the pass opens a little before the booking.",
        ),
        DoorRefusal::Expired => Refusal::conflict(codes::BOOKING_OVER, "This booking is over."),
        _ => Refusal::conflict(
            codes::BOOKING_NOT_ACTIVE,
            "This booking was cancelled or released.",
        ),
    })
}

/// Whether a booking may be checked out: only once it was checked in.
pub fn may_check_out(status: BookingStatus) -> Result<(), Refusal> {
    match status {
        BookingStatus::CheckedIn | BookingStatus::Completed => Ok(()),
        BookingStatus::Cancelled | BookingStatus::NoShow => Err(Refusal::conflict(
            codes::BOOKING_NOT_ACTIVE,
            "This booking was cancelled or released.",
        )),
        BookingStatus::Confirmed => Err(Refusal::conflict(
            codes::NOT_CHECKED_IN,
            "Nobody checked in for this booking.",
        )),
    }
}

/// A PIN from a random number: always `PIN_DIGITS` digits, leading zeros kept.
pub fn pin_from(random: u32) -> String {
    format!("{:06}", random % 1_000_000)
}

/// Whether text typed on a keypad can be a PIN (spaces a person adds are ignored).
pub fn normalize_pin(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == PIN_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, hour, minute, 0).unwrap()
    }

    #[test]
    fn a_pass_opens_a_margin_before_the_start_until_the_end() {
        let w = window(at(9, 0), at(12, 0), 15);
        assert_eq!(
            judge(BookingStatus::Confirmed, w, at(8, 44)),
            Err(DoorRefusal::NotYet)
        );
        assert_eq!(judge(BookingStatus::Confirmed, w, at(8, 45)), Ok(()));
        assert_eq!(judge(BookingStatus::CheckedIn, w, at(11, 59)), Ok(()));
        assert_eq!(
            judge(BookingStatus::Confirmed, w, at(12, 0)),
            Err(DoorRefusal::Expired)
        );
    }

    #[test]
    fn cancelled_and_released_bookings_never_open() {
        let w = window(at(9, 0), at(12, 0), 15);
        assert_eq!(
            judge(BookingStatus::Cancelled, w, at(10, 0)),
            Err(DoorRefusal::Cancelled)
        );
        assert_eq!(
            judge(BookingStatus::NoShow, w, at(10, 0)),
            Err(DoorRefusal::Released)
        );
        assert_eq!(
            judge(BookingStatus::Completed, w, at(10, 0)),
            Err(DoorRefusal::Expired)
        );
    }

    #[test]
    fn check_in_refusals_have_the_api_codes() {
        let w = window(at(9, 0), at(12, 0), 0);
        let code = |status, now| may_check_in(status, w, now).err().map(|r| r.code);
        assert_eq!(
            code(BookingStatus::Confirmed, at(8, 59)),
            Some(codes::TOO_EARLY)
        );
        assert_eq!(
            code(BookingStatus::Confirmed, at(12, 1)),
            Some(codes::BOOKING_OVER)
        );
        assert_eq!(
            code(BookingStatus::NoShow, at(10, 0)),
            Some(codes::BOOKING_NOT_ACTIVE)
        );
        assert_eq!(code(BookingStatus::Confirmed, at(10, 0)), None);
        assert_eq!(
            may_check_out(BookingStatus::Confirmed)
                .err()
                .map(|r| r.code),
            Some(codes::NOT_CHECKED_IN)
        );
    }

    #[test]
    fn pins_have_six_digits_and_typing_spaces_is_fine() {
        assert_eq!(pin_from(42), "000042");
        assert_eq!(pin_from(4_294_967_295), "967295");
        assert_eq!(normalize_pin("482 913").as_deref(), Some("482913"));
        assert_eq!(normalize_pin("48291"), None);
        assert_eq!(normalize_pin("48291a"), None);
    }
}

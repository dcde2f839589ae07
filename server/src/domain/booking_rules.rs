//! Whether a requested interval can be booked at a site: in the future, not
//! too far ahead, not too long, within one local day, outside closures, inside
//! opening hours and on the site's grid. Each refusal has its own code.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use shared::api::OpeningPeriod;
use shared::error::codes;
use shared::slots::{LocalSpan, SlotError, check_span};

use super::local_time;
use super::refusal::Refusal;

/// A site's booking rules, read from the database.
#[derive(Debug, Clone)]
pub struct SiteRules {
    pub zone: Tz,
    pub hours: Vec<OpeningPeriod>,
    pub slot_minutes: u16,
    pub max_days_ahead: i64,
    pub max_booking_minutes: i64,
    pub cancel_deadline_minutes: i64,
    /// Closed local days, both ends included.
    pub closures: Vec<(NaiveDate, NaiveDate)>,
}

impl SiteRules {
    pub fn is_closed(&self, day: NaiveDate) -> bool {
        self.closures
            .iter()
            .any(|(first, last)| *first <= day && day <= *last)
    }
}

fn refuse(code: &'static str, message: &str) -> Refusal {
    Refusal::invalid(code, message)
}

pub fn check(
    rules: &SiteRules,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if end <= start {
        return Err(refuse(
            codes::INVALID_INTERVAL,
            "The end must come after the start.",
        ));
    }
    if start < now {
        return Err(refuse(codes::IN_THE_PAST, "This time has already passed."));
    }
    if start > now + Duration::days(rules.max_days_ahead) {
        return Err(refuse(
            codes::TOO_FAR_AHEAD,
            &format!(
                "Bookings open {} days ahead at this site.",
                rules.max_days_ahead
            ),
        ));
    }
    if end - start > Duration::minutes(rules.max_booking_minutes) {
        return Err(refuse(
            codes::TOO_LONG,
            "This booking is longer than the site allows.",
        ));
    }
    let (start_day, start_time) = local_time::local(rules.zone, start);
    let (end_day, end_time) = local_time::local(rules.zone, end);
    let end_time = if end_day == start_day.succ_opt().unwrap_or(start_day)
        && end_time == shared::ClockTime::MIDNIGHT
    {
        shared::ClockTime::END_OF_DAY
    } else if end_day != start_day {
        return Err(refuse(
            codes::INVALID_INTERVAL,
            "A booking starts and ends on the same day.",
        ));
    } else {
        end_time
    };
    if rules.is_closed(start_day) {
        return Err(refuse(codes::SITE_CLOSED, "The site is closed that day."));
    }
    let span = LocalSpan {
        start: start_time,
        end: end_time,
    };
    match check_span(
        &rules.hours,
        local_time::weekday(start_day),
        span,
        rules.slot_minutes,
    ) {
        Ok(()) => Ok(()),
        Err(SlotError::Empty) => Err(refuse(
            codes::INVALID_INTERVAL,
            "The end must come after the start.",
        )),
        Err(SlotError::OutsideOpeningHours) => Err(refuse(
            codes::OUTSIDE_OPENING_HOURS,
            "The site is not open for the whole of this time.",
        )),
        Err(SlotError::OffGrid) => Err(refuse(
            codes::OFF_GRID,
            &format!(
                "Bookings start and end on {}-minute steps from opening time.",
                rules.slot_minutes
            ),
        )),
    }
}

/// Who asks to cancel, as far as the deadline cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Canceller {
    /// The booking's person: bound by the site's deadline.
    Person,
    /// A host of the site or a network administrator: any time before the end.
    Host,
}

/// Whether a booking of [start, end), still holding its desk or not
/// (`active`), can be cancelled now by `who`. A deadline of 0 minutes means
/// "until it starts", which `active` and the end already cover.
pub fn may_cancel(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    active: bool,
    deadline_minutes: i64,
    who: Canceller,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if !active || end <= now {
        return Err(Refusal::conflict(
            codes::TOO_LATE_TO_CANCEL,
            "This booking is over and cannot be cancelled.",
        ));
    }
    if who == Canceller::Person
        && deadline_minutes > 0
        && start - Duration::minutes(deadline_minutes) < now
    {
        return Err(Refusal::conflict(
            codes::TOO_LATE_TO_CANCEL,
            "It is too late to cancel this booking yourself. Please call the site.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_cancels_before_the_deadline_and_a_host_until_the_end() {
        let start: DateTime<Utc> = "2027-01-18T08:00:00Z".parse().unwrap();
        let end = start + Duration::hours(4);
        let day_before = start - Duration::hours(25);
        let hour_before = start - Duration::hours(1);
        let deadline = 24 * 60;
        assert!(may_cancel(start, end, true, deadline, Canceller::Person, day_before).is_ok());
        let late = may_cancel(start, end, true, deadline, Canceller::Person, hour_before);
        assert_eq!(late.unwrap_err().code, codes::TOO_LATE_TO_CANCEL);
        assert!(may_cancel(start, end, true, deadline, Canceller::Host, hour_before).is_ok());
        assert!(may_cancel(start, end, true, 0, Canceller::Person, hour_before).is_ok());
        let over = may_cancel(start, end, true, 0, Canceller::Host, end);
        assert_eq!(
            over.unwrap_err().kind,
            super::super::refusal::Kind::Conflict
        );
        assert!(may_cancel(start, end, false, 0, Canceller::Host, hour_before).is_err());
    }
}

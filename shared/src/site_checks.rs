//! What makes a site's settings or a resource valid. Pure, so the browser
//! checks a form with the very rule the server enforces.

use crate::api::{BookingRules, OpeningPeriod, ResourceInput, SiteInput};
use crate::error::codes;
use crate::slots::periods_of;
use crate::text;

/// Amenity keys a site may list; the browser app names each one.
pub const AMENITIES: [&str; 6] = [
    "wifi",
    "printer",
    "kitchen",
    "parking",
    "screens",
    "step_free",
];

/// The grids a site may use, in minutes.
pub const SLOT_CHOICES: [u16; 3] = [15, 30, 60];

/// Why settings are refused: an error code and an English sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    pub message: &'static str,
}

const fn problem(code: &'static str, message: &'static str) -> Problem {
    Problem { code, message }
}

pub fn check_site(site: &SiteInput) -> Result<(), Problem> {
    if site.name.trim().is_empty() {
        return Err(problem(codes::INVALID_NAME, "A site needs a name."));
    }
    text::SITE_NAME.check(&site.name)?;
    if site.address.trim().is_empty() {
        return Err(problem(codes::INVALID_ADDRESS, "A site needs an address."));
    }
    text::SITE_ADDRESS.check(&site.address)?;
    text::SITE_ACCESSIBILITY.check(&site.accessibility)?;
    crate::phone::check(&site.phone)?;
    if site.postcode.len() != 5 || !site.postcode.bytes().all(|b| b.is_ascii_digit()) {
        return Err(problem(
            codes::INVALID_POSTCODE,
            "A postcode has five digits.",
        ));
    }
    let on_earth = site.latitude.is_finite()
        && site.longitude.is_finite()
        && (-90.0..=90.0).contains(&site.latitude)
        && (-180.0..=180.0).contains(&site.longitude);
    if !on_earth {
        return Err(problem(
            codes::INVALID_COORDINATES,
            "Latitude is between -90 and 90, longitude between -180 and 180.",
        ));
    }
    if site
        .amenities
        .iter()
        .any(|a| !AMENITIES.contains(&a.as_str()))
    {
        return Err(problem(
            codes::INVALID_AMENITIES,
            "One of the amenities is not known.",
        ));
    }
    check_rules(&site.rules)?;
    check_door(&site.door)?;
    check_hours(&site.opening_hours, site.rules.slot_minutes)
}

/// A pass opens at most two hours early; a release waits 5 minutes to 4 hours.
pub fn check_door(door: &crate::api::DoorRules) -> Result<(), Problem> {
    text::HOW_TO_GET_IN.check(&door.how_to_get_in)?;
    if door.pass_margin_minutes > 120 {
        return Err(problem(
            codes::INVALID_RULES,
            "A pass opens the door at most 120 minutes before the booking.",
        ));
    }
    if door
        .release_after_minutes
        .is_some_and(|m| !(5..=240).contains(&m))
    {
        return Err(problem(
            codes::INVALID_RULES,
            "A place nobody took is released 5 to 240 minutes after the start.",
        ));
    }
    Ok(())
}

pub fn check_rules(rules: &BookingRules) -> Result<(), Problem> {
    let invalid = |message| Err(problem(codes::INVALID_RULES, message));
    if !SLOT_CHOICES.contains(&rules.slot_minutes) {
        return invalid("The grid is 15, 30 or 60 minutes.");
    }
    if !(1..=365).contains(&rules.max_days_ahead) {
        return invalid("Bookings open between 1 and 365 days ahead.");
    }
    if rules.max_booking_minutes < rules.slot_minutes
        || rules.max_booking_minutes > 24 * 60
        || !rules.max_booking_minutes.is_multiple_of(rules.slot_minutes)
    {
        return invalid("The longest booking is a whole number of slots, at most 24 hours.");
    }
    if rules.cancel_deadline_minutes > 7 * 24 * 60 {
        return invalid("The cancellation deadline is at most a week before the start.");
    }
    Ok(())
}

/// Each period opens before it closes, on the grid, and periods of one day
/// do not overlap (a lunch break is two periods).
pub fn check_hours(hours: &[OpeningPeriod], slot_minutes: u16) -> Result<(), Problem> {
    let invalid = |message| Err(problem(codes::INVALID_HOURS, message));
    if hours.iter().any(|p| !(1..=7).contains(&p.weekday)) {
        return invalid("Days of the week go from 1 (Monday) to 7 (Sunday).");
    }
    if hours.iter().any(|p| p.opens >= p.closes) {
        return invalid("Each period opens before it closes.");
    }
    let on_grid = |minutes: u16| minutes.is_multiple_of(slot_minutes.max(1));
    if hours
        .iter()
        .any(|p| !on_grid(p.opens.minutes()) || !on_grid(p.closes.minutes()))
    {
        return invalid("Opening and closing times fall on the site's grid.");
    }
    for weekday in 1..=7 {
        let day = periods_of(hours, weekday);
        if day.windows(2).any(|pair| pair[0].1 > pair[1].0) {
            return invalid("Periods of one day do not overlap.");
        }
    }
    Ok(())
}

pub fn check_resource(resource: &ResourceInput) -> Result<(), Problem> {
    if resource.name.trim().is_empty() {
        return Err(problem(codes::INVALID_NAME, "A resource needs a name."));
    }
    text::RESOURCE_NAME.check(&resource.name)?;
    if !(1..=100).contains(&resource.capacity) {
        return Err(problem(
            codes::INVALID_CAPACITY,
            "A resource seats between 1 and 100 people.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClockTime;

    fn at(h: u16, m: u16) -> ClockTime {
        ClockTime::from_hm(h, m).unwrap()
    }

    fn period(weekday: u8, opens: ClockTime, closes: ClockTime) -> OpeningPeriod {
        OpeningPeriod {
            weekday,
            opens,
            closes,
        }
    }

    fn site() -> SiteInput {
        SiteInput {
            name: "Tiers-lieu de Florac".into(),
            address: "2 place de la Mairie".into(),
            postcode: "48400".into(),
            commune_insee: "48061".into(),
            latitude: 44.32,
            longitude: 3.59,
            time_zone: String::new(),
            opening_hours: vec![
                period(1, at(9, 0), at(12, 30)),
                period(1, at(13, 30), at(18, 0)),
            ],
            amenities: vec!["wifi".into()],
            accessibility: String::new(),
            phone: "04 66 45 01 02".into(),
            rules: BookingRules::default(),
            door: crate::api::DoorRules::default(),
        }
    }

    fn code(site: &SiteInput) -> Option<&'static str> {
        check_site(site).err().map(|p| p.code)
    }

    #[test]
    fn a_day_with_a_lunch_break_is_valid() {
        assert_eq!(code(&site()), None);
    }

    type Spoil = fn(&mut SiteInput);

    #[test]
    fn each_mistake_has_its_code() {
        let cases: [(Spoil, &str); 11] = [
            (|s| s.name = "  ".into(), codes::INVALID_NAME),
            (|s| s.phone = "quatre".into(), codes::INVALID_PHONE),
            (|s| s.address = String::new(), codes::INVALID_ADDRESS),
            (|s| s.postcode = "4840".into(), codes::INVALID_POSTCODE),
            (|s| s.latitude = f64::NAN, codes::INVALID_COORDINATES),
            (|s| s.longitude = 181.0, codes::INVALID_COORDINATES),
            (
                |s| s.amenities.push("pool".into()),
                codes::INVALID_AMENITIES,
            ),
            (|s| s.rules.slot_minutes = 20, codes::INVALID_RULES),
            (|s| s.rules.max_booking_minutes = 45, codes::INVALID_RULES),
            (
                |s| s.opening_hours.push(period(1, at(12, 0), at(14, 0))),
                codes::INVALID_HOURS,
            ),
            (
                |s| s.opening_hours.push(period(8, at(9, 0), at(10, 0))),
                codes::INVALID_HOURS,
            ),
        ];
        for (spoil, expected) in cases {
            let mut s = site();
            spoil(&mut s);
            assert_eq!(code(&s), Some(expected), "{s:?}");
        }
    }

    #[test]
    fn hours_follow_the_grid() {
        let mut s = site();
        s.opening_hours = vec![period(2, at(9, 15), at(12, 0))];
        assert_eq!(code(&s), Some(codes::INVALID_HOURS));
        s.rules.slot_minutes = 15;
        assert_eq!(code(&s), None);
    }

    #[test]
    fn empty_or_reversed_periods_are_refused() {
        let mut s = site();
        s.opening_hours = vec![period(3, at(12, 0), at(12, 0))];
        assert_eq!(code(&s), Some(codes::INVALID_HOURS));
    }

    #[test]
    fn resources_need_a_name_and_a_sensible_capacity() {
        let ok = ResourceInput {
            name: "Poste 1".into(),
            kind: crate::api::ResourceKind::Desk,
            capacity: 1,
        };
        assert_eq!(check_resource(&ok), Ok(()));
        let nameless = ResourceInput {
            name: " ".into(),
            ..ok.clone()
        };
        assert_eq!(
            check_resource(&nameless).unwrap_err().code,
            codes::INVALID_NAME
        );
        let empty = ResourceInput { capacity: 0, ..ok };
        assert_eq!(
            check_resource(&empty).unwrap_err().code,
            codes::INVALID_CAPACITY
        );
    }
}

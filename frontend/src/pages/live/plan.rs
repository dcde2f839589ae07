//! When a booking made at the desk can start and end, from the site's hours
//! and grid and the day's bookings: pure arithmetic on local minutes of the
//! day, tested natively. The server stays the judge.

use shared::ClockTime;

/// The day's opening periods, sorted, in minutes of the local day.
pub type Periods = [(ClockTime, ClockTime)];

/// The first step of the grid at or after `now` while the site is open; the
/// grid counts from each period's opening, as the server's does.
pub fn first_start(periods: &Periods, slot: u16, now: u16) -> Option<u16> {
    let slot = slot.max(1);
    periods.iter().find_map(|(opens, closes)| {
        let (opens, closes) = (opens.minutes(), closes.minutes());
        let start = if now <= opens {
            opens
        } else {
            opens + (now - opens).div_ceil(slot) * slot
        };
        (start < closes).then_some(start)
    })
}

/// The ends a booking from `start` may have: steps of the grid (or a
/// closing time) while the site is open, at most `longest` minutes on, and
/// not past `taken_from`, when the space is booked next.
pub fn ends(
    periods: &Periods,
    slot: u16,
    start: u16,
    longest: u16,
    taken_from: Option<u16>,
) -> Vec<u16> {
    let slot = slot.max(1);
    let last = start
        .saturating_add(longest)
        .min(taken_from.unwrap_or(u16::MAX));
    let mut all: Vec<u16> = periods
        .iter()
        .flat_map(|(opens, closes)| {
            let (opens, closes) = (opens.minutes(), closes.minutes());
            (opens + slot..=closes)
                .step_by(usize::from(slot))
                .chain(std::iter::once(closes))
        })
        .filter(|end| *end > start && *end <= last)
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// Whether a space is free from `start` for one step of the grid, given its
/// bookings that still hold it (local start and end minutes).
pub fn free_at(held: &[(u16, u16)], start: u16, slot: u16) -> bool {
    held.iter()
        .all(|(from, to)| *to <= start || *from >= start + slot.max(1))
}

/// When the space is next booked after `start`, if it is today.
pub fn taken_from(held: &[(u16, u16)], start: u16) -> Option<u16> {
    held.iter()
        .map(|(from, _)| *from)
        .filter(|from| *from >= start)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u16, m: u16) -> ClockTime {
        ClockTime::from_hm(h, m).unwrap()
    }

    fn mende() -> Vec<(ClockTime, ClockTime)> {
        vec![(at(8, 30), at(12, 30)), (at(13, 30), at(18, 0))]
    }

    #[test]
    fn a_walk_in_starts_at_the_next_step_of_the_grid() {
        let day = mende();
        assert_eq!(first_start(&day, 30, 7 * 60), Some(8 * 60 + 30));
        assert_eq!(first_start(&day, 30, 10 * 60 + 1), Some(10 * 60 + 30));
        assert_eq!(first_start(&day, 30, 10 * 60 + 30), Some(10 * 60 + 30));
        // Over lunch: the afternoon's opening.
        assert_eq!(first_start(&day, 30, 12 * 60 + 10), Some(13 * 60 + 30));
        assert_eq!(
            first_start(&day, 60, 17 * 60 + 31),
            None,
            "17:30 is the last hour"
        );
        assert_eq!(first_start(&day, 30, 18 * 60), None);
    }

    #[test]
    fn its_ends_stop_at_the_closing_time_the_longest_booking_or_the_next_booking() {
        let day = mende();
        let start = 10 * 60 + 30;
        let all = ends(&day, 30, start, 720, None);
        assert_eq!(all.first(), Some(&(11 * 60)));
        assert!(all.contains(&(12 * 60 + 30)), "the morning's close");
        assert!(!all.contains(&(13 * 60)), "not during lunch");
        assert!(
            all.contains(&(14 * 60)),
            "across lunch, the desk stays the person's"
        );
        assert_eq!(all.last(), Some(&(18 * 60)));
        assert_eq!(ends(&day, 30, start, 60, None), vec![11 * 60, 11 * 60 + 30]);
        assert_eq!(
            ends(&day, 30, start, 720, Some(11 * 60 + 30)),
            vec![11 * 60, 11 * 60 + 30]
        );
        // A grid that does not divide the period ends at its closing time.
        let odd = vec![(at(9, 0), at(12, 15))];
        assert_eq!(
            ends(&odd, 60, 11 * 60, 720, None),
            vec![12 * 60, 12 * 60 + 15]
        );
    }

    #[test]
    fn a_space_is_free_when_no_booking_holds_it_then() {
        let held = [(10 * 60 + 30, 12 * 60 + 30)];
        assert!(!free_at(&held, 10 * 60 + 30, 30));
        assert!(!free_at(&held, 10 * 60 + 15, 30), "overlaps its start");
        assert!(free_at(&held, 10 * 60, 30));
        assert!(free_at(&held, 12 * 60 + 30, 30));
        assert_eq!(taken_from(&held, 9 * 60), Some(10 * 60 + 30));
        assert_eq!(taken_from(&held, 13 * 60), None);
    }
}

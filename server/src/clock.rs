//! Time is a parameter: handlers ask the clock in the app state, so tests can
//! live on the day Europe/Paris changes offset, or ten minutes later.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

#[derive(Clone)]
pub enum Clock {
    System,
    /// A clock that stands still until a test moves it.
    Fixed(Arc<Mutex<DateTime<Utc>>>),
    /// The system clock moved by a constant: it runs at the normal pace from
    /// another starting point (`RELAIS_CLOCK_START`, for browser tests and
    /// rehearsals that must happen on a chosen day, whatever today is).
    Shifted(Duration),
}

impl Clock {
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock::Fixed(Arc::new(Mutex::new(at)))
    }

    /// A clock that reads `start` now and runs on from there.
    pub fn starting_at(start: DateTime<Utc>) -> Clock {
        Clock::Shifted(start - Clock::System.now())
    }

    #[allow(clippy::disallowed_methods)] // the one place that reads the system clock
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at.lock().unwrap_or_else(|e| e.into_inner()),
            Clock::Shifted(by) => Utc::now() + *by,
        }
    }

    /// Sets a fixed clock to an instant; does nothing to the system clock.
    pub fn set(&self, to: DateTime<Utc>) {
        if let Clock::Fixed(at) = self {
            *at.lock().unwrap_or_else(|e| e.into_inner()) = to;
        }
    }

    /// Moves a fixed clock forward; does nothing to the system clock.
    pub fn advance(&self, by: Duration) {
        if let Clock::Fixed(at) = self {
            let mut at = at.lock().unwrap_or_else(|e| e.into_inner());
            *at += by;
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_shifted_clock_starts_where_it_is_told_and_runs() {
        let start = Utc.with_ymd_and_hms(2027, 1, 13, 9, 0, 0).unwrap();
        let clock = Clock::starting_at(start);
        let first = clock.now();
        assert!((first - start).num_seconds().abs() < 5, "{first}");
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(clock.now() > first, "the shifted clock runs");
    }

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let start = Utc.with_ymd_and_hms(2027, 1, 13, 9, 0, 0).unwrap();
        let clock = Clock::fixed(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::minutes(10));
        assert_eq!(clock.now(), start + Duration::minutes(10));
    }
}

//! A wall-clock time of day ("08:30") as used by opening hours, independent of
//! any date or time zone.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Minutes since local midnight, between 00:00 and 24:00 inclusive (24:00 closes
/// a site open until midnight). Written "HH:MM" on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

/// Why a text is not a valid "HH:MM" time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidClockTime(pub String);

impl fmt::Display for InvalidClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a time of day written HH:MM", self.0)
    }
}

impl std::error::Error for InvalidClockTime {}

impl ClockTime {
    pub const MIDNIGHT: ClockTime = ClockTime(0);
    pub const END_OF_DAY: ClockTime = ClockTime(24 * 60);

    /// `None` past 24:00 or for minutes ≥ 60.
    pub const fn from_hm(hours: u16, minutes: u16) -> Option<ClockTime> {
        if minutes >= 60 || hours > 24 || (hours == 24 && minutes > 0) {
            return None;
        }
        Some(ClockTime(hours * 60 + minutes))
    }

    pub const fn from_minutes(minutes: u16) -> Option<ClockTime> {
        if minutes > 24 * 60 {
            return None;
        }
        Some(ClockTime(minutes))
    }

    pub const fn minutes(self) -> u16 {
        self.0
    }

    pub const fn hours_part(self) -> u16 {
        self.0 / 60
    }

    pub const fn minutes_part(self) -> u16 {
        self.0 % 60
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hours_part(), self.minutes_part())
    }
}

impl FromStr for ClockTime {
    type Err = InvalidClockTime;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidClockTime(text.to_owned());
        let (h, m) = text.split_once(':').ok_or_else(invalid)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(invalid());
        }
        let hours: u16 = h.parse().map_err(|_| invalid())?;
        let minutes: u16 = m.parse().map_err(|_| invalid())?;
        ClockTime::from_hm(hours, minutes).ok_or_else(invalid)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ClockTime {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"))
            .examples(["08:30"])
            .description(Some("Local time of day, HH:MM"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ClockTime {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        for text in ["00:00", "08:30", "12:05", "23:59", "24:00"] {
            let time: ClockTime = text.parse().unwrap();
            assert_eq!(time.to_string(), text);
        }
    }

    #[test]
    fn refuses_malformed_times() {
        for text in [
            "", "8:30", "08:60", "24:01", "25:00", "08h30", "08:3a", "-1:00",
        ] {
            assert!(
                text.parse::<ClockTime>().is_err(),
                "{text} should be refused"
            );
        }
    }

    #[test]
    fn serializes_as_a_string() {
        let time = ClockTime::from_hm(9, 5).unwrap();
        assert_eq!(serde_json::to_string(&time).unwrap(), "\"09:05\"");
        let back: ClockTime = serde_json::from_str("\"09:05\"").unwrap();
        assert_eq!(back, time);
        assert!(serde_json::from_str::<ClockTime>("\"9h\"").is_err());
    }
}

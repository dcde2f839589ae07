//! The values of a site's form, as typed (its weekly hours day by day), and
//! what they give to send, checked with the server's own rule, or the code
//! of the first thing to correct.

use leptos::prelude::*;
use shared::ClockTime;
use shared::api::{BookingRules, DoorRules, OpeningPeriod, Site, SiteInput};
use shared::error::codes;
use shared::site_checks::{AMENITIES, check_door, check_site};

use crate::i18n::{DOOR_RULES, MISSING_COMMUNE, MISSING_NAME};

/// One weekday of the hours editor: closed, or open from `opens` to
/// `closes`, with an optional lunch break (then two opening periods).
#[derive(Debug, Clone, Copy)]
pub struct Day {
    pub open: RwSignal<bool>,
    pub opens: RwSignal<String>,
    pub closes: RwSignal<String>,
    pub lunch: RwSignal<bool>,
    pub lunch_from: RwSignal<String>,
    pub lunch_to: RwSignal<String>,
}

/// "HH:MM" for a time field; 24:00 (open until midnight) is written 00:00.
fn time_text(time: ClockTime) -> String {
    if time == ClockTime::END_OF_DAY {
        ClockTime::MIDNIGHT.to_string()
    } else {
        time.to_string()
    }
}

/// A time field's value, `None` when empty. Closing at 00:00 means midnight.
fn time_of(text: &str, closing: bool) -> Option<ClockTime> {
    let time: ClockTime = text.get(..5)?.parse().ok()?;
    Some(if closing && time == ClockTime::MIDNIGHT {
        ClockTime::END_OF_DAY
    } else {
        time
    })
}

impl Day {
    /// From a day's periods. The form knows at most two; a third would be
    /// dropped on saving (no site of the network has one).
    pub fn new(periods: &[&OpeningPeriod]) -> Day {
        let text = |s: &str| RwSignal::new(s.to_owned());
        let day = Day {
            open: RwSignal::new(!periods.is_empty()),
            opens: text("09:00"),
            closes: text("18:00"),
            lunch: RwSignal::new(periods.len() > 1),
            lunch_from: text("12:00"),
            lunch_to: text("14:00"),
        };
        if let Some(first) = periods.first() {
            day.opens.set(time_text(first.opens));
            day.closes.set(time_text(first.closes));
        }
        if let [first, second, ..] = periods {
            day.lunch_from.set(time_text(first.closes));
            day.lunch_to.set(time_text(second.opens));
            day.closes.set(time_text(second.closes));
        }
        day
    }

    /// The day's opening periods; `None` when a time is missing.
    fn periods(&self, weekday: u8) -> Option<Vec<OpeningPeriod>> {
        if !self.open.get_untracked() {
            return Some(Vec::new());
        }
        let at = |value: RwSignal<String>, closing| value.with_untracked(|v| time_of(v, closing));
        let period = |opens, closes| OpeningPeriod {
            weekday,
            opens,
            closes,
        };
        let (opens, closes) = (at(self.opens, false)?, at(self.closes, true)?);
        Some(if self.lunch.get_untracked() {
            let (from, to) = (at(self.lunch_from, true)?, at(self.lunch_to, false)?);
            vec![period(opens, from), period(to, closes)]
        } else {
            vec![period(opens, closes)]
        })
    }
}

/// Every value of the form, as typed.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub name: RwSignal<String>,
    pub address: RwSignal<String>,
    pub postcode: RwSignal<String>,
    pub commune: RwSignal<Option<String>>,
    pub latitude: RwSignal<String>,
    pub longitude: RwSignal<String>,
    pub accessibility: RwSignal<String>,
    /// As written ("04 66 12 34 56"); empty for none.
    pub phone: RwSignal<String>,
    pub amenities: [RwSignal<bool>; AMENITIES.len()],
    pub days: [Day; 7],
    /// The grid in seconds ("1800"), which is also the step of the time fields.
    pub slot: RwSignal<String>,
    pub days_ahead: RwSignal<String>,
    pub max_hours: RwSignal<String>,
    pub cancel_hours: RwSignal<String>,
    /// Door access: minutes before the start, minutes after it (empty:
    /// never), and what the pass says about getting in.
    pub pass_margin: RwSignal<String>,
    pub release_after: RwSignal<String>,
    pub how_to_get_in: RwSignal<String>,
}

// Numbers are read and written through serde_json, whose number code the app
// carries anyway: core's own float parsing and printing would add about 8 KB.

/// A number as typed, with a decimal point or a comma; NaN if it is not one.
fn number(text: &str) -> f64 {
    serde_json::from_str(&text.trim().replace(',', ".")).unwrap_or(f64::NAN)
}

/// "44.5181", as a coordinate field shows it.
fn number_text(value: f64) -> String {
    serde_json::to_string(&value).unwrap_or_default()
}

/// "7.5" hours for 450 minutes, "12" for 720.
fn hours_text(minutes: u32) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    if rest == 0 {
        return hours.to_string();
    }
    if rest * 100 % 60 == 0 {
        let hundredths = format!("{:02}", rest * 100 / 60);
        return format!("{hours}.{}", hundredths.trim_end_matches('0'));
    }
    number_text(f64::from(minutes) / 60.0)
}

/// A site's door settings from the form, or the code of what to correct:
/// numbers out of range are the app's own `door_rules`, too long a text the
/// server's `invalid_text`.
fn door_rules(margin: &str, release: &str, how: String) -> Result<DoorRules, &'static str> {
    let minutes = |text: &str| text.trim().parse::<u16>().map_err(|_| DOOR_RULES);
    let release = release.trim();
    let door = DoorRules {
        pass_margin_minutes: minutes(margin)?,
        release_after_minutes: if release.is_empty() {
            None
        } else {
            Some(minutes(release)?)
        },
        how_to_get_in: how,
    };
    check_door(&door).map_err(|problem| match problem.code {
        codes::INVALID_RULES => DOOR_RULES,
        code => code,
    })?;
    Ok(door)
}

/// Minutes from a number of hours as typed ("7,5" or "7.5"); `None` if it is not one.
fn minutes_of(hours: &str) -> Option<u32> {
    let hours = number(hours);
    (hours.is_finite() && hours >= 0.0)
        .then(|| (hours * 60.0).round().min(f64::from(u32::MAX)) as u32)
}

impl Form {
    pub fn new(site: Option<&Site>) -> Form {
        let text = |s: String| RwSignal::new(s);
        let rules = site.map_or_else(BookingRules::default, |s| s.rules);
        let door = site.map_or_else(DoorRules::default, |s| s.door.clone());
        let coordinate =
            |pick: fn(&Site) -> f64| site.map(|s| number_text(pick(s))).unwrap_or_default();
        let days: [Day; 7] = std::array::from_fn(|i| {
            let weekday = i as u8 + 1;
            match site {
                Some(site) => {
                    let periods: Vec<&OpeningPeriod> = site
                        .opening_hours
                        .iter()
                        .filter(|p| p.weekday == weekday)
                        .collect();
                    Day::new(&periods)
                }
                // A new site: open Monday to Friday, to be adjusted.
                None => {
                    let day = Day::new(&[]);
                    day.open.set(weekday <= 5);
                    day
                }
            }
        });
        Form {
            name: text(site.map(|s| s.name.clone()).unwrap_or_default()),
            address: text(site.map(|s| s.address.clone()).unwrap_or_default()),
            postcode: text(site.map(|s| s.postcode.clone()).unwrap_or_default()),
            commune: RwSignal::new(site.map(|s| s.commune_insee.clone())),
            latitude: text(coordinate(|s| s.latitude)),
            longitude: text(coordinate(|s| s.longitude)),
            accessibility: text(site.map(|s| s.accessibility.clone()).unwrap_or_default()),
            phone: text(site.map(|s| s.phone.clone()).unwrap_or_default()),
            amenities: AMENITIES
                .map(|a| RwSignal::new(site.is_some_and(|s| s.amenities.iter().any(|x| x == a)))),
            days,
            slot: text((u32::from(rules.slot_minutes) * 60).to_string()),
            days_ahead: text(rules.max_days_ahead.to_string()),
            max_hours: text(hours_text(u32::from(rules.max_booking_minutes))),
            cancel_hours: text(hours_text(rules.cancel_deadline_minutes)),
            pass_margin: text(door.pass_margin_minutes.to_string()),
            release_after: text(
                door.release_after_minutes
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            ),
            how_to_get_in: text(door.how_to_get_in),
        }
    }

    /// What to send, or the code of the first thing to correct. An empty
    /// postcode takes the commune's, from `postcodes` (INSEE code, postcode).
    pub fn input(
        &self,
        time_zone: &str,
        postcodes: &[(String, String)],
    ) -> Result<SiteInput, &'static str> {
        let name = self.name.get_untracked();
        if name.trim().is_empty() {
            return Err(MISSING_NAME);
        }
        let Some(commune_insee) = self.commune.get_untracked() else {
            return Err(MISSING_COMMUNE);
        };
        if self.postcode.with_untracked(|p| p.trim().is_empty())
            && let Some((_, code)) = postcodes.iter().find(|(i, _)| *i == commune_insee)
        {
            self.postcode.set(code.clone());
        }
        let mut opening_hours = Vec::new();
        for (weekday, day) in (1..=7).zip(&self.days) {
            opening_hours.extend(day.periods(weekday).ok_or(codes::INVALID_HOURS)?);
        }
        let amenities = AMENITIES
            .iter()
            .zip(&self.amenities)
            .filter(|(_, ticked)| ticked.get_untracked())
            .map(|(a, _)| (*a).to_owned())
            .collect();
        let minutes = |hours: RwSignal<String>| hours.with_untracked(|h| minutes_of(h));
        let rules = BookingRules {
            slot_minutes: self
                .slot
                .with_untracked(|s| s.parse::<u16>().unwrap_or(0) / 60),
            max_days_ahead: self
                .days_ahead
                .with_untracked(|d| d.trim().parse().unwrap_or(0)),
            max_booking_minutes: minutes(self.max_hours)
                .map_or(0, |m| u16::try_from(m).unwrap_or(u16::MAX)),
            cancel_deadline_minutes: minutes(self.cancel_hours).ok_or(codes::INVALID_RULES)?,
        };
        let door = door_rules(
            &self.pass_margin.get_untracked(),
            &self.release_after.get_untracked(),
            self.how_to_get_in.get_untracked(),
        )?;
        let input = SiteInput {
            name,
            address: self.address.get_untracked(),
            postcode: self.postcode.get_untracked().trim().to_owned(),
            commune_insee,
            latitude: self.latitude.with_untracked(|l| number(l)),
            longitude: self.longitude.with_untracked(|l| number(l)),
            time_zone: time_zone.to_owned(),
            opening_hours,
            amenities,
            accessibility: self.accessibility.get_untracked(),
            phone: self.phone.get_untracked(),
            rules,
            door,
        };
        check_site(&input).map_err(|problem| problem.code)?;
        Ok(input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u16, m: u16) -> ClockTime {
        ClockTime::from_hm(h, m).unwrap()
    }

    fn site() -> Site {
        let period = |weekday, opens, closes| OpeningPeriod {
            weekday,
            opens,
            closes,
        };
        Site {
            id: shared::ids::SiteId(7),
            name: "Le Relais de Florac".into(),
            commune_insee: "48061".into(),
            commune_name: "Florac".into(),
            address: "3 place Boyer".into(),
            postcode: "48400".into(),
            latitude: 44.324,
            longitude: 3.593,
            time_zone: "Europe/Paris".into(),
            opening_hours: vec![
                period(1, at(8, 30), at(12, 30)),
                period(1, at(13, 30), at(18, 0)),
                period(6, at(9, 0), ClockTime::END_OF_DAY),
            ],
            amenities: vec!["wifi".into(), "step_free".into()],
            accessibility: String::new(),
            phone: "04 66 45 01 02".into(),
            resources: Vec::new(),
            rules: BookingRules {
                slot_minutes: 30,
                max_days_ahead: 60,
                max_booking_minutes: 450,
                cancel_deadline_minutes: 120,
            },
            door: DoorRules {
                pass_margin_minutes: 30,
                release_after_minutes: Some(20),
                how_to_get_in: "Sonnez deux fois.\nClavier à droite.".into(),
            },
        }
    }

    #[test]
    fn a_site_goes_through_the_form_unchanged() {
        let site = site();
        let form = Form::new(Some(&site));
        assert_eq!(form.days[0].lunch_from.get_untracked(), "12:30");
        assert_eq!(form.days[5].closes.get_untracked(), "00:00");
        assert_eq!(form.max_hours.get_untracked(), "7.5");
        assert_eq!(form.input(&site.time_zone, &[]), Ok(SiteInput::from(&site)));
    }

    #[test]
    fn wrong_settings_are_refused_before_sending() {
        let site = site();
        let form = Form::new(Some(&site));
        form.days[0].closes.set("08:00".into());
        assert_eq!(form.input("", &[]), Err(codes::INVALID_HOURS));
        form.days[0].closes.set(String::new());
        assert_eq!(form.input("", &[]), Err(codes::INVALID_HOURS));
        form.days[0].lunch.set(false);
        form.days[0].closes.set("18:00".into());
        assert!(form.input("", &[]).is_ok());
        form.max_hours.set("7.75".into());
        assert_eq!(form.input("", &[]), Err(codes::INVALID_RULES));
        form.slot.set("900".into());
        assert!(form.input("", &[]).is_ok());
        form.phone.set("04 66 45 01 02 (accueil)".into());
        assert_eq!(form.input("", &[]), Err(codes::INVALID_PHONE));
        form.phone.set(String::new());
        assert!(form.input("", &[]).is_ok(), "a site may give no number");
        form.name.set(" ".into());
        assert_eq!(form.input("", &[]), Err(MISSING_NAME));
        let new = Form::new(None);
        new.name.set("Nouveau".into());
        assert_eq!(new.input("", &[]), Err(MISSING_COMMUNE));
        new.commune.set(Some("48061".into()));
        let postcodes = [("48061".to_owned(), "48400".to_owned())];
        assert_eq!(new.input("", &postcodes), Err(codes::INVALID_ADDRESS));
        assert_eq!(
            new.postcode.get_untracked(),
            "48400",
            "taken from the commune"
        );
    }

    #[test]
    fn door_settings_are_checked_before_sending() {
        let site = site();
        let form = Form::new(Some(&site));
        assert_eq!(form.release_after.get_untracked(), "20");
        form.release_after.set(" ".into());
        let input = form.input("", &[]).unwrap();
        assert_eq!(input.door.release_after_minutes, None, "empty: never");
        assert_eq!(input.door.pass_margin_minutes, 30);
        for (margin, release) in [
            ("121", ""),
            ("-1", ""),
            ("quinze", ""),
            ("15", "4"),
            ("15", "241"),
        ] {
            form.pass_margin.set(margin.into());
            form.release_after.set(release.into());
            assert_eq!(form.input("", &[]), Err(DOOR_RULES), "{margin} {release}");
        }
        form.pass_margin.set("120".into());
        form.release_after.set("240".into());
        assert!(form.input("", &[]).is_ok());
        form.how_to_get_in.set("a".repeat(501));
        assert_eq!(form.input("", &[]), Err(codes::INVALID_TEXT));
        assert_eq!(Form::new(None).pass_margin.get_untracked(), "15");
    }

    #[test]
    fn hours_and_minutes() {
        assert_eq!(hours_text(450), "7.5");
        assert_eq!(hours_text(720), "12");
        assert_eq!(hours_text(465), "7.75");
        assert_eq!(hours_text(20), "0.3333333333333333");
        assert_eq!(number_text(44.5181), "44.5181");
        assert!(number("trois").is_nan());
        assert_eq!(minutes_of("7,5"), Some(450));
        assert_eq!(minutes_of(" 12 "), Some(720));
        assert_eq!(minutes_of("-1"), None);
        assert_eq!(minutes_of("beaucoup"), None);
    }

    #[test]
    fn closing_at_midnight_is_the_end_of_the_day() {
        assert_eq!(time_of("00:00", true), Some(ClockTime::END_OF_DAY));
        assert_eq!(time_of("00:00", false), Some(ClockTime::MIDNIGHT));
        assert_eq!(time_of("08:30:00", false), ClockTime::from_hm(8, 30));
        assert_eq!(time_of("", false), None);
        assert_eq!(time_text(ClockTime::END_OF_DAY), "00:00");
    }
}

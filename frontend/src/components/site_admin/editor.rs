//! A site's settings, weekly hours and booking rules, in one form. The form
//! is checked with the server's own rule (`shared::site_checks`) before
//! anything is sent.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{BookingRules, Commune, OpeningPeriod, Site, SiteInput};
use shared::error::codes;
use shared::site_checks::{AMENITIES, SLOT_CHOICES, check_site};
use shared::{ClockTime, dom_ids, routes};

use super::id_of;
use crate::api;
use crate::components::forms::{CommuneSelect, Field, FormError, check_box, field, focus_soon};
use crate::i18n::{MISSING_COMMUNE, MISSING_NAME, Texts, use_lang};

const NAME_CODES: &[&str] = &[MISSING_NAME, codes::INVALID_NAME];
const ADDRESS_CODES: &[&str] = &[codes::INVALID_ADDRESS];
const POSTCODE_CODES: &[&str] = &[codes::INVALID_POSTCODE];
const POSITION_CODES: &[&str] = &[codes::INVALID_COORDINATES];
const HOURS_CODES: &[&str] = &[codes::INVALID_HOURS];
const RULES_CODES: &[&str] = &[codes::INVALID_RULES];

/// One weekday of the hours editor: closed, or open from `opens` to
/// `closes`, with an optional lunch break (then two opening periods).
#[derive(Debug, Clone, Copy)]
struct Day {
    open: RwSignal<bool>,
    opens: RwSignal<String>,
    closes: RwSignal<String>,
    lunch: RwSignal<bool>,
    lunch_from: RwSignal<String>,
    lunch_to: RwSignal<String>,
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
    fn new(periods: &[&OpeningPeriod]) -> Day {
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
struct Form {
    name: RwSignal<String>,
    address: RwSignal<String>,
    postcode: RwSignal<String>,
    commune: RwSignal<Option<String>>,
    latitude: RwSignal<String>,
    longitude: RwSignal<String>,
    accessibility: RwSignal<String>,
    amenities: [RwSignal<bool>; AMENITIES.len()],
    days: [Day; 7],
    /// The grid in seconds ("1800"), which is also the step of the time fields.
    slot: RwSignal<String>,
    days_ahead: RwSignal<String>,
    max_hours: RwSignal<String>,
    cancel_hours: RwSignal<String>,
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

/// Minutes from a number of hours as typed ("7,5" or "7.5"); `None` if it is not one.
fn minutes_of(hours: &str) -> Option<u32> {
    let hours = number(hours);
    (hours.is_finite() && hours >= 0.0)
        .then(|| (hours * 60.0).round().min(f64::from(u32::MAX)) as u32)
}

impl Form {
    fn new(site: Option<&Site>) -> Form {
        let text = |s: String| RwSignal::new(s);
        let rules = site.map_or_else(BookingRules::default, |s| s.rules);
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
            amenities: AMENITIES
                .map(|a| RwSignal::new(site.is_some_and(|s| s.amenities.iter().any(|x| x == a)))),
            days,
            slot: text((u32::from(rules.slot_minutes) * 60).to_string()),
            days_ahead: text(rules.max_days_ahead.to_string()),
            max_hours: text(hours_text(u32::from(rules.max_booking_minutes))),
            cancel_hours: text(hours_text(rules.cancel_deadline_minutes)),
        }
    }

    /// What to send, or the code of the first thing to correct. An empty
    /// postcode takes the commune's, from `postcodes` (INSEE code, postcode).
    fn input(
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
            rules,
        };
        check_site(&input).map_err(|problem| problem.code)?;
        Ok(input)
    }
}

/// The settings form of a site (`site`), or of a new one (`None`). Saving
/// sends `PUT /api/v1/sites/{id}` or `POST /api/v1/sites`.
#[component]
pub fn SiteEditor(
    site: Option<Site>,
    communes: Vec<Commune>,
    on_saved: Callback<Site>,
) -> impl IntoView {
    let lang = use_lang();
    let site_id = site.as_ref().map(|s| s.id);
    let key = site_id.map_or_else(|| "new".to_owned(), |id| id.to_string());
    let time_zone = site
        .as_ref()
        .map(|s| s.time_zone.clone())
        .unwrap_or_default();
    let form = Form::new(site.as_ref());
    let problem = FormError::new(id_of(dom_ids::SITE_ERROR, &key));
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let status_id = id_of(dom_ids::SITE_STATUS, &key);
    let title_id = id_of("site-settings-title", &key);
    let postcodes: Vec<(String, String)> = communes
        .iter()
        .filter_map(|c| Some((c.insee.clone(), c.postcodes.first()?.clone())))
        .collect();

    let submit = {
        let problem = problem.clone();
        let status_id = status_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            saved.set(false);
            let input = match form.input(&time_zone, &postcodes) {
                Ok(input) => input,
                Err(code) => return problem.refuse(code),
            };
            busy.set(true);
            let problem = problem.clone();
            let status_id = status_id.clone();
            spawn_local(async move {
                let answer = match site_id {
                    Some(id) => {
                        let path = routes::fill(routes::SITE, &[("site_id", &id.to_string())]);
                        api::put_json::<_, Site>(&path, &input).await
                    }
                    None => api::post_json::<_, Site>(routes::SITES, &input).await,
                };
                busy.set(false);
                match answer {
                    Ok(site) => {
                        problem.clear();
                        saved.set(true);
                        focus_soon(status_id);
                        on_saved.run(site);
                    }
                    Err(e) => problem.show(e),
                }
            });
        }
    };

    // Drawn again when the language changes; the values live in `form`.
    let body = {
        let (problem, key) = (problem.clone(), key.clone());
        move || {
            let t = lang.get().texts();
            let key = key.as_str();
            let text =
                |prefix: &str, label, value| Field::new(id_of(prefix, key), label, "text", value);
            let amenities = AMENITIES
                .iter()
                .zip(form.amenities)
                .map(|(a, ticked)| {
                    let id = id_of(dom_ids::SITE_AMENITY, &format!("{key}-{a}"));
                    check_box(id, t.amenity(a), ticked)
                })
                .collect_view();
            let position_hint = id_of("site-position-hint", key);
            let accessibility_id = id_of(dom_ids::SITE_ACCESSIBILITY, key);
            let accessibility_hint = format!("{accessibility_id}-hint");
            view! {
                {field(text(dom_ids::SITE_NAME, t.site_name_label, form.name).codes(NAME_CODES).limit(shared::text::SITE_NAME), &problem)}
                {field(text(dom_ids::SITE_ADDRESS, t.address_label, form.address).codes(ADDRESS_CODES).limit(shared::text::SITE_ADDRESS), &problem)}
                <CommuneSelect
                    id=id_of(dom_ids::SITE_COMMUNE, key)
                    label=|t| t.site_commune_label
                    communes=communes.clone()
                    value=form.commune
                />
                {field(
                    text(dom_ids::SITE_POSTCODE, t.postcode_label, form.postcode)
                        .codes(POSTCODE_CODES)
                        .hint(t.postcode_hint)
                        .inputmode("numeric"),
                    &problem,
                )}
                <fieldset class="choices" aria-describedby=position_hint.clone()>
                    <legend>{t.position_legend}</legend>
                    <p id=position_hint.clone() class="hint">{t.position_hint}</p>
                    <div class="field-row">
                        {field(
                            text(dom_ids::SITE_LATITUDE, t.latitude_label, form.latitude)
                                .codes(POSITION_CODES)
                                .inputmode("decimal"),
                            &problem,
                        )}
                        {field(
                            text(dom_ids::SITE_LONGITUDE, t.longitude_label, form.longitude)
                                .codes(POSITION_CODES)
                                .inputmode("decimal"),
                            &problem,
                        )}
                    </div>
                </fieldset>
                <fieldset class="choices">
                    <legend>{t.amenities}</legend>
                    {amenities}
                </fieldset>
                <div class="field">
                    <label for=accessibility_id.clone()>{t.accessibility}</label>
                    <p id=accessibility_hint.clone() class="hint">{t.accessibility_hint}</p>
                    <textarea
                        id=accessibility_id
                        rows="3"
                        maxlength=shared::text::SITE_ACCESSIBILITY.max_chars
                        aria-describedby=accessibility_hint
                        prop:value=move || form.accessibility.get()
                        on:input=move |ev| form.accessibility.set(event_target_value(&ev))
                    ></textarea>
                </div>
                {rules(t, key, form, &problem)}
                <fieldset class="choices">
                    <legend>{t.opening_hours}</legend>
                    {(1..=7u8)
                        .zip(form.days)
                        .map(|(weekday, day)| weekday_hours(t, key, weekday, day, form.slot, &problem))
                        .collect_view()}
                </fieldset>
            }
        }
    };

    let title = move || {
        let t = lang.get().texts();
        if site_id.is_some() {
            t.settings_title
        } else {
            t.new_site_title
        }
    };
    let button = move || {
        let t = lang.get().texts();
        match (busy.get(), site_id) {
            (true, _) => t.saving,
            (false, Some(_)) => t.save,
            (false, None) => t.create_site,
        }
    };
    view! {
        <section class="subpanel" aria-labelledby=title_id.clone()>
            <h3 id=title_id.clone()>{title}</h3>
            <form class="form" novalidate on:submit=submit>
                {body}
                {problem.alert()}
                <button
                    id=id_of(dom_ids::SITE_SAVE, &key)
                    type="submit"
                    aria-disabled=move || busy.get().then_some("true")
                >
                    {button}
                </button>
                <p id=status_id role="status" tabindex="-1" class="status status-ok">
                    {move || saved.get().then(|| lang.get().texts().saved)}
                </p>
            </form>
        </section>
    }
    .into_any()
}

/// The booking rules: the grid, how far ahead, how long, until when one may cancel.
fn rules(t: &'static Texts, key: &str, form: Form, problem: &FormError) -> AnyView {
    let slot_id = id_of(dom_ids::SITE_SLOT, key);
    let number = |prefix: &str, label, value, step: &str, min| {
        Field::new(id_of(prefix, key), label, "number", value)
            .codes(RULES_CODES)
            .step(step)
            .min(min)
            .inputmode("decimal")
    };
    let failure = problem.failure;
    let bad = move || {
        failure
            .with(|e| e.as_ref().is_some_and(|e| e.code == codes::INVALID_RULES))
            .then_some("true")
    };
    // "15 minutes" is written alike in both languages.
    let options = SLOT_CHOICES
        .into_iter()
        .map(|minutes| {
            let seconds = (u32::from(minutes) * 60).to_string();
            let selected = form.slot.with_untracked(|s| *s == seconds);
            view! { <option value=seconds selected=selected>{format!("{minutes} minutes")}</option> }
        })
        .collect_view();
    view! {
        <fieldset class="choices">
            <legend>{t.rules_legend}</legend>
            <div class="field">
                <label for=slot_id.clone()>{t.slot_label}</label>
                <select
                    id=slot_id
                    aria-invalid=bad
                    on:change=move |ev| form.slot.set(event_target_value(&ev))
                >
                    {options}
                </select>
            </div>
            {field(number(dom_ids::SITE_DAYS_AHEAD, t.days_ahead_label, form.days_ahead, "1", "1"), problem)}
            {field(number(dom_ids::SITE_MAX_HOURS, t.max_hours_label, form.max_hours, "0.25", "0.25"), problem)}
            {field(number(dom_ids::SITE_CANCEL_HOURS, t.cancel_hours_label, form.cancel_hours, "0.25", "0"), problem)}
        </fieldset>
    }
    .into_any()
}

/// One weekday in its fieldset: "Ouvert", the two times, "Pause de midi" and
/// its two times. What does not apply is hidden rather than removed, so the
/// times are kept and the view is built once. Time fields step by the grid.
fn weekday_hours(
    t: &'static Texts,
    key: &str,
    weekday: u8,
    day: Day,
    step: RwSignal<String>,
    problem: &FormError,
) -> AnyView {
    let key = format!("{key}-{weekday}");
    let id = |prefix: &str| id_of(prefix, &key);
    let time = |prefix: &str, label, value| {
        let f = Field::new(id(prefix), label, "time", value)
            .codes(HOURS_CODES)
            .step_of(step);
        field(f, problem)
    };
    let closed = move || !day.open.get();
    let no_lunch = move || !(day.open.get() && day.lunch.get());
    view! {
        <fieldset class="day-hours">
            <legend>{t.weekdays[usize::from(weekday - 1)]}</legend>
            {check_box(id(dom_ids::SITE_OPEN), t.open_label, day.open)}
            <div class="field-row" hidden=closed>
                {time(dom_ids::SITE_OPENS, t.opens_label, day.opens)}
                {time(dom_ids::SITE_CLOSES, t.closes_label, day.closes)}
            </div>
            <div hidden=closed>{check_box(id(dom_ids::SITE_LUNCH), t.lunch_label, day.lunch)}</div>
            <div class="field-row" hidden=no_lunch>
                {time(dom_ids::SITE_LUNCH_FROM, t.lunch_from_label, day.lunch_from)}
                {time(dom_ids::SITE_LUNCH_TO, t.lunch_to_label, day.lunch_to)}
            </div>
        </fieldset>
    }
    .into_any()
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
            resources: Vec::new(),
            rules: BookingRules {
                slot_minutes: 30,
                max_days_ahead: 60,
                max_booking_minutes: 450,
                cancel_deadline_minutes: 120,
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

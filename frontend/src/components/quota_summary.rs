//! What a teleworker has left of their free-access quotas: on the home page,
//! and before confirming a booking ("this booking uses ½ day of your 3.5
//! days left"). The preview runs the very rule the server enforces
//! (`shared::quota`) on the figures the server gave.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{QuotaMeasure, QuotaPeriod, QuotaPolicy, QuotaStatus};
use shared::calendar::Day;
use shared::ids::SiteId;
use shared::quota::{self, Decision};
use shared::{dom_ids, routes};

use crate::api;
use crate::auth::use_auth;
use crate::i18n::{Lang, use_lang};
use crate::local_time;

/// The sentences of this module, in both languages.
struct QuotaTexts {
    title: &'static str,
    /// "{name}: {left} left of {allowance} {period} (renews on {date})."
    left: &'static str,
    unlimited: &'static str,
    /// "This booking uses {cost} of your {left} left in “{name}”."
    preview: &'static str,
    preview_unlimited: &'static str,
    preview_paid: &'static str,
    preview_refused: &'static str,
    rule: &'static str,
    /// The period of a chosen day ("that month"), and the current one ("this month").
    periods: [&'static str; 3],
    current_periods: [&'static str; 3],
    units: [(&'static str, &'static str); 3],
}

const FR: QuotaTexts = QuotaTexts {
    title: "Vos jours offerts",
    left: "{name} : il vous reste {left} sur {allowance} {period} (renouvelé le {date}).",
    unlimited: "{name} : sans limite.",
    preview: "Cette réservation utilise {cost} de « {name} » : il vous restera {after} {period}.",
    preview_unlimited: "Cette réservation est offerte par « {name} », sans limite.",
    preview_paid: "Vos jours offerts sont épuisés : cette réservation sera payante (hors quota), à régler sur place.",
    preview_refused: "Vos jours offerts ne suffisent pas : il vous reste {left} de « {name} » {period}, et cette réservation demande {cost}. Ils seront renouvelés le {date}.",
    rule: "Quand plusieurs règles s'appliquent, la plus précise paie d'abord (un lieu avant tout le réseau, un public avant tout le monde). Une demi-journée compte pour une demi-journée ; une réservation qui passe 13 h compte pour une journée.",
    periods: ["cette semaine-là", "ce mois-là", "cette année-là"],
    current_periods: ["cette semaine", "ce mois-ci", "cette année"],
    units: [
        ("jour", "jours"),
        ("demi-journée", "demi-journées"),
        ("heure", "heures"),
    ],
};

const EN: QuotaTexts = QuotaTexts {
    title: "Your free days",
    left: "{name}: {left} left of {allowance} {period} (renews on {date}).",
    unlimited: "{name}: no limit.",
    preview: "This booking uses {cost} of “{name}”: you will have {after} left {period}.",
    preview_unlimited: "This booking is free under “{name}”, with no limit.",
    preview_paid: "Your free days are used up: this booking will be paid (beyond quota), at the site.",
    preview_refused: "Your free days are not enough: you have {left} left of “{name}” {period}, and this booking needs {cost}. They renew on {date}.",
    rule: "When several rules apply, the most specific pays first (one site before the whole network, a group of people before everyone). A half-day counts as half a day; a booking across 1 pm counts as a day.",
    periods: ["that week", "that month", "that year"],
    current_periods: ["this week", "this month", "this year"],
    units: [
        ("day", "days"),
        ("half-day", "half-days"),
        ("hour", "hours"),
    ],
};

fn texts(lang: Lang) -> &'static QuotaTexts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// "3,5 jours", "1 day", "½ day".
fn amount(lang: Lang, measure: QuotaMeasure, units: u32) -> String {
    let value = quota::in_measure(measure, units);
    let index = match measure {
        QuotaMeasure::Days => 0,
        QuotaMeasure::HalfDays => 1,
        QuotaMeasure::Hours => 2,
    };
    let (one, many) = texts(lang).units[index];
    let unit = if value <= 1.0 { one } else { many };
    let number = if value == 0.5 {
        "½".to_owned()
    } else {
        let text = format!("{value}");
        match lang {
            Lang::Fr => text.replace('.', ","),
            Lang::En => text,
        }
    };
    format!("{number} {unit}")
}

fn period_index(period: QuotaPeriod) -> usize {
    match period {
        QuotaPeriod::Week => 0,
        QuotaPeriod::Month => 1,
        QuotaPeriod::Year => 2,
    }
}

/// The period of the day being booked: "ce mois-là".
fn period_words(lang: Lang, period: QuotaPeriod) -> &'static str {
    texts(lang).periods[period_index(period)]
}

fn day_words(lang: Lang, text: &str) -> String {
    Day::parse(text).map_or_else(|| text.to_owned(), |d| lang.texts().date_words(d.number()))
}

/// One line per quota, in the current period: what is left, of how much,
/// until when ("ce mois-ci").
fn status_line(lang: Lang, status: &QuotaStatus) -> String {
    let t = texts(lang);
    let s = &status.policy.settings;
    match status.allowance_units {
        None => t.unlimited.replace("{name}", &s.name),
        Some(allowance) => t
            .left
            .replace("{name}", &s.name)
            .replace(
                "{left}",
                &amount(lang, s.measure, allowance.saturating_sub(status.used_units)),
            )
            .replace("{allowance}", &amount(lang, s.measure, allowance))
            .replace(
                "{period}",
                texts(lang).current_periods[period_index(s.period)],
            )
            .replace("{date}", &day_words(lang, &status.renews_on)),
    }
}

/// The home page's summary, for signed-in people.
#[component]
pub fn MyQuotas() -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let statuses = RwSignal::new(None::<Vec<QuotaStatus>>);
    Effect::new(move |_| {
        if auth.me.with(Option::is_some) {
            spawn_local(async move {
                statuses.set(
                    api::get_json::<Vec<QuotaStatus>>(routes::MY_QUOTAS)
                        .await
                        .ok(),
                );
            });
        } else {
            statuses.set(None);
        }
    });
    move || {
        let lang = lang.get();
        let t = texts(lang);
        statuses.get().filter(|s| !s.is_empty()).map(|all| {
            let lines = all
                .iter()
                .map(|s| view! { <li data-remaining=s.remaining.map(|r| r.to_string())>{status_line(lang, s)}</li> })
                .collect_view();
            view! {
                <section id=dom_ids::MY_QUOTAS class="panel" aria-labelledby="my-quotas-title">
                    <h2 id="my-quotas-title">{t.title}</h2>
                    <ul class="plain">{lines}</ul>
                    <p class="hint">{t.rule}</p>
                </section>
            }
        })
    }
}

/// What booking [start, end) (minutes since 1970 UTC) at a site would cost,
/// as a sentence; `None` when no quota applies.
pub fn preview(
    lang: Lang,
    statuses: &[QuotaStatus],
    site: SiteId,
    zone: &str,
    start: i64,
    end: i64,
) -> Option<String> {
    let policies: Vec<QuotaPolicy> = statuses.iter().map(|s| s.policy.clone()).collect();
    // The server already kept the policies that concern this person; here, the site decides.
    let order: Vec<&QuotaPolicy> = policies
        .iter()
        .filter(|p| p.settings.sites.is_empty() || p.settings.sites.contains(&site))
        .collect();
    let (day, from) = local_time::to_local(zone, start);
    let (_, to) = local_time::to_local(zone, end);
    let time = |m: u16| shared::ClockTime::from_minutes(m).unwrap_or(shared::ClockTime::MIDNIGHT);
    let used = |id, period: Day| {
        statuses
            .iter()
            .find(|s| s.policy.id == id && s.period_start == period.to_string())
            .map_or(0, |s| s.used_units)
    };
    let decision = quota::decide(&order, used, Day::from_number(day), time(from), time(to));
    let t = texts(lang);
    let settings = |id| policies.iter().find(|p| p.id == id).map(|p| &p.settings);
    Some(match decision {
        Decision::Free => return None,
        Decision::Charge {
            policy,
            left_after: None,
            ..
        } => t
            .preview_unlimited
            .replace("{name}", &settings(policy)?.name),
        Decision::Charge {
            policy,
            amount: cost,
            left_after: Some(after),
            ..
        } => {
            let s = settings(policy)?;
            t.preview
                .replace("{cost}", &amount(lang, s.measure, cost))
                .replace("{name}", &s.name)
                .replace("{after}", &amount(lang, s.measure, after))
                .replace("{period}", period_words(lang, s.period))
        }
        Decision::Paid { .. } => t.preview_paid.to_owned(),
        Decision::Refused {
            policy,
            left,
            cost,
            renews_on,
        } => {
            let s = settings(policy)?;
            t.preview_refused
                .replace("{left}", &amount(lang, s.measure, left))
                .replace("{name}", &s.name)
                .replace("{period}", period_words(lang, s.period))
                .replace("{cost}", &amount(lang, s.measure, cost))
                .replace("{date}", &lang.texts().date_words(renews_on.number()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_naturally() {
        assert_eq!(amount(Lang::Fr, QuotaMeasure::Days, 7), "3,5 jours");
        assert_eq!(amount(Lang::Fr, QuotaMeasure::Days, 1), "½ jour");
        assert_eq!(amount(Lang::En, QuotaMeasure::Days, 2), "1 day");
        assert_eq!(amount(Lang::En, QuotaMeasure::Hours, 90), "1.5 hours");
    }
}

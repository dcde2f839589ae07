//! For hosts and administrators: the usage figures of the sites they may
//! see, for a period they choose, as headline figures (beside another
//! period's, `comparison.rs`), a chart with its
//! table, the busiest days and hours (`heat.rs`), a table by site and
//! month, who came (by residence and situation,
//! `people.rs`), and the same numbers as files. The
//! server decides which sites and keeps small counts of people secret; the
//! page only shows what it answers.
//!
//! `state.rs` holds the signals and the request; each part of the page is a
//! component of its own file; `words.rs` says it in French and English.

mod chart;
mod comparison;
mod downloads;
mod figures;
mod heat;
mod people;
mod period;
mod quotas;
mod state;
mod words;

use leptos::prelude::*;
use shared::api::{Category, Me, ResourceKind};
use shared::dom_ids;

use crate::auth::guarded;
use crate::i18n::use_lang;
use chart::Chart;
use comparison::Comparison;
use downloads::Downloads;
use figures::{Headline, KindTable, SiteTable};
use heat::HeatMap;
use people::People;
use period::{Compare, Period};
use quotas::QuotaTable;
use state::Stats;
use words::texts;

/// Hosts, and the network's, communes' and EPCI's administrators.
fn may_see(me: &Me) -> bool {
    me.is_network_admin() || me.is_territory_admin() || me.hosted_sites().next().is_some()
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        {guarded(may_see, |t| t.office.stats_refused, |_| view! { <Statistics/> })}
    }
}

#[component]
fn Statistics() -> impl IntoView {
    let stats = Stats::new();
    view! {
        <PeriodForm stats/>
        <FilterForm stats/>
        <Status stats/>
        <Headline stats/>
        <Comparison stats/>
        <Chart stats/>
        <KindTable stats/>
        <QuotaTable stats/>
        <HeatMap stats/>
        <SiteTable stats/>
        <People stats/>
        <Downloads stats/>
    }
}

/// The period (a choice, or two dates), what to compare it with, and the site.
#[component]
fn PeriodForm(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = texts(lang.get());
        let options = Period::ALL
            .into_iter()
            .zip(t.periods)
            .map(|(period, name)| view! { <option value=period.key() selected=move || stats.period.get() == period>{name}</option> })
            .collect_view();
        let compares = Compare::ALL
            .into_iter()
            .zip(t.compares)
            .map(|(compare, name)| view! { <option value=compare.key() selected=move || stats.compare.get() == compare>{name}</option> })
            .collect_view();
        let sites = move || {
            stats.sites.get().into_iter().map(|(id, name)| {
                let id = id.to_string();
                view! { <option value=id.clone() selected=move || stats.site.get() == id>{name}</option> }
            }).collect_view()
        };
        let on_date = move |signal: RwSignal<String>| {
            move |ev| {
                signal.set(event_target_value(&ev));
                stats.period.set(Period::Chosen);
                stats.load();
            }
        };
        view! {
            <form class="form panel stats-form" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for=dom_ids::STATS_PERIOD>{t.period}</label>
                    <select
                        id=dom_ids::STATS_PERIOD
                        on:change=move |ev| {
                            stats.choose_period(Period::from_key(&event_target_value(&ev)));
                        }
                    >
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for=dom_ids::STATS_FROM>{t.from}</label>
                    <input id=dom_ids::STATS_FROM type="date" prop:value=move || stats.from.get() on:change=on_date(stats.from)/>
                </div>
                <div class="field">
                    <label for=dom_ids::STATS_TO>{t.to}</label>
                    <input id=dom_ids::STATS_TO type="date" prop:value=move || stats.to.get() on:change=on_date(stats.to)/>
                </div>
                <div class="field">
                    <label for=dom_ids::STATS_COMPARE>{t.compare}</label>
                    <select
                        id=dom_ids::STATS_COMPARE
                        on:change=move |ev| {
                            stats.compare.set(Compare::from_key(&event_target_value(&ev)));
                            stats.load_earlier();
                        }
                    >
                        {compares}
                    </select>
                </div>
                <div class="field">
                    <label for=dom_ids::STATS_SITE>{t.site}</label>
                    <select
                        id=dom_ids::STATS_SITE
                        on:change=move |ev| {
                            stats.site.set(event_target_value(&ev));
                            stats.load();
                        }
                    >
                        <option value="" selected=move || stats.site.get().is_empty()>{t.all_sites}</option>
                        {sites}
                    </select>
                </div>
            </form>
        }
    }
}

/// Which bookings to count: a kind of space, the residents of a commune or
/// an EPCI, or a declared situation (one of them; "all" by default).
#[component]
fn FilterForm(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    // One filter at a time (the server's rule sees one dimension): a
    // choice in one list sets the others back to "all".
    let choose = move |signal: RwSignal<String>| {
        move |ev| {
            for other in [stats.kind, stats.living, stats.category] {
                other.set(String::new());
            }
            signal.set(event_target_value(&ev));
            stats.load();
        }
    };
    move || {
        let l = lang.get();
        let t = texts(l);
        let words = l.texts();
        let option = move |signal: RwSignal<String>, value: String, name: String| {
            let chosen = value.clone();
            view! { <option value=value selected=move || signal.with(|v| *v == chosen)>{name}</option> }
        };
        let kinds = ResourceKind::ALL
            .into_iter()
            .map(|kind| {
                let many = words.kind_forms(kind).1;
                let mut letters = many.chars();
                let name: String = letters
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(letters)
                    .collect();
                option(stats.kind, kind.as_str().to_owned(), name)
            })
            .collect_view();
        let categories = Category::ALL
            .into_iter()
            .map(|c| {
                option(
                    stats.category,
                    c.as_str().to_owned(),
                    words.category(c).to_owned(),
                )
            })
            .collect_view();
        let places = move || {
            // Each EPCI first as a whole, then its communes.
            let communes = stats.communes.get();
            let mut epcis: Vec<(String, String)> = communes
                .iter()
                .filter_map(|c| Some((c.epci_name.clone()?, c.epci_code.clone()?)))
                .collect();
            epcis.sort();
            epcis.dedup();
            epcis
                .into_iter()
                .map(|(name, code)| {
                    let whole = option(
                        stats.living,
                        format!("epci:{code}"),
                        t.whole_epci.replace("{epci}", &name),
                    );
                    let members = communes
                        .iter()
                        .filter(|c| c.epci_code.as_deref() == Some(code.as_str()))
                        .map(|c| {
                            option(stats.living, format!("commune:{}", c.insee), c.name.clone())
                        })
                        .collect_view();
                    view! { <optgroup label=name>{whole}{members}</optgroup> }
                })
                .collect_view()
        };
        let note = move || {
            stats.filtered().then(
                || view! { <p id=dom_ids::STATS_FILTER_NOTE class="hint">{t.filter_note}</p> },
            )
        };
        view! {
            <form class="form panel stats-form" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for=dom_ids::STATS_KIND>{t.kind}</label>
                    <select id=dom_ids::STATS_KIND on:change=choose(stats.kind)>
                        <option value="" selected=move || stats.kind.with(String::is_empty)>{t.all_kinds}</option>
                        {kinds}
                    </select>
                </div>
                <div class="field">
                    <label for=dom_ids::STATS_LIVING>{t.living}</label>
                    <select id=dom_ids::STATS_LIVING on:change=choose(stats.living)>
                        <option value="" selected=move || stats.living.with(String::is_empty)>{t.living_anywhere}</option>
                        {places}
                    </select>
                </div>
                <div class="field">
                    <label for=dom_ids::STATS_CATEGORY>{t.situation}</label>
                    <select id=dom_ids::STATS_CATEGORY on:change=choose(stats.category)>
                        <option value="" selected=move || stats.category.with(String::is_empty)>{t.all_situations}</option>
                        {categories}
                    </select>
                </div>
            </form>
            {note}
        }
    }
}

/// "Computing…", or what went wrong, said politely.
#[component]
fn Status(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let said = stats.report.with(|r| match r {
            None => Some(texts(lang.get()).loading),
            Some(Err(e)) => Some(lang.get().texts().error_message(&e.code)),
            Some(Ok(_)) => None,
        });
        view! { <p id=dom_ids::STATS_STATUS role="status">{said}</p> }
    }
}

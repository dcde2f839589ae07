//! The figures as words and tables: the headline totals and one line per
//! site and month, people included (or "< k" when the count is secret).

use leptos::prelude::*;
use shared::dom_ids;

use super::state::{Stats, number, percent, shown, shown_count, unpublished_people};
use super::words::texts;
use crate::i18n::{Lang, use_lang};

/// Hours, bookings, cancellations, no-shows and people of the whole period,
/// as the server added them up (and kept secret what must be).
#[component]
pub fn Headline(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let t = texts(lang);
        let french = lang == Lang::Fr;
        let facts: Vec<(&str, String)> = stats.report.with(|r| {
            let Some(Ok(report)) = r else { return None };
            let total = report.totals.iter().find(|t| t.period.is_none())?;
            let people = |n: Option<u64>| {
                n.map_or_else(
                    || unpublished_people(report, t.hidden),
                    |n| number(n as f64, french),
                )
            };
            let count = |n: Option<u64>| shown_count(n, french, t.hidden);
            Some(vec![
                (t.open_hours, number(total.open_hours, french)),
                (t.booked_hours, shown(total.booked_hours, french, t.hidden)),
                (t.occupancy, percent(total.occupancy)),
                (t.bookings, count(total.bookings)),
                (t.cancellations, count(total.cancellations)),
                (t.no_shows, count(total.no_shows)),
                (t.beyond_quota, count(total.beyond_quota)),
                (t.people, people(report.people)),
                (t.new_people, people(report.new_people)),
            ])
        })?;
        Some(view! {
            <section class="panel" aria-labelledby="stats-headline-title">
                <h2 id="stats-headline-title">{t.headline_title}</h2>
                <dl id=dom_ids::STATS_HEADLINE class="headline-figures">
                    {facts.into_iter().map(|(term, value)| view! {
                        <div><dt>{term}</dt><dd>{value}</dd></div>
                    }).collect_view()}
                </dl>
            </section>
        })
    }
}

/// One line per site and month, with its people.
#[component]
pub fn SiteTable(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let t = texts(lang);
        let french = lang == Lang::Fr;
        stats.report.with(|r| {
            let Some(Ok(report)) = r else { return None };
            if report.rows.is_empty() {
                return Some(view! { <p class="notice">{t.nothing}</p> }.into_any());
            }
            let k = report.k.to_string();
            let lines = report.rows.iter().map(|row| {
                let people = row
                    .people
                    .map_or_else(|| unpublished_people(report, t.hidden), |n| n.to_string());
                let count = |n: Option<u64>| shown_count(n, french, t.hidden);
                view! {
                    <tr>
                        <th scope="row">{row.site_name.clone()}</th>
                        <td>{row.month.clone()}</td>
                        <td class="number">{number(row.open_hours, french)}</td>
                        <td class="number">{shown(row.booked_hours, french, t.hidden)}</td>
                        <td class="number">{percent(row.occupancy)}</td>
                        <td class="number">{count(row.bookings)}</td>
                        <td class="number">{count(row.cancellations)}</td>
                        <td class="number">{count(row.no_shows)}</td>
                        <td class="number">{people}</td>
                    </tr>
                }
            }).collect_view();
            let headings = [
                t.month, t.open_hours, t.booked_hours, t.occupancy, t.bookings,
                t.cancellations, t.no_shows, t.people,
            ];
            Some(view! {
                <section class="panel" aria-labelledby="stats-table-title">
                    <h2 id="stats-table-title">{t.table_title}</h2>
                    <div class="table-scroll" tabindex="0">
                        <table id=dom_ids::STATS_TABLE aria-labelledby="stats-table-title">
                            <thead><tr>
                                <th scope="col">{t.place}</th>
                                {headings.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>{lines}</tbody>
                        </table>
                    </div>
                    <p class="hint">{t.secrecy.replace("{k}", &k)}</p>
                    <p class="hint">{t.activity_secrecy}</p>
                </section>
            }.into_any())
        })
    }
}

/// Desks, meeting rooms and phone booths apart, over the whole period.
#[component]
pub fn KindTable(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let t = texts(lang);
        let words = lang.texts();
        let french = lang == Lang::Fr;
        stats.report.with(|r| {
            let Some(Ok(report)) = r else { return None };
            if report.kinds.len() < 2 {
                return None;
            }
            let lines = report
                .kinds
                .iter()
                .map(|k| {
                    let (_, many) = words.kind_forms(k.kind);
                    let bookings = shown_count(k.bookings, french, t.hidden);
                    view! {
                        <tr>
                            <th scope="row">{capitalised(many)}</th>
                            <td class="number">{number(k.open_hours, french)}</td>
                            <td class="number">{shown(k.booked_hours, french, t.hidden)}</td>
                            <td class="number">{percent(k.occupancy)}</td>
                            <td class="number">{bookings}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="panel" aria-labelledby="stats-kinds-title">
                    <h2 id="stats-kinds-title">{t.kinds_title}</h2>
                    <div class="table-scroll" tabindex="0">
                        <table id=dom_ids::STATS_KINDS aria-labelledby="stats-kinds-title">
                            <thead><tr>
                                <th scope="col">{t.kind}</th>
                                <th scope="col">{t.open_hours}</th>
                                <th scope="col">{t.booked_hours}</th>
                                <th scope="col">{t.occupancy}</th>
                                <th scope="col">{t.bookings}</th>
                            </tr></thead>
                            <tbody>{lines}</tbody>
                        </table>
                    </div>
                </section>
            })
        })
    }
}

/// "postes de travail" → "Postes de travail".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

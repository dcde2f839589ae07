//! Who came, counted once each and named never: where they live (EPCI and
//! commune, as bars and as a table) and the situation they declared, with
//! secret counts written "< k". For a town hall, also how many of its
//! residents came to any site of the network.

use leptos::prelude::*;
use shared::api::{ResidenceLevel, ResidenceRow, UsageReport};
use shared::dom_ids;

use super::state::{Stats, people_count};
use super::words::texts;
use crate::i18n::use_lang;

/// Bars of this many SVG units for the largest published count.
const WIDTH: f64 = 200.0;
const ROW: f64 = 22.0;

#[component]
pub fn People(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let t = texts(lang);
        let words = lang.texts();
        stats.report.with(|r| {
            let Some(Ok(report)) = r else { return None };
            if report.residence.is_empty() && report.residents_anywhere.is_empty() {
                return None;
            }
            let k = report.k;
            let anywhere = report
                .residents_anywhere
                .iter()
                .map(|line| {
                    let said = t
                        .residents_anywhere
                        .replace("{territory}", &line.territory)
                        .replace("{people}", &people_count(line.people, k));
                    view! { <p class="notice">{said}</p> }
                })
                .collect_view();
            let situations = report
                .categories
                .iter()
                .map(|line| {
                    let name = line.category.map_or(t.no_situation, |c| words.category(c));
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td class="number">{people_count(line.people, k)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="panel" aria-labelledby="stats-people-title">
                    <h2 id="stats-people-title">{t.people_title}</h2>
                    {anywhere}
                    <Residence report=report.clone()/>
                    <div class="table-scroll" tabindex="0">
                        <table id=dom_ids::STATS_SITUATIONS>
                            <caption>{t.situations_caption}</caption>
                            <thead><tr>
                                <th scope="col">{t.situation}</th>
                                <th scope="col">{t.people}</th>
                            </tr></thead>
                            <tbody>{situations}</tbody>
                        </table>
                    </div>
                    <p class="hint">{t.secondary_secrecy.replace("{k}", &k.to_string())}</p>
                </section>
            })
        })
    }
}

/// People by EPCI and commune: bars for the EPCI, then the table of all lines.
#[component]
fn Residence(report: UsageReport) -> impl IntoView {
    let lang = use_lang();
    let t = texts(lang.get_untracked());
    let k = report.k;
    let epcis: Vec<&ResidenceRow> = report
        .residence
        .iter()
        .filter(|l| {
            !matches!(
                l.level,
                ResidenceLevel::Commune | ResidenceLevel::OtherCommunes
            )
        })
        .collect();
    let largest = epcis
        .iter()
        .filter_map(|l| l.people)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let height = epcis.len() as f64 * ROW;
    let bars = epcis
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let y = i as f64 * ROW;
            let width = line.people.map_or(0.0, |n| n as f64 / largest * WIDTH);
            let said = format!("{} : {}", line.name, people_count(line.people, k));
            view! {
                <rect x=0 y=y + 3.0 width=width.max(1.0) height=ROW - 6.0 class="chart-bar">
                    <title>{said.clone()}</title>
                </rect>
                <text x=width + 6.0 y=y + ROW - 7.0 class="chart-label">{said}</text>
            }
        })
        .collect_view();
    let lines = report
        .residence
        .iter()
        .map(|line| {
            let name = match line.level {
                ResidenceLevel::Unknown => t.unknown_residence.to_owned(),
                ResidenceLevel::OtherCommunes => t.other_communes.to_owned(),
                _ => line.name.clone(),
            };
            let class = if matches!(
                line.level,
                ResidenceLevel::Commune | ResidenceLevel::OtherCommunes
            ) {
                "indent"
            } else {
                "strong"
            };
            view! {
                <tr>
                    <th scope="row" class=class>{name}</th>
                    <td class="number">{people_count(line.people, k)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3 id="stats-residence-title">{t.residence_title}</h3>
        <svg
            id=dom_ids::STATS_RESIDENCE_CHART
            role="img"
            aria-labelledby="stats-residence-title"
            aria-describedby=dom_ids::STATS_RESIDENCE
            viewBox=format!("0 0 {} {}", WIDTH + 260.0, height.max(ROW))
            class="chart"
        >
            {bars}
        </svg>
        <div class="table-scroll" tabindex="0">
            <table id=dom_ids::STATS_RESIDENCE>
                <caption>{t.residence_caption}</caption>
                <thead><tr>
                    <th scope="col">{t.residence}</th>
                    <th scope="col">{t.people}</th>
                </tr></thead>
                <tbody>{lines}</tbody>
            </table>
        </div>
    }
}

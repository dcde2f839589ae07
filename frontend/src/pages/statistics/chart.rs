//! Occupancy month by month as a bar chart (SVG, described for screen
//! readers) with the table of the same numbers beside it.

use leptos::prelude::*;
use shared::dom_ids;

use shared::api::UsageTotal;

use super::state::{Stats, number, percent, shown};
use super::words::texts;
use crate::i18n::{Lang, use_lang};

/// Bars this tall at 100 % occupancy, in SVG units.
const HEIGHT: f64 = 120.0;
const BAR: f64 = 28.0;
const GAP: f64 = 12.0;

#[component]
pub fn Chart(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let t = texts(lang);
        let french = lang == Lang::Fr;
        let months: Vec<UsageTotal> = stats.report.with(|r| match r {
            Some(Ok(report)) => report
                .totals
                .iter()
                .filter(|t| t.period.is_some())
                .cloned()
                .collect(),
            _ => Vec::new(),
        });
        if months.is_empty() {
            return None;
        }
        let width = months.len() as f64 * (BAR + GAP) + GAP;
        let bars = months.iter().enumerate().map(|(i, total)| {
            let month = total.period.clone().unwrap_or_default();
            let said = percent(total.occupancy);
            let height = (total.occupancy.unwrap_or(0.0) * HEIGHT).max(1.0);
            let x = GAP + i as f64 * (BAR + GAP);
            view! {
                <rect x=x y=HEIGHT - height width=BAR height=height class="chart-bar">
                    <title>{format!("{month} : {said}")}</title>
                </rect>
                <text x=x + BAR / 2.0 y=HEIGHT + 14.0 text-anchor="middle" class="chart-label">{month.get(5..).unwrap_or_default().to_owned()}</text>
            }
        }).collect_view();
        let lines = months
            .iter()
            .map(|total| {
                view! {
                    <tr>
                        <th scope="row">{total.period.clone()}</th>
                        <td class="number">{shown(total.booked_hours, french, t.hidden)}</td>
                        <td class="number">{number(total.open_hours, french)}</td>
                        <td class="number">{percent(total.occupancy)}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <section class="panel" aria-labelledby="stats-chart-title">
                <h2 id="stats-chart-title">{t.chart_title}</h2>
                <svg
                    id=dom_ids::STATS_CHART
                    role="img"
                    aria-labelledby="stats-chart-title"
                    aria-describedby=dom_ids::STATS_CHART_TABLE
                    viewBox=format!("0 0 {width} {}", HEIGHT + 20.0)
                    class="chart"
                >
                    {bars}
                </svg>
                <div class="table-scroll" tabindex="0">
                <table id=dom_ids::STATS_CHART_TABLE>
                    <caption>{t.chart_caption}</caption>
                    <thead><tr>
                        <th scope="col">{t.month}</th>
                        <th scope="col">{t.booked_hours}</th>
                        <th scope="col">{t.open_hours}</th>
                        <th scope="col">{t.occupancy}</th>
                    </tr></thead>
                    <tbody>{lines}</tbody>
                </table>
                </div>
            </section>
        })
    }
}

//! Occupancy month by month as a bar chart (SVG, described for screen
//! readers) with the table of the same numbers beside it.

use std::collections::BTreeMap;

use leptos::prelude::*;
use shared::dom_ids;

use super::state::{Stats, Totals, number};
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
        let months: Vec<(String, Totals)> = stats.report.with(|r| {
            let Some(Ok(report)) = r else {
                return Vec::new();
            };
            let mut by_month: BTreeMap<String, Vec<&shared::api::UsageRow>> = BTreeMap::new();
            for row in &report.rows {
                by_month.entry(row.month.clone()).or_default().push(row);
            }
            by_month
                .into_iter()
                .map(|(month, rows)| (month, Totals::of(rows.into_iter())))
                .collect()
        });
        if months.is_empty() {
            return None;
        }
        let width = months.len() as f64 * (BAR + GAP) + GAP;
        let bars = months.iter().enumerate().map(|(i, (month, totals))| {
            let percent = totals.occupancy_percent().unwrap_or(0);
            let height = (f64::from(percent) / 100.0 * HEIGHT).max(1.0);
            let x = GAP + i as f64 * (BAR + GAP);
            view! {
                <rect x=x y=HEIGHT - height width=BAR height=height class="chart-bar">
                    <title>{format!("{month} : {percent} %")}</title>
                </rect>
                <text x=x + BAR / 2.0 y=HEIGHT + 14.0 text-anchor="middle" class="chart-label">{month[5..].to_owned()}</text>
            }
        }).collect_view();
        let lines = months
            .iter()
            .map(|(month, totals)| {
                let percent = totals
                    .occupancy_percent()
                    .map_or_else(|| "—".to_owned(), |p| format!("{p} %"));
                view! {
                    <tr>
                        <th scope="row">{month.clone()}</th>
                        <td class="number">{number(totals.booked_hours, french)}</td>
                        <td class="number">{number(totals.open_hours, french)}</td>
                        <td class="number">{percent}</td>
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

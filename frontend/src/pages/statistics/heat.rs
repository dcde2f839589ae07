//! The busiest days and hours: a heat map (SVG, darker where more desks were
//! taken) with the table of the same numbers beside it. A cell one person
//! made alone comes "hidden" from the server and is drawn hatched.

use leptos::prelude::*;
use shared::api::HeatCell;
use shared::dom_ids;

use super::state::Stats;
use super::words::texts;
use crate::i18n::use_lang;

const CELL: f64 = 26.0;
/// Room for the hours on the left and the days on top.
const LEFT: f64 = 40.0;
const TOP: f64 = 18.0;

#[component]
pub fn HeatMap(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = texts(lang.get());
        let heat: Vec<HeatCell> = stats.report.with(|r| match r {
            Some(Ok(report)) => report.heat.clone(),
            _ => Vec::new(),
        });
        let first = heat.iter().map(|c| c.hour).min()?;
        let last = heat.iter().map(|c| c.hour).max()?;
        let most = heat
            .iter()
            .filter_map(|c| c.bookings)
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        let at =
            |weekday: u8, hour: u8| heat.iter().find(|c| c.weekday == weekday && c.hour == hour);
        let said = |cell: Option<&HeatCell>| match cell {
            None => "0".to_owned(),
            Some(HeatCell {
                bookings: Some(n), ..
            }) => n.to_string(),
            Some(_) => t.hidden.to_owned(),
        };
        let hours: Vec<u8> = (first..=last).collect();
        let mut cells = Vec::new();
        for (row, hour) in hours.iter().enumerate() {
            for weekday in 1..=7u8 {
                let cell = at(weekday, *hour);
                let (class, opacity) = match cell {
                    None => ("heat-cell", 0.04),
                    Some(HeatCell {
                        bookings: Some(n), ..
                    }) => ("heat-cell", 0.12 + 0.88 * *n as f64 / most),
                    Some(_) => ("heat-hidden", 1.0),
                };
                let title = format!(
                    "{} {hour} h : {}",
                    t.weekdays[usize::from(weekday - 1)],
                    said(cell)
                );
                cells.push(view! {
                    <rect
                        x=LEFT + f64::from(weekday - 1) * CELL
                        y=TOP + row as f64 * CELL
                        width=CELL - 2.0
                        height=CELL - 2.0
                        class=class
                        fill-opacity=opacity
                    >
                        <title>{title}</title>
                    </rect>
                });
            }
        }
        let day_labels = (1..=7u8).map(|weekday| view! {
            <text x=LEFT + (f64::from(weekday) - 0.5) * CELL y=12 text-anchor="middle" class="chart-label">
                {t.weekdays[usize::from(weekday - 1)]}
            </text>
        }).collect_view();
        let hour_labels = hours.iter().enumerate().map(|(row, hour)| view! {
            <text x=LEFT - 6.0 y=TOP + row as f64 * CELL + CELL * 0.6 text-anchor="end" class="chart-label">
                {format!("{hour} h")}
            </text>
        }).collect_view();
        let lines = hours
            .iter()
            .map(|hour| {
                view! {
                    <tr>
                        <th scope="row">{format!("{hour} h")}</th>
                        {(1..=7u8).map(|weekday| view! {
                            <td class="number">{said(at(weekday, *hour))}</td>
                        }).collect_view()}
                    </tr>
                }
            })
            .collect_view();
        let width = LEFT + 7.0 * CELL;
        let height = TOP + hours.len() as f64 * CELL;
        Some(view! {
            <section class="panel" aria-labelledby="stats-heat-title">
                <h2 id="stats-heat-title">{t.heat_title}</h2>
                <svg
                    id=dom_ids::STATS_HEAT
                    role="img"
                    aria-labelledby="stats-heat-title"
                    aria-describedby=dom_ids::STATS_HEAT_TABLE
                    viewBox=format!("0 0 {width} {height}")
                    class="chart heat"
                >
                    {day_labels}
                    {hour_labels}
                    {cells}
                </svg>
                <div class="table-scroll" tabindex="0">
                    <table id=dom_ids::STATS_HEAT_TABLE>
                        <caption>{t.heat_caption}</caption>
                        <thead><tr>
                            <th scope="col">{t.hour}</th>
                            {t.weekdays.iter().map(|d| view! { <th scope="col">{*d}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>{lines}</tbody>
                    </table>
                </div>
            </section>
        })
    }
}

//! The site's access log: the last lines, newest first, in plain words (who
//! came in, who was refused and why, who left, which places went back to
//! others). Read again with each board, so it follows what happens.

use leptos::prelude::*;
use shared::api::AccessLogLine;
use shared::dom_ids;

use super::state::Live;
use crate::i18n::Texts;
use crate::local_time;

#[component]
pub fn AccessLog(live: Live) -> impl IntoView {
    let Live {
        lang, log, board, ..
    } = live;
    let table = move || {
        let t = lang.get().texts();
        let zone = board
            .with(|b| b.as_ref().map(|b| b.time_zone.clone()))
            .unwrap_or_else(local_time::browser_zone);
        log.with(|answer| match answer {
            None => view! { <p class="notice">{t.checking_session}</p> }.into_any(),
            Some(Err(e)) => view! {
                <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p>
            }
            .into_any(),
            Some(Ok(lines)) if lines.is_empty() => {
                view! { <p class="notice">{t.office.log_none}</p> }.into_any()
            }
            Some(Ok(lines)) => lines_table(t, &zone, lines).into_any(),
        })
    };
    view! {
        <section class="panel">
            <h2 id="live-log-title">{move || lang.get().texts().office.log_title}</h2>
            <p class="hint">{move || lang.get().texts().office.log_intro}</p>
            {table}
        </section>
    }
}

/// "13/01/2027 10:02", in the site's time zone.
fn when(zone: &str, at: &str) -> String {
    let Some(utc) = local_time::parse_instant(at) else {
        return at.to_owned();
    };
    let (year, month, day) = local_time::civil_from_days(local_time::to_local(zone, utc).0);
    format!(
        "{day:02}/{month:02}/{year} {}",
        local_time::clock(zone, utc)
    )
}

fn lines_table(t: &'static Texts, zone: &str, lines: &[AccessLogLine]) -> impl IntoView + use<> {
    let rows = lines
        .iter()
        .map(|line| {
            view! {
                <tr>
                    <td>{when(zone, &line.at)}</td>
                    <td>{t.office.log_source(line.source)}</td>
                    <td>{t.office.log_action(line.action)}</td>
                    <td>{line.person_name.clone().unwrap_or_default()}</td>
                    <td>{line.reason.map(|r| t.office.log_reason(r))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="live-log-title">
            <table id=dom_ids::LIVE_LOG>
                <caption class="visually-hidden">{t.office.log_title}</caption>
                <thead>
                    <tr>{t.office.log_columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

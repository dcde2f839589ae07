//! How much free access the period's bookings used, policy by policy: what
//! a council reads to know whether its quota policy works.

use leptos::prelude::*;
use shared::api::QuotaMeasure;
use shared::dom_ids;

use super::state::{Stats, number, shown_count};
use super::words::{StatsTexts, texts};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn QuotaTable(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let t = texts(lang);
        let french = lang == Lang::Fr;
        stats.report.with(|r| {
            let Some(Ok(report)) = r else { return None };
            if report.quotas.is_empty() {
                return None;
            }
            let lines = report
                .quotas
                .iter()
                .map(|q| {
                    let used = match q.used {
                        Some(used) => format!(
                            "{} {}",
                            number(used, french),
                            unit(q.measure, used, t, french)
                        ),
                        None => t.hidden.to_owned(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{q.name.clone()}</th>
                            <td class="number">{used}</td>
                            <td class="number">{shown_count(q.bookings, french, t.hidden)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="panel" aria-labelledby="stats-quotas-title">
                    <h2 id="stats-quotas-title">{t.quotas_title}</h2>
                    <div class="table-scroll" tabindex="0">
                        <table id=dom_ids::STATS_QUOTAS aria-labelledby="stats-quotas-title">
                            <thead><tr>
                                <th scope="col">{t.policy}</th>
                                <th scope="col">{t.used}</th>
                                <th scope="col">{t.bookings}</th>
                            </tr></thead>
                            <tbody>{lines}</tbody>
                        </table>
                    </div>
                    <p class="hint">{t.quotas_hint}</p>
                </section>
            })
        })
    }
}

/// "jour" under two in French ("1,5 jour"), "day" for one in English.
fn unit(measure: QuotaMeasure, amount: f64, t: &StatsTexts, french: bool) -> &'static str {
    let (one, many) = match measure {
        QuotaMeasure::Days => t.units[0],
        QuotaMeasure::HalfDays => t.units[1],
        QuotaMeasure::Hours => t.units[2],
    };
    let singular = if french { amount < 2.0 } else { amount == 1.0 };
    if singular { one } else { many }
}

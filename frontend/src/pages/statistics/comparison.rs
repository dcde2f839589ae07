//! The headline figures of the period beside those of the period it is
//! compared with, and how much each changed. Both reports are published by
//! the server under its secrecy rules; a change is only worked out between
//! two published figures, never from a secret one.

use leptos::prelude::*;
use shared::api::{UsageReport, UsageTotal};
use shared::calendar::Day;
use shared::dom_ids;

use super::state::{Stats, number, percent, shown, shown_count, unpublished_people};
use super::words::{StatsTexts, texts};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn Comparison(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let t = texts(lang);
        let french = lang == Lang::Fr;
        let now = stats
            .report
            .with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).cloned())?;
        let earlier = stats.earlier.with(|r| match r {
            Some(Ok(report)) => Some(Ok(report.clone())),
            Some(Err(e)) => Some(Err(lang.texts().error_message(&e.code))),
            None => None,
        })?;
        let earlier = match earlier {
            Ok(earlier) => earlier,
            Err(said) => {
                return Some(view! { <p class="notice" role="status">{said}</p> }.into_any());
            }
        };
        let lines = lines(&now, &earlier, t, french)
            .into_iter()
            .map(|(figure, then, this, change)| {
                view! {
                    <tr>
                        <th scope="row">{figure}</th>
                        <td class="number">{then}</td>
                        <td class="number">{this}</td>
                        <td class="number">{change}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(
            view! {
                <section class="panel" aria-labelledby="stats-comparison-title">
                    <h2 id="stats-comparison-title">{t.comparison_title}</h2>
                    <div class="table-scroll" tabindex="0">
                        <table id=dom_ids::STATS_COMPARISON aria-labelledby="stats-comparison-title">
                            <thead>
                                <tr>
                                    <th scope="col">{t.figure}</th>
                                    <th scope="col">{span(&earlier, french)}</th>
                                    <th scope="col">{span(&now, french)}</th>
                                    <th scope="col">{t.change}</th>
                                </tr>
                            </thead>
                            <tbody>{lines}</tbody>
                        </table>
                    </div>
                </section>
            }
            .into_any(),
        )
    }
}

/// (figure, earlier, now, change) for each headline figure.
fn lines(
    now: &UsageReport,
    earlier: &UsageReport,
    t: &StatsTexts,
    french: bool,
) -> Vec<(&'static str, String, String, String)> {
    let whole = |r: &UsageReport| r.totals.iter().find(|t| t.period.is_none()).cloned();
    let (Some(a), Some(b)) = (whole(earlier), whole(now)) else {
        return Vec::new();
    };
    let count = |n: Option<u64>| shown_count(n, french, t.hidden);
    let counted = |name, f: fn(&UsageTotal) -> Option<u64>| {
        (
            name,
            count(f(&a)),
            count(f(&b)),
            change(f(&a).map(|n| n as f64), f(&b).map(|n| n as f64), french),
        )
    };
    let people = |name, then: Option<u64>, this: Option<u64>| {
        (
            name,
            then.map_or_else(|| unpublished_people(earlier, t.hidden), |n| n.to_string()),
            this.map_or_else(|| unpublished_people(now, t.hidden), |n| n.to_string()),
            change(then.map(|n| n as f64), this.map(|n| n as f64), french),
        )
    };
    vec![
        (
            t.booked_hours,
            shown(a.booked_hours, french, t.hidden),
            shown(b.booked_hours, french, t.hidden),
            change(a.booked_hours, b.booked_hours, french),
        ),
        (
            t.occupancy,
            percent(a.occupancy),
            percent(b.occupancy),
            points(a.occupancy, b.occupancy, t, french),
        ),
        counted(t.bookings, |x| x.bookings),
        counted(t.cancellations, |x| x.cancellations),
        counted(t.no_shows, |x| x.no_shows),
        counted(t.beyond_quota, |x| x.beyond_quota),
        people(t.people, earlier.people, now.people),
        people(t.new_people, earlier.new_people, now.new_people),
    ]
}

/// "+12 %" (French) or "+12%": the change from `then` to `now`; "—" when
/// either is secret or `then` is nothing.
pub fn change(then: Option<f64>, now: Option<f64>, french: bool) -> String {
    match (then, now) {
        (Some(then), Some(now)) if then > 0.0 => {
            let rate = ((now - then) / then * 100.0).round();
            let sign = if rate > 0.0 { "+" } else { "" };
            let space = if french { "\u{202f}" } else { "" };
            format!("{sign}{}{space}%", number(rate, french))
        }
        _ => "—".to_owned(),
    }
}

/// An occupancy's change in percentage points: "+3 points".
fn points(then: Option<f64>, now: Option<f64>, t: &StatsTexts, french: bool) -> String {
    match (then, now) {
        (Some(then), Some(now)) => {
            let points = ((now - then) * 100.0).round();
            let sign = if points > 0.0 { "+" } else { "" };
            format!("{sign}{} {}", number(points, french), t.points)
        }
        _ => "—".to_owned(),
    }
}

/// "01/04/2027 – 30/04/2027" in French, "2027-04-01 – 2027-04-30" in English.
fn span(report: &UsageReport, french: bool) -> String {
    let day = |text: &str| match (Day::parse(text), french) {
        (Some(d), true) => format!("{:02}/{:02}/{}", d.day, d.month, d.year),
        _ => text.to_owned(),
    };
    format!("{} – {}", day(&report.from), day(&report.to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_worked_out_between_published_figures_only() {
        assert_eq!(change(Some(100.0), Some(112.0), true), "+12\u{202f}%");
        assert_eq!(change(Some(100.0), Some(88.0), false), "-12%");
        assert_eq!(change(Some(100.0), Some(100.0), false), "0%");
        assert_eq!(change(None, Some(88.0), true), "—");
        assert_eq!(change(Some(0.0), Some(5.0), true), "—");
    }
}

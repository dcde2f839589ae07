//! A site's closures: the list, one day or a range added by hand, and an
//! iCalendar file or a calendar's address imported (each event a closure,
//! the others explained). The signals and what the buttons do are in
//! `state.rs`; the list and the forms are components of their own.

mod forms;
mod list;
mod state;

use leptos::prelude::*;
use shared::dom_ids;
use shared::ids::SiteId;

use forms::ClosureForms;
use list::{ClosureList, ImportResult};
use state::Closures;

#[component]
pub fn ClosuresEditor(site_id: SiteId) -> impl IntoView {
    let editor = Closures::new(site_id);
    let lang = editor.lang;
    let title_id = dom_ids::item("closures-title", site_id);
    editor.load();
    view! {
        <section class="subpanel" aria-labelledby=title_id.clone()>
            <h3 id=title_id.clone()>{move || lang.get().texts().office.closures_title}</h3>
            <p class="hint">{move || lang.get().texts().office.closures_intro}</p>
            <p id=editor.status_id() role="status" tabindex="-1" class="status status-ok">{move || editor.status.get()}</p>
            <div id=editor.result_id() role="status" tabindex="-1" class="status"><ImportResult editor/></div>
            {editor.problem().alert()}
            <ClosureList editor/>
            <ClosureForms editor/>
        </section>
    }
    .into_any()
}

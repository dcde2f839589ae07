//! What a site's closures editor holds (its signals, a `Copy` struct) and
//! what its buttons do: remove a closure, add one, import a calendar.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Closure, ClosureImport, ClosureImportUrl, NewClosure};
use shared::error::codes;
use shared::ids::SiteId;
use shared::{ErrorDetail, dom_ids, routes};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::components::forms::{FormError, error, focus_soon};
use crate::i18n::{CLOSURE_ORDER, Lang, MISSING_FILE, MISSING_REASON, use_lang};
use crate::local_time;

/// The text of the file chosen in the file field `id`.
async fn file_text(id: &str) -> Option<String> {
    let input: web_sys::HtmlInputElement = web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()?;
    let file = input.files()?.get(0)?;
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// Empties the file field `id` once its calendar is imported, so the next
/// import cannot take the same file again by mistake.
fn clear_file(id: &str) {
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value("");
    }
}

/// Every signal of one site's closures editor, shared by its parts.
#[derive(Clone, Copy)]
pub struct Closures {
    pub lang: RwSignal<Lang>,
    pub site_id: SiteId,
    pub closures: RwSignal<Option<Result<Vec<Closure>, ErrorDetail>>>,
    pub status: RwSignal<Option<String>>,
    /// The failure shown by [`Closures::problem`].
    failure: RwSignal<Option<ErrorDetail>>,
    pub imported: RwSignal<Option<ClosureImport>>,
    pub first: RwSignal<String>,
    pub last: RwSignal<String>,
    pub reason: RwSignal<String>,
    pub address: RwSignal<String>,
    pub busy: RwSignal<bool>,
}

impl Closures {
    pub fn new(site_id: SiteId) -> Closures {
        Closures {
            lang: use_lang(),
            site_id,
            closures: RwSignal::new(None),
            status: RwSignal::new(None),
            failure: RwSignal::new(None),
            imported: RwSignal::new(None),
            first: RwSignal::new(String::new()),
            last: RwSignal::new(String::new()),
            reason: RwSignal::new(String::new()),
            address: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
        }
    }

    /// The site's closures, as an API path.
    fn base(self) -> String {
        routes::fill(
            routes::SITE_CLOSURES,
            &[("site_id", &self.site_id.to_string())],
        )
    }

    pub fn status_id(self) -> String {
        dom_ids::item(dom_ids::CLOSURE_STATUS, self.site_id)
    }

    pub fn result_id(self) -> String {
        dom_ids::item(dom_ids::CLOSURE_IMPORT_RESULT, self.site_id)
    }

    pub fn file_id(self) -> String {
        dom_ids::item(dom_ids::CLOSURE_FILE, self.site_id)
    }

    /// The editor's error box.
    pub fn problem(self) -> FormError {
        FormError {
            failure: self.failure,
            box_id: dom_ids::item(dom_ids::CLOSURE_ERROR, self.site_id),
        }
    }

    pub fn load(self) {
        let base = self.base();
        spawn_local(async move { self.closures.set(Some(api::get_json(&base).await)) });
    }

    /// Says what was done, reloads the list, and moves the focus to `focus`.
    fn done(self, text: String, focus: String) {
        self.problem().clear();
        self.status.set(Some(text));
        self.load();
        focus_soon(focus);
    }

    pub fn remove(self, closure: Closure) {
        let path = format!("{}/{}", self.base(), closure.id);
        self.imported.set(None);
        spawn_local(async move {
            match api::delete(&path).await {
                Ok(()) => {
                    let t = self.lang.get_untracked().texts();
                    self.done(
                        t.office.removed_named.replace("{name}", &closure.reason),
                        self.status_id(),
                    );
                }
                Err(e) => self.problem().show(e),
            }
        });
    }

    pub fn add(self, ev: leptos::ev::SubmitEvent) {
        let Closures {
            first,
            last,
            reason,
            busy,
            ..
        } = self;
        let problem = self.problem();
        ev.prevent_default();
        self.imported.set(None);
        let first_day = first.get_untracked();
        let mut last_day = last.get_untracked();
        if last_day.is_empty() {
            last_day = first_day.clone();
        }
        let new = NewClosure {
            first_day,
            last_day,
            reason: reason.get_untracked().trim().to_owned(),
        };
        let (Some(from), Some(to)) = (
            local_time::parse_date(&new.first_day),
            local_time::parse_date(&new.last_day),
        ) else {
            return problem.refuse(codes::INVALID_DATE);
        };
        if to < from {
            return problem.refuse(CLOSURE_ORDER);
        }
        if new.reason.is_empty() || new.reason.chars().count() > 200 {
            return problem.refuse(MISSING_REASON);
        }
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let base = self.base();
        spawn_local(async move {
            let answer = api::post_json::<_, serde_json::Value>(&base, &new).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    let t = self.lang.get_untracked().texts();
                    let text = t.office.added_named.replace("{name}", &new.reason);
                    first.set(String::new());
                    last.set(String::new());
                    reason.set(String::new());
                    self.done(text, dom_ids::item(dom_ids::CLOSURE_FIRST, self.site_id));
                }
                Err(e) => problem.show(e),
            }
        });
    }

    pub fn import(self, ev: leptos::ev::SubmitEvent) {
        let Closures {
            imported,
            address,
            busy,
            status,
            site_id,
            ..
        } = self;
        let id = site_id.to_string();
        let path = routes::fill(routes::SITE_CLOSURES_IMPORT, &[("site_id", &id)]);
        let url_path = routes::fill(routes::SITE_CLOSURES_IMPORT_URL, &[("site_id", &id)]);
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        imported.set(None);
        let url = address.get_untracked().trim().to_owned();
        spawn_local(async move {
            let file_id = self.file_id();
            // A chosen file wins; otherwise the address, if one is given.
            let answer = match file_text(&file_id).await {
                Some(text) => api::post_text::<ClosureImport>(&path, "text/calendar", text).await,
                None if !url.is_empty() => {
                    api::post_json::<_, ClosureImport>(&url_path, &ClosureImportUrl { url }).await
                }
                None => Err(error(MISSING_FILE)),
            };
            busy.set(false);
            match answer {
                Ok(result) => {
                    imported.set(Some(result));
                    address.set(String::new());
                    clear_file(&file_id);
                    status.set(None);
                    self.done(String::new(), self.result_id());
                }
                Err(e) => self.problem().show(e),
            }
        });
    }
}

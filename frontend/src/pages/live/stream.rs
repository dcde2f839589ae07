//! The board, live: the browser's `EventSource` on `GET …/live`, whose
//! messages (`event: board`) each carry the whole board. The browser
//! reconnects by itself after a network loss; an answer that is not a
//! stream (signed out, not a host any more) stops it for good.

use shared::api::LiveBoard;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Event, EventSource, MessageEvent};

/// Where the stream stands, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Connecting,
    Live,
    /// Lost; the browser tries again.
    Retrying,
    /// Over: the page shows the last board it had.
    Stopped,
}

/// An open stream. Dropping it closes it.
pub struct Stream {
    source: EventSource,
    _board: Closure<dyn FnMut(MessageEvent)>,
    _opened: Closure<dyn FnMut(Event)>,
    _failed: Closure<dyn FnMut(Event)>,
}

impl Stream {
    /// `None` when the browser cannot open one (then the page stays as it is).
    pub fn open(
        url: &str,
        on_board: impl Fn(LiveBoard) + 'static,
        on_link: impl Fn(Link) + Copy + 'static,
    ) -> Option<Stream> {
        // Same origin: the session cookie goes with it.
        let source = EventSource::new(url).ok()?;
        let board = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let board = event
                .data()
                .as_string()
                .and_then(|text| serde_json::from_str::<LiveBoard>(&text).ok());
            if let Some(board) = board {
                on_board(board);
            }
        });
        source
            .add_event_listener_with_callback("board", board.as_ref().unchecked_ref())
            .ok()?;
        let opened = Closure::<dyn FnMut(Event)>::new(move |_: Event| on_link(Link::Live));
        source.set_onopen(Some(opened.as_ref().unchecked_ref()));
        let watched = source.clone();
        let failed = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
            on_link(if watched.ready_state() == EventSource::CLOSED {
                Link::Stopped
            } else {
                Link::Retrying
            });
        });
        source.set_onerror(Some(failed.as_ref().unchecked_ref()));
        Some(Stream {
            source,
            _board: board,
            _opened: opened,
            _failed: failed,
        })
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // Closed before the closures go, so none is called once dropped.
        self.source.close();
        self.source.set_onopen(None);
        self.source.set_onerror(None);
    }
}

//! Keeping open tabs in step. A choice made in one tab is announced on a `BroadcastChannel`; the
//! others re-read the cookie (which stays the one source of truth), at once and twice more
//! shortly after, since the message can arrive before the cookie does. A tab coming back into view
//! re-reads it too, which also covers other subdomains sharing the cookie and browsers without
//! `BroadcastChannel`.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::browser::events::Listener;
use web_sys::BroadcastChannel;

use super::dom;
use crate::error::Error;
use crate::names::event;

/// The channel and the listeners; dropping it stops listening.
#[must_use = "dropping Tabs stops following other tabs at once"]
pub struct Tabs {
    channel: Option<BroadcastChannel>,
    _listeners: Vec<Listener>,
}

impl Tabs {
    /// Calls `changed` when another tab announces a choice, or when this one becomes visible.
    pub fn listen(changed: impl Fn() + Clone + 'static) -> Result<Self, Error> {
        let mut listeners = Vec::new();
        // Missing in some embedded browsers: then only the visibility check keeps tabs in step.
        let channel = BroadcastChannel::new(event::CHANNEL).ok();
        if let Some(channel) = &channel {
            let on_message = changed.clone();
            listeners.push(Listener::new(channel, "message", move |_| {
                on_message();
                // Firefox can deliver the message before the cookie it announces reaches this
                // tab (docs/browsers.md): read it again a little later. A read that finds
                // nothing new does nothing.
                for delay in [100, 1000] {
                    let again = on_message.clone();
                    let read = crate::browser::events::once(move |_| {
                        again();
                        wasm_bindgen::JsValue::UNDEFINED
                    });
                    if let Ok(window) = dom::window() {
                        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                            wasm_bindgen::JsCast::unchecked_ref(&read),
                            delay,
                        );
                    }
                }
            }));
        }
        let document = dom::document()?;
        let visible = document.clone();
        listeners.push(Listener::new(&document, "visibilitychange", move |_| {
            if !visible.hidden() {
                changed();
            }
        }));
        Ok(Self {
            channel,
            _listeners: listeners,
        })
    }

    /// Tells the other tabs that the choice changed.
    pub fn announce(&self) {
        if let Some(channel) = &self.channel {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(event::CHANNEL_CHANGE));
        }
    }
}

//! The gate: gated scripts, frames, pixels and script-loaded embeds' fallbacks in the page,
//! released when what they need (their categories, or their service) is granted.
//!
//! Scripts run once each, in document order. External ones are inserted together with
//! `async = false` (the browser then runs them in insertion order); an inline script waits until
//! every external before it has loaded or failed, because inline scripts run on insertion.

#[allow(unused_imports)]
use crate::prelude::*;

use ::core::cell::Cell;
use alloc::rc::{Rc, Weak};

use crate::browser::events::{Callback, Listener};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Element, HtmlIFrameElement, HtmlImageElement, HtmlScriptElement, MutationObserver,
    MutationObserverInit, MutationRecord, Node,
};

use super::{dom, trusted};
use crate::core::url::is_safe_url;
use crate::error::{log_error, Error, OrLog};
use crate::local::{cloned, read, update};
use crate::names::{attr, select};

/// What the gate asks of the component around it. Taken as `impl GateHost`, not `dyn`: each
/// build has one host (the runtime), and static calls inline (first stage -159 B brotli).
pub trait GateHost {
    /// What gated markup needs, as text ([`crate::core::consent::Need::key`]): its categories
    /// and its service.
    fn need(&self, el: &Element) -> String;
    /// Whether markup that needs `need` (as [`GateHost::need`] gave it) may run now.
    fn allows(&self, need: &str) -> bool;
    /// A placeholder to stand before a blocked frame or fallback.
    fn placeholder(&self, held: &Element, need: &str) -> Option<Element>;
    /// Called for each gated script a scan finds, before anything of that scan is released.
    fn found_script(&self, _script: &HtmlScriptElement) {}
}

/// A watch on the page for added elements (see [`Gate::watch`]); dropping it stops watching.
#[must_use = "dropping a Watch stops watching the page at once"]
pub struct Watch {
    observer: MutationObserver,
    _callback: Callback,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The gate's state: scripts waiting to run and the externals still loading.
#[derive(Default)]
pub struct Gate {
    // A Vec, not a VecDeque: a few scripts, and Vec code the crate has anyway.
    // Cells, not RefCells: a borrow's panic path formats its message (kilobytes of `core::fmt`
    // in the first stage). Each is taken and put back around plain Vec work that calls no script.
    /// Scripts to run, each with what it needs ([`GateHost::need`]).
    queue: Cell<Vec<(HtmlScriptElement, String)>>,
    loading: Cell<usize>,
    busy: Cell<bool>,
    ran: Cell<Vec<String>>,
    listeners: Cell<Vec<Listener>>,
}

impl Gate {
    /// A new, empty gate.
    pub fn new() -> Rc<Self> {
        Rc::new(Self::default())
    }

    /// Releases what `host` allows under `root` (and `root` itself), and puts placeholders before
    /// frames it does not.
    pub fn scan(self: &Rc<Self>, root: &Element, host: &impl GateHost) {
        for el in dom::query_all(root, select::GATED_SCRIPTS) {
            if let Ok(script) = el.dyn_into::<HtmlScriptElement>() {
                host.found_script(&script);
                let required = host.need(&script);
                // A script found again (a rescan, a moved node) may be queued twice: `run` skips
                // it once released. Checking the queue instead cost O(n²) calls into JS.
                if host.allows(&required) {
                    update(&self.queue, |queue| queue.push((script, required)));
                }
            }
        }
        for el in dom::query_all(root, select::WAITING_MEDIA) {
            let required = host.need(&el);
            if host.allows(&required) {
                release_media(&el);
            } else if el.dyn_ref::<HtmlIFrameElement>().is_some() {
                hold(&el, &required, host);
            }
        }
        for el in dom::query_all(root, select::FALLBACKS) {
            let required = host.need(&el);
            if host.allows(&required) {
                if el.get_attribute(attr::STATE).as_deref() == Some(attr::BLOCKED) {
                    unhold(&el);
                    let _ = el.set_attribute(attr::STATE, attr::LOADED);
                }
            } else {
                hold(&el, &required, host);
            }
        }
        self.process();
    }

    /// Scans every element added under `root` from now on, as `host` decides, and then calls
    /// `after(host)` once per batch of added nodes.
    pub fn watch<H: GateHost + 'static>(
        self: &Rc<Self>,
        root: &Element,
        host: Weak<H>,
        after: impl Fn(&H) + 'static,
    ) -> Result<Watch, Error> {
        let gate = Rc::downgrade(self);
        // Made once: a `&str` would be copied into JS again for every added node.
        let gated = js_sys::JsString::from(select::GATED);
        let callback = Callback::new(move |records: JsValue| {
            let records: js_sys::Array = records.unchecked_into();
            let (Some(gate), Some(host)) = (gate.upgrade(), host.upgrade()) else {
                return;
            };
            for record in records.iter() {
                // A MutationObserver reports nothing else.
                let added = record.unchecked_into::<MutationRecord>().added_nodes();
                for i in 0..added.length() {
                    let Some(node) = added.item(i) else { continue };
                    if node.node_type() != Node::ELEMENT_NODE {
                        continue;
                    }
                    let el: Element = node.unchecked_into();
                    // Most added nodes hold nothing gated: two cheap calls rule them out.
                    if holds_gated(&el, &gated) {
                        gate.scan(&el, host.as_ref());
                    }
                }
            }
            after(host.as_ref());
        });
        let observer = MutationObserver::new(callback.as_function())?;
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        observer.observe_with_options(root, &init)?;
        Ok(Watch {
            observer,
            _callback: callback,
        })
    }

    /// Takes back what `host` no longer allows: queued scripts are dropped and loaded frames go
    /// back behind a placeholder. Scripts that already ran are not stopped: see [`Gate::ran`].
    pub fn revoke(&self, root: &Element, host: &impl GateHost) {
        update(&self.queue, |queue| {
            queue.retain(|(_, need)| host.allows(need))
        });
        for el in dom::query_all(root, select::LOADED_HELD) {
            let required = host.need(&el);
            if host.allows(&required) {
                continue;
            }
            if el.dyn_ref::<HtmlIFrameElement>().is_none() {
                // A fallback: what its script made of it stays until the page reloads.
                let _ = el.remove_attribute(attr::STATE);
                hold(&el, &required, host);
                continue;
            }
            // A fresh copy without `src` drops the frame's document and whatever it runs.
            if let Ok(Ok(fresh)) = el.clone_node().map(|n| n.dyn_into::<Element>()) {
                let _ = fresh.remove_attribute("src");
                let _ = fresh.remove_attribute(attr::STATE);
                if el.replace_with_with_node_1(&fresh).is_ok() {
                    hold(&fresh, &required, host);
                }
            }
        }
    }

    /// What the scripts that ran needed, as [`GateHost::need`] keys (only a reload stops those).
    pub fn ran(&self) -> Vec<String> {
        cloned(&self.ran)
    }

    /// Whether `test` holds for what a script that ran needed (a [`GateHost::need`] key).
    pub fn ran_any(&self, test: impl Fn(&str) -> bool) -> bool {
        read(&self.ran, |ran| ran.iter().any(|required| test(required)))
    }

    /// Takes over what the scripts an earlier stage ran needed ([`GateHost::need`] keys).
    pub fn assume_ran(&self, needs: Vec<String>) {
        for need in needs {
            self.note_ran(need);
        }
    }

    /// Notes that a script of `required` ran.
    fn note_ran(&self, required: String) {
        update(&self.ran, |ran| {
            if !ran.contains(&required) {
                ran.push(required);
            }
        });
    }

    /// Runs queued scripts until the queue is empty or an inline script must wait for externals.
    fn process(self: &Rc<Self>) {
        if self.busy.replace(true) {
            return; // re-entered from a script we just ran: the outer loop carries on
        }
        loop {
            let next = {
                let mut queue = self.queue.take();
                let next = match queue.first() {
                    Some((s, _)) if !s.has_attribute("src") && self.loading.get() > 0 => None,
                    Some(_) => Some(queue.remove(0)),
                    None => None,
                };
                self.queue.set(queue);
                next
            };
            let Some((script, need)) = next else { break };
            self.run(&script, need)
                .or_log("a gated script could not run");
        }
        self.busy.set(false);
    }

    fn run(self: &Rc<Self>, old: &HtmlScriptElement, need: String) -> Result<(), Error> {
        if !old.is_connected() || old.type_() != "text/plain" {
            return Ok(()); // removed from the page, or already released
        }
        let src = old.get_attribute("src");
        if let Some(src) = &src {
            if !is_safe_url(src) {
                return Err(Error::Page(crate::core::text::concat(&[
                    "`",
                    src,
                    "` is not an http(s) or relative URL",
                ])));
            }
        }
        let new: HtmlScriptElement = dom::document()?
            .create_element("script")?
            .dyn_into()
            .map_err(|_| Error::Bug("could not create a script element"))?;
        let names = old.get_attribute_names();
        for name in names.iter().filter_map(|n| n.as_string()) {
            // `src` and the text go through Trusted Types below; `type` comes from `data-type`.
            if name != "type" && name != attr::TYPE && name != "src" {
                if let Some(value) = old.get_attribute(&name) {
                    new.set_attribute(&name, &value)?;
                }
            }
        }
        if let Some(kind) = old.get_attribute(attr::TYPE) {
            new.set_type(&kind);
        }
        // The nonce attribute reads back empty once parsed; only the property keeps it.
        new.set_nonce(&old.nonce());
        if let Some(src) = &src {
            js_sys::Reflect::set(&new, &"src".into(), &trusted::script_url(src)?)?;
            new.set_async(false);
            self.loading.set(self.loading.get() + 1);
            let done = Rc::downgrade(self);
            for event in ["load", "error"] {
                let done: Weak<Gate> = done.clone();
                let listener = Listener::once(&new, event, move |_| {
                    if let Some(gate) = done.upgrade() {
                        gate.loading.set(gate.loading.get().saturating_sub(1));
                        gate.process();
                    }
                });
                update(&self.listeners, |listeners| listeners.push(listener));
            }
        } else {
            let text = js_sys::Reflect::get(old, &"text".into())?;
            js_sys::Reflect::set(&new, &"text".into(), &trusted::script_text(text)?)?;
        }
        // The browser's own report of a blocked script names the component's file, which only
        // inserted it: say which of the page's gated scripts it was, and what would let it run.
        // The message is only made if the policy blocks it: not once per released script.
        let named = old.get_attribute(attr::CONSENT).unwrap_or_default();
        let listener = Listener::once(&new, "securitypolicyviolation", move |_| {
            log_error(&crate::core::text::concat(&[
                "the page's Content-Security-Policy blocked a gated script (data-consent=\"",
                &named,
                "\"): an inline one needs the page's nonce, an external one its host in script-src",
            ]));
        });
        update(&self.listeners, |listeners| listeners.push(listener));
        self.note_ran(need);
        // Inline scripts run right here, and may call back into the component.
        old.replace_with_with_node_1(&new)?;
        Ok(())
    }
}

/// Whether `el` is or holds an element matching `selectors` (when unsure, yes: then it is scanned).
fn holds_gated(el: &Element, selectors: &js_sys::JsString) -> bool {
    let probe = el.unchecked_ref::<dom::Probe>();
    probe.matches(selectors).unwrap_or(true)
        || (el.child_element_count() > 0 && probe.query(selectors).map_or(true, |f| !f.is_null()))
}

fn release_media(el: &Element) {
    let Some(src) = el.get_attribute(attr::SRC) else {
        return;
    };
    if !is_safe_url(&src) {
        log_error(&crate::core::text::concat(&[
            "`",
            &src,
            "` in data-src is not an http(s) or relative URL; left blocked",
        ]));
        return;
    }
    if let Some(frame) = el.dyn_ref::<HtmlIFrameElement>() {
        unhold(el);
        frame.set_src(&src);
    } else if let Some(img) = el.dyn_ref::<HtmlImageElement>() {
        img.set_src(&src);
    }
    let _ = el.set_attribute(attr::STATE, attr::LOADED);
}

fn placeholder_of(held: &Element) -> Option<Element> {
    held.previous_element_sibling()
        .filter(|p| p.has_attribute(attr::PLACEHOLDER))
}

/// Puts a refused frame or fallback behind its placeholder (once: a frame the first stage blocked
/// still needs one).
fn hold(held: &Element, need: &str, host: &impl GateHost) {
    if held.get_attribute(attr::STATE).is_some() && placeholder_of(held).is_some() {
        return;
    }
    let _ = held.set_attribute(attr::STATE, attr::BLOCKED);
    // Drawn while the frame still shows, so the placeholder can take its box.
    let placeholder = host.placeholder(held, need);
    let _ = held.set_attribute("hidden", "");
    if let Some(placeholder) = placeholder {
        let node: &Node = held.as_ref();
        let _ = node
            .parent_node()
            .map(|parent| parent.insert_before(&placeholder, Some(node)));
    }
}

/// Takes a frame or fallback out from behind its placeholder.
fn unhold(held: &Element) {
    if let Some(placeholder) = placeholder_of(held) {
        placeholder.remove();
    }
    let _ = held.remove_attribute("hidden");
}

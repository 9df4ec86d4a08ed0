//! The accessibility toolbar: its model (cookies, contrast, text size), its effects on the page,
//! and its view.

pub mod model;
pub mod page;
pub mod view;

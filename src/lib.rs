//! briefing: news articles in, a static HTML briefing out.
//!
//! The build is a pipeline of stages, each a module, passing plain data along:
//!
//! ```text
//! load -> parse -> extract -> assemble -> render -> write
//! source   source   extract    model       render    output
//! ```

pub mod extract;

//! Rendering user-facing artefacts; `escape` is the one place user text is quoted.

pub mod escape;
